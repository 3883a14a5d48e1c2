"""Turn an article body and its annotated spans into paragraphs a template can render.

Plain Python, no Django: the body is untrusted text, so nothing here produces markup. It only
cuts the text into segments that carry the mention (a link target) and the quote (a highlight)
they belong to; templates add the markup and escape the text.

Paragraphs are separated by a blank line ("\\n\\n"), as in ``Article.paragraphs``; offsets are
positions in the whole body, the way ``Mention.start``/``end`` and ``Quote.start``/``end`` are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Span:
    """A stretch of the body, ``start`` inclusive and ``end`` exclusive, and what it refers to."""

    start: int
    end: int
    ref: Any


@dataclass
class Segment:
    text: str
    mention: Any = None


@dataclass
class Run:
    """Consecutive segments inside the same quote (or outside any quote)."""

    segments: list[Segment]
    quote: Any = None
    quote_ends: bool = False  # the quote's last characters are in this run


@dataclass
class Paragraph:
    start: int
    end: int
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(segment.text for run in self.runs for segment in run.segments)


def paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, surrounding whitespace trimmed."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for chunk in body.split(PARAGRAPH_BREAK):
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            bounds.append((start, start + len(stripped)))
        position += len(chunk) + len(PARAGRAPH_BREAK)
    return bounds


def _usable(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans inside the body, sorted, with any span overlapping an earlier one dropped."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not (0 <= span.start < span.end <= length):
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _covering(spans: Sequence[Span], start: int, end: int) -> Span | None:
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
        if span.start >= end:
            break
    return None


def render_paragraphs(
    body: str, mentions: Iterable[Span] = (), quotes: Iterable[Span] = ()
) -> list[Paragraph]:
    """Paragraphs of ``body`` cut into runs (by quote) and segments (by mention).

    Spans outside the body or overlapping an earlier span of the same kind are ignored, so bad
    offsets can never raise or duplicate text. A quote running over a paragraph break is
    highlighted in each paragraph it covers; ``quote_ends`` marks where it finishes.
    """
    mention_spans = _usable(mentions, len(body))
    quote_spans = _usable(quotes, len(body))
    paragraphs: list[Paragraph] = []
    for p_start, p_end in paragraph_bounds(body):
        cuts = {p_start, p_end}
        for span in (*mention_spans, *quote_spans):
            cuts.update(point for point in (span.start, span.end) if p_start < point < p_end)
        points = sorted(cuts)
        paragraph = Paragraph(start=p_start, end=p_end)
        for start, end in zip(points, points[1:], strict=False):
            mention = _covering(mention_spans, start, end)
            quote = _covering(quote_spans, start, end)
            quote_ref = quote.ref if quote else None
            segment = Segment(body[start:end], mention.ref if mention else None)
            last = paragraph.runs[-1] if paragraph.runs else None
            if last is not None and last.quote is quote_ref:
                last.segments.append(segment)
            else:
                last = Run(segments=[segment], quote=quote_ref)
                paragraph.runs.append(last)
            last.quote_ends = quote is not None and end == quote.end
        paragraphs.append(paragraph)
    return paragraphs


# --- Sentences -----------------------------------------------------------------------------

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "pres"}
    | {"st", "jr", "sr", "vs", "etc", "inc", "ltd", "corp", "sept", "u.s", "u.k", "u.n", "e.u"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "a.m", "p.m"}
)
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)|\n")


@dataclass(frozen=True)
class SentenceContext:
    before: str
    match: str
    after: str
    truncated_start: bool = False
    truncated_end: bool = False


def _is_boundary(text: str, match: re.Match) -> bool:
    if match.group(0) == "\n":
        return True
    word = re.search(r"([\w.]+)[.!?…]*\W*$", text[max(0, match.start() - 12) : match.end()])
    if word is None:
        return True
    token = word.group(1).rstrip(".").lower()
    # Initials ("J. Smith") and known abbreviations ("U.S. officials") do not end a sentence.
    return not (len(token) == 1 and token.isalpha()) and token not in _ABBREVIATIONS


def sentence_around(text: str, start: int, end: int, max_chars: int = 320) -> SentenceContext:
    """The sentence containing ``text[start:end]``, split around it.

    Sentences end at ., ! or ? (plus closing quotes) followed by whitespace, or at a line break;
    common abbreviations and initials are not ends. Long sentences are cut to about
    ``max_chars`` around the match, with flags saying which side was cut.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    # Look back a bounded distance: a longer sentence is cut to max_chars anyway.
    window_start = max(0, start - 4 * max_chars)
    sentence_start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        if _is_boundary(text, match):
            sentence_start = match.end()
    sentence_end = min(len(text), end + 4 * max_chars)
    for match in _SENTENCE_END.finditer(text, end, min(len(text), end + 4 * max_chars)):
        if _is_boundary(text, match):
            sentence_end = match.end() if match.group(0) != "\n" else match.start()
            break
    before = text[sentence_start:start].lstrip()
    after = text[end:sentence_end].rstrip()
    room = max(0, max_chars - (end - start)) // 2
    cut_start = len(before) > room
    cut_end = len(after) > room
    if cut_start:
        before = before[len(before) - room :]
        before = before[before.find(" ") + 1 :] if " " in before else before
    if cut_end:
        after = after[:room]
        after = after[: after.rfind(" ")] if " " in after else after
    return SentenceContext(before, text[start:end], after, cut_start, cut_end)
