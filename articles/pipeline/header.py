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
from .bylines import split_reports_tail
from .header_labels import LabelReading
from .header_lines import (
    ends_sentence,
    is_credit,
    is_headline,
    is_leading_furniture,
    is_name_line,
    is_place_label,
    is_repeated_later,
    meta_line,
    name_words,
)
from .relative_dates import url_hosts
from .roles import Role
from .text_metadata import date_line, dateline_outlet, find_dates

_SECTION_LABEL_MAX_WORDS = 4
_KICKER_MAX_WORDS = 2
_MASTHEAD_MAX_WORDS = 6
_MASTHEAD_BLOCK_LINE_MAX_WORDS = 12
_SOURCE_MAX_WORDS = 8
_BEFORE_HEADLINE_MAX_LINES = 20
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_MAIL_ADDRESS = re.compile(r"<[^<>]*>|\S+@\S+")

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
    # An e-mail digest's "From:" name and the day it was sent: the outlet and the date of the
    # digest's own text, though not of a credited dispatch it forwards ("ASTANA, Nov 2 (AP)").
    sender: str | None = None
    sent: dt.date | None = None


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
    if reader.header.masthead is None:
        # A page's bare address over the headline was dropped as furniture before the header
        # was read; it still names the known outlet it belongs to.
        first = next((i for i, role in enumerate(roles) if role is Role.BODY), len(roles))
        top = paragraphs[: min(first, _BEFORE_HEADLINE_MAX_LINES)]
        hosts = [h for p in top if _BARE_ADDRESS.fullmatch(p.strip()) for h in url_hosts(p)]
        known = next((outlets[h] for h in hosts if h in outlets), None)
        reader.header = replace(reader.header, masthead=known)
    return reader.header


class _Reader(LabelReading):
    def __init__(self, paragraphs, blocks, roles, pending, outlets) -> None:
        self.paragraphs, self.blocks, self.roles = paragraphs, blocks, roles
        self.pending, self.outlets = pending, outlets
        self.pos = 0
        self.header = Header()
        self.after_date = False
        self.follows_date = False
        self.captured: dt.datetime | None = None

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
            # An e-mail digest's header: who sent it and when (``Header.sender``, ``sent``).
            if furniture.is_header_furniture_line(line):
                self.note_mail_field(line)
                self.claim(Role.FURNITURE)
                continue
            # "Retrieved 5 July 2024 from https://…": when the page was saved, and from where.
            if self.note_address(line) or self.note_relative(line):
                self.claim(Role.FURNITURE)
                continue
            # Then dates: "UPDATED 17.06.2025 21:05" is furniture that states the date.
            is_date, value = date_line(line)
            if is_date:
                self.note_date(value)
                self.claim(Role.FURNITURE)
                continue
            # Furniture, unless a masthead with a date among its parts ("THE EURASIA BRIEF |
            # Weekly newsletter | September 21, 2023"), which a menu line is not.
            leading = is_leading_furniture(line)
            if leading and not self._has_date_part(line):
                self.claim(Role.FURNITURE)
                continue
            if self.header.masthead is None and (name := self._masthead(line)):
                self.header = replace(self.header, masthead=name)
                self.note_date(next((d for _, _, d in find_dates(line)), None))
                masthead_block = self.block()
                self.claim(Role.MASTHEAD)
                continue
            if leading:
                self.claim(Role.FURNITURE)
                continue
            if masthead_block is not None and self._is_section_label(line, masthead_block):
                self.claim(Role.FURNITURE)
                continue
            if self._is_kicker(line):
                # "Bosphorus Daily" over the headline and its date line: a site's name, not a
                # kicker ("Analysis", "CASPIAN SUMMIT").
                named = self._names_site_over_dated_headline(line)
                if named:
                    self.header = replace(self.header, masthead=line.strip())
                self.claim(Role.MASTHEAD if named else Role.FURNITURE)
                continue
            break
        self._labels_over_headline()

    def note_mail_field(self, line: str) -> None:
        """ "From: Orda Today <brief@…>" names the sender; "Date: Sat, 20 May 2023 07:30" (else
        a date in "Subject: Daily digest, 29 June 2022") is when the digest was sent."""
        field, _, value = line.partition(":")
        field, value = field.strip().casefold(), value.strip()
        if field == "from":
            name = _MAIL_ADDRESS.sub("", value).strip().strip('"').strip()
            if name and "@" not in name and name_words(name) <= _MASTHEAD_MAX_WORDS:
                self.header = replace(self.header, sender=name)
        elif field in ("date", "subject", "sent"):
            found = next((d for _, _, d in find_dates(value)), None)
            if found and (field == "date" or self.header.sent is None):
                self.header = replace(self.header, sent=found)

    def _has_date_part(self, line: str) -> bool:
        """A name, then two or three parts of which one is a date: a masthead's shape."""
        parts = _MASTHEAD_SEPARATOR.split(line.strip())
        return (
            self.header.masthead is None
            and 2 <= len(parts) <= 4
            and not date_line(parts[0])[0]
            and any(date_line(part)[0] for part in parts[1:])
        )

    def _masthead(self, line: str) -> str | None:
        if furniture.is_masthead_line(line) and self._headline_follows():
            return line.strip()  # "Official website of the President of …"
        parts = _MASTHEAD_SEPARATOR.split(line.strip())
        known = self.outlets.get(line.strip().casefold()) or self.outlets.get(parts[0].casefold())
        if known and self._headline_follows():
            return parts[0] if len(parts) > 1 else line.strip()
        name = parts[0]
        if (
            name_words(name) > _MASTHEAD_MAX_WORDS
            or ends_sentence(name)
            or not name[:1].isupper()
            or furniture.is_section_word(name)  # "News" over a menu written one item a line
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
            len(r.split()) <= _MASTHEAD_BLOCK_LINE_MAX_WORDS and not ends_sentence(r) for r in rest
        )
        if block_lines > 1 and short:
            return name
        return None

    def _rest_of_block(self) -> tuple[list[str], int]:
        """The other lines of the current line's block that are not furniture, and its size
        (lines dropped before the header was read, such as a breadcrumb, count too)."""
        rest, offset = [], 1
        while (line := self.line(offset)) is not None and self.block(offset) == self.block():
            if not (is_leading_furniture(line) or date_line(line)[0]):
                rest.append(line)
            offset += 1
        return rest, max(offset, self.blocks.count(self.block()))

    def _next_block_opens_with_headline(self) -> bool:
        offset = 1
        while self.line(offset) is not None and self.block(offset) == self.block():
            offset += 1
        # Date lines in a block of their own ("Mis à jour le 22/05/2023") come first.
        while (line := self.line(offset)) is not None and (
            date_line(line)[0] or is_leading_furniture(line)
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
            if not (is_leading_furniture(line) or date_line(line)[0]):
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
            return len(line.split()) <= _MASTHEAD_BLOCK_LINE_MAX_WORDS and not ends_sentence(line)
        following = self.line(1)
        short = len(line.split()) <= _SECTION_LABEL_MAX_WORDS and not ends_sentence(line)
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
            and not ends_sentence(line)
            and following is not None
            and self.line(skip + 1) is not None
            # a menu's section ("Политика") may stand in a block of its own
            and (self.block(1) == self.block() or skip > 1 or furniture.is_section_word(line))
            and meta_line(following) is None
            and len(following.split()) > len(line.split()) + 1
            and is_headline(following)
            and not is_headline(self.line(skip + 1) or "")
        )

    # --- 2. the headline ----------------------------------------------------------------

    def headline(self) -> None:
        line, following = self.line(), self.line(1)
        # The headline needs something after it: a lone line is the article, not its title.
        if line is None or following is None:
            return
        if not is_headline(line):
            # "Samarcanda, 4 abr (EFE).- …" over the headline: the agency's lead came first
            # and stays the first paragraph.
            if dateline_outlet(line) and is_headline(following) and self.line(2) is not None:
                self.header = replace(self.header, title=following)
                self.roles[self.pending[self.pos + 1]] = Role.TITLE
            return
        if self.block(1) == self.block() and following[:1].islower():
            return  # cut mid-sentence by a hard wrap
        self.header = replace(self.header, title=line)
        self.claim(Role.TITLE)

    # --- 3. after the headline -----------------------------------------------------------

    def after_headline(self) -> None:
        skipped = False
        while (line := self.line()) is not None:
            after_date, self.after_date = self.after_date, False
            self.follows_date = after_date
            if after_date and is_place_label(line) and not self._is_byline(line):
                # "Briefing Room, Government House" under the date; a second label too
                # ("Ministry of Foreign Affairs / Astana, Kazakhstan").
                self.claim(Role.FURNITURE)
                self.after_date = True
                continue
            role = self._after_headline_role(line)
            if role is None and not skipped and self._dated_meta(1):
                # A standfirst over the date or byline line stays text; the lines under it
                # are still the header's ("Der Kanzler trifft … / Stand: 17.09.2024").
                skipped = True
                self.pos += 1
                continue
            if role is None:
                return
            self.claim(role)

    def _after_headline_role(self, line: str) -> Role | None:
        header = self.header
        if header.title is not None and line == header.title:
            return Role.FURNITURE  # the headline repeated
        if self.note_address(line) or self.note_relative(line):
            self.after_date = True
            return Role.FURNITURE
        meta = meta_line(line)
        if meta is not None:
            authors, value = meta
            self.note_date(value)
            self.after_date = value is not None
            authors = self._without_outlets(authors)
            if authors:
                self.header = replace(self.header, authors=self.header.authors + authors)
                return Role.BYLINE
            return Role.FURNITURE
        # "Марина Ковалёва" alone under the date line, or over it.
        if is_name_line(line) and (self.follows_date or self._is_meta(1)):
            self.header = replace(self.header, authors=self.header.authors + (line.strip(),))
            return Role.BYLINE
        if furniture.is_furniture_line(line):
            return Role.FURNITURE
        has_headline = header.title is not None
        if has_headline and (_VIEW_COUNTER.fullmatch(line) or is_credit(line)):
            return Role.FURNITURE
        if header.dek is None:
            dek, outlet = split_reports_tail(line)
            later = self.pending[self.pos + 1 :]
            if outlet is not None or is_repeated_later(line, self.paragraphs, later):
                self.header = replace(self.header, dek=dek, reported_by=outlet)
                return Role.DEK
        return None
