"""Turn an article body and its annotated spans into paragraphs a template can render.

Plain Python, no Django: the body is untrusted text, so nothing here produces markup. It only
cuts the text into segments that carry the mention (a link target) and the quote (a highlight)
they belong to; templates add the markup and escape the text.

Paragraphs are separated by a blank line ("\\n\\n"), as in ``Article.paragraphs``; offsets are
positions in the whole body, the way ``Mention.start``/``end`` and ``Quote.start``/``end`` are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from articles.pipeline.text import paragraph_spans, sentence_ends, subheading_indexes

PARAGRAPH_BREAK = "\n\n"


class Span(NamedTuple):
    """A stretch of the body, ``start`` inclusive and ``end`` exclusive, and what it refers to.

    A named tuple: a long document has tens of thousands of them, built on every view."""

    start: int
    end: int
    ref: Any


@dataclass(slots=True)
class Segment:
    text: str
    mention: Any = None


@dataclass(slots=True)
class Run:
    """Consecutive segments inside the same quote (or outside any quote)."""

    segments: list[Segment]
    quote: Any = None
    quote_ends: bool = False  # the quote's last characters are in this run


@dataclass(slots=True)
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


class _Cursor:
    """Sorted, non-overlapping spans, read in text order: paragraphs and the pieces of each
    are visited left to right, so each span is passed over once in the whole body."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.at = 0  # the first span that does not end at or before the last point asked

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The spans that overlap ``start:end`` (``start`` never moving back)."""
        spans, at = self.spans, self.at
        while at < len(spans) and spans[at].end <= start:
            at += 1
        self.at = at
        found = []
        while at < len(spans) and spans[at].start < end:
            found.append(spans[at])
            at += 1
        return found


def _covering(spans: list[Span], at: int, start: int, end: int) -> tuple[Span | None, int]:
    """The span of ``spans`` (from index ``at`` on) containing ``start:end``, and the index
    to resume from for the next piece to the right."""
    while at < len(spans) and spans[at].end <= start:
        at += 1
    if at < len(spans) and spans[at].start <= start and end <= spans[at].end:
        return spans[at], at
    return None, at


def render_paragraphs(
    body: str, mentions: Iterable[Span] = (), quotes: Iterable[Span] = ()
) -> list[Paragraph]:
    """Every paragraph of ``iter_paragraphs``, as a list."""
    return list(iter_paragraphs(body, mentions, quotes))


def body_parts(bounds: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Consecutive paragraphs grouped into parts of at most ``limit`` characters each.

    ``bounds`` are ``paragraph_bounds``; each part is (start of its first paragraph, end of
    its last). A paragraph longer than ``limit`` is a part of its own. A body with no
    paragraph is one empty part, so there is always a first part to show.
    """
    parts: list[tuple[int, int]] = []
    for start, end in bounds:
        if parts and end - parts[-1][0] <= limit:
            parts[-1] = (parts[-1][0], end)
        else:
            parts.append((start, end))
    return parts or [(0, 0)]


class Paragraphs:
    """An article's paragraphs (``iter_paragraphs``), made afresh on each pass over them.

    A page walks them once to write the markup; keeping a long document's tens of
    thousands of segments alive between steps would only feed the garbage collector.
    ``window`` (start, end) keeps only the paragraphs inside that stretch of the body.
    """

    def __init__(
        self,
        body: str,
        mentions: Iterable[Span] = (),
        quotes: Iterable[Span] = (),
        window: tuple[int, int] | None = None,
        bounds: list[tuple[int, int]] | None = None,
    ) -> None:
        self.body, self.mentions, self.quotes = body, list(mentions), list(quotes)
        self.window = window
        # ``paragraph_bounds(body)``, when the caller has them already.
        self.bounds = paragraph_bounds(body) if bounds is None else bounds

    def __iter__(self) -> Iterator[Paragraph]:
        return iter_paragraphs(
            self.body, self.mentions, self.quotes, window=self.window, bounds=self.bounds
        )

    def __len__(self) -> int:
        return len(_within(self.bounds, self.window))

    def __bool__(self) -> bool:
        return bool(self.body.strip())


def _within(bounds: list[tuple[int, int]], window: tuple[int, int] | None) -> list[tuple[int, int]]:
    if window is None:
        return bounds
    return [(start, end) for start, end in bounds if window[0] <= start and end <= window[1]]


def iter_paragraphs(
    body: str,
    mentions: Iterable[Span] = (),
    quotes: Iterable[Span] = (),
    window: tuple[int, int] | None = None,
    bounds: list[tuple[int, int]] | None = None,
) -> Iterator[Paragraph]:
    """Paragraphs of ``body`` cut into runs (by quote) and segments (by mention).

    Spans outside the body or overlapping an earlier span of the same kind are ignored, so bad
    offsets can never raise or duplicate text. A quote running over a paragraph break is
    highlighted in each paragraph it covers; ``quote_ends`` marks where it finishes. A
    paragraph that reads as a sub-heading has ``heading`` set. Linear in the body and spans;
    one paragraph at a time, so a page can turn each into markup and let it go (a long
    document's paragraphs all alive at once keep the garbage collector busy). ``window``
    (start, end) yields only the paragraphs inside that stretch (a part of a long body).
    """
    mention_spans = _Cursor(_usable(mentions, len(body)))
    quote_spans = _Cursor(_usable(quotes, len(body)))
    bounds = paragraph_bounds(body) if bounds is None else bounds
    headings = subheading_indexes(body, bounds)
    for number, (p_start, p_end) in enumerate(bounds):
        if window is not None and not (window[0] <= p_start and p_end <= window[1]):
            continue
        in_mentions = mention_spans.overlapping(p_start, p_end)
        in_quotes = quote_spans.overlapping(p_start, p_end)
        paragraph = Paragraph(start=p_start, end=p_end, heading=number in headings)
        if not in_mentions and not in_quotes:
            paragraph.runs.append(Run(segments=[Segment(body[p_start:p_end])]))
            yield paragraph
            continue
        cuts = {p_start, p_end}
        for span in (*in_mentions, *in_quotes):
            cuts.update(point for point in (span.start, span.end) if p_start < point < p_end)
        points = sorted(cuts)
        m_at = q_at = 0
        last: Run | None = None
        for start, end in zip(points, points[1:], strict=False):
            mention, m_at = _covering(in_mentions, m_at, start, end)
            quote, q_at = _covering(in_quotes, q_at, start, end)
            quote_ref = quote.ref if quote else None
            segment = Segment(body[start:end], mention.ref if mention else None)
            if last is not None and last.quote is quote_ref:
                last.segments.append(segment)
            else:
                last = Run(segments=[segment], quote=quote_ref)
                paragraph.runs.append(last)
            last.quote_ends = quote is not None and end == quote.end
        yield paragraph


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
