"""The header of a text: masthead, section, timestamps and banners, headline, bylines, standfirst.

Lines are read in order until the first real paragraph:

1. Before the headline: page furniture (``furniture.py``: banners, menus, e-mail headers,
   mojibake junk), timestamp and date lines ("28 Feb 2023 13:38"), and a masthead with its
   section labels. A masthead is a line naming a known outlet (an alias from the outlets data
   the caller passes), alone or before a section ("Eurasianet / Politics"); or, for an outlet
   the data does not know, the first line of an opening block of short lines, or a lone
   "Name / Section" line, when the next block opens with a headline.
2. The headline: short-ish, one sentence, no final full stop, not cut mid-sentence by a hard
   wrap (the next line of its block does not continue in lower case).
3. After it, until the first real paragraph: a repeated headline, bylines and date lines
   ("By A | 2 November 2023, 09:15", "Author: A", "Posted on May 24, 2023 by A"), view
   counters, photo credits, furniture lines and a standfirst (``dek``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from . import furniture
from .bylines import NAME_PARTICLES, parse_byline, split_reports_tail
from .roles import Role
from .text import first_sentence_end
from .text_metadata import date_line, find_dates, segments, strip_dates

_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 35
_SECTION_LABEL_MAX_WORDS = 4
_PLACE_LABEL_MAX_WORDS = 6
_KICKER_MAX_WORDS = 2
_MASTHEAD_MAX_WORDS = 6
_MASTHEAD_BLOCK_LINE_MAX_WORDS = 12
_CREDIT_MAX_WORDS = 2
_SOURCE_MAX_WORDS = 8
_BEFORE_HEADLINE_MAX_LINES = 20
# A standfirst repeated in the body must be long enough that the repeat is not a coincidence.
_REPEATED_DEK_MIN_CHARS = 60

# "Ministry of Foreign Affairs", "Palace of the Nations": small words inside a place label.
_PLACE_PARTICLES = frozenset({"of", "the", "and", "for"})
_CLOSING_MARKS = "\"'”’»)]"
_MASTHEAD_SEPARATOR = re.compile(r"\s+(?:/|\||-{1,2}|—|–|›|»|>|→)\s+")
_VIEW_COUNTER = re.compile(r"\d{1,3}(?:[,.\s]?\d{3})*(?:\s+(?:views?|reads?))?", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    title: str | None = None
    authors: tuple[str, ...] = ()
    masthead: str | None = None
    reported_by: str | None = None
    dek: str | None = None
    published: dt.date | None = None


def mark_header(
    paragraphs: Sequence[str],
    blocks: Sequence[int],
    roles: list[Role],
    outlets: Mapping[str, str],
) -> Header:
    """Claim the lines before the first real paragraph; everything else stays body."""
    pending = [i for i, role in enumerate(roles) if role is Role.BODY]
    reader = _Reader(paragraphs, blocks, roles, pending, outlets)
    reader.before_headline()
    reader.headline()
    reader.after_headline()
    return reader.header


class _Reader:
    def __init__(self, paragraphs, blocks, roles, pending, outlets) -> None:
        self.paragraphs, self.blocks, self.roles = paragraphs, blocks, roles
        self.pending, self.outlets = pending, outlets
        self.pos = 0
        self.header = Header()
        self.after_date = False

    def line(self, offset: int = 0) -> str | None:
        at = self.pos + offset
        return self.paragraphs[self.pending[at]] if at < len(self.pending) else None

    def block(self, offset: int = 0) -> int:
        return self.blocks[self.pending[self.pos + offset]]

    def claim(self, role: Role) -> None:
        self.roles[self.pending[self.pos]] = role
        self.pos += 1

    def note_date(self, value: dt.date | None) -> None:
        if value is not None and self.header.published is None:
            self.header = replace(self.header, published=value)

    # --- 1. before the headline -------------------------------------------------------------

    def before_headline(self) -> None:
        masthead_block = None
        while (line := self.line()) is not None and self.pos < _BEFORE_HEADLINE_MAX_LINES:
            # An e-mail digest's "Date:" is when it was sent, not when the text was published.
            if furniture.is_header_furniture_line(line):
                self.claim(Role.FURNITURE)
                continue
            # Then dates: "UPDATED 17.06.2025 21:05" is furniture that states the date.
            is_date, value = date_line(line)
            if is_date:
                self.note_date(value)
                self.claim(Role.FURNITURE)
                continue
            if _is_leading_furniture(line):
                self.claim(Role.FURNITURE)
                continue
            if self.header.masthead is None and (name := self._masthead(line)):
                self.header = replace(self.header, masthead=name)
                self.note_date(next((d for _, _, d in find_dates(line)), None))
                masthead_block = self.block()
                self.claim(Role.MASTHEAD)
                continue
            if masthead_block is not None and self._is_section_label(line, masthead_block):
                self.claim(Role.FURNITURE)
                continue
            if self._is_kicker(line):
                self.claim(Role.FURNITURE)
                continue
            break

    def _masthead(self, line: str) -> str | None:
        parts = _MASTHEAD_SEPARATOR.split(line.strip())
        known = self.outlets.get(line.strip().casefold()) or self.outlets.get(parts[0].casefold())
        if known and self._headline_follows():
            return parts[0] if len(parts) > 1 else line.strip()
        name = parts[0]
        if (
            len(name.split()) > _MASTHEAD_MAX_WORDS
            or _ends_sentence(name)
            or not name[:1].isupper()
        ):
            return None
        rest, block_lines = self._rest_of_block()
        if not rest and line.isupper() and len(line.split()) <= _KICKER_MAX_WORDS:
            return None  # "CASPIAN SUMMIT" over date lines: a kicker, unless a known outlet
        # "Orda Today / LIVE / CIS summit in Bishkek: live updates / Last updated …": the
        # headline closes the masthead's own block (of three lines or more: over a headline
        # alone, a short line is a kicker).
        own = block_lines >= 3 and len(rest) >= 1 and self._closes_block_as_headline(rest[-1])
        if not (own or self._next_block_opens_with_headline()):
            return None
        if len(parts) > 1 and not rest:
            return name
        short = all(
            len(r.split()) <= _MASTHEAD_BLOCK_LINE_MAX_WORDS and not _ends_sentence(r) for r in rest
        )
        if block_lines > 1 and short:
            return name
        return None

    def _rest_of_block(self) -> tuple[list[str], int]:
        """The other lines of the current line's block that are not furniture, and its size
        (lines dropped before the header was read, such as a breadcrumb, count too)."""
        rest, offset = [], 1
        while (line := self.line(offset)) is not None and self.block(offset) == self.block():
            if not (_is_leading_furniture(line) or date_line(line)[0]):
                rest.append(line)
            offset += 1
        return rest, max(offset, self.blocks.count(self.block()))

    def _next_block_opens_with_headline(self) -> bool:
        offset = 1
        while self.line(offset) is not None and self.block(offset) == self.block():
            offset += 1
        # Date lines in a block of their own ("Mis à jour le 22/05/2023") come first.
        while (line := self.line(offset)) is not None and (
            date_line(line)[0] or _is_leading_furniture(line)
        ):
            offset += 1
        line = self.line(offset)
        return line is not None and self.line(offset + 1) is not None and is_headline(line)

    def _closes_block_as_headline(self, line: str) -> bool:
        """Whether ``line``, the last content line of the current block, reads as a headline
        longer than a section label, with text after the block."""
        offset = 1
        while self.line(offset) is not None and self.block(offset) == self.block():
            offset += 1
        return (
            self.line(offset) is not None
            and len(line.split()) > _SECTION_LABEL_MAX_WORDS
            and is_headline(line)
        )

    def _headline_follows(self) -> bool:
        offset = 1
        while (line := self.line(offset)) is not None:
            if not (_is_leading_furniture(line) or date_line(line)[0]):
                if self.block(offset) != self.block() and is_headline(line):
                    return True
                if self.block(offset) == self.block() and len(line.split()) <= 4:
                    offset += 1
                    continue
                return is_headline(line)
            offset += 1
        return False

    def _is_section_label(self, line: str, masthead_block: int) -> bool:
        if self.block() == masthead_block:
            rest, _ = self._rest_of_block()
            if not rest and self._closes_block_as_headline(line):
                return False  # the headline, last in the masthead's block
            return len(line.split()) <= _MASTHEAD_BLOCK_LINE_MAX_WORDS and not _ends_sentence(line)
        following = self.line(1)
        short = len(line.split()) <= _SECTION_LABEL_MAX_WORDS and not _ends_sentence(line)
        return short and following is not None and is_headline(following)

    def _is_kicker(self, line: str) -> bool:
        """A one- or two-word label ("Analysis", "EXCLUSIVE") right over a longer headline,
        or over date lines and then the headline ("CASPIAN SUMMIT / UPDATED 29 June …")."""
        skip = 1
        while (dated := self.line(skip)) is not None and date_line(dated)[0]:
            skip += 1
        following = self.line(skip)
        return (
            len(line.split()) <= _KICKER_MAX_WORDS
            and not _ends_sentence(line)
            and following is not None
            and self.line(skip + 1) is not None
            and (self.block(1) == self.block() or skip > 1)
            and _meta_line(following) is None
            and len(following.split()) > len(line.split()) + 1
            and is_headline(following)
            and not is_headline(self.line(skip + 1) or "")
        )

    # --- 2. the headline ----------------------------------------------------------------

    def headline(self) -> None:
        line, following = self.line(), self.line(1)
        # The headline needs something after it: a lone line is the article, not its title.
        if line is None or following is None or not is_headline(line):
            return
        if self.block(1) == self.block() and following[:1].islower():
            return  # cut mid-sentence by a hard wrap
        self.header = replace(self.header, title=line)
        self.claim(Role.TITLE)

    # --- 3. after the headline -----------------------------------------------------------

    def after_headline(self) -> None:
        while (line := self.line()) is not None:
            after_date, self.after_date = self.after_date, False
            if after_date and _is_place_label(line):
                # "Briefing Room, Government House" under the date; a second label too
                # ("Ministry of Foreign Affairs / Astana, Kazakhstan").
                self.claim(Role.FURNITURE)
                self.after_date = True
                continue
            role = self._after_headline_role(line)
            if role is None:
                return
            self.claim(role)

    def _after_headline_role(self, line: str) -> Role | None:
        header = self.header
        if header.title is not None and line == header.title:
            return Role.FURNITURE  # the headline repeated
        meta = _meta_line(line)
        if meta is not None:
            authors, value = meta
            self.note_date(value)
            self.after_date = value is not None
            if authors:
                self.header = replace(self.header, authors=self.header.authors + authors)
                return Role.BYLINE
            return Role.FURNITURE
        if furniture.is_furniture_line(line):
            return Role.FURNITURE
        has_headline = header.title is not None
        if has_headline and (_VIEW_COUNTER.fullmatch(line) or _is_credit(line)):
            return Role.FURNITURE
        if header.dek is None:
            dek, outlet = split_reports_tail(line)
            later = self.pending[self.pos + 1 :]
            if outlet is not None or _is_repeated_later(line, self.paragraphs, later):
                self.header = replace(self.header, dek=dek, reported_by=outlet)
                return Role.DEK
        return None


def _is_place_label(line: str) -> bool:
    """A short line of capitalised words without final punctuation: a place or a section."""
    words = line.split()
    return (
        0 < len(words) <= _PLACE_LABEL_MAX_WORDS
        and not _ends_sentence(line)
        and all(
            w[:1].isupper() or w in NAME_PARTICLES or w in _PLACE_PARTICLES or not w[:1].isalpha()
            for w in words
        )
    )


def _is_leading_furniture(line: str) -> bool:
    return (
        furniture.is_furniture_line(line)
        or furniture.is_header_furniture_line(line)
        or furniture.is_menu_line(line)
        or furniture.is_junk_line(line)
        or furniture.is_comment_start(line)
    )


def _meta_line(line: str) -> tuple[tuple[str, ...], dt.date | None] | None:
    """A byline and/or date line, split at " | ": (authors, date), or None if it is neither."""
    authors: tuple[str, ...] = ()
    found: dt.date | None = None
    labels = 0
    for part in segments(line):
        is_date, value = date_line(part)
        if is_date:
            found = found or value
            continue
        dated = find_dates(part)
        names = parse_byline(strip_dates(part)) if dated else parse_byline(part)
        if names is not None:
            authors += names
            found = found or (dated[0][2] if dated else None)
        elif len(part.split()) <= _SECTION_LABEL_MAX_WORDS and not _ends_sentence(part):
            labels += 1
        else:
            return None
    if not authors and found is None:
        return None
    return authors, found


def is_headline(line: str) -> bool:
    """Short-ish, one sentence, no final full stop, and not a byline or a date line."""
    end = first_sentence_end(line)
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) <= _HEADLINE_MAX_WORDS
        and not _ends_with_full_stop(line)
        # A paragraph that lost its final full stop still reads as several sentences.
        and (end is None or end == len(line))
        and parse_byline(line) is None
        and not line.endswith((":", ",", ";"))
        and not date_line(line)[0]
        and not _is_leading_furniture(line)
    )


def _is_credit(line: str) -> bool:
    """A photo credit such as "foto" or "Reuters": one or two words, no punctuation at the end."""
    return len(line.split()) <= _CREDIT_MAX_WORDS and not _ends_sentence(line)


def _is_repeated_later(line: str, paragraphs: Sequence[str], later: Sequence[int]) -> bool:
    """A standfirst is often the body's own sentence, repeated; the repeat proves it is one."""
    core = line.rstrip(".…").rstrip()
    if len(core) < _REPEATED_DEK_MIN_CHARS:
        return False
    # An identical copy is a scraping duplicate, not a standfirst expanded by the body.
    return any(core in paragraphs[i] and paragraphs[i] != line for i in later)


def _ends_with_full_stop(line: str) -> bool:
    core = line.rstrip(_CLOSING_MARKS)
    return core.endswith(".") and not core.endswith("...")


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSING_MARKS).endswith((".", "!", "?", "…", ":", ";", ","))
