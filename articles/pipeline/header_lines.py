"""Single header lines: what a line before the first real paragraph can be (headline, byline
or date line, place label, credit, furniture), for ``header.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from . import furniture
from .bylines import NAME_PARTICLES, is_personal_name, parse_byline
from .text import first_sentence_end
from .text_metadata import date_line, find_dates, segments, strip_dates

_HEADLINE_MAX_CHARS = 250
HEADLINE_MAX_WORDS = 35
_SECTION_LABEL_MAX_WORDS = 4
_PLACE_LABEL_MAX_WORDS = 6
_CREDIT_MAX_WORDS = 2
_NAME_LINE_MIN_WORDS = 2
_QUESTION_HEADLINE_MAX_WORDS = 20
_QUESTION_HEADLINE_SENTENCES = 2
_NAME_LINE_MAX_WORDS = 4
_MASTHEAD_NAME_MAX_WORDS = 6
# A standfirst repeated in the body must be long enough that the repeat is not a coincidence.
_REPEATED_DEK_MIN_CHARS = 60
# "Ministry of Foreign Affairs", "Palace of the Nations": small words inside a place label.
_PLACE_PARTICLES = frozenset({"of", "the", "and", "for"})
_CLOSING_MARKS = "\"'”’»)]"


def is_name_line(line: str) -> bool:
    """An author's name alone on its line ("Lucía Ferrer", "Марина Ковалёва"): two to four
    capitalised words, no digits, not a menu's section."""
    words = line.split()
    return (
        _NAME_LINE_MIN_WORDS <= len(words) <= _NAME_LINE_MAX_WORDS
        and is_personal_name(line.strip())
        and not line.isupper()
        and not furniture.is_section_word(line)
        and not furniture.names_a_place(line)
    )


def is_masthead_name(line: str) -> bool:
    """A line that can be a site's name over its headline: a few words, each capitalised (or
    a particle), no final punctuation, not a menu's section ("Zarafshon Herald", "ALA-TOO
    POST", "Diario del Este")."""
    words = line.split()
    return (
        0 < name_words(line) <= _MASTHEAD_NAME_MAX_WORDS
        and not ends_sentence(line)
        and not furniture.is_section_word(line)
        and all(
            w[:1].isupper() or w in NAME_PARTICLES or w in _PLACE_PARTICLES or not w[:1].isalpha()
            for w in words
        )
    )


def name_words(line: str) -> int:
    """The words of a name but for its particles ("Diario de la Ruta de la Seda": 3)."""
    return sum(w not in NAME_PARTICLES and w not in _PLACE_PARTICLES for w in line.split())


def is_place_label(line: str) -> bool:
    """A short line of capitalised words without final punctuation: a place or a section."""
    words = line.split()
    return (
        0 < len(words) <= _PLACE_LABEL_MAX_WORDS
        and not ends_sentence(line)
        and all(
            w[:1].isupper() or w in NAME_PARTICLES or w in _PLACE_PARTICLES or not w[:1].isalpha()
            for w in words
        )
    )


def is_leading_furniture(line: str) -> bool:
    return (
        furniture.is_furniture_line(line)
        or furniture.is_header_furniture_line(line)
        or furniture.is_menu_line(line)
        or furniture.is_junk_line(line)
        or furniture.is_comment_start(line)
    )


def meta_line(line: str) -> tuple[tuple[str, ...], dt.date | None] | None:
    """A byline and/or date line, split at " | ": (authors, date), or None if it is neither."""
    authors: tuple[str, ...] = ()
    found: dt.date | None = None
    labels = 0
    for part in segments(line):
        is_date, value = date_line(part)
        if is_date:
            found = found or value
            continue
        if furniture.is_furniture_line(part):
            continue  # "29 November 2022 · 4 min read", "… | Lesezeit: 3 Min."
        dated = find_dates(part)
        names = parse_byline(strip_dates(part)) if dated else parse_byline(part)
        if names is not None:
            authors += names
            found = found or (dated[0][2] if dated else None)
        elif len(part.split()) <= _SECTION_LABEL_MAX_WORDS and not ends_sentence(part):
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
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not ends_with_full_stop(line)
        # A paragraph that lost its final full stop still reads as several sentences; a
        # statement and a question is a headline ("Oil flows through Russia. Can Astana …?").
        and (end is None or end == len(line) or _is_question_headline(line))
        and parse_byline(line) is None
        and not line.endswith((":", ",", ";"))
        and not date_line(line)[0]
        and not is_leading_furniture(line)
    )


def _is_question_headline(line: str) -> bool:
    core = line.rstrip(_CLOSING_MARKS)
    return (
        core.endswith("?")
        and len(line.split()) <= _QUESTION_HEADLINE_MAX_WORDS
        and core.count(".") + core.count("?") <= _QUESTION_HEADLINE_SENTENCES
    )


def is_credit(line: str) -> bool:
    """A photo credit such as "foto" or "Reuters": one or two words, no punctuation at the end."""
    return len(line.split()) <= _CREDIT_MAX_WORDS and not ends_sentence(line)


def is_repeated_later(line: str, paragraphs: Sequence[str], later: Sequence[int]) -> bool:
    """A standfirst is often the body's own sentence, repeated; the repeat proves it is one."""
    core = line.rstrip(".…").rstrip()
    if len(core) < _REPEATED_DEK_MIN_CHARS:
        return False
    # An identical copy is a scraping duplicate, not a standfirst expanded by the body.
    return any(core in paragraphs[i] and paragraphs[i] != line for i in later)


def ends_with_full_stop(line: str) -> bool:
    core = line.rstrip(_CLOSING_MARKS)
    return core.endswith(".") and not core.endswith("...")


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSING_MARKS).endswith((".", "!", "?", "…", ":", ";", ","))
