"""Counters joined on one line, hashtag lines, share counts, support appeals, consent notices
without the word "cookie", imprint lines, captions closed by their credit, pull quotes and tag
headings; the outlet named by a registration footer, a source label or the page's address; the
headers of official sites and section labels; dates with the day first and Kazakh Latin months.

Every line is made up for the test; real sentences holding the same words stay in the body.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles.pipeline import furniture
from articles.pipeline.parsing import outlet_names, parse_document
from articles.pipeline.text_metadata import find_dates

TITLE = "Talks in the capital end with a joint statement"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."
CLOSING = "The next round is due in May, the ministry said."


def in_body(line: str) -> list[str]:
    return parse_document(f"{TITLE}\n\n{BODY}\n\n{line}\n\n{CLOSING}").body.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        # counters and share counts, alone or several on one line
        "6 min read · 1 204 views",
        "Reading time: 2 min | 310 views",
        "Share 41 · Tweet 9",
        "Facebook 18 | Telegram 3 | X 2",
        "#Energy #Water #CentralAsia",
        "Ko'rishlar soni: 1 215",
        # support appeals
        "Our newsroom is funded by its readers. Support us from $2 a month.",
        "If you like our work, consider a monthly donation.",
        "Soutenez notre rédaction : faites un don.",
        "Unterstützen Sie unseren Journalismus mit einem Abo.",
        "Поддержите редакцию: каждый взнос важен.",
        # consent without the word "cookie", and with it in Kazakh
        "By continuing to browse this site you accept our terms.",
        "Продолжая пользоваться сайтом, вы соглашаетесь с правилами.",
        "En poursuivant votre navigation, vous acceptez nos conditions.",
        "Сайтты пайдалана отырып, сіз cookie файлдарын қолдануға келісесіз.",
        "Cet article vous a plu ? Partagez-le",
        "Did you enjoy this story? Tell a friend",
        # imprint lines and an age rating
        "Главный редактор: А. Сериков",
        "Адрес редакции: 010000, г. Астана, пр. Мира, 1. Тел.: +7 7172 00-00-00",
        "Учредитель: ТОО «Пример Медиа»",
        "Editor-in-chief: Jane Roe",
        "Impressum: Beispiel Verlag, Berlin",
        "18+",
        # captions closed by their credit
        "The foreign minister (left) and his guest at the signing ceremony. [Foreign Ministry]",
        "Die Minister bei der Unterzeichnung in der Hauptstadt. (Foto: Beispiel Pool/dpa)",
        "Los ministros tras la firma del acuerdo en la capital. EFE/ Ana López",
        "Министры после подписания соглашения. Фото пресс-службы министерства",
    ],
)
def test_furniture_line_is_dropped(line: str) -> None:
    assert line not in in_body(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Foto- und Videoaufnahmen zeigten eine Ehrenformation am Flughafen.",
        "Photo opportunities were kept short because of the rain.",
        "Updated figures from the statistics office show trade rose by a fifth.",
        "Live broadcasts of the ceremony ran on state television.",
        "More from Tashkent is expected soon.",
        "Read the statement below.",
        "The fund asked donors for more support after the floods.",
        "He said the editor-in-chief of the newspaper had been questioned.",
        "Ten of the 18 members voted for the plan.",
        "The reservoir was named after the town [of Kempir-Abad] in the Soviet era.",
        "The minister spoke at length. [Press office]",
        "Trade rose by a tenth last year (source: the customs committee).",
        '"Our partners support us in this work," the minister said.',
        "Editor: Why did the talks take so long?",
        "Director: We had to check every article of the text twice.",
    ],
)
def test_real_sentence_with_the_same_words_stays(sentence: str) -> None:
    assert sentence in in_body(sentence)


def test_parts_joined_on_a_line_are_furniture_only_when_each_part_is() -> None:
    assert furniture.is_furniture_line("3 min read · 980 views")
    assert not furniture.is_furniture_line("3 min read · the ministers met at noon")


def test_a_pull_quote_repeating_a_quote_of_the_text_is_dropped() -> None:
    quote = "Мы готовы работать со всеми соседями"
    text = (
        f"{TITLE}\n\n{BODY}\n\n«{quote}», — сказал министр на брифинге.\n\n«{quote}»\n\n{CLOSING}"
    )
    body = parse_document(text).body.split("\n\n")
    assert f"«{quote}»" not in body
    assert f"«{quote}», — сказал министр на брифинге." in body


def test_a_quotation_said_once_stays() -> None:
    statement = '"The parties confirm the line of the border and will manage the river jointly."'
    assert statement in in_body(statement)


def test_a_tag_heading_takes_its_tags() -> None:
    text = f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\nТеги\nВода\nэнергетика\nКазахстан"
    assert parse_document(text).body == f"{BODY}\n\n{CLOSING}"


def test_a_copyright_line_under_a_rail_is_the_footer_not_a_headline() -> None:
    text = (
        f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\nMehr zum Thema\nDie Grenze ist offen\n\n© Ostwind 2024"
    )
    parsed = parse_document(text)
    assert parsed.body == f"{BODY}\n\n{CLOSING}"
    assert parsed.source_name == "Ostwind"


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        (
            "Сетевое издание «Степной курьер». Свидетельство о регистрации СМИ № 1-СИ от "
            "01.02.2020.",
            "Степной курьер",
        ),
        ("© 2024 ИА «Вестник Оша». При цитировании ссылка обязательна.", "Вестник Оша"),
        ("Manba: Yangi Kun axborot agentligi", "Yangi Kun axborot agentligi"),
        ("Дереккөз: Дала ақпарат", "Дала ақпарат"),
        ("Source: Example Wire", "Example Wire"),
    ],
)
def test_footers_and_source_labels_name_the_outlet(footer: str, outlet: str) -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\n{footer}")
    assert parsed.source_name == outlet
    assert parsed.body == f"{BODY}\n\n{CLOSING}"


def test_a_founder_line_names_no_outlet() -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\nУчредитель: ТОО «Пример Медиа»")
    assert parsed.source_name is None


def test_a_dateline_credit_after_a_correspondent_abbreviation() -> None:
    text = f"{TITLE}\n\nАСТАНА, 3 марта 2024. /Корр. Степной курьер/. Министры встретились.\n\nЕще."
    assert parse_document(text).source_name == "Степной курьер"


def test_the_address_of_a_known_outlet_over_the_headline_names_it() -> None:
    known = outlet_names(["Example Wire", "examplewire.kz"])
    text = f"https://examplewire.kz/live/talks\nLIVE\n{TITLE}\n\n{BODY}\n\n{CLOSING}"
    parsed = parse_document(text, known)
    assert parsed.source_name == "examplewire.kz"
    assert parsed.title == TITLE


def test_an_unknown_address_or_one_in_the_body_names_no_outlet() -> None:
    known = outlet_names(["Example Wire", "examplewire.kz"])
    unknown = f"https://elsewhere.example/live\n{TITLE}\n\n{BODY}\n\n{CLOSING}"
    assert parse_document(unknown, known).source_name is None
    below = f"{TITLE}\n\n{BODY}\n\nhttps://examplewire.kz/other\n\n{CLOSING}"
    assert parse_document(below, known).source_name is None


def test_an_official_site_naming_itself_is_the_masthead() -> None:
    text = (
        "Official website of the Ministry of Water of the Example Republic\n"
        "Press service › News\n\n"
        f"{TITLE}\n\n4 March 2024\n\n{BODY}"
    )
    parsed = parse_document(text)
    assert parsed.title == TITLE
    assert parsed.source_name == "Official website of the Ministry of Water of the Example Republic"
    assert parsed.published == dt.date(2024, 3, 4)


def test_a_section_word_in_a_block_of_its_own_over_the_headline() -> None:
    text = f"4 марта 2024, 10:15\nЭкономика\n\n{TITLE}\n\n{BODY}"
    parsed = parse_document(text)
    assert parsed.title == TITLE
    assert parsed.published == dt.date(2024, 3, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Publié le 03/04/2024 à 10h00", dt.date(2024, 4, 3)),
        ("Publicado el 03/04/2024", dt.date(2024, 4, 3)),
        ("Опубликовано 03/04/2024", dt.date(2024, 4, 3)),
        ("Posted 03/04/2024", None),
        ("15/04/2024", dt.date(2024, 4, 15)),
        ("12 mamyr 2025, 09:30", dt.date(2025, 5, 12)),
        ("3 qañtar 2024", dt.date(2024, 1, 3)),
        ("21 qyrküiek 2023", dt.date(2023, 9, 21)),
    ],
)
def test_day_first_labels_and_kazakh_latin_months(text: str, day: dt.date | None) -> None:
    assert next((d for _, _, d in find_dates(text)), None) == day


def test_a_byline_with_each_reporter_s_city_and_the_outlet_as_a_part() -> None:
    text = (
        f"{TITLE}\nBy Anna Li in Beijing and Marat Ospanov in Astana | Example Daily | "
        f"Updated: 2024-03-04 10:15\n\n{BODY}\n\n{CLOSING}"
    )
    parsed = parse_document(text)
    assert parsed.authors == ("Anna Li", "Marat Ospanov")
    assert parsed.published == dt.date(2024, 3, 4)
    assert parsed.body == f"{BODY}\n\n{CLOSING}"


def test_an_editor_label_with_a_name_only_is_furniture() -> None:
    assert "Editor: Anna Li" not in in_body("Editor: Anna Li")
    assert "Редактор: Марат Оспанов" not in in_body("Редактор: Марат Оспанов")
    assert "Editor: Why did you sign it?" in in_body("Editor: Why did you sign it?")


def test_a_copyright_notice_saying_whose_the_content_is_names_the_outlet() -> None:
    footer = (
        "Copyright 2000 - 2024. All rights reserved. The content published in this site "
        "belongs to Example Daily."
    )
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{CLOSING}\n\n{footer}")
    assert parsed.source_name == "Example Daily"
    assert parsed.body == f"{BODY}\n\n{CLOSING}"


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("ОШ, 3 марта – ЮГпресс. Министры встретились в понедельник.", "ЮГпресс"),
        ("АСТАНА, 5 марта. Казахстан – крупнейший партнер региона.", None),
        ("ASTANA, 17 September – Tokayev spoke first. The others followed.", None),
    ],
)
def test_an_agency_after_the_dateline_s_day_between_a_dash_and_a_full_stop(
    lead: str, outlet: str | None
) -> None:
    assert parse_document(f"{TITLE}\n\n{lead}\n\n{CLOSING}").source_name == outlet


def test_an_agency_lead_over_the_headline_stays_the_first_paragraph() -> None:
    lead = "Minsk, 3 abr (EFE).- Los ministros firmaron este miércoles un acuerdo sobre el agua."
    text = f"{lead}\n\nLos ministros firman un acuerdo sobre el agua\n\nEl texto entra en vigor."
    parsed = parse_document(text)
    assert parsed.title == "Los ministros firman un acuerdo sobre el agua"
    assert parsed.body == f"{lead}\n\nEl texto entra en vigor."
    assert parsed.source_name == "EFE"
    assert parsed.undated == (4, 3, 3)


def test_a_long_first_paragraph_without_a_dateline_credit_is_no_lead_over_a_headline() -> None:
    text = (
        "The ministers met on Monday and agreed on a plan for the river, officials said.\n\n"
        "A plan for the river\n\nThe plan takes effect in spring."
    )
    assert parse_document(text).title != "A plan for the river"
