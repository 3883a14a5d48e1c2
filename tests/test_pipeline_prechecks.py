"""The text pipeline's cheap pre-checks and memos give what the full patterns give.

Each speed-up rests on a premise about the patterns or the word lists (month names are
letters, a speaker form starts with a word character, a full date has four digits); these
tests hold the premises and compare the fast paths with the slow ones on made-up lines.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from articles.pipeline import furniture, quote_patterns, text_metadata
from articles.pipeline.text import UPPER

LINES = [
    "",
    "Photo: The harbour at dawn",
    "Share | Print | Email",
    "We use cookies to improve your experience. Accept all",
    "EN | RU | KZ",
    "The delegation arrived in Examplegrad on Tuesday for two days of talks.",
    "Editor: Jane Example",
    "About the author",
    "© 2024 Example News. All rights reserved.",
    "Read more: the ministers' earlier meeting",
    "x" * 700,
]


@pytest.mark.parametrize("key", sorted(furniture._data()))
def test_one_alternation_matches_the_lines_its_patterns_match(key):
    for line in LINES:
        each = any(p.fullmatch(line.strip()) for p in furniture._patterns()[key])
        assert furniture._matches(key, line) is each, (key, line)


def test_the_alternation_still_finds_furniture():
    assert furniture.is_furniture_line("Share | Print | Email")
    assert not furniture.is_furniture_line("The delegation arrived on Tuesday for talks.")


def test_month_names_are_letters_only():
    # The month-first patterns look for a run of letters before trying the month names.
    assert all(re.fullmatch(r"[^\W\d_]+", name) for name in text_metadata._months())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published Mar 3, 2023 at 10:00", [(10, 21, dt.date(2023, 3, 3))]),
        ("EXAMPLEGRAD, Sept. 14, 2022 (Wire) -", [(13, 27, dt.date(2022, 9, 14))]),
        ("14 сентября 2022 г.", [(0, 16, dt.date(2022, 9, 14))]),
        ("Sept. 14 (Wire) - no year", []),
        ("The talks of March 2023 lasted 3 days", []),
    ],
)
def test_full_dates(text, expected):
    assert text_metadata.find_dates(text) == expected


def test_a_day_and_month_after_the_month_name():
    assert text_metadata.day_and_month("EXAMPLEGRAD, Sept 14 (Wire) -", 2023) == dt.date(
        2023, 9, 14
    )
    assert text_metadata.day_and_month("In September the 14 delegates met", 2023) is None


def test_memoised_dates_are_a_new_list_each_time():
    found = text_metadata.find_dates("On 2 May 2024 and on 3 May 2024")
    found.clear()
    assert len(text_metadata.find_dates("On 2 May 2024 and on 3 May 2024")) == 2
    assert text_metadata.date_line("20.09.2023, 08:41 | Politics") == (
        True,
        dt.date(2023, 9, 20),
    )


def test_speaker_forms_start_with_a_word_character():
    # LEAD_IN is tried at word starts only.
    assert all(re.match(r"\w", c) for c in UPPER)
    assert all(re.match(r"\w", w) for w in quote_patterns._list("pronouns"))
    assert all(re.match(r"\w", w) for w in quote_patterns.ROLE_WORDS)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Foreign Minister Ivan Exampleov said on Monday", "Foreign Minister Ivan Exampleov"),
        ("(She told reporters", "She"),
        ("Then the Kazakh president said", "the Kazakh president"),
    ],
)
def test_lead_in_speakers(text, speaker):
    match = quote_patterns.LEAD_IN.search(text)
    assert match is not None and match["spk"] == speaker


def test_trimmed_names_keep_their_offsets():
    first = quote_patterns.trim_name("Foreign Minister Ivan Exampleov", 10)
    again = quote_patterns.trim_name("Foreign Minister Ivan Exampleov", 50)
    assert (first.text, first.start, first.end) == ("Ivan Exampleov", 27, 41)
    assert (again.start, again.end) == (67, 81)


def test_speech_matches_are_those_of_each_pattern_in_turn():
    masked = "Ivan Exampleov said it. \x00, said Jane Example. According to Jane Example, yes."
    expected = [
        (m.span(), group)
        for pattern, group in (
            (quote_patterns.LEAD_IN, "spk"),
            (quote_patterns.INVERTED, "inv"),
            (quote_patterns.ACCORDING, "acc"),
        )
        for m in pattern.finditer(masked)
    ]
    found = [(m.span(), group) for m, group in quote_patterns.speech_matches(masked)]
    assert found == expected
    assert {group for _, group in found} == {"spk", "inv", "acc"}


def test_long_texts_are_not_memoised_and_give_the_same_answers():
    long = "The talks went on. " * 120 + "Published 2 May 2024"
    assert len(long) > text_metadata._MEMO_CHARS
    before = text_metadata._dates_memo.cache_info().currsize
    assert text_metadata.find_dates(long) == [(len(long) - 10, len(long), dt.date(2024, 5, 2))]
    assert text_metadata.date_line(long) == (False, None)
    assert text_metadata._dates_memo.cache_info().currsize == before
    run = "Minister " * 30 + "Ivan Exampleov"
    name = quote_patterns.trim_name(run, 0)
    assert (name.text, name.end) == ("Ivan Exampleov", len(run))
