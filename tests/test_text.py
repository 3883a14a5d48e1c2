"""Paragraph and sentence segmentation (articles/pipeline/text.py)."""

from __future__ import annotations

import pytest

from articles.pipeline.text import (
    Sentences,
    abbreviations,
    first_sentence_end,
    is_abbreviation,
    paragraph_spans,
    sentence_spans,
    text_lines,
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith arrived. He left.", ["Mr. Smith arrived.", "He left."]),
        (
            "Mrs. Jones and Dr. Lee met. Talks went on.",
            ["Mrs. Jones and Dr. Lee met.", "Talks went on."],
        ),
        ("The U.S. envoy spoke. Then he left.", ["The U.S. envoy spoke.", "Then he left."]),
        (
            "Russia invaded on Feb. 24 last year. Kyiv held.",
            ["Russia invaded on Feb. 24 last year.", "Kyiv held."],
        ),
        ("J. R. Smith wrote it. Nobody read it.", ["J. R. Smith wrote it.", "Nobody read it."]),
        (
            "Growth was 4.5 percent. Prices rose 3.2%.",
            ["Growth was 4.5 percent.", "Prices rose 3.2%."],
        ),
        ("It fell in 2022. 2023 was better.", ["It fell in 2022.", "2023 was better."]),
        ("It joined the EU. Then it left.", ["It joined the EU.", "Then it left."]),
        ("Was it? Yes! Fine… Next one.", ["Was it?", "Yes!", "Fine…", "Next one."]),
        ("He met the minister. and then left.", ["He met the minister. and then left."]),
    ],
)
def test_sentence_ends_and_abbreviations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "We will win." Then he left.', ['He said "We will win."', "Then he left."]),
        ("He said “We will win.” Then he left.", ["He said “We will win.”", "Then he left."]),
        ("“We will win,” he said. “Soon.”", ["“We will win,” he said.", "“Soon.”"]),
        ("“Will we win?” he asked. Nobody knew.", ["“Will we win?” he asked.", "Nobody knew."]),
        ("It ended (finally.) Then calm.", ["It ended (finally.)", "Then calm."]),
    ],
)
def test_quotes_and_brackets_close_with_their_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Путин прибыл в Астану. Токаев встретил его.",
            ["Путин прибыл в Астану.", "Токаев встретил его."],
        ),
        ("А. Иванов заявил об этом. Затем ушёл.", ["А. Иванов заявил об этом.", "Затем ушёл."]),
        ("Выступил проф. Петров. Зал молчал.", ["Выступил проф. Петров.", "Зал молчал."]),
        ("Он сказал: «Мы победим.» Все ушли.", ["Он сказал: «Мы победим.»", "Все ушли."]),
    ],
)
def test_cyrillic_text(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_line_break_always_ends_a_sentence() -> None:
    assert sentences("Headline without a stop\nMr. Smith spoke") == [
        "Headline without a stop",
        "Mr. Smith spoke",
    ]


def test_spans_are_offsets_into_the_text_and_trimmed() -> None:
    text = "  First one.   Second one.  "
    assert sentence_spans(text) == [(2, 12), (15, 26)]
    assert sentence_spans(text, 15, len(text)) == [(15, 26)]


def test_is_abbreviation_looks_at_the_word_before_the_dot() -> None:
    text = "Mr. U.S. EU. a.m. Lu. X. Sept. end."
    # Only a full stop followed by a space can end a sentence.
    dots = [i for i, char in enumerate(text) if char == "." and text[i + 1 : i + 2] in (" ", "")]
    assert [is_abbreviation(text, dot) for dot in dots] == [
        True,  # Mr.
        True,  # U.S.
        False,  # EU. (an acronym without dots ends a sentence)
        True,  # a.m.
        False,  # Lu. (a surname)
        True,  # X. (an initial)
        True,  # Sept.
        False,  # end.
    ]


def test_abbreviations_come_from_the_data_file() -> None:
    words = abbreviations()
    assert {"mr", "feb", "u.s", "проф"} <= words
    assert not any(word.startswith("#") for word in words)


def test_opaque_stretches_end_a_sentence_only_when_the_caller_says_so() -> None:
    # "\x00" stands for masked quotations; the callback sees the last masked character.
    text = "He said \x00\x00\x00. Then \x00\x00 Next"
    ends_at = []

    def ends(index: int) -> bool:
        ends_at.append(index)
        return False

    spans = sentence_spans(text, opaque="\x00", opaque_ends=ends)
    assert [text[s:e] for s, e in spans] == ["He said \x00\x00\x00.", "Then \x00\x00 Next"]
    assert ends_at == [19]
    spans = sentence_spans(text, opaque="\x00", opaque_ends=lambda index: True)
    assert [text[s:e] for s, e in spans][-1] == "Next"


def test_first_sentence_end_keeps_closing_quotes() -> None:
    text = "“We won.” Then more."
    assert text[: first_sentence_end(text)] == "“We won.”"
    assert first_sentence_end("No end here") is None


def test_paragraph_spans_and_lines() -> None:
    body = "  First.  \n\n\n  Second line\nstill second.\n\n \n\nThird."
    assert [body[s:e] for s, e in paragraph_spans(body)] == [
        "First.",
        "Second line\nstill second.",
        "Third.",
    ]
    assert text_lines(" a \n\n b\n") == ["a", "b"]


def test_sentences_index_finds_the_sentences_around_an_offset() -> None:
    body = "First one. Mr. Smith met Lu. Third.\n\nNew paragraph here."
    index = Sentences(body)
    smith = body.index("Smith")
    assert index.sentence(smith, smith + 5) == "Mr. Smith met Lu."
    assert index.sentence(0, body.index("Smith")) == "First one. Mr. Smith met Lu."
    new = body.index("New")
    assert index.sentence(new, new + 3) == "New paragraph here."
    assert Sentences("").sentence(0, 0) == ""


def test_sentence_context_is_bounded_around_the_match() -> None:
    body = "word " * 1000 + "Blinken" + " word" * 1000
    start = body.index("Blinken")
    context = Sentences(body).sentence(start, start + 7, max_chars=100)
    assert context.startswith("…") and context.endswith("…")
    assert "Blinken" in context and len(context) <= 102
    before, after = context.strip("…").split(" Blinken ")
    # Whole words only, as many on each side: (100 - 7) // 2 characters hold nine "word "s.
    assert before.split(" ") == after.split(" ") == ["word"] * 9
