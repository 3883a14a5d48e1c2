"""Split decoded article text into headline, byline, body and the page furniture around them.

The input is ``DecodedText.text`` (LF line endings, NFC). Rules:

* Paragraphs are the non-empty lines, stripped; the body joins them with a blank line. In a
  hard-wrapped text (e-mail digests cut at ~70 columns) the lines of each block are first
  joined back into one paragraph. Markers such as the interview "– " (question) and "• "
  (answer) are kept; sub-headings stay in the body.
* The header (masthead, section, timestamps, banners, headline, bylines, date lines, credits,
  standfirst) is read by ``header.py``. Without a headline the title is derived from the body.
* Anywhere: furniture lines (``furniture.py`` and ``data/furniture.toml``: photo credits,
  newsletter and share widgets, cookie notices, government banners, sign-offs), "Related"
  rails with their headline lines, "Advertisement" lines, shortcode widgets ("[mc4wp_form
  id=""]"), "ALSO READ:" teasers and a rail heading with its headline ("Lire aussi : …"),
  "Source: <Outlet>" lines ("Источник:", "Manba:", …) and credit lines ("(ABC)", "by <name>
  news", ``data/credits.toml``) are dropped; below the header, so are menus, breadcrumbs,
  bare date lines (not a speaker's time code) and pull quotes; so is a closing author note
  ("A is a columnist ...") that opens with a byline's name, or that presents a journalist
  with the page's furniture under it. A caption (ending in a
  "[... credit]") that is repeated back to back goes to ``captions`` once, not to the body.
* Reader comments: from a thread opener ("Leave a Comment", "N Comments", "N thoughts on")
  to the end; comment bodies go to ``comments``, counters, the policy line and "Reply" lines
  are dropped.
* ``source_name`` prefers an explicit "Source:" or credit line, then a "…reports <Outlet>"
  standfirst, then the masthead, then the outlet a dateline names (``metadata.py``). A
  photo credit is never a source. Mastheads are recognised from ``outlets``, the names and
  aliases the caller passes (``outlet_names``), or by their layout.
* ``published`` is the date the header states, else the dateline's ("ASTANA, 17 September
  2024."), a day and month there taking the header's year, or without one the latest past
  year in which the day fell on the weekday the first paragraph names.
* ``removed`` lists, in document order, every line dropped without being kept in another field
  (the extra copies of a doubled caption included).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import furniture
from .bylines import mark_author_note, mark_loose_bylines, parse_byline, split_reports_tail
from .decoding import DocumentError
from .header import Header, mark_header
from .header_lines import is_headline
from .relative_dates import dateline_weekday
from .roles import Role
from .text import first_sentence_end
from .text_metadata import (
    credit_line_outlet,
    date_line,
    dateline_outlet,
    day_and_month,
    find_dates,
    is_time_only,
    running_text_outlet,
    segments,
)

__all__ = [
    "ParsedDocument",
    "derive_title",
    "first_sentence",
    "is_headline",
    "outlet_names",
    "parse_byline",
    "parse_document",
    "split_paragraphs",
    "split_reports_tail",
]

_SOURCE_MAX_WORDS = 8
_BOX_MIN_FURNITURE = 2
_BOX_LABEL_MAX_WORDS = 6
# A line that a box's label ending in a colon introduces (an address, a contact).
_BOX_LINE_MAX_WORDS = 12
_DATELINE_CHARS = 80
_DATELINE_DATE_CHARS = 16
# A dateline opens with a place and a comma: "ASTANA, ", "SAMARKAND, Uzbekistan, ".
_DATELINE_PLACE = re.compile(r"[^\W\d][\w.'’-]*(?: [^\W\d][\w.'’-]*){0,3},\s*(?:[^\W\d]\w+,\s*)?")
# Hard wrap: lines of a block are joined when the text is wrapped at a fixed width.
_WRAP_MAX_CHARS = 100
_WRAP_FILL = 0.5
_WRAPPED_BLOCKS_MIN = 3
_WRAP_LONG_LINES_MAX = 2

_ADVERTISEMENT = re.compile(r"(?:advertisements?|sponsored(?: content)?)", re.IGNORECASE)
# A whole line that is one WordPress-style shortcode, e.g. [mc4wp_form id=""].
_SHORTCODE = re.compile(
    r"\[[a-z][a-z0-9_-]*(?:\s+[a-z_-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))*\s*/?\]"
)
_TEASER = re.compile(r"(?:also read|read also|read more)\s*:.*", re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"\[[^\[\]]{2,80}\]")


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    title_derived: bool
    authors: tuple[str, ...]
    source_name: str | None
    dek: str | None
    body: str
    comments: tuple[str, ...]
    captions: tuple[str, ...]
    removed: tuple[str, ...]
    published: dt.date | None = None
    # A dateline's (month, day, ISO weekday) when it states no year: dated by a reference.
    undated: tuple[int, int, int] | None = None


def outlet_names(names: Iterable[str]) -> dict[str, str]:
    """Outlet names and aliases as the parser looks them up (case-folded -> as written)."""
    return {name.strip().casefold(): name.strip() for name in names if name.strip()}


def parse_document(text: str, outlets: Mapping[str, str] | Iterable[str] = ()) -> ParsedDocument:
    """Parse decoded article text; raise ``DocumentError`` when no article text remains.

    ``outlets`` are the names and aliases of known outlets (from ``articles/data/sources.toml``);
    a line naming one of them at the top of the text is a masthead.
    """
    known = outlets if isinstance(outlets, Mapping) else outlet_names(outlets)
    paragraphs, blocks = split_blocks(text)
    roles = [Role.BODY] * len(paragraphs)
    furniture.mark_comments(paragraphs, roles)
    source_line = _mark_anywhere_furniture(paragraphs, blocks, roles)
    # Captions before the header: a doubled caption under the byline is not a standfirst.
    captions = _mark_captions(paragraphs, roles)
    header = mark_header(paragraphs, blocks, roles, known)
    # Menus and bare date lines below the header (the header reads its dates first).
    for i, paragraph in enumerate(paragraphs):
        if roles[i] is Role.BODY and (
            furniture.is_menu_line(paragraph) or furniture.is_stamp_line(paragraph)
        ):
            roles[i] = Role.FURNITURE
    furniture.mark_running_lines(paragraphs, roles)
    furniture.mark_section_runs(paragraphs, roles)
    furniture.mark_pull_quotes(paragraphs, roles)
    _mark_widget_boxes(paragraphs, blocks, roles)
    authors = header.authors
    authors += tuple(a for a in mark_loose_bylines(paragraphs, roles) if a not in authors)
    mark_author_note(paragraphs, roles, authors)
    furniture.mark_closing_bio(paragraphs, roles)
    body = [p for p, role in zip(paragraphs, roles, strict=True) if role is Role.BODY]
    if not body:
        raise DocumentError("no article text after removing page furniture")
    joined = "\n\n".join(body)
    source, source_date = source_line
    if source in authors:
        source = None  # "© 2023 Kamila Rustamova": the writer of a newsletter, not an outlet
    published = _published(header, source_date, body[0], paragraphs, roles)
    return ParsedDocument(
        title=header.title or derive_title(joined),
        title_derived=header.title is None,
        authors=authors,
        source_name=source
        or header.reported_by
        or header.masthead
        or dateline_outlet(body[0])
        or (header.sender if header.sender not in authors else None)  # not its writer
        or running_text_outlet(body[0], known),
        dek=header.dek,
        body=joined,
        comments=_with_role(paragraphs, roles, Role.COMMENT),
        captions=captions,
        removed=_with_role(paragraphs, roles, Role.FURNITURE),
        published=published if isinstance(published, dt.date) else None,
        undated=published if isinstance(published, tuple) else None,
    )


def _published(
    header: Header,
    source_date: dt.date | None,
    first: str,
    paragraphs: Sequence[str],
    roles: Sequence[Role],
) -> dt.date | tuple[int, int, int] | None:
    """The header's date, else a digest's sending day, else the dateline's (see below)."""
    if header.published or source_date:
        return header.published or source_date
    place = _DATELINE_PLACE.match(first)
    if place is None or (header.sent and dateline_outlet(first) is None):
        return header.sent  # a digest's own text (not a dispatch it forwards), or no date
    opening = first[place.end() : place.end() + _DATELINE_CHARS]
    if (dates := find_dates(opening)) and dates[0][0] == 0:
        return dates[0][2]
    # A dateline's day and month take a year the header states (the "Date:" of a digest that
    # forwards the dispatch), or are returned with the lead's weekday (month, day, weekday).
    years = [
        d.year
        for p, role in zip(paragraphs, roles, strict=True)
        if role is not Role.BODY and role is not Role.COMMENT
        for _, _, d in find_dates(p)
    ]
    if not years:
        # "Pekín, 19 may (EFE).- … este viernes": dated from a reference date the caller has.
        return dateline_weekday(opening[:_DATELINE_DATE_CHARS], first)
    return day_and_month(opening[:_DATELINE_DATE_CHARS], years[0])


def split_blocks(text: str) -> tuple[list[str], list[int]]:
    """Paragraphs and the number of the blank-line block each comes from (hard wraps joined)."""
    blocks = [
        [line.strip() for line in block.split("\n") if line.strip()]
        for block in re.split(r"\n\s*\n", text)
    ]
    blocks = [block for block in blocks if block]
    width = _wrap_width(blocks)
    paragraphs: list[str] = []
    numbers: list[int] = []
    for number, block in enumerate(blocks):
        joined = width is not None and _is_wrapped_block(block, width)
        lines = [" ".join(block)] if joined else block
        paragraphs += lines
        numbers += [number] * len(lines)
    return paragraphs, numbers


def _is_wrapped_block(block: Sequence[str], width: int) -> bool:
    """Every line but the last fills the width (within half of it)."""
    return (
        len(block) > 1
        and all(width * _WRAP_FILL <= len(line) <= width for line in block[:-1])
        and not any(map(furniture.stays_a_line, block))
        # A letterhead in capitals ("MINISTRY OF … / PRESS SERVICE") is lines of its own.
        and not block[0].isupper()
    )


def _wrap_width(blocks: Sequence[Sequence[str]]) -> int | None:
    """The width a hard-wrapped text is cut at, or None when it is not hard-wrapped.

    The width is the longest line once a couple of longer ones (a headline) are set aside; the
    text is wrapped when several blocks consist of lines that fill it.
    """
    lengths = sorted((len(line) for block in blocks for line in block), reverse=True)
    if len(lengths) <= _WRAP_LONG_LINES_MAX:
        return None
    width = lengths[_WRAP_LONG_LINES_MAX]
    if width > _WRAP_MAX_CHARS:
        return None
    wrapped = sum(_is_wrapped_block(block, width) for block in blocks)
    return width if wrapped >= _WRAPPED_BLOCKS_MIN else None


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: documents use single and blank-line breaks interchangeably."""
    return split_blocks(text)[0]


def _with_role(paragraphs: Sequence[str], roles: Sequence[Role], wanted: Role) -> tuple[str, ...]:
    return tuple(p for p, role in zip(paragraphs, roles, strict=True) if role is wanted)


# --- furniture recognised anywhere in the body -----------------------------------------------


def _mark_anywhere_furniture(
    paragraphs: Sequence[str], blocks: Sequence[int], roles: list[Role]
) -> tuple[str | None, dt.date | None]:
    """Drop furniture lines, rails, ads, widgets, teasers and source lines.

    Returns the first "Source:" outlet and the date that line states.
    """
    source, source_date = None, None
    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        if roles[i] is not Role.BODY or date_line(paragraph)[0]:
            i += 1  # a date line ("UPDATED 17.06.2025 21:05") is left for the header to read
            continue
        if furniture.is_rail_heading(paragraph):
            end = furniture.rail_end(paragraphs, i, blocks)
            for j in range(i, end):
                if roles[j] is Role.BODY:
                    roles[j] = Role.FURNITURE
            i = end
            continue
        # "© 2025 Steppe Post. All rights reserved." is furniture that names the outlet.
        footer = credit_line_outlet(paragraph, "footer_lines")
        if footer is None and (
            _is_widget(paragraph)
            or furniture.is_furniture_line(paragraph)
            or furniture.is_teaser_line(paragraph)
            or is_time_only(paragraph)
        ):
            roles[i] = Role.FURNITURE
        elif (
            name := footer or source_line_outlet(paragraph) or credit_line_outlet(paragraph)
        ) is not None:
            roles[i] = Role.SOURCE
            if source is None:
                source = name
                source_date = next((d for _, _, d in find_dates(paragraph)), None)
        i += 1
    return source, source_date


def _mark_widget_boxes(paragraphs: Sequence[str], blocks: Sequence[int], roles: list[Role]) -> None:
    """A block with two furniture lines is a widget box: its other short lines (a box title
    such as "Get the briefing") go with them."""
    members: dict[int, list[int]] = {}
    for i, number in enumerate(blocks):
        members.setdefault(number, []).append(i)
    for lines in members.values():
        dropped = [i for i in lines if roles[i] is Role.FURNITURE]
        rest = [i for i in lines if roles[i] is Role.BODY]
        if len(dropped) >= _BOX_MIN_FURNITURE and all(_is_box_label(paragraphs[i]) for i in rest):
            for i in rest:
                roles[i] = Role.FURNITURE
        # "Our mailing address is:" and the address under it.
        for i in rest:
            if i - 1 in dropped and paragraphs[i - 1].endswith(":") and _is_box_line(paragraphs[i]):
                roles[i] = Role.FURNITURE


def _is_box_line(line: str) -> bool:
    return len(line.split()) <= _BOX_LINE_MAX_WORDS and not line.rstrip("\"'”’»)").endswith(".")


def _is_box_label(line: str) -> bool:
    return len(line.split()) <= _BOX_LABEL_MAX_WORDS and not line.rstrip("\"'”’»)").endswith(".")


def _is_widget(paragraph: str) -> bool:
    return any(pattern.fullmatch(paragraph) for pattern in (_ADVERTISEMENT, _SHORTCODE, _TEASER))


def source_line_outlet(paragraph: str) -> str | None:
    """The outlet of a short "Source: Current Time TV" line ("Source: A | Editor: B" gives A;
    the labels are ``source_lines`` in ``data/credits.toml``)."""
    name = credit_line_outlet(paragraph, "source_lines")
    if name is None:
        return None
    name = segments(name)[0].strip().rstrip(".")
    if len(name.split()) > _SOURCE_MAX_WORDS:
        return None
    return name


# --- photo captions ----------------------------------------------------------------------------


def _mark_captions(paragraphs: Sequence[str], roles: list[Role]) -> tuple[str, ...]:
    """Back-to-back copies of a credited caption: one kept as a caption, the copies dropped.

    A lone paragraph ending in "[...]" stays in the body: quotes edited with brackets end that way
    too, and only the scraper's duplication reliably marks a caption.
    """
    body = [i for i, role in enumerate(roles) if role is Role.BODY]
    captions: list[str] = []
    for previous, current in zip(body, body[1:], strict=False):
        text = paragraphs[current]
        if text != paragraphs[previous] or not _ends_with_credit(text):
            continue
        if roles[previous] is Role.BODY:
            roles[previous] = Role.CAPTION
            if text not in captions:
                captions.append(text)
        roles[current] = Role.FURNITURE
    return tuple(captions)


def _ends_with_credit(text: str) -> bool:
    match = _CAPTION_CREDIT.search(text)
    return match is not None and match.end() == len(text) and match.start() > 0


# --- titles -----------------------------------------------------------------------------------


def derive_title(body: str, max_length: int = 90) -> str:
    """The body's first sentence without its full stop, cut at a word boundary with "…"."""
    paragraphs = split_paragraphs(body)
    if not paragraphs:
        raise ValueError("cannot derive a title from an empty body")
    sentence = first_sentence(paragraphs[0])
    if sentence.endswith(".") and not sentence.endswith("..."):
        sentence = sentence[:-1]
    return _shorten(sentence, max_length)


def first_sentence(paragraph: str) -> str:
    """The text up to the first sentence end (``text.sentence_ends``), closing quotes kept."""
    end = first_sentence_end(paragraph)
    return paragraph if end is None else paragraph[:end]


def _shorten(text: str, max_length: int) -> str:
    if len(text) <= max_length:
        return text
    # One character more than fits, so a word ending exactly at the limit is seen as complete;
    # the cut at the last space then always leaves room for the ellipsis.
    window = text[:max_length]
    cut = window[: window.rindex(" ")] if " " in window else text[: max_length - 1]
    return cut.rstrip(" ,;:–—-") + "…"
