"""Speakers named away from the quote, or inside its marks, and more transcript labels: made-up
texts, one for each rule, with texts holding the same words that must stay as they are."""

from __future__ import annotations

import pytest

from articles.pipeline.quotes import extract_headline_quotes, extract_quotes


def said(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body)]


def speaker_of(body: str, text: str) -> tuple[str | None, str]:
    (quote,) = [q for q in extract_quotes(body) if q.text == text]
    return quote.speaker, quote.speaker_kind


# --- pronouns and roles after the verb ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            # German inversion: the pronoun right after the verb, the addressee after it.
            "Die Ökonomin Hanna Selk aus Leipzig sieht das anders. "
            "„Die Bahn ist zu langsam“, sagte sie der Zeitung Nordkurier.",
            "Die Bahn ist zu langsam",
            "Hanna Selk",
        ),
        (
            "Kanzler Paul Brem sprach lange über Energie. "
            "„Wir reden über Wasserstoff“, fügte er hinzu.",
            "Wir reden über Wasserstoff",
            "Paul Brem",
        ),
        (
            # French inversion with "-t-il" and with a verb of opinion.
            "Le ministre Jean Aubry a rencontré les élus. « Rien n'est signé », a-t-il ajouté.",
            "Rien n'est signé",
            "Jean Aubry",
        ),
        (
            "Pour la chercheuse Lise Morand, interrogée par nos soins, rien ne change. "
            "« Le pays avance lentement », estime-t-elle.",
            "Le pays avance lentement",
            "Lise Morand",
        ),
        (
            # Spanish drops the pronoun: the verb alone after the quote, or "Y añadió:".
            "El ministro Luis Ferro fue más lejos. «Nadie nos dará órdenes», aseguró.",
            "Nadie nos dará órdenes",
            "Luis Ferro",
        ),
        (
            "El ministro Luis Ferro fue más lejos. Y añadió: «Queremos ser un puente».",
            "Queremos ser un puente",
            "Luis Ferro",
        ),
        (
            # Where it was written stands between the speaker and the verb.
            "Официальный представитель Анна Рябова в своём Telegram-канале назвала визит "
            "«важным шагом для всех».",
            "важным шагом для всех",
            "Анна Рябова",
        ),
        (
            "Spokeswoman Dana Holt on her Telegram channel wrote that the talks were "
            '"useful for both sides".',
            "useful for both sides",
            "Dana Holt",
        ),
    ],
)
def test_speaker_after_the_verb(body: str, text: str, speaker: str) -> None:
    assert speaker_of(body, text) == (speaker, "person")


def test_a_name_in_marks_run_into_the_sentence_is_not_attributed() -> None:
    # "for «Vechernyaya Gazeta» Ivanov wrote": a newspaper's name, not a quotation.
    body = "Накануне в статье для «Вечерней газеты» Иван Орлов написал о союзе."
    assert said(body) == []


def test_a_quote_closed_by_a_full_stop_keeps_what_follows() -> None:
    body = '"We are ready to sign." Ivan Orlov said nothing more about it.'
    assert speaker_of(body, "We are ready to sign.") == (None, "")


# --- attribution inside the marks -----------------------------------------------------------


def test_russian_attribution_between_dashes_splits_the_quote() -> None:
    body = (
        "Политолог Асан Бекеев считает, что выбор неизбежен. "
        "«Но у этой политики есть предел, — добавил он. — Рано или поздно придётся выбирать»."
    )
    assert said(body) == [
        ("Но у этой политики есть предел", "Асан Бекеев"),
        ("Рано или поздно придётся выбирать", "Асан Бекеев"),
    ]


def test_french_attribution_between_commas_splits_the_quote() -> None:
    body = (
        "Le ministre Jean Aubry a parlé aux élus. "
        "« Nous sommes prêts, a-t-il dit, à signer ce texte dès demain »."
    )
    assert said(body) == [
        ("Nous sommes prêts", "Jean Aubry"),
        ("à signer ce texte dès demain", "Jean Aubry"),
    ]


def test_dashes_inside_a_quote_without_a_speech_verb_stay_one_quote() -> None:
    body = "Асан Бекеев сказал: «Дорога — это жизнь региона, — и она нужна всем»."
    assert said(body) == [("Дорога — это жизнь региона, — и она нужна всем", "Асан Бекеев")]


# --- the paragraph before ------------------------------------------------------------------


def test_a_quote_paragraph_takes_the_person_of_the_paragraph_before() -> None:
    body = (
        "Aida Sarsen, an economist in Bishkek, pointed to the trade figures.\n\n"
        '"Trade inside the bloc is still small.\n\n'
        '"Until that changes, the bloc is a feeling, not a market."'
    )
    assert said(body) == [
        ("Trade inside the bloc is still small.", "Aida Sarsen"),
        ("Until that changes, the bloc is a feeling, not a market.", "Aida Sarsen"),
    ]


def test_a_quote_paragraph_after_a_paragraph_about_no_person_has_no_speaker() -> None:
    body = (
        "The ministers met for three hours in the old palace.\n\n"
        '"Trade inside the bloc is still small and will stay small."'
    )
    assert said(body) == [("Trade inside the bloc is still small and will stay small.", None)]


# --- roles ----------------------------------------------------------------------------------


def test_head_of_state_with_an_adjective_names_that_state() -> None:
    body = (
        "Президент России Иван Орлов прибыл в Астану. Его встретил президент Казахстана "
        "Арман Беков. «Мы ценим союзников», — отметил глава российского государства."
    )
    assert speaker_of(body, "Мы ценим союзников") == ("Иван Орлов", "person")


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            # Nobody was introduced as president: "le chef de l'État" is the one spoken of.
            "Marc Delorme a achevé sa tournée. Il a rencontré les élus. "
            "« Nous restons amis », a déclaré le chef de l'État.",
            "Nous restons amis",
            "Marc Delorme",
        ),
        (
            "Der Präsident Arman Beko empfing den Kanzler. Beko sprach von einem Wendepunkt. "
            "„Deutschland ist ein wichtiger Partner“, betonte der Gastgeber.",
            "Deutschland ist ein wichtiger Partner",
            "Arman Beko",
        ),
        (
            # A political scientist is an expert.
            "Политолог Асан Бекеев считает, что выбор неизбежен. "
            "«Многовекторность пока работает», — пояснил эксперт.",
            "Многовекторность пока работает",
            "Асан Бекеев",
        ),
        (
            "Die Zentralasien-Expertin Mira Falk sieht die Reise differenziert. "
            "„Rohstoffe dürfen nicht alles sein“, sagte sie.",
            "Rohstoffe dürfen nicht alles sein",
            "Mira Falk",
        ),
    ],
)
def test_a_role_stands_for_the_person_spoken_of(body: str, text: str, speaker: str) -> None:
    # The linker knows "Marc Delorme" for a person; the text alone does not say so.
    (quote,) = [q for q in extract_quotes(body, people=["Marc Delorme"]) if q.text == text]
    assert (quote.speaker, quote.speaker_kind) == (speaker, "person")


def test_a_role_of_many_holders_with_nobody_introduced_stays_unnamed() -> None:
    body = "Marc Delorme a achevé sa tournée. « Rien n'est signé », a déclaré le diplomate."
    assert speaker_of(body, "Rien n'est signé") == ("le diplomate", "anonymous")


def test_a_noun_after_an_indefinite_article_is_nobody_named() -> None:
    body = "„Das Thema wurde offen angesprochen“, sagte ein Regierungssprecher."
    assert speaker_of(body, "Das Thema wurde offen angesprochen") == (
        "Regierungssprecher",
        "anonymous",
    )


def test_a_german_office_speaks_as_an_institution() -> None:
    body = "Das Auswärtige Amt erklärte in Berlin: „Die Region ist keine Randregion mehr.“"
    assert speaker_of(body, "Die Region ist keine Randregion mehr.") == (
        "Das Auswärtige Amt",
        "institution",
    )


# --- headlines ------------------------------------------------------------------------------


def test_a_name_before_the_headline_colon_said_its_quote() -> None:
    (quote,) = extract_headline_quotes("Орлов: визит в Астану «не связан с выборами»", [])
    assert (quote.text, quote.speaker) == ("не связан с выборами", "Орлов")


def test_a_label_before_the_headline_colon_is_nobody() -> None:
    (quote,) = extract_headline_quotes('Analysis: why the "middle corridor" matters', [])
    assert quote.speaker is None


# --- transcripts ----------------------------------------------------------------------------


def test_initials_label_the_turns_of_the_guest_named_in_the_introduction() -> None:
    body = (
        "Minister Aliya Rakhim talked to The Steppe Review about the summit.\n\n"
        "TSR: Why does the summit matter?\n\n"
        "AR: Because the leaders come to us directly now, and that is new.\n\n"
        "TSR: And visas?\n\n"
        "AR: That is our biggest request, for students and for business."
    )
    assert said(body) == [
        ("Because the leaders come to us directly now, and that is new.", "Aliya Rakhim"),
        ("That is our biggest request, for students and for business.", "Aliya Rakhim"),
    ]


def test_two_capitals_used_once_are_not_a_label() -> None:
    body = "UN: the council meets on Friday to discuss the border and the water."
    assert said(body) == []


def test_a_host_who_asks_half_of_the_time_is_the_interviewer() -> None:
    body = (
        "Dana Orman (00:00:04):\nWelcome to the show. My guest is the envoy Omar Beg.\n\n"
        "Omar Beg (00:00:15):\nThanks, Dana. It is good to be back on the show.\n\n"
        "Dana Orman (00:00:19):\nWhat came out of the summit?\n\n"
        "Omar Beg (00:00:31):\nA minerals dialogue, and a business platform for the region.\n\n"
        "Dana Orman (00:01:05):\nWhat do you tell the sceptics?\n\n"
        "Omar Beg (00:01:13):\nThat we are not here to compete with anyone at all.\n\n"
        "Dana Orman (00:01:34):\nOmar Beg, thank you."
    )
    assert said(body) == [
        ("Thanks, Dana. It is good to be back on the show.", "Omar Beg"),
        ("A minerals dialogue, and a business platform for the region.", "Omar Beg"),
        ("That we are not here to compete with anyone at all.", "Omar Beg"),
    ]


def test_the_name_in_apposition_wins_over_the_role_before_it() -> None:
    # "La presidenta" alone would stand for the president introduced before.
    body = (
        "El presidente del Consejo, Pablo Ruiz, habló primero. "
        "La presidenta de la Comisión, Marta van der Berg, anunció un fondo. "
        "«Es una oferta, no una imposición», afirmó la política neerlandesa."
    )
    assert speaker_of(body, "Es una oferta, no una imposición") == ("Marta van der Berg", "person")


def test_an_attribution_after_the_quote_keeps_the_paragraph_before_out() -> None:
    body = (
        "Aida Sarsen, an economist in Bishkek, pointed to the trade figures.\n\n"
        '"The sea must stay a sea of peace," the old man in the second row told the summit.'
    )
    assert speaker_of(body, "The sea must stay a sea of peace") == (None, "")


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            '"We will not take sides," President Arman Beko was quoted as saying.',
            "We will not take sides",
            "Arman Beko",
        ),
        (
            "„Die Bahn ist zu langsam“, sagt Mira Falk, Ökonomin in Halle.",
            "Die Bahn ist zu langsam",
            "Mira Falk",
        ),
        (
            "Die Ökonomin Mira Falk kennt die Region. „Die Bahn ist zu langsam“, so Falk.",
            "Die Bahn ist zu langsam",
            "Mira Falk",
        ),
        (
            "« Le pays avance lentement », selon le ministre Jean Aubry.",
            "Le pays avance lentement",
            "Jean Aubry",
        ),
        (
            "« Le pays avance lentement », explique Lise Morand.",
            "Le pays avance lentement",
            "Lise Morand",
        ),
        ("«Nadie nos dará órdenes», dice Luis Ferro.", "Nadie nos dará órdenes", "Luis Ferro"),
        ("«Выбор неизбежен», — уверен политолог Асан Бекеев.", "Выбор неизбежен", "Асан Бекеев"),
    ],
)
def test_present_tenses_and_according_after_the_quote(body: str, text: str, speaker: str) -> None:
    assert speaker_of(body, text) == (speaker, "person")


def test_so_after_a_quote_needs_a_speaker() -> None:
    body = '"It was a long night," so the talks ended without a deal.'
    assert speaker_of(body, "It was a long night") == (None, "")


def test_numbered_question_labels() -> None:
    body = (
        "Minister Aliya Rakhim answered our questions.\n\n"
        "Question 1: Why does the summit matter?\n\n"
        "Answer: Because the leaders come to us directly now, and that is new.\n\n"
        "Вопрос 2: А визы?\n\n"
        "Answer: That is our biggest request, for students and for business."
    )
    assert said(body) == [
        ("Because the leaders come to us directly now, and that is new.", "Aliya Rakhim"),
        ("That is our biggest request, for students and for business.", "Aliya Rakhim"),
    ]


def test_a_numbered_heading_is_not_a_label() -> None:
    body = (
        "Article 5: the parties shall meet every year in one of the capitals.\n\n"
        "Article 6: the treaty enters into force after ratification by both parties."
    )
    assert said(body) == []


_QUESTIONS = (
    "\n\nWhy does the summit matter?\n\n"
    "Because the leaders come to us directly now, and that is new for the whole region.\n\n"
    "And visas?\n\n"
    "That is our biggest request, for students and for business people alike."
)


@pytest.mark.parametrize(
    "intro",
    [
        # "with" a publication: the name the introduction gives a role is the guest.
        "In an exclusive interview with Orda Today, Foreign Minister Aliya Rakhim discussed it.",
        "Foreign Minister Aliya Rakhim talked to The Steppe Review before the summit.",
    ],
)
def test_the_guest_is_not_the_publication(intro: str) -> None:
    assert {speaker for _, speaker in said(intro + _QUESTIONS)} == {"Aliya Rakhim"}


def test_the_person_asked_is_the_guest_even_without_a_role() -> None:
    body = (
        "Russian President Ivan Orlov flew in on Tuesday. We asked Zarina Sabirova about it."
        + _QUESTIONS
    )
    assert {speaker for _, speaker in said(body)} == {"Zarina Sabirova"}
