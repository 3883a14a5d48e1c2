"""Furniture of saved web pages and of text pasted from a browser (made-up examples)."""

import datetime as dt

import pytest

from articles.pipeline import furniture
from articles.pipeline.header_lines import is_masthead_name, meta_line, name_words
from articles.pipeline.parsing import parse_document

LEAD = (
    "The foreign ministers of the five countries met in Astana on Tuesday and agreed to "
    "meet again in the spring, officials said."
)
SECOND = "The ministers discussed transport corridors, water and the training of engineers."
THIRD = "A joint statement was published after the talks ended in the evening."
FOURTH = "The next meeting is planned for Tashkent, a diplomat said."


@pytest.mark.parametrize(
    "line",
    [
        "Accept all   Reject all   Manage preferences",
        "Share:",
        "Поделиться:",
        "Partager :",
        "X",
        "Listen to article",
        "Écouter cet article",
        "Прослушать новость",
        "Listen · 4:12",
        "Advertisement - Scroll to continue",
        "Envoyer par e-mail",
        "Artikel teilen",
        "You are here: Home » World » Europe",
        "Avec votre accord, nos partenaires et nous utilisons des traceurs.",
        "Tout refuser | Paramétrer | Tout accepter",
        "Startseite ▸ Politik ▸ Ausland",
        "Basty bet > Saiasat",
        "Jarnama",
        "Bölisu",
        "Oqu uaqyty: 3 minut",
        "Tegter: sammit, saiasat",
        "Telegram arnamyzğa jazylyñyz",
        "Ilovamizni yuklab oling: App Store | Google Play",
        "Jañartyldy: 17.06.2025, 20:15",
        "Ўзбекча | Русский | English",
        "This transcript was generated automatically and lightly edited.",
        "Photo caption of the two ministers in the hall. Image credit: Foreign Ministry",
        "Two ministers at the palace, on 1 November 2023. JEAN DUPONT / AFP",
        "Two ministers in the hall of the palace. (EFE/Ana Ruiz)",
    ],
)
def test_furniture_lines_of_saved_pages(line):
    assert furniture.is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "He declined.",
        "Follow the money, one banker said, and the visit makes sense.",
        "Read the statement closely and one word is missing.",
        '"Everything will be published on Telegram within the hour," a spokesman said.',
        "«Все документы мы опубликуем в нашем Telegram-канале», — сказал он.",
        "WE ARE NOT CHOOSING SIDES.",
        "Correction: an earlier version of this article gave the wrong date.",
        "Share prices rose 4 percent in Almaty - traders said.",
        "Listen to the people, he told the ministers.",
        "Donald Duck (00:00:15):",
    ],
)
def test_real_text_that_looks_like_furniture(line):
    assert not furniture.is_furniture_line(line)
    assert not furniture.is_teaser_line(line)


@pytest.mark.parametrize(
    ("line", "teaser"),
    [
        ("Читайте также: Токаев подписал указ о выборах", True),
        ("Lire aussi : Au Kazakhstan, la guerre a changé le regard sur Moscou", True),
        ("Auch interessant: Usbekistan und Deutschland vereinbaren ein Abkommen", True),
        ("Te puede interesar: Kazajistán y China firman un acuerdo", True),
        ("Shuningdek o'qing: Toshkentda yangi metro bekati ochildi", True),
        ("Tağy oqyñyz: Astanada jaña terminal aşyldy", True),
        ("Lire aussi le discours du président, publié mercredi.", False),
        ("Latest: the talks ended without a deal.", False),
    ],
)
def test_teaser_lines(line, teaser):
    assert furniture.is_teaser_line(line) is teaser


def test_rail_heading_with_colon_and_new_headings():
    assert furniture.is_rail_heading("Related:")
    assert furniture.is_rail_heading("Topics")
    assert furniture.is_rail_heading("Ko'p o'qilganlar")
    assert furniture.is_rail_heading("Eñ köp oqylğan")
    assert not furniture.is_rail_heading("Related talks will continue next week.")


def test_line_parts_split_runs_of_spaces():
    assert furniture.line_parts("Accept all   Reject all") == ["Accept all", "Reject all"]
    assert furniture.line_parts("Share · Print") == ["Share", "Print"]


def test_meta_line_with_a_reading_time():
    assert meta_line("29 November 2022 · 4 min read") == ((), dt.date(2022, 11, 29))
    assert meta_line("17.09.2024, 12:10 Uhr | Lesezeit: 3 Min.") == ((), dt.date(2024, 9, 17))


def test_masthead_particles_do_not_count():
    assert name_words("Diario de la Ruta de la Seda") == 3
    assert is_masthead_name("Diario de la Ruta de la Seda")


def test_pasted_page_with_masthead_of_many_particles():
    text = "\n".join(
        [
            "Diario de la Ruta de la Seda",
            "Internacional",
            "Los ministros de Asia Central se reúnen en Astana para hablar de agua y transporte",
            "Actualizado el 4 de abril de 2025, 18:30",
            LEAD,
            SECOND,
        ]
    )
    parsed = parse_document(text)
    assert parsed.title.startswith("Los ministros de Asia Central")
    assert parsed.source_name == "Diario de la Ruta de la Seda"
    assert parsed.published == dt.date(2025, 4, 4)
    assert parsed.body == f"{LEAD}\n\n{SECOND}"


BIO = "Jane Roe is a diplomatic correspondent at The Steppe Ledger based in Almaty."


def test_closing_biography_with_the_page_under_it():
    text = "\n\n".join([LEAD, SECOND, THIRD, FOURTH, BIO, "Most read", "© 2024 The Steppe Ledger"])
    parsed = parse_document(text)
    assert parsed.body == "\n\n".join([LEAD, SECOND, THIRD, FOURTH])
    assert BIO in parsed.removed


def test_closing_biography_at_the_end_of_the_text_stays():
    text = "\n\n".join([LEAD, SECOND, THIRD, FOURTH, BIO])
    assert parse_document(text).body.endswith(BIO)


def test_teasers_and_colon_rails_below_the_text():
    text = "\n\n".join(
        [
            LEAD,
            "Читайте также: Токаев подписал указ о выборах",
            SECOND,
            THIRD,
            "Related:",
            "- Ministers open a new border crossing",
        ]
    )
    parsed = parse_document(text)
    assert parsed.body == "\n\n".join([LEAD, SECOND, THIRD])


def test_speaker_label_with_time_code_stays():
    text = "\n\n".join(
        [
            "A podcast about the region",
            "Host Name (00:00:04):",
            "Welcome to the show. My guest has just come back from Almaty.",
            "Guest Person (00:00:15):",
            "Thanks. It is good to be back on the show.",
            "Guest Person (00:00:31):",
            "A lot more happened than people expected.",
        ]
    )
    body = parse_document(text).body
    assert body.count("Guest Person (00:00:") == 2
    assert "Host Name (00:00:04):" in body


@pytest.mark.parametrize(
    "line",
    [
        "[Home](https://example.org/) | [Politics](https://example.org/politics)",
        "![Two ministers](https://example.org/img/1.jpg)",
        "* Home",
        "- Share",
        "Learn more",
        "Voiced by Some Audio",
        "Follow The Steppe Ledger on Telegram",
        "Our channel: t.me/example",
        "Available on iOS and Android",
        "Two ministers in the hall. | Photo: Foreign Ministry",
        "Gallery (12 photos)",
        "Link copied to clipboard",
        "All news",
    ],
)
def test_links_and_labels_of_pages_saved_as_text(line):
    assert furniture.is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Powered by Chinese loans, the railway will run 500 km.",
        "Follow the talks on Telegram, he urged.",
        "- Economy",
        "Learn more about the region, the minister told students.",
    ],
)
def test_sentences_near_those_labels_stay(line):
    assert not furniture.is_furniture_line(line)


RAIL_TOP = [
    "The Steppe Ledger",
    "Latest news",
    "Airport opens a new terminal",
    "Parliament approves the budget",
    "President visits the dam",
]
HEAD = ["Ministers meet in Astana ahead of the summit", "By Jane Roe", "3 July 2024"]


@pytest.mark.parametrize("joiner", ["\n\n", "\n"])
def test_rail_above_the_headline(joiner):
    top = "\n".join(RAIL_TOP) + joiner + "\n".join(HEAD)
    parsed = parse_document(f"{top}\n\n{LEAD}\n\n{SECOND}")
    assert parsed.title == HEAD[0]
    assert parsed.authors == ("Jane Roe",)
    assert parsed.published == dt.date(2024, 7, 3)
    assert parsed.body == f"{LEAD}\n\n{SECOND}"
    assert "President visits the dam" in parsed.removed


@pytest.mark.parametrize(
    "line",
    [
        "Озвучено ИИ",
        "Поделиться в соцсетях",
        "Сюжет: Визит в Астану",
        "Копирование материалов запрещено",
        "Havola nusxalandi",
        "Reklama 18+",
        "Cet article vous est offert",
        "Artikel merken",
    ],
)
def test_buttons_and_labels_in_other_languages(line):
    assert furniture.is_furniture_line(line)


def test_rail_headings_in_other_languages():
    for heading in (
        "Тағы да оқыңыз:",
        "Самые читаемые",
        "Популярное за неделю",
        "Lo más compartido",
    ):
        assert furniture.is_rail_heading(heading)


@pytest.mark.parametrize(
    "menu",
    [
        ["Новости", "Политика", "Экономика", "О нас", "Контакты"],
        ["* Politics", "* Economy", "* About us"],
    ],
)
def test_footer_menu_one_item_a_line(menu):
    text = "\n\n".join([LEAD, SECOND, "\n".join(menu)])
    assert parse_document(text).body == f"{LEAD}\n\n{SECOND}"


def test_one_section_word_between_paragraphs_stays():
    text = "\n\n".join([LEAD, "Economy", SECOND, "Culture", THIRD])
    assert parse_document(text).body == text


@pytest.mark.parametrize(
    "line",
    [
        "Two ministers in the hall. Photo: Foreign Ministry.",
        "Two ministers in the hall. © Foreign Ministry",
        "Photo / Foreign Ministry",
        "148",
        "(12)",
    ],
)
def test_caption_credits_and_counters(line):
    assert furniture.is_furniture_line(line)


def test_a_year_in_a_sentence_is_not_a_counter():
    assert not furniture.is_furniture_line("2023.")
    assert not furniture.is_furniture_line("In 2023 trade grew.")
