"""Split decoded article text into headline, byline, body and the page furniture around them.

The input is ``DecodedText.text`` (LF line endings, NFC). Rules:

* Paragraphs are the non-empty lines, stripped; the body joins them with a blank line. Markers
  such as the interview "– " (question) and "• " (answer) are kept; sub-headings stay in the body.
* Header, in order: an optional masthead (a line naming a known outlet, ``KNOWN_MASTHEADS``) and
  the short section label after it; the headline (the first line, when it is short-ish, has no
  final full stop and is not a byline); then, until the first real paragraph, bylines ("By A, B
  and C": 1-4 capitalised names), a bare view counter ("17"), one- or two-word photo credits
  ("foto", "Reuters"), "Photo: ..." lines and a standfirst (``dek``) that either ends
  "…reports <Outlet>" or is repeated by a later paragraph. Without a headline the title is
  derived from the body.
* Anywhere: "Advertisement" lines, shortcode widgets ("[mc4wp_form id=""]"), "ALSO READ:"
  teasers and "Source: <Outlet>" lines are dropped; a caption (ending in a "[... credit]") that
  is repeated back to back goes to ``captions`` once, not to the body.
* Reader comments: from "Do you like this article?" (or an "N Comment(s)" line) to the end;
  comment bodies go to ``comments``, counters, the policy line and "Reply" lines are dropped.
* ``source_name`` prefers an explicit "Source:" line, then a "…reports <Outlet>" standfirst, then
  the masthead. A photo credit is never a source.
* ``removed`` lists, in document order, every line dropped without being kept in another field
  (the extra copies of a doubled caption included).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .decoding import DocumentError
from .text import first_sentence_end, text_lines

# Mastheads printed as the first line of pages from these outlets (lower-cased line -> outlet).
# Only outlets seen in the archive's sources are listed; a line is never guessed to be a masthead.
KNOWN_MASTHEADS: dict[str, str] = {
    "caravanserai": "Caravanserai",
}

_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 35
_SECTION_LABEL_MAX_WORDS = 3
_CREDIT_MAX_WORDS = 2
_BYLINE_MAX_CHARS = 120
_BYLINE_MAX_NAMES = 4
_NAME_MAX_WORDS = 4
_SOURCE_MAX_WORDS = 8
# A standfirst repeated in the body must be long enough that the repeat is not a coincidence.
_REPEATED_DEK_MIN_CHARS = 60

# Lower-case particles allowed inside (not at the start of) a personal name.
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von", "y"}
)
_CLOSING_MARKS = "\"'”’»)]"

_ADVERTISEMENT = re.compile(r"(?:advertisements?|sponsored(?: content)?)", re.IGNORECASE)
# A whole line that is one WordPress-style shortcode, e.g. [mc4wp_form id=""].
_SHORTCODE = re.compile(
    r"\[[a-z][a-z0-9_-]*(?:\s+[a-z_-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))*\s*/?\]"
)
_TEASER = re.compile(r"(?:also read|read also|read more)\s*:.*", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"source\s*:\s*(?P<name>\S.*?)\.?", re.IGNORECASE)
_VIEW_COUNTER = re.compile(r"\d{1,3}(?:[,.\s]?\d{3})*(?:\s+(?:views?|reads?))?", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"(?:photo|image|picture)\s*(?:by|:|credit\s*:)\s*\S.*", re.IGNORECASE)
_BYLINE = re.compile(r"by\s+(?P<names>.+)", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
# "…reports Asian Lite News" (U+2026 or three dots) closing a standfirst.
_REPORTS_TAIL = re.compile(r"\s*(?:…|\.\.\.)\s*reports\s+(?P<name>[^\s.…][^.…]*?)\s*$")
_CAPTION_CREDIT = re.compile(r"\[[^\[\]]{2,80}\]")
_COMMENTS_START = re.compile(r"do you like this article\??|\d+\s+comments?(?:\(s\))?", re.I)
_COMMENT_FURNITURE = re.compile(
    r"\d+\s+comments?(?:\(s\))?|comment policy\b.*|\*?\s*denotes required field.*"
    r"|reply|report(?: abuse)?|leave a (?:comment|reply)",
    re.IGNORECASE,
)


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


class _Role(Enum):
    """What a paragraph turned out to be; ``BODY`` until a rule claims it."""

    BODY = "body"
    TITLE = "title"
    BYLINE = "byline"
    MASTHEAD = "masthead"
    SOURCE = "source"
    DEK = "dek"
    CAPTION = "caption"
    COMMENT = "comment"
    FURNITURE = "furniture"


@dataclass(frozen=True)
class _Header:
    title: str | None = None
    authors: tuple[str, ...] = ()
    masthead: str | None = None
    reported_by: str | None = None
    dek: str | None = None


def parse_document(text: str) -> ParsedDocument:
    """Parse decoded article text; raise ``DocumentError`` when no article text remains."""
    paragraphs = split_paragraphs(text)
    roles = [_Role.BODY] * len(paragraphs)
    _mark_comments(paragraphs, roles)
    source_line = _mark_anywhere_furniture(paragraphs, roles)
    # Captions before the header: a doubled caption under the byline is not a standfirst.
    captions = _mark_captions(paragraphs, roles)
    header = _mark_header(paragraphs, roles)
    body = [p for p, role in zip(paragraphs, roles, strict=True) if role is _Role.BODY]
    if not body:
        raise DocumentError("no article text after removing page furniture")
    joined = "\n\n".join(body)
    return ParsedDocument(
        title=header.title or derive_title(joined),
        title_derived=header.title is None,
        authors=header.authors,
        source_name=source_line or header.reported_by or header.masthead,
        dek=header.dek,
        body=joined,
        comments=_with_role(paragraphs, roles, _Role.COMMENT),
        captions=captions,
        removed=_with_role(paragraphs, roles, _Role.FURNITURE),
    )


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped: documents use single and blank-line breaks interchangeably."""
    return text_lines(text)


def _with_role(paragraphs: Sequence[str], roles: Sequence[_Role], wanted: _Role) -> tuple[str, ...]:
    return tuple(p for p, role in zip(paragraphs, roles, strict=True) if role is wanted)


# --- reader comments -------------------------------------------------------------------------


def _mark_comments(paragraphs: Sequence[str], roles: list[_Role]) -> None:
    """Everything from the comments widget to the end is comments or comment furniture."""
    start = next((i for i, p in enumerate(paragraphs) if _COMMENTS_START.fullmatch(p)), None)
    if start is None:
        return
    for i in range(start, len(paragraphs)):
        furniture = i == start or _COMMENT_FURNITURE.fullmatch(paragraphs[i])
        roles[i] = _Role.FURNITURE if furniture else _Role.COMMENT


# --- furniture recognised anywhere in the body -----------------------------------------------


def _mark_anywhere_furniture(paragraphs: Sequence[str], roles: list[_Role]) -> str | None:
    """Drop ads, widgets, teasers and source lines; return the first "Source:" outlet."""
    source = None
    for i, paragraph in enumerate(paragraphs):
        if roles[i] is not _Role.BODY:
            continue
        if _is_widget(paragraph):
            roles[i] = _Role.FURNITURE
        elif (name := source_line_outlet(paragraph)) is not None:
            roles[i] = _Role.SOURCE
            source = source or name
    return source


def _is_widget(paragraph: str) -> bool:
    return any(pattern.fullmatch(paragraph) for pattern in (_ADVERTISEMENT, _SHORTCODE, _TEASER))


def source_line_outlet(paragraph: str) -> str | None:
    """The outlet of a short "Source: Current Time TV" line, else None."""
    match = _SOURCE_LINE.fullmatch(paragraph)
    if match is None or len(match["name"].split()) > _SOURCE_MAX_WORDS:
        return None
    return match["name"].strip()


# --- header: masthead, section, headline, byline, counters, credits, standfirst ---------------


def _mark_header(paragraphs: Sequence[str], roles: list[_Role]) -> _Header:
    """Claim the lines before the first real paragraph; everything else stays body."""
    pending = [i for i, role in enumerate(roles) if role is _Role.BODY]
    header = _Header()
    pos = 0
    if pos < len(pending) and (masthead := masthead_outlet(paragraphs[pending[pos]])):
        roles[pending[pos]] = _Role.MASTHEAD
        header = replace(header, masthead=masthead)
        pos += 1
        if _is_section_label(paragraphs, pending, pos):
            roles[pending[pos]] = _Role.FURNITURE
            pos += 1
    # The headline needs something after it: a lone line is the article, not its title.
    if pos + 1 < len(pending) and is_headline(paragraphs[pending[pos]]):
        roles[pending[pos]] = _Role.TITLE
        header = replace(header, title=paragraphs[pending[pos]])
        pos += 1
    while pos < len(pending):
        index = pending[pos]
        claimed = _claim_header_line(paragraphs, index, pending[pos + 1 :], header)
        if claimed is None:
            break
        role, header = claimed
        roles[index] = role
        pos += 1
    return header


def _claim_header_line(
    paragraphs: Sequence[str], index: int, later: Sequence[int], header: _Header
) -> tuple[_Role, _Header] | None:
    """Classify one line between the headline and the first real paragraph, or return None."""
    line = paragraphs[index]
    if (authors := parse_byline(line)) is not None:
        return _Role.BYLINE, replace(header, authors=header.authors + authors)
    has_headline = header.title is not None
    if has_headline and (_VIEW_COUNTER.fullmatch(line) or _is_credit(line)):
        return _Role.FURNITURE, header
    if _PHOTO_CREDIT.fullmatch(line) and len(line.split()) <= _SOURCE_MAX_WORDS:
        return _Role.FURNITURE, header
    if header.dek is None:
        dek, outlet = split_reports_tail(line)
        if outlet is not None or _is_repeated_later(line, paragraphs, later):
            return _Role.DEK, replace(header, dek=dek, reported_by=outlet)
    return None


def masthead_outlet(line: str) -> str | None:
    """The outlet whose masthead ``line`` is, from ``KNOWN_MASTHEADS``."""
    return KNOWN_MASTHEADS.get(line.strip().casefold())


def _is_section_label(paragraphs: Sequence[str], pending: Sequence[int], pos: int) -> bool:
    """A short label ("Diplomacy") between the masthead and a headline."""
    if pos + 1 >= len(pending):
        return False
    label, following = paragraphs[pending[pos]], paragraphs[pending[pos + 1]]
    short = len(label.split()) <= _SECTION_LABEL_MAX_WORDS and not _ends_sentence(label)
    return short and is_headline(following)


def is_headline(line: str) -> bool:
    """Short-ish, one sentence, no final full stop, and not a byline or masthead."""
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not _ends_with_full_stop(line)
        # A paragraph that lost its final full stop still reads as several sentences.
        and first_sentence(line) == line
        and parse_byline(line) is None
        and masthead_outlet(line) is None
        and not line.endswith((":", ",", ";"))
    )


def _is_credit(line: str) -> bool:
    """A photo credit such as "foto" or "Reuters": one or two words, no punctuation at the end."""
    return len(line.split()) <= _CREDIT_MAX_WORDS and not _ends_sentence(line)


def parse_byline(line: str) -> tuple[str, ...] | None:
    """The authors of a byline "By A", "By A and B", "By A, B and C"; None if not a byline."""
    match = _BYLINE.fullmatch(line)
    if match is None or len(line) > _BYLINE_MAX_CHARS:
        return None
    names = tuple(name.strip() for name in _NAME_SEPARATOR.split(match["names"].strip()))
    if not 1 <= len(names) <= _BYLINE_MAX_NAMES or not all(map(_is_personal_name, names)):
        return None
    return names


def _is_personal_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _NAME_MAX_WORDS:
        return False
    if not (_is_capitalised(words[0]) and _is_capitalised(words[-1])):
        return False
    return all(_is_capitalised(word) or word in _NAME_PARTICLES for word in words[1:-1])


def _is_capitalised(word: str) -> bool:
    # Letters, apostrophes, hyphens and initials' dots only: "O'Neil", "Jean-Paul", "J."
    return word[:1].isupper() and all(c.isalpha() or c in "'’.-" for c in word)


def split_reports_tail(line: str) -> tuple[str, str | None]:
    """Split "…reports Asian Lite News" off a standfirst; return (text, outlet or None)."""
    match = _REPORTS_TAIL.search(line)
    if match is None or not all(map(_is_capitalised, match["name"].split())):
        return line, None
    return line[: match.start()].rstrip(), match["name"]


def _is_repeated_later(line: str, paragraphs: Sequence[str], later: Sequence[int]) -> bool:
    """A standfirst is often the body's own sentence, repeated; the repeat proves it is one."""
    core = line.rstrip(".…").rstrip()
    if len(core) < _REPEATED_DEK_MIN_CHARS:
        return False
    # An identical copy is a scraping duplicate, not a standfirst expanded by the body.
    return any(core in paragraphs[i] and paragraphs[i] != line for i in later)


# --- photo captions ----------------------------------------------------------------------------


def _mark_captions(paragraphs: Sequence[str], roles: list[_Role]) -> tuple[str, ...]:
    """Back-to-back copies of a credited caption: one kept as a caption, the copies dropped.

    A lone paragraph ending in "[...]" stays in the body: quotes edited with brackets end that way
    too, and only the scraper's duplication reliably marks a caption.
    """
    body = [i for i, role in enumerate(roles) if role is _Role.BODY]
    captions: list[str] = []
    for previous, current in zip(body, body[1:], strict=False):
        text = paragraphs[current]
        if text != paragraphs[previous] or not _ends_with_credit(text):
            continue
        if roles[previous] is _Role.BODY:
            roles[previous] = _Role.CAPTION
            if text not in captions:
                captions.append(text)
        roles[current] = _Role.FURNITURE
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


# --- small text predicates ---------------------------------------------------------------------


def _ends_with_full_stop(line: str) -> bool:
    core = line.rstrip(_CLOSING_MARKS)
    return core.endswith(".") and not core.endswith("...")


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSING_MARKS).endswith((".", "!", "?", "…", ":", ";", ","))
