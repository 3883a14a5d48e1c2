"""More interview layouts and speakers named by role, pronoun or colon: made-up texts, one
for each rule, with real sentences holding the same words that must stay as they are."""

from __future__ import annotations

import pytest

from articles.pipeline.quotes import extract_headline_quotes, extract_quotes


def said(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body)]


def speaker_of(body: str, text: str) -> tuple[str | None, str]:
    (quote,) = [q for q in extract_quotes(body) if q.text == text]
    return quote.speaker, quote.speaker_kind


# --- transcripts ---------------------------------------------------------------------------


def test_dotted_answers_after_dotted_questions() -> None:
    body = (
        "We asked Jana Ostrova, an economist in Almaty, about the plan.\n\n"
        "Q. Will the railway be built?\n\n"
        "A. Not this decade, because the money is not there yet.\n\n"
        "Q. And the road?\n\n"
        "A. The road is easier, and the contractors are already at work."
    )
    assert said(body) == [
        ("Not this decade, because the money is not there yet.", "Jana Ostrova"),
        ("The road is easier, and the contractors are already at work.", "Jana Ostrova"),
    ]


def test_names_in_capitals_alone_on_their_line() -> None:
    body = (
        "Our host Lena Marsh talked to Omar Beg about the summit.\n\n"
        "LENA MARSH\n\nWhy does the summit matter?\n\n"
        "OMAR BEG\n\nBecause the region has never met the chancellor in one room before.\n\n"
        "LENA MARSH\n\nWhat comes next?\n\n"
        "OMAR BEG\n\nA second meeting next year, and a fund for the railway.\n\n"
        "LENA MARSH\n\nOmar Beg, thank you.\n\n"
        "OMAR BEG\n\nThank you, Lena."
    )
    # The host's turns are questions; the closing courtesy is not a quotation.
    assert said(body) == [
        ("Because the region has never met the chancellor in one room before.", "OMAR BEG"),
        ("A second meeting next year, and a fund for the railway.", "OMAR BEG"),
    ]


def test_a_capitalised_line_used_once_is_a_kicker_not_a_label() -> None:
    body = "CASPIAN TALKS\n\nThe ministers met in the port city and agreed on a timetable."
    assert said(body) == []


def test_french_labels_in_capitals_with_a_dash() -> None:
    body = (
        "Le président Ilan Oskarov a reçu ses voisins. Nous avons interrogé Marie Leroux.\n\n"
        "LE JOURNAL. – Pourquoi maintenant ?\n\n"
        "MARIE LEROUX. – Parce que le calendrier s'y prête enfin, et tout le monde le sait.\n\n"
        "LE JOURNAL. – Le président kirghiz a parlé d'un « tournant historique ». Est-ce vrai ?\n\n"
        "MARIE LEROUX. – Un second sommet, l'an prochain, à Bichkek, le dira."
    )
    assert said(body) == [
        ("Parce que le calendrier s'y prête enfin, et tout le monde le sait.", "MARIE LEROUX"),
        # A question may quote someone; its label is nobody's subject.
        ("tournant historique", "Ilan Oskarov"),
        ("Un second sommet, l'an prochain, à Bichkek, le dira.", "MARIE LEROUX"),
    ]


def test_a_sentence_in_capitals_before_a_dash_is_not_a_label() -> None:
    body = "EU LEADERS – all twenty-seven of them – met in Brussels on Thursday."
    assert said(body) == []


def test_unlabelled_question_and_a_line_about_the_guest_end_an_answer() -> None:
    body = (
        "Ein Gespräch mit Ilse Brandt.\n\n"
        "Warum jetzt?\n\n"
        "Brandt: Weil die Region endlich gemeinsam auftritt und die Zeit dafür reif ist.\n\n"
        "In Kirgistan geht es auch um Sanktionen. Wie heikel ist das eigentlich?\n\n"
        "Brandt: Sehr heikel, und alle Beteiligten wissen das sehr genau.\n\n"
        "Brandt ist Politologin an einem Berliner Institut und forscht seit Jahren zur Region."
    )
    assert said(body) == [
        ("Weil die Region endlich gemeinsam auftritt und die Zeit dafür reif ist.", "Brandt"),
        ("Sehr heikel, und alle Beteiligten wissen das sehr genau.", "Brandt"),
    ]


def test_a_question_may_quote_a_speaker_in_spanish() -> None:
    body = (
        "Hablamos con el analista Luis Prado.\n\n"
        'P: Sánchez habló de "una nueva etapa para la región". ¿Qué significa?\n\n'
        "R: Que el comercio crecerá mucho en los próximos años."
    )
    assert said(body) == [
        ("una nueva etapa para la región", "Sánchez"),
        ("Que el comercio crecerá mucho en los próximos años.", "Luis Prado"),
    ]


def test_unlabelled_questions_of_an_interview_with_a_named_guest() -> None:
    body = (
        "Our correspondent spoke to economist Dana Ermek about the new corridor.\n\n"
        "Why does the corridor matter now?\n\n"
        "Because the northern route is closed to half of the shippers, and the ports are full.\n\n"
        "Will it pay for itself?\n\n"
        "Not for a decade, and everybody at the ministry knows it very well."
    )
    assert said(body) == [
        (
            "Because the northern route is closed to half of the shippers, and the ports are full.",
            "Dana Ermek",
        ),
        ("Not for a decade, and everybody at the ministry knows it very well.", "Dana Ermek"),
    ]


def test_questions_in_a_report_do_not_make_it_an_interview() -> None:
    body = (
        "Ministers met on Monday. Reporters spoke to Dana Ermek about it.\n\n"
        "What does that mean for the region?\n\n"
        "Is the money there?\n\n"
        "Officials declined to say, and the talks continue in May."
    )
    assert said(body) == []


def test_a_role_label_is_the_guest_the_introduction_names() -> None:
    body = (
        "О переговорах рассказал министр иностранных дел Иван Сидоров.\n\n"
        "Корреспондент: Что стало решающим?\n\n"
        "Министр: Политическая воля двух президентов, и это главное.\n\n"
        "Корреспондент: Что дальше?\n\n"
        "Министр: Ратификация в парламенте в ближайшие недели."
    )
    assert said(body) == [
        ("Политическая воля двух президентов, и это главное.", "Иван Сидоров"),
        ("Ратификация в парламенте в ближайшие недели.", "Иван Сидоров"),
    ]


def test_question_and_answer_labels_with_a_hyphen() -> None:
    body = (
        "An interview with economist Dana Ermek.\n\n"
        "Q - Why now?\n\nA - Because the route is finally open to everyone.\n\n"
        "Q - And next?\n\nA - A second corridor, to the south, within five years."
    )
    assert said(body) == [
        ("Because the route is finally open to everyone.", "Dana Ermek"),
        ("A second corridor, to the south, within five years.", "Dana Ermek"),
    ]


def test_bold_unlabelled_questions_with_the_guest_in_an_interview_headline() -> None:
    body = (
        "The minister came to Almaty for one day.\n\n"
        "**Why did you come now?**\n\n"
        "Because the railway agreement is ready and needs a signature on both sides.\n\n"
        "**What comes after it?**\n\n"
        "A customs union for the valley, which will take at least three more years."
    )
    headline = "Interview: Aibek Toktorov on the new railway"
    quotes = [(q.text, q.speaker) for q in extract_quotes(body, headline)]
    assert quotes == [
        (
            "Because the railway agreement is ready and needs a signature on both sides.",
            "Aibek Toktorov",
        ),
        (
            "A customs union for the valley, which will take at least three more years.",
            "Aibek Toktorov",
        ),
    ]
    # Without a headline that says it is an interview, the questions are the report's own.
    assert said(body) == []


def test_names_in_ordinary_case_alone_on_their_line_when_two_take_turns() -> None:
    body = (
        "Lena Marsh talked to Omar Beg.\n\n"
        "Lena Marsh\n\nWhat did the summit decide?\n\n"
        "Omar Beg\n\nA fund for the railway and a timetable for the customs posts.\n\n"
        "Lena Marsh\n\nAnd the money?\n\n"
        "Omar Beg\n\nIt comes from the development bank, over ten years."
    )
    assert said(body) == [
        ("A fund for the railway and a timetable for the customs posts.", "Omar Beg"),
        ("It comes from the development bank, over ten years.", "Omar Beg"),
    ]


def test_a_subheading_used_twice_is_not_a_speaker() -> None:
    body = (
        "The ministers met on Monday.\n\nTrade Talks\n\nThey agreed on a timetable.\n\n"
        "Trade Talks\n\nThey will meet again in May."
    )
    assert said(body) == []


def test_kazakh_question_and_answer_labels() -> None:
    body = (
        "Экономист Дана Ермек ответила на вопросы.\n\n"
        "Сұрақ: Дәліз не үшін маңызды?\n\n"
        "Жауап: Солтүстік бағыт жабық, сондықтан жаңа жол керек."
    )
    assert said(body) == [("Солтүстік бағыт жабық, сондықтан жаңа жол керек.", "Дана Ермек")]


# --- speakers by role, pronoun and colon ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        # The holder introduced with a word of the same stem as the descriptor's.
        (
            "Kyrgyz President Aibek Toktorov and Tajik President Daler Rustamov signed the "
            'treaty. "It closes thirty years of dispute," the Tajik leader said.',
            "It closes thirty years of dispute",
            "Daler Rustamov",
        ),
        (
            "Kyrgyz President Aibek Toktorov and Tajik President Daler Rustamov signed the "
            'treaty. "We thank our colleagues," the Kyrgyz president said.',
            "We thank our colleagues",
            "Aibek Toktorov",
        ),
        # Nobody of that country introduced by role: the person the text last spoke of.
        (
            "Kyrgyz President Aibek Toktorov opened the talks. Daler Rustamov spoke of the "
            'families. "We owe this treaty to them," the Tajik leader said.',
            "We owe this treaty to them",
            "Daler Rustamov",
        ),
        # The adjective after the role in French, a lower-case one in Russian.
        (
            "Le président kazakh Nurlan Omarov et le président français Paul Girard se sont "
            "vus mardi. « Le pays est un carrefour », a affirmé le président français.",
            "Le pays est un carrefour",
            "Paul Girard",
        ),
        (
            "Президент Казахстана Ерлан Беков открыл встречу. Президент Узбекистана Алишер "
            "Каримов поддержал идею. «Мы договорились о новом графике», — заявил узбекский лидер.",
            "Мы договорились о новом графике",
            "Алишер Каримов",
        ),
        # "По его словам": the person last spoken of, the name after its role and country.
        (
            "Президент Узбекистана Алишер Каримов заявил, что «работа продолжается». "
            "Президент Кыргызстана Алмаз Бекаев говорил о транспорте. По его словам, проект "
            "«уже перешёл к строительству».",
            "уже перешёл к строительству",
            "Алмаз Бекаев",
        ),
        # A pronoun before a colon; a lower-case role between nationality and name.
        (
            "Belarusian leader Pavel Zhuk arrived late. Asked about the absent ministers, he "
            'shrugged: "Those who are away today will come back tomorrow."',
            "Those who are away today will come back tomorrow.",
            "Pavel Zhuk",
        ),
        # "Kazakhstan's Erlan Sadykov" is a person, so "he" is him and not the earlier speaker.
        (
            '"We need peace first," Foreign Minister Ivan Orlov said.\n\n'
            "Kazakhstan's Erlan Sadykov raised transport. Trade should move faster, he said, "
            'adding that checks "still take days instead of hours."',
            "still take days instead of hours.",
            "Erlan Sadykov",
        ),
    ],
)
def test_speakers_by_role_pronoun_and_colon(body: str, text: str, speaker: str) -> None:
    assert speaker_of(body, text) == (speaker, "person")


def test_a_role_nobody_holds_stays_unnamed() -> None:
    body = 'Talks ended late. "Nothing was agreed," the Russian leader said.'
    assert speaker_of(body, "Nothing was agreed") == ("the Russian leader", "anonymous")


def test_a_country_after_a_role_and_a_preposition_is_not_a_person() -> None:
    body = (
        "Le président du Kazakhstan a choisi la France. Paul Girard a salué son hôte. "
        "« Le pays est un carrefour », a affirmé le président français."
    )
    assert speaker_of(body, "Le pays est un carrefour") == ("Paul Girard", "person")


def test_headline_quote_takes_the_body_speaker_when_the_body_names_someone_else() -> None:
    body = 'Economist Jana Vogt said: "The region matters now more than ever."'
    body_quotes = extract_quotes(body)
    (quote,) = extract_headline_quotes('Scholz in Almaty: "The region matters now"', body_quotes)
    assert (quote.text, quote.speaker) == ("The region matters now", "Jana Vogt")
    assert body[quote.speaker_start : quote.speaker_end] == "Jana Vogt"
