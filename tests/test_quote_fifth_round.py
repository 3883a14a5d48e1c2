"""Quote layouts and speaker forms of the fifth round: single quote marks, time-stamped and
"Pregunta."-labelled transcripts, briefing chairs, short answers, bold questions, and speakers
named by roles with a case, a gender or an institution after them. Made-up texts."""

from __future__ import annotations

from articles.pipeline.quotes import extract_headline_quotes, extract_quotes


def said(
    body: str, headline: str = "", people: tuple[str, ...] = ()
) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body, headline, people)]


# --- single quote marks ---------------------------------------------------------------------


def test_british_single_marks_over_two_paragraphs_and_around_he_said() -> None:
    body = (
        "Jane Holloway, the trade envoy, said: 'We are here for the long run. Nobody has to "
        "choose.\n\n"
        "'The investors' money is already at work in the government's new projects.'\n\n"
        "'There is more to come,' she said, 'and it will come soon.'"
    )
    assert said(body) == [
        ("We are here for the long run. Nobody has to choose.", "Jane Holloway"),
        (
            "The investors' money is already at work in the government's new projects.",
            "Jane Holloway",
        ),
        ("There is more to come", "Jane Holloway"),
        ("and it will come soon.", "Jane Holloway"),
    ]


def test_single_marks_stay_apostrophes_in_a_text_that_quotes_with_double_marks() -> None:
    body = (
        '"We will sign it this year," Jane Holloway said of the partners\' plan.\n\n'
        "The 'road map' was the envoys' idea, and it's still on the table."
    )
    assert said(body) == [("We will sign it this year", "Jane Holloway")]


def test_headline_single_marks_follow_the_body() -> None:
    british = "'We are not here to make you choose,' Jane Holloway said."
    american = '"We are not here to make you choose," Jane Holloway said.'
    headline = "Envoy in Astana: 'We are not here to make you choose'"
    body_quotes = extract_quotes(british)
    (quote,) = extract_headline_quotes(headline, body_quotes, british)
    assert (quote.text, quote.speaker) == ("We are not here to make you choose", "Jane Holloway")
    # Over a body in double marks, a headline's single marks are scare quotes.
    assert extract_headline_quotes(headline, extract_quotes(american), american) == []


def test_guillemets_hold_curly_marks_inside() -> None:
    body = "«Nos llamaban “el patio trasero” de otros. Hoy somos un puente», dijo Ana Ruiz."
    assert said(body) == [
        ("Nos llamaban “el patio trasero” de otros. Hoy somos un puente", "Ana Ruiz")
    ]


# --- transcripts ----------------------------------------------------------------------------


def test_time_stamped_live_transcript() -> None:
    body = (
        "Our running transcript of the statements.\n\n"
        "[10:01] The two ministers walk in and take their places at the lecterns.\n\n"
        "[10:02] Jane Doe (via interpreter): We have agreed on a new railway to the coast.\n\n"
        "[10:04] John Roe: Thank you, Jane. The railway will carry grain and cotton.\n\n"
        "[10:05] Roe turns to the border, which was not on the printed programme at all.\n\n"
        "10:07 Jane Doe: The border talks will resume in the spring, in our capital."
    )
    assert said(body) == [
        ("We have agreed on a new railway to the coast.", "Jane Doe"),
        ("Thank you, Jane. The railway will carry grain and cotton.", "John Roe"),
        ("The border talks will resume in the spring, in our capital.", "Jane Doe"),
    ]


def test_pregunta_and_respuesta_labels_then_initials() -> None:
    body = (
        "El canciller habló con nosotros en su despacho durante una hora entera.\n\n"
        "Pregunta. ¿Qué cambia con el tratado?\n\n"
        "Respuesta. Todo. Ahora hay una línea que los dos Estados reconocen.\n\n"
        "P. ¿Y el comercio?\n\n"
        "R. Crecerá, porque abriremos los pasos fronterizos cerrados."
    )
    quotes = said(body, headline='Jorge Almada: "Todo cambia"')
    assert quotes == [
        ("Todo. Ahora hay una línea que los dos Estados reconocen.", "Jorge Almada"),
        ("Crecerá, porque abriremos los pasos fronterizos cerrados.", "Jorge Almada"),
    ]


def test_a_lone_initial_with_a_full_stop_is_no_label() -> None:
    body = (
        "P. Smith, the envoy, arrived on Monday and met the minister for an hour.\n\n"
        "R. Jones, his deputy, stayed behind in the capital to prepare the visit."
    )
    assert said(body) == []


def test_a_chair_who_hands_the_floor_twice_says_no_quotes() -> None:
    body = (
        "MR HALE: Good afternoon. The ministers will speak first and then take questions.\n\n"
        "MINISTER DOE: Thank you. We signed an agreement on water today.\n\n"
        "MR HALE: First question, please.\n\n"
        "QUESTION: Minister, when will the dam be finished?\n\n"
        "MINISTER DOE: In three years, if the financing holds as we expect.\n\n"
        "MR HALE: And the last question.\n\n"
        "QUESTION: Will the neighbours be consulted?\n\n"
        "MINISTER DOE: They already are, every month, at the level of experts."
    )
    assert [speaker for _, speaker in said(body)] == ["MINISTER DOE"] * 3


def test_a_short_reply_to_a_question_is_an_answer() -> None:
    body = (
        "MR. HALE:  The President will host the leaders here this afternoon.\n\n"
        "Q    Will he raise human rights?\n\n"
        "MR. HALE:  He always does.\n\n"
        "Q    And trade?\n\n"
        "MR. HALE:  Trade is the first item on the agenda, as it was last year."
    )
    assert [text for text, _ in said(body)] == [
        "The President will host the leaders here this afternoon.",
        "He always does.",
        "Trade is the first item on the agenda, as it was last year.",
    ]


def test_bold_questions_and_a_guest_introduced_by_a_role() -> None:
    body = (
        "Emmanuel Dupré est attendu mercredi. Le chercheur Paul Morin explique ce voyage.\n\n"
        "**Pourquoi maintenant ?**\n\n"
        "Parce que la région cherche d'autres partenaires, et vite.\n\n"
        "**Et ensuite ?**\n\n"
        "Emmanuel Dupré devra revenir, sinon la visite ne servira à rien."
    )
    assert said(body) == [
        ("Parce que la région cherche d'autres partenaires, et vite.", "Paul Morin"),
        ("Emmanuel Dupré devra revenir, sinon la visite ne servira à rien.", "Paul Morin"),
    ]


# --- speakers -------------------------------------------------------------------------------


def test_a_role_after_a_comma_and_before_a_verb_is_no_apposition() -> None:
    body = (
        "Speaking after talks with Foreign Minister Ivan Petrenko, the trade secretary said: "
        '"We are not here to make anyone choose."'
    )
    ((_, speaker),) = said(body)
    assert speaker != "Ivan Petrenko"


def test_the_subject_after_a_participle_clause() -> None:
    body = (
        "Mr Petrenko spoke of the grain deal on Monday.\n\n"
        "Asked whether the capital was worried about the new rules on transit goods, Jane "
        'Holloway chose her words. "We keep talking about it, as friends do," she said.'
    )
    # Names the linker links to a person are persons (``people``), as in the archive.
    people = ("Jane Holloway", "Mr Petrenko")
    assert said(body, people=people) == [
        ("We keep talking about it, as friends do", "Jane Holloway")
    ]


def test_russian_roles_in_an_oblique_case() -> None:
    body = (
        "Внимание привлекло выступление президента Таджикистана Ивана Сидорова.\n\n"
        "«Мы хотим уважения и равного разговора», — заявил таджикский лидер.\n\n"
        "«Это давно запланированная встреча», — сказал пресс-секретарь президента Олег "
        "Карпов.\n\n"
        "«Нам нужен этот формат», — подчеркнул президент Таджикистана."
    )
    quotes = said(body)
    assert quotes[0] == ("Мы хотим уважения и равного разговора", "Ивана Сидорова")
    # The press secretary is the president's, not a president.
    assert quotes[2] == ("Нам нужен этот формат", "Ивана Сидорова")


def test_a_role_then_its_holder_without_a_comma() -> None:
    body = (
        "Глава государства-хозяина Пётр Орлов предложил встречаться каждый год. «Такой формат "
        "нужен всем нам», — подчеркнул он."
    )
    assert said(body) == [("Такой формат нужен всем нам", "Пётр Орлов")]


def test_a_role_with_the_name_in_apposition_after_it() -> None:
    body = (
        "«No venimos a pedir a nadie que elija», afirmó la presidenta de la Comisión Regional, "
        "Marta Solís Vega, que presentó el plan."
    )
    assert said(body) == [("No venimos a pedir a nadie que elija", "Marta Solís Vega")]


def test_the_institution_of_a_role_is_no_speaker() -> None:
    body = (
        "La presidenta Marta Solís habló primero. El anfitrión, Pedro Lagos, la escuchó.\n\n"
        "La presidenta de la Comisión insistió después ante la prensa. «Queremos socios, no "
        "minas», subrayó."
    )
    ((_, speaker),) = said(body)
    assert speaker != "Comisión"


def test_a_feminine_role_takes_the_holder_introduced_with_it() -> None:
    body = (
        "Bundesaußenministerin Anna Keller traf in der Hauptstadt Außenminister Ivan Petrenko.\n\n"
        "„Wir haben die Region zu lange übersehen“, sagte die Ministerin.\n\n"
        "„Wir halten uns an die Regeln“, sagte der Außenminister."
    )
    quotes = said(body)
    assert quotes[0] == ("Wir haben die Region zu lange übersehen", "Anna Keller")
    assert quotes[1][1] != "Anna Keller"


def test_a_role_in_a_compound_is_trimmed_and_read_as_the_role() -> None:
    body = (
        "Bundesaußenministerin Anna Keller kam am Montag an. Die Grünen-Politikerin lobte die "
        "Gastgeber. „Das ist ein guter Anfang“, sagte sie."
    )
    assert said(body) == [("Das ist ein guter Anfang", "Anna Keller")]


def test_a_head_of_an_institution_introduced_before_its_name() -> None:
    body = (
        "La presidenta de la Comisión Regional, Marta Solís Vega, habló primero. El presidente "
        "del Consejo, Pedro Lagos, la escuchó.\n\n"
        "La presidenta de la Comisión insistió después. «Queremos socios, no minas», subrayó."
    )
    assert said(body) == [("Queremos socios, no minas", "Marta Solís Vega")]


def test_a_spanish_mandatario_is_a_leader() -> None:
    body = (
        "El anfitrión, Pedro Lagos, calificó la cita de histórica. «Hoy somos un puente entre "
        "vecinos», dijo el mandatario."
    )
    assert said(body) == [("Hoy somos un puente entre vecinos", "Pedro Lagos")]


def test_german_perfect_and_verb_second_pronouns() -> None:
    body = (
        "Anna Keller kam am Montag. Dann wurde sie deutlich: „Die Regeln gelten für alle.“\n\n"
        "Außenminister Ivan Petrenko antwortete knapp.\n\n"
        "Am Dienstag reist Keller weiter. „Wir sprechen das offen an“, hatte sie vor der Reise "
        "gesagt."
    )
    assert said(body, people=("Anna Keller", "Ivan Petrenko")) == [
        ("Die Regeln gelten für alle.", "Anna Keller"),
        ("Wir sprechen das offen an", "Anna Keller"),
    ]
