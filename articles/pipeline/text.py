"""Paragraphs and sentences of article text: the one segmentation every stage uses.

* Lines: a parsed document's paragraphs are its non-empty lines, stripped (``text_lines``).
* Paragraphs of a body: stretches separated by a blank line, as offsets with the surrounding
  whitespace trimmed (``paragraph_spans``).
* Sentences: a sentence ends at a run of ``.``, ``!``, ``?`` or ``…``, possibly followed by
  closing quotes or brackets, then white space and the next sentence's first character: an
  upper-case letter (Latin, Greek or Cyrillic) or a digit, possibly after opening quotes or
  brackets. A line break always ends a sentence. A full stop does not end a sentence after an
  abbreviation (``data/abbreviations.txt``: "Mr.", "Feb.", "U.S."), a single-letter initial
  ("J. Smith", "А. Иванов") or a dotted capital acronym ("U.N.").
* Quoted text can be opaque: callers that mask quotations with a stand-in character
  (``opaque``) say, through ``opaque_ends``, whether a masked stretch ended its sentence.

Everything here is linear in the length of the text: boundaries are found in one regular
expression pass and the abbreviation test looks back a bounded number of characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Python's re has no \p{Lu}: the upper-case letters of the Latin, Greek and Cyrillic blocks.
UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if chr(c).isupper())
CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«(["
TERMINALS = ".!?…"
# The longest abbreviation looked back at; anything longer is a word, not an abbreviation.
_LOOKBACK = 24
# The longest context ``Sentences.sentence`` returns (plus the "…" marking a cut).
MAX_CONTEXT_CHARS = 600
_WORD_BEFORE = re.compile(r"[\w.]*$")
_BLOCK = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def load_word_list(name: str) -> frozenset[str]:
    """Words of ``data/<name>``: one or more per line, ``#`` starts a comment."""
    words: set[str] = set()
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@cache
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations without their final full stop ("mr", "u.s")."""
    return load_word_list("abbreviations.txt")


# --- paragraphs ----------------------------------------------------------------------------


def text_lines(text: str) -> list[str]:
    """Non-empty lines, stripped: documents use single and blank-line breaks interchangeably."""
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blank-line separated), surrounding whitespace trimmed."""
    spans = []
    for match in _BLOCK.finditer(text):
        block = match.group()
        stripped = block.strip()
        if stripped:
            start = match.start() + len(block) - len(block.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


# --- sub-headings --------------------------------------------------------------------------

# A sub-heading is a short phrase: at most this many characters and words.
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 10
# What a finished paragraph ends with: a sentence terminal, possibly inside closing marks.
_FINISHED = re.compile(rf"[{re.escape(TERMINALS)}][{re.escape(CLOSERS)}]*$")
# Not a heading: ends like an unfinished sentence or a label ("Related:", "ASTANA --").
_OPEN_END = re.compile(r"[,;:\-–—/&+(\[]$")
# A dateline on its own line: "ASTANA, Kazakhstan", "TASHKENT/ALMATY" (capitals, then a comma).
_DATELINE = re.compile(rf"^[{UPPER}][{UPPER}\s./'-]+(?:,|$)")
# Quotation marks mean speech, not a heading.
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")


def _heading_like(line: str) -> bool:
    if "\n" in line or len(line) > HEADING_MAX_CHARS:
        return False
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    if not (line[0].isdigit() or line[0] in UPPER):
        return False
    if _FINISHED.search(line) or _OPEN_END.search(line) or _QUOTE_MARKS.search(line):
        return False
    return not _DATELINE.match(line)


def _prose(paragraph: str, heading: str) -> bool:
    """A paragraph of running text: longer than the heading and ending like a sentence."""
    return len(paragraph) > len(heading) and bool(_FINISHED.search(paragraph))


def subheading_indexes(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Which of the paragraphs ``spans`` of ``text`` are sub-headings.

    A sub-heading is a short single line that does not end like a sentence (no final ``.``,
    ``!``, ``?``, no trailing comma, colon or dash), starts with a capital or a digit, holds no
    quotation marks and is not a dateline in capitals, standing between two paragraphs of
    running text: the one before ends a sentence, the one after is longer than the line and
    ends a sentence too. So the first and last paragraphs never are (a short last line is a
    credit or a sign-off), nor are the items of a list of short lines.
    """
    found = set()
    for index in range(1, len(spans) - 1):
        start, end = spans[index]
        line = text[start:end]
        if not _heading_like(line):
            continue
        before = text[spans[index - 1][0] : spans[index - 1][1]]
        after = text[spans[index + 1][0] : spans[index + 1][1]]
        if _FINISHED.search(before) and _prose(after, line):
            found.add(index)
    return found


def starting_with(first: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for ``first``, the class of every match's first character.

    Alternatives that open with a look-behind give the engine no first-character set, so it
    tries each of them at every offset; the look-ahead fails fast where no match can start and
    leaves the matches as they are.
    """
    return re.compile(rf"(?={first})(?:{pattern.pattern})", pattern.flags)


# --- sentences -----------------------------------------------------------------------------


def is_abbreviation(text: str, dot: int) -> bool:
    """Does the full stop at ``text[dot]`` close an abbreviation, initial or dotted acronym?"""
    match = _WORD_BEFORE.search(text, max(0, dot - _LOOKBACK), dot)
    word = match.group() if match else ""
    if word.casefold() in abbreviations():
        return True
    letters = word.replace(".", "")
    # "J." and "А." are initials, "U.S." and "U.N." acronyms (but "EU." ends a sentence).
    return bool(letters) and letters.isupper() and (len(letters) == 1 or "." in word)


@cache
def _boundary_pattern(opaque: str) -> re.Pattern[str]:
    mask = re.escape(opaque)
    terminals = re.escape(TERMINALS) + mask
    closers = re.escape(CLOSERS)
    openers = re.escape(OPENERS)
    # An opaque stretch (a masked quotation) can open the next sentence.
    starts = rf"[{openers}]*(?:[{UPPER}]|\d)" + (f"|{mask}" if opaque else "")
    return re.compile(rf"(?P<run>[{terminals}]+)[{closers}]*(?=[ \t]+(?:{starts}))|\n")


def sentence_ends(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    opaque: str = "",
    opaque_ends: Callable[[int], bool] | None = None,
) -> list[tuple[int, int]]:
    """(end of the sentence, start of the gap after it) for each boundary in ``start:end``.

    A line break is a boundary of its own: the sentence ends before it. With ``opaque`` set,
    that character stands for quoted text; a run of terminals ending in it is a boundary when
    ``opaque_ends(index of its last opaque character)`` says so.
    """
    end = len(text) if end is None else end
    found = []
    for match in _boundary_pattern(opaque).finditer(text, start, end):
        run = match.group("run")
        if run is None:
            found.append((match.start(), match.end()))
            continue
        last = match.end("run") - 1
        if opaque and run[-1] == opaque:
            if opaque_ends is None or opaque_ends(last):
                found.append((match.end(), match.end()))
        elif run[-1] != "." or (opaque and opaque in run) or not is_abbreviation(text, last):
            found.append((match.end(), match.end()))
    return found


def sentence_spans(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    opaque: str = "",
    opaque_ends: Callable[[int], bool] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, white space trimmed."""
    end = len(text) if end is None else end
    spans = []
    position = start
    for stop, resume in sentence_ends(text, start, end, opaque=opaque, opaque_ends=opaque_ends):
        spans.append(_trimmed(text, position, stop))
        position = resume
    spans.append(_trimmed(text, position, end))
    return [(s, e) for s, e in spans if e > s]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def first_sentence_end(text: str) -> int | None:
    """Offset just past the first sentence of ``text`` (closing marks included), or None."""
    ends = sentence_ends(text)
    return ends[0][0] if ends else None


class Sentences:
    """The sentences of every paragraph of a text, found once, looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans, self._starts = _sentences(text)
        self.spans: list[tuple[int, int]] = list(spans)

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence or sentences that ``start:end`` falls in.

        An offset in the white space after a sentence belongs to that sentence; one before the
        first sentence to the first.
        """
        if not self.spans:
            return start, end
        first = max(0, bisect_right(self._starts, start) - 1)
        last = max(first, bisect_right(self._starts, max(start, end - 1)) - 1)
        return self.spans[first][0], max(self.spans[last][1], min(end, len(self.text)))

    def sentence(self, start: int, end: int, max_chars: int = MAX_CONTEXT_CHARS) -> str:
        """The sentence(s) around ``start:end``; past ``max_chars``, a window around it.

        The bound matters: a text without sentence ends is one sentence, and giving every
        fact or name in it the whole text as context would make the output quadratic. A cut
        falls on a word boundary and is marked with "…".
        """
        s, e = self.covering(start, end)
        if e - s <= max_chars:
            return self.text[s:e].strip()
        room = max(0, max_chars - (end - start)) // 2
        left, right = max(s, start - room), min(e, end + room)
        if left > s:
            space = self.text.find(" ", left, start)
            left = space + 1 if space >= 0 else left
        if right < e:
            space = self.text.rfind(" ", end, right)
            right = space if space >= 0 else right
        window = self.text[left:right].strip()
        return ("…" if left > s else "") + window + ("…" if right < e else "")


@lru_cache(maxsize=1)
def _sentences(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The sentence spans of every paragraph and their starts. The last text's are kept: the
    facts and the candidate people of one body are both found with its sentences."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        spans.extend(sentence_spans(text, p_start, p_end))
    return tuple(spans), tuple(start for start, _ in spans)
