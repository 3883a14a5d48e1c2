"""Headers and bylines in more layouts: update lines, kickers over dates, live blogs,
breadcrumbs, captions before the headline, bylines under a standfirst or closing the text.

Every line is made up for the test; real sentences with the same words stay in the body.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles.pipeline.parsing import parse_document
from articles.pipeline.text_metadata import find_dates

TITLE = "Leaders meet in the capital"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."


def test_an_update_line_before_the_headline_gives_the_date() -> None:
    parsed = parse_document(f"UPDATED 17.06.2025 21:05\n\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.published) == (TITLE, dt.date(2025, 6, 17))
    assert parsed.body == BODY


def test_day_and_month_that_are_the_same_number_make_a_date() -> None:
    assert [d for _, _, d in find_dates("04/04/2025 - 18:20 CET")] == [dt.date(2025, 4, 4)]
    assert find_dates("03/04/2025") == []


def test_breadcrumb_arrow_after_the_outlet_name() -> None:
    parsed = parse_document(f"Steppe Post › Interviews\n\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.source_name) == (TITLE, "Steppe Post")


def test_kicker_over_an_update_line() -> None:
    parsed = parse_document(f"TRADE TALKS\nUPDATED 3 March 2024 10:00 GMT\n\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.published) == (TITLE, dt.date(2024, 3, 3))
    assert "TRADE TALKS" in parsed.removed


def test_live_blog_with_the_headline_inside_the_masthead_block() -> None:
    text = (
        "Daily Orda\nLIVE\nSummit in the capital: live updates\n"
        "Last updated: 5 May 2024, 15:10 (local time)\n\n"
        "Leaders of the region meet today.\n\n14:20\n\n"
        "The concert will be broadcast live on state television.\n\n"
        "Refresh this page for the latest updates."
    )
    parsed = parse_document(text)
    assert parsed.title == "Summit in the capital: live updates"
    assert (parsed.source_name, parsed.published) == ("Daily Orda", dt.date(2024, 5, 5))
    assert parsed.body.split("\n\n") == [
        "Leaders of the region meet today.",
        "The concert will be broadcast live on state television.",
    ]


def test_masthead_over_a_breadcrumb_and_a_date_block() -> None:
    text = (
        "Le Petit Steppique\nAccueil › Monde\n\nMis à jour le 22/05/2023 à 09h40\n\n"
        f"Les ministres se retrouvent à Bichkek\n\n{BODY}"
    )
    parsed = parse_document(text)
    assert (parsed.title, parsed.source_name) == (
        "Les ministres se retrouvent à Bichkek",
        "Le Petit Steppique",
    )


def test_caption_ending_with_its_credit_before_the_headline() -> None:
    caption = "The ministers at the airport on Monday. Photo: press service"
    sentence = "The minister posed for a photo: it was his first visit."
    parsed = parse_document(f"{caption}\n\n{TITLE}\n\n{BODY}\n\n{sentence}")
    assert parsed.title == TITLE
    assert caption in parsed.removed
    assert parsed.body.endswith(sentence)


def test_two_place_labels_under_a_briefing_date() -> None:
    text = (
        f"{TITLE}\n\nFebruary 28, 2023\nMinistry of Foreign Affairs\nAstana, Kazakhstan\n\n{BODY}"
    )
    parsed = parse_document(text)
    assert parsed.body == BODY
    assert parsed.removed[-2:] == ("Ministry of Foreign Affairs", "Astana, Kazakhstan")


@pytest.mark.parametrize(
    "line",
    [
        "Weitere Interviews",
        "More interviews",
        "Autres entretiens",
        "Subscribe to The Week in Asia wherever you get your podcasts.",
    ],
)
def test_interview_rails_and_podcast_prompts_are_furniture(line: str) -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{line}")
    assert parsed.body == BODY


def test_a_sentence_about_more_interviews_stays() -> None:
    sentence = "Weitere Interviews sind für den Herbst geplant."
    assert parse_document(f"{TITLE}\n\n{BODY}\n\n{sentence}").body.endswith(sentence)


# --- bylines outside the header ------------------------------------------------------------


def test_byline_under_a_standfirst_sentence() -> None:
    text = (
        f"{TITLE}\n\nThe leaders of the region met for the first time in four years.\n\n"
        f"By Dana Ermek\n\n{BODY}"
    )
    parsed = parse_document(text)
    assert parsed.authors == ("Dana Ermek",)
    assert "By Dana Ermek" not in parsed.body


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Interview by Omar Beg", ("Omar Beg",)),
        ("Propos recueillis par Marie Leroux", ("Marie Leroux",)),
        ("Das Gespräch führte Jana Vogt.", ("Jana Vogt",)),
        ("Беседовал Иван Петров", ("Иван Петров",)),
        ("Reporting by Dana Ermek; editing by Omar Beg", ("Dana Ermek",)),
    ],
)
def test_closing_credit_names_the_authors(line: str, authors: tuple[str, ...]) -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{line}")
    assert parsed.authors == authors
    assert parsed.body == BODY


def test_a_question_to_a_named_person_is_not_a_byline() -> None:
    line = "Корреспондент: Иван Петров, что дальше?"
    parsed = parse_document(f"{TITLE}\n\n{line}\n\n{BODY}")
    assert parsed.authors == ()
    assert line in parsed.body


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2025 Steppe Post. All rights reserved.", "Steppe Post"),
        ("Copyright 2024 Orda Daily", "Orda Daily"),
        ("This article first appeared on Eurasia Review.", "Eurasia Review"),
        ("Впервые опубликовано в «Азиатском вестнике».", "Азиатском вестнике"),
    ],
)
def test_a_footer_names_the_outlet(line: str, outlet: str) -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n{line}")
    assert parsed.source_name == outlet
    assert parsed.body == BODY


def test_a_photo_copyright_names_no_outlet() -> None:
    assert parse_document(f"{TITLE}\n\n{BODY}\n\n© Photo: press service").source_name is None


def test_a_wire_editing_credit_in_brackets_names_no_outlet() -> None:
    parsed = parse_document(f"{TITLE}\n\n{BODY}\n\n(Editing by Omar Beg)")
    assert parsed.source_name is None
    assert parsed.body == BODY
