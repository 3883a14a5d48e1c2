"""Turn an article body and its annotated spans into paragraphs a template can render.

Plain Python, no Django: the body is untrusted text, so nothing here produces markup. It only
cuts the text into segments that carry the mention (a link target) and the quote (a highlight)
they belong to; templates add the markup and escape the text.

Paragraphs are separated by a blank line ("\\n\\n"), as in ``Article.paragraphs``; offsets are
positions in the whole body, the way ``Mention.start``/``end`` and ``Quote.start``/``end`` are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from articles.pipeline.text import paragraph_spans, sentence_ends, subheading_indexes

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
    heading: bool = False  # a sub-heading inside the body (``subheading_indexes``)

    @property
    def text(self) -> str:
        return "".join(segment.text for run in self.runs for segment in run.segments)


def paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, surrounding whitespace trimmed."""
    return paragraph_spans(body)


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


class _SpanIndex:
    """Sorted, non-overlapping spans, searchable by offset in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [span.start for span in spans]
        self._ends = [span.end for span in spans]

    def overlapping(self, start: int, end: int) -> Sequence[Span]:
        """The spans that overlap ``start:end``."""
        return self.spans[bisect_right(self._ends, start) : bisect_left(self._starts, end)]

    def covering(self, start: int, end: int) -> Span | None:
        """The span that contains all of ``start:end``, if any."""
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and end <= self.spans[index].end:
            return self.spans[index]
        return None


def render_paragraphs(
    body: str, mentions: Iterable[Span] = (), quotes: Iterable[Span] = ()
) -> list[Paragraph]:
    """Paragraphs of ``body`` cut into runs (by quote) and segments (by mention).

    Spans outside the body or overlapping an earlier span of the same kind are ignored, so bad
    offsets can never raise or duplicate text. A quote running over a paragraph break is
    highlighted in each paragraph it covers; ``quote_ends`` marks where it finishes. A
    paragraph that reads as a sub-heading has ``heading`` set.
    """
    mention_spans = _SpanIndex(_usable(mentions, len(body)))
    quote_spans = _SpanIndex(_usable(quotes, len(body)))
    paragraphs: list[Paragraph] = []
    bounds = paragraph_bounds(body)
    headings = subheading_indexes(body, bounds)
    for number, (p_start, p_end) in enumerate(bounds):
        cuts = {p_start, p_end}
        for index in (mention_spans, quote_spans):
            for span in index.overlapping(p_start, p_end):
                cuts.update(point for point in (span.start, span.end) if p_start < point < p_end)
        points = sorted(cuts)
        paragraph = Paragraph(start=p_start, end=p_end, heading=number in headings)
        for start, end in zip(points, points[1:], strict=False):
            mention = mention_spans.covering(start, end)
            quote = quote_spans.covering(start, end)
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


@dataclass(frozen=True)
class SentenceContext:
    before: str
    match: str
    after: str
    truncated_start: bool = False
    truncated_end: bool = False


def sentence_around(text: str, start: int, end: int, max_chars: int = 320) -> SentenceContext:
    """The sentence containing ``text[start:end]``, split around it.

    Sentences are those of ``articles.pipeline.text`` (abbreviations and initials are not ends,
    a line break always is). Long sentences are cut to about ``max_chars`` around the match,
    with flags saying which side was cut.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    # Look a bounded distance either way: a longer sentence is cut to max_chars anyway.
    sentence_start = window_start = max(0, start - 4 * max_chars)
    sentence_end = window_end = min(len(text), end + 4 * max_chars)
    for stop, resume in sentence_ends(text, window_start, window_end):
        if resume <= start:
            sentence_start = resume
        elif resume > end:
            sentence_end = stop
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
