"""Comparing gold strings with what the archive stored, tolerant only of typography.

Gold strings are exact excerpts of the text as written; stored strings went through decoding,
parsing and linking. These helpers compare them after Unicode NFKC, straight quotes and dashes,
collapsed white space and case folding, and nothing more.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

# A predicted quote matches a gold quote when they share at least this share of the words of the
# longer of the two (so a quote cut in half, or run on into the next sentence, still counts).
QUOTE_MIN_OVERLAP = 0.5

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u00ad": "",
    }
)
_WORD = re.compile(r"\w+")
_NAME_EDGE = re.compile(r"^(?:the\s+)|(?:'s|')$|^[\W_]+|[\W_]+$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")


def normalise(text: str) -> str:
    """NFKC, straight quotes and dashes, single spaces, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split()).casefold()


def normalise_name(text: str) -> str:
    """A name or surface without a leading "the", a possessive or edge punctuation."""
    text = normalise(text)
    previous = None
    while previous != text:
        previous, text = text, _NAME_EDGE.sub("", text).strip()
    return text


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def sentences(text: str) -> list[str]:
    """Split running text into sentences at terminal punctuation followed by white space."""
    flat = " ".join(text.split())
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(flat)), len(flat)]
    return [flat[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if flat[a:b].strip()]


def locate(text: str, excerpt: str) -> list[tuple[int, int]]:
    """Every span of ``text`` that is ``excerpt`` with any white space between its words."""
    tokens = excerpt.split()
    if not tokens:
        return []
    pattern = r"\s+".join(re.escape(t) for t in tokens)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def quote_overlap(gold: str, predicted: str, *, prefix: bool = False) -> float:
    """How well a predicted quote covers a gold one, from 0 to 1 (see QUOTE_MIN_OVERLAP)."""
    gold_words, predicted_words = words(gold), words(predicted)
    if not gold_words or not predicted_words:
        return 0.0
    if prefix:
        return 1.0 if predicted_words[: len(gold_words)] == gold_words else 0.0
    shared = sum((Counter(gold_words) & Counter(predicted_words)).values())
    return shared / max(len(gold_words), len(predicted_words))


def match_one_to_one(
    gold: Sequence, predicted: Sequence, score: Callable[[object, object], float], minimum: float
) -> dict[int, int]:
    """Pair gold and predicted items best score first, each used once: {gold index: pred index}."""
    candidates = sorted(
        (
            (-value, g, p)
            for g, gold_item in enumerate(gold)
            for p, predicted_item in enumerate(predicted)
            if (value := score(gold_item, predicted_item)) >= minimum
        ),
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


_HYPHENS = "-\u2010\u2011"


def hyphenated_word(text: str, start: int, end: int) -> str:
    """The word of ``text`` around ``start:end`` with the parts a hyphen joins to it."""

    def joined(at: int) -> bool:
        return (
            0 < at < len(text) - 1
            and text[at] in _HYPHENS
            and text[at - 1].isalnum()
            and text[at + 1].isalnum()
        )

    if not 0 <= start < end <= len(text):
        return text[start:end]
    while start > 0 and (text[start - 1].isalnum() or joined(start - 1)):
        start -= 1
    while end < len(text) and (text[end].isalnum() or joined(end)):
        end += 1
    return text[start:end]
