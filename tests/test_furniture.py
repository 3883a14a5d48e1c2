"""Page furniture: the generic rules of articles/pipeline/furniture.py on small made-up pages."""

from __future__ import annotations

import pytest

from articles.pipeline import furniture
from articles.pipeline.parsing import parse_document

BODY = "The ministers met on Monday.\n\nThey agreed to meet again in spring."


def lines(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "Photo: The harbour at dawn. Photo: J. Doe / Agency",
        "Foto: Der Hafen",
        "Sign up for our newsletter and get the news every morning.",
        "Enter your email",
        "Subscribe",
        "Subscribe to The Daily Example on Telegram and never miss a story!",
        "Share | Print | Email",
        "We use cookies to improve your experience. Accept all",
        "Accept cookies",
        "An official website of the Republic of Examplestan Government",
        "Here's how you know",
        "Official websites use .gov",
        "(Reporting by Jane Roe; Editing by John Poe)",
        "[Editor: Li Ming]",
        "(c) Example Press",
        "###",
        "abc/de/fgh",
        "Tags: trade, gas, rail",
        "Privacy Policy",
    ],
)
def test_furniture_lines(line):
    assert furniture.is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo showed the two leaders shaking hands.",
        "Subscribers to the pipeline consortium will pay more.",
        "Cookies were served at the reception, officials said.",
        "The deal covers gas, rail and roads.",
    ],
)
def test_sentences_are_not_furniture_lines(line):
    assert not furniture.is_furniture_line(line)


def test_menu_line_needs_three_short_items():
    assert furniture.is_menu_line("Home | World | Region | Opinion")
    assert not furniture.is_menu_line("Trade | Energy")
    assert not furniture.is_menu_line("The talks | which lasted hours | ended late in the evening.")


def test_mojibake_junk_line():
    assert furniture.is_junk_line("Ð¡Ð¸ Ð¦Ð·Ð¸Ð½ ■■ ▶ ░░ Share")
    assert not furniture.is_junk_line("Prices rose by 3 per cent — officials said.")


def test_related_rail_takes_its_headline_lines():
    text = (
        f"Talks in the capital\n\n{BODY}\n\n"
        "You may also like\nWater talks, explained\nWhy the corridor matters"
    )
    parsed = parse_document(text)
    assert lines(parsed.body) == lines(BODY)
    assert parsed.removed == (
        "You may also like",
        "Water talks, explained",
        "Why the corridor matters",
    )


def test_rail_stops_at_a_real_paragraph():
    text = f"Talks in the capital\n\n{BODY}\n\nRelated\nOne headline\nA sentence follows here."
    parsed = parse_document(text)
    assert lines(parsed.body)[-1] == "A sentence follows here."


def test_comment_thread_goes_to_comments():
    text = (
        f"Talks in the capital\n\n{BODY}\n\nLeave a Comment\n\n"
        '2 thoughts on "Talks in the capital"\n\nAnna\nMay 2, 2024 at 9:10 am\nGood news.'
    )
    parsed = parse_document(text)
    assert lines(parsed.body) == lines(BODY)
    assert "Good news." in parsed.comments
    assert "May 2, 2024 at 9:10 am" in parsed.removed


def test_newsletter_box_goes_with_its_title():
    box = "Morning digest\nSign up for our newsletter today.\nEnter your email\nSign up"
    parsed = parse_document(f"Talks in the capital\n\n{BODY}\n\n{box}")
    assert lines(parsed.body) == lines(BODY)
    assert "Morning digest" in parsed.removed


def test_a_short_line_beside_one_widget_stays():
    parsed = parse_document(f"Talks in the capital\n\n{BODY}\n\nIn brief\nSubscribe")
    assert "In brief" in lines(parsed.body)


def test_time_line_in_a_transcript_is_furniture():
    parsed = parse_document(f"Press briefing on the visit\n\n{BODY}\n\n3:05 P.M. EST")
    assert lines(parsed.body) == lines(BODY)


def test_government_banner_is_not_the_title():
    banner = (
        "An official website of the Republic of Examplestan Government\nHere's how you know\n"
        "Official websites use .gov\n"
    )
    parsed = parse_document(f"{banner}\nStatement on the summit\n\n{BODY}")
    assert parsed.title == "Statement on the summit"
    assert lines(parsed.body) == lines(BODY)


def test_closing_author_note_is_dropped():
    text = f"A view on the summit\n\nBy Jane Roe\n\n{BODY}\n\nJane Roe is a writer based in Almaty."
    parsed = parse_document(text)
    assert lines(parsed.body) == lines(BODY)
    assert parsed.removed == ("Jane Roe is a writer based in Almaty.",)


def test_a_sentence_about_someone_else_stays():
    text = f"A view on the summit\n\nBy Jane Roe\n\n{BODY}\n\nJohn Poe is a minister."
    assert lines(parse_document(text).body)[-1] == "John Poe is a minister."
