"""Bylines: the names after "By", "Von", "Par", "Автор:" and the other prefixes of
``data/furniture.toml``, and the credit lines that close an interview ("Interview by A",
"Propos recueillis par A", "Беседовал A", "Das Gespräch führte A.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from . import furniture
from .roles import Role

_BYLINE_MAX_CHARS = 120
_BYLINE_MAX_NAMES = 4
_NAME_MAX_WORDS = 4
NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von", "y"}
)
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|und|et|y|и)\s+|\s*&\s*")
_CONJUNCTION = re.compile(r"\s(?:and|und|et|y|и)\s|&", re.IGNORECASE)
# Loose bylines: "By A" among the first body lines (under a standfirst), a closing credit
# among the last ones.
_OPENING_LINES = 3
_CLOSING_LINES = 3
_LOOSE_MAX_CHARS = 60
# "Reporting by A; editing by B": the names end at a semicolon or a full stop.
_CREDIT_TAIL = re.compile(r"\s*[;.].*$")
# "By A in Beijing and B in Astana": the city after each name is no part of it.
_PLACE_AFTER_NAME = re.compile(
    r"\s+(?:in|à|en|aus)\s+[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*)?(?=\s*(?:,|and\b|und\b|et\b|y\b|и\b|&|$))"
)
_BRACKETED_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
# "A is a columnist in Almaty.": the closing note about an author.
_AUTHOR_NOTE = re.compile(
    r"\s+(?:is|was|are|est|ist|es|covers|writes|reports|has (?:covered|reported)|berichtet"
    r"|schreibt|couvre|écrit|escribe|cubre|пишет|освещает|работает)\s"
)
# "…reports Asian Lite News" (U+2026 or three dots) closing a standfirst.
_REPORTS_TAIL = re.compile(r"\s*(?:…|\.\.\.)\s*reports\s+(?P<name>[^\s.…][^.…]*?)\s*$")


@cache
def _byline_pattern() -> re.Pattern[str]:
    prefixes = "|".join(p.pattern for p in furniture.byline_prefixes())
    return re.compile(rf"(?:{prefixes})\s*(?P<names>.+)", re.IGNORECASE)


def parse_byline(line: str) -> tuple[str, ...] | None:
    """The authors of a byline "By A", "By A and B", "By A, B and C"; None if not a byline.

    Without a conjunction a comma closes the names: "Von A, Astana" is A, in Astana; so does
    "in" and a city after a name ("By A in Beijing and B in Astana").
    """
    match = _byline_pattern().fullmatch(line.strip())
    if match is None or len(line) > _BYLINE_MAX_CHARS or line.rstrip().endswith("?"):
        return None  # "Корреспондент: Иван Петров, что дальше?" asks, it does not sign
    # "Par Claire Vasseur (Samarcande, envoyée spéciale)": the note in brackets is no name.
    text = _PLACE_AFTER_NAME.sub("", _BRACKETED_TAIL.sub("", match["names"])).strip()
    if not _CONJUNCTION.search(text):
        text = text.split(",")[0]
    names = tuple(name.strip() for name in _NAME_SEPARATOR.split(text.strip()))
    if not 1 <= len(names) <= _BYLINE_MAX_NAMES or not all(map(is_personal_name, names)):
        return None
    return names


def is_personal_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _NAME_MAX_WORDS:
        return False
    if not (_is_capitalised(words[0]) and _is_capitalised(words[-1])):
        return False
    return all(_is_capitalised(word) or word in NAME_PARTICLES for word in words[1:-1])


def _is_capitalised(word: str) -> bool:
    # Letters, apostrophes, hyphens and initials' dots only: "O'Neil", "Jean-Paul", "J."
    return word[:1].isupper() and all(c.isalpha() or c in "'’.-" for c in word)


def split_reports_tail(line: str) -> tuple[str, str | None]:
    """Split "…reports Asian Lite News" off a standfirst; return (text, outlet or None)."""
    match = _REPORTS_TAIL.search(line)
    if match is None or not all(map(_is_capitalised, match["name"].split())):
        return line, None
    return line[: match.start()].rstrip(), match["name"]


@cache
def _closing_pattern() -> re.Pattern[str]:
    prefixes = "|".join(p.pattern for p in furniture.closing_byline_prefixes())
    return re.compile(rf"(?:{prefixes})\s+(?P<names>.+)", re.IGNORECASE)


def parse_closing_byline(line: str) -> tuple[str, ...] | None:
    """The authors of a closing credit ("Interview by A", "Беседовал A", "Das Gespräch
    führte A.", "Reporting by A; editing by B" gives A); None if the line is not one."""
    match = _closing_pattern().fullmatch(line.strip())
    if match is None or len(line) > _BYLINE_MAX_CHARS:
        return None
    text = _CREDIT_TAIL.sub("", match["names"]).strip()
    names = tuple(name.strip() for name in _NAME_SEPARATOR.split(text))
    if not 1 <= len(names) <= _BYLINE_MAX_NAMES or not all(map(is_personal_name, names)):
        return None
    return names


def mark_loose_bylines(paragraphs: Sequence[str], roles: list[Role]) -> tuple[str, ...]:
    """Bylines that the header did not read: "By A" under a standfirst that is a sentence
    of its own, and a credit line closing the text. Returns their authors."""
    body = [i for i, role in enumerate(roles) if role is Role.BODY]
    closing = [i for i, role in enumerate(roles) if role in (Role.BODY, Role.FURNITURE)]
    authors: tuple[str, ...] = ()
    for i in body[: 1 + _OPENING_LINES]:
        line = paragraphs[i]
        # Only a line that is all byline: "Корреспондент: Имя Фамилия, переговоры …?" asks.
        if len(line) > _LOOSE_MAX_CHARS or line.rstrip().endswith(("?", ":")):
            continue
        if (names := parse_byline(line)) is not None:
            roles[i] = Role.BYLINE
            authors += names
    for i in closing[-_CLOSING_LINES:]:
        if (names := parse_closing_byline(paragraphs[i])) is not None:
            roles[i] = Role.BYLINE
            authors += tuple(n for n in names if n not in authors)
    return authors


def mark_author_note(paragraphs: Sequence[str], roles: list[Role], authors: Sequence[str]) -> None:
    """The closing note about the author ("A is a columnist in Almaty.") is not the article."""
    body = [i for i, role in enumerate(roles) if role is Role.BODY]
    if not authors or len(body) < 2:
        return
    last = paragraphs[body[-1]]
    for name in authors:
        if last.startswith(name) and _AUTHOR_NOTE.match(last[len(name) :]):
            roles[body[-1]] = Role.FURNITURE
            return
    # Under an author box's heading, whatever its verb: "Jana Reuter berichtet seit 2019 …".
    for i in body:
        heading = i > 0 and furniture.is_author_box_heading(paragraphs[i - 1])
        if heading and any(paragraphs[i].startswith(name) for name in authors):
            roles[i] = Role.FURNITURE
