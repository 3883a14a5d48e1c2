"""Find the quoted stretches of a body: one ``Piece`` per paragraph's stretch of a quotation.

Marks are straight ``"`` (toggling), curly ``“`` / ``”`` and guillemets ``«`` / ``»``; a quote
left open at a paragraph's end continues into the next paragraph when that one opens with a
mark. One pass over each paragraph, so the scan is linear in the body's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quote_patterns import INNER_ATTRIBUTION, MASK

_OPENERS = "“«„‹"
_CLOSERS = "”»›"
_MARK_RE = re.compile(f'["{_OPENERS}{_CLOSERS}]')
# German and Russian low marks open with „ and close with “ (or ”); single guillemets ‹ with ›.
# Guillemets close with their own mark: "«…“quoted”…»" holds curly marks inside.
_CLOSER_OF = {"„": "“”", "‹": "›", "«": "»"}
# German books and papers also quote »like this« (and ›like this‹): a closer that opens.
_REVERSED = {"»": "«", "›": "‹"}


@dataclass(frozen=True)
class Piece:
    """One paragraph's stretch of a quotation, as found by the mark scanner."""

    start: int
    end: int
    mark_start: int  # opening mark
    mark_end: int  # just past the closing mark (or the paragraph end when unclosed)
    closed: bool
    para: int
    group: int  # pieces of one multi-paragraph quotation share a group
    leads: bool  # the opening mark is the paragraph's first character


def scan_pieces(body: str, paragraphs: list[tuple[int, int]], skip: set[int]) -> list[Piece]:
    pieces: list[Piece] = []
    carried_group: int | None = None  # group of a quote left open by the previous paragraph
    next_group = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        if index in skip:
            carried_group = None
            continue
        if carried_group is not None and body[p_start] not in '"“«„‹»›':
            carried_group = None  # the open quote was never continued: it ended there
        open_at: int | None = None
        closers = _CLOSERS
        last = {mark: body.rfind(mark, p_start, p_end) for mark in _REVERSED.values()}
        group = carried_group
        for mark in _MARK_RE.finditer(body, p_start, p_end):
            pos, char = mark.start(), mark.group()
            reversed_open = open_at is None and char in _REVERSED and last[_REVERSED[char]] > pos
            if open_at is None and (char == '"' or char in _OPENERS or reversed_open):
                open_at = pos
                closers = _REVERSED[char] if reversed_open else _CLOSER_OF.get(char, _CLOSERS)
                if group is None:
                    group, next_group = next_group, next_group + 1
            elif open_at is not None and (char == '"' or char in closers):
                pieces.append(make_piece(open_at, pos + 1, True, index, group, p_start))
                open_at, group = None, None
            # A stray closer, or an opener inside an open quote, is nested or noise.
        carried_group = None
        if open_at is not None:
            pieces.append(make_piece(open_at, p_end, False, index, group, p_start))
            carried_group = group
    return [p for p in pieces if p.end > p.start]


# British papers quote with single marks ('…' or ‘…’) and nest double ones inside. A single
# mark opens after a space, a bracket, a dash or a colon and before a letter or digit; it closes
# after a word or punctuation and before a space or punctuation. "The neighbours' trust" is an
# apostrophe: a mark after "s" before a lower-case word does not close.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:-]))['‘](?=[^\W_])", re.M)
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'‘])['’](?=$|[\s,.;:!?)\]—–-])", re.M)
_DOUBLE_MARKS = re.compile('["“«„]')
_POSSESSIVE = re.compile(r"[ \t]+[a-z]")


def quotes_in_single_marks(text: str) -> bool:
    """Whether ``text`` quotes with single marks: its first quote mark is a single one."""
    first_single = _SINGLE_OPEN.search(text)
    first_double = _DOUBLE_MARKS.search(text)
    return first_single is not None and (
        first_double is None or first_single.start() < first_double.start()
    )


def single_marks(text: str, paragraphs: list[tuple[int, int]]) -> str:
    """``text`` with its single quote marks written as “ ” (same offsets), so the scanner
    reads them. Call it for a text that ``quotes_in_single_marks``: elsewhere single marks are
    nested quotes or apostrophes (and a US headline's 'scare quotes' over a body that quotes
    with double marks)."""
    chars = list(text)
    carried = False  # the previous paragraph left a quotation open
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        position = p_start
        while position < p_end:
            if open_at is None:
                match = _SINGLE_OPEN.search(text, position, p_end)
                if match is None:
                    break
                open_at, position = match.start(), match.end()
                continue
            match = _SINGLE_CLOSE.search(text, position, p_end)
            if match is None:
                break
            position = match.end()
            if text[match.start() - 1] == "s" and _POSSESSIVE.match(text, match.end()):
                continue  # "the investors' money"
            chars[open_at], chars[match.start()] = "“", "”"
            open_at = None
        if carried and chars[p_start] != "“" and text[p_start] in "'‘":
            chars[p_start] = "“"  # a quotation that goes on: the next paragraph reopens it
        carried = open_at is not None
        if carried:
            chars[open_at] = "“"
    return "".join(chars)


def split_at_attributions(body: str, pieces: list[Piece]) -> list[Piece]:
    """Split a quotation whose marks hold its own attribution ("«…, — добавила она. — …»")
    into the two quotes it is: the attribution between them is read like any other."""
    found = []
    for piece in pieces:
        match = INNER_ATTRIBUTION.search(body, piece.start, piece.end) if piece.closed else None
        if match is None or match.start() == piece.start or match.end() >= piece.end:
            found.append(piece)
            continue
        cut = match.start()
        found.append(
            Piece(
                piece.start, cut, piece.mark_start, cut, True, piece.para, piece.group, piece.leads
            )
        )
        found.append(
            Piece(
                match.end(),
                piece.end,
                match.end(),
                piece.mark_end,
                True,
                piece.para,
                piece.group,
                False,
            )
        )
    return found


def make_piece(
    mark_start: int, mark_end: int, closed: bool, para: int, group: int | None, p_start: int
) -> Piece:
    start = mark_start + 1
    end = mark_end - 1 if closed else mark_end
    assert group is not None  # set when the quote was opened
    return Piece(start, end, mark_start, mark_end, closed, para, group, mark_start == p_start)


def mask_quotes(body: str, pieces: list[Piece]) -> str:
    """``body`` with every quotation, marks included, replaced by ``MASK`` characters."""
    parts = []
    position = 0
    for piece in pieces:
        if piece.mark_start < position:
            continue  # pieces never overlap; this only guards against a broken invariant
        parts += [body[position : piece.mark_start], MASK * (piece.mark_end - piece.mark_start)]
        position = piece.mark_end
    parts.append(body[position:])
    return "".join(parts)
