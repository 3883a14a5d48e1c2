"""Reading header lines back from the date or byline line: a site name and sections over a
headline with no blank line between them, authors alone next to the date, standfirsts over
it, capture lines and relative dates, agencies in bylines. A part of ``header.py``'s reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .header_lines import (
    HEADLINE_MAX_WORDS,
    ends_sentence,
    is_headline,
    is_leading_furniture,
    is_masthead_name,
    is_name_line,
    meta_line,
)
from .relative_dates import capture_moment, relative_offset, resolve, url_hosts
from .roles import Role
from .text_metadata import date_line

_SECTION_LABEL_MAX_WORDS = 4
_MASTHEAD_BLOCK_LINE_MAX_WORDS = 12
# Labels over a headline, read back from the date or byline line under it: how far to look.
_LABELS_MAX_LINES = 14
_LINES_AFTER_HEADLINE_MAX = 2


class LabelReading:
    """Methods of the header reader (``header._Reader``) for the layouts above."""

    captured: dt.datetime | None

    def note_relative(self, line: str) -> bool:
        """A relative date line ("3 hours ago"): its date counts from the capture line."""
        offset = relative_offset(line)
        if offset is None:
            return False
        if self.captured is not None:
            self.note_date(resolve(self.captured, offset, line))
        return True

    def note_address(self, line: str) -> bool:
        """A capture line or a bare address: the outlet is the one the address belongs to."""
        moment = capture_moment(line)
        if moment is None and not (line.strip().startswith(("http", "www.")) and " " not in line):
            return False
        if moment is not None and self.captured is None:
            self.captured = moment
        known = next((self.outlets[h] for h in url_hosts(line) if h in self.outlets), None)
        if known and self.header.masthead is None:
            self.header = replace(self.header, masthead=known)
        return True

    def _labels_over_headline(self) -> None:
        """A block of short lines over the headline and its date or byline line, with no blank
        line between them ("Ostwind / Politik / Headline / Stand: 17.09.2024"): the headline
        is the first line longer than a label, the first label a masthead when it reads as a
        name (not a menu's section), the others section labels. At most a standfirst and a
        name line may come between the headline and the date or byline line."""
        candidates, offset = [], 0
        while (line := self.line(offset)) is not None and not self._is_meta(offset):
            if offset >= _LABELS_MAX_LINES or len(line.split()) > HEADLINE_MAX_WORDS:
                return
            if not is_leading_furniture(line):
                candidates.append(offset)
            offset += 1
        if line is None:
            return
        heads = [
            k
            for k in candidates
            if is_headline(self.line(k) or "")
            and len((self.line(k) or "").split()) > _SECTION_LABEL_MAX_WORDS
        ]
        if heads[:1] == [0] and len(heads) > 1 and self._names_site_over(heads[1]):
            heads = heads[1:]  # "Diario de la Ruta de la Seda / Internacional / La UE …"
        if not heads or heads[0] == 0:
            return
        first = heads[0]
        labels = [self.line(k) or "" for k in candidates if k < first]
        if len([k for k in candidates if k > first]) > _LINES_AFTER_HEADLINE_MAX or any(
            len(label.split()) > _MASTHEAD_BLOCK_LINE_MAX_WORDS or ends_sentence(label)
            for label in labels
        ):
            return
        for k in range(first):
            line = self.line() or ""
            if k == candidates[0] and self.header.masthead is None and is_masthead_name(line):
                self.header = replace(self.header, masthead=line.strip())
                self.claim(Role.MASTHEAD)
            else:
                self.claim(Role.FURNITURE)

    def _names_site_over(self, head: int) -> bool:
        """Whether the first line, long enough to read as a headline, is a site's name over
        the longer headline at ``head``: a name's shape, fewer words than the headline."""
        first, headline = self.line() or "", self.line(head) or ""
        return is_masthead_name(first) and len(first.split()) < len(headline.split())

    def _names_site_over_dated_headline(self, line: str) -> bool:
        return (
            self.header.masthead is None
            and len(line.split()) > 1
            and not line.isupper()
            and is_masthead_name(line)
            and self._is_meta(2)
        )

    def _is_meta(self, offset: int) -> bool:
        """A date or byline line, a relative date, or an author's name over a date line."""
        line = self.line(offset) or ""
        if date_line(line)[0] or meta_line(line) is not None or relative_offset(line) is not None:
            return True
        following = self.line(offset + 1)
        return (
            is_name_line(line)
            and following is not None
            and (date_line(following)[0] or relative_offset(following) is not None)
        )

    def _dated_meta(self, offset: int) -> bool:
        """A byline, or a line that states a date (a bare time is a live blog's entry)."""
        if not self._is_meta(offset):
            return False
        line = self.line(offset) or ""
        meta = meta_line(line)
        return (
            (meta is not None and (bool(meta[0]) or meta[1] is not None))
            or relative_offset(line) is not None
            or is_name_line(line)
        )

    def _is_byline(self, line: str) -> bool:
        meta = meta_line(line)
        return bool(meta and meta[0]) or is_name_line(line)

    def _without_outlets(self, authors: tuple[str, ...]) -> tuple[str, ...]:
        """A byline's names without the outlets among them: "Par AFP" names the agency, "By
        ELLEN MARSH Associated Press" a reporter and the agency (kept as the outlet)."""
        kept: tuple[str, ...] = ()
        for name in authors:
            words = name.split()
            for start in range(len(words)):
                outlet = self.outlets.get(" ".join(words[start:]).casefold())
                if outlet is not None:
                    if self.header.reported_by is None:
                        self.header = replace(self.header, reported_by=outlet)
                    name = " ".join(words[:start])
                    break
            if name:
                kept += (name,)
        return kept
