"""Metadata a text states about itself: dates, bylines and the outlet its dateline credits.

Only what the words say is returned; nothing is guessed from the topic or the language.

* Dates: "14 Sep 2022", "1er novembre 2023", "19 de mayo de 2023", "13 апреля 2023 г.",
  "Mar 3, 2023", "15.09.2024", "2022-09-14", "28/02/2023" (only when day and month cannot be
  swapped, or are the same number, or words of a language that writes the day first come
  just before: "Publié le 02/11/2023"; month names in ``data/dates.toml``), the Uzbek and Kazakh
  forms "2023-yil 13-aprel", "13-aprel, 2023-yil", "2024 жылғы 3 шілде". A dateline that gives
  only day and month ("NUR-SULTAN, Sept 14 (Reuters)") takes its year from a full date stated
  in the header; without one it gives no date.
* Date lines: a line that holds only dates, times, a publication verb and at most a short
  section label ("20.09.2023, 08:41 | Politics") is furniture.
* Credits: the outlet named by a dateline ("(Reuters) -", "/TASS/.", "Kazinform reports that")
  or a closing credit line (``data/credits.toml``); last of all, one the first paragraph
  names in its running text ("Vlast.kz spoke to", "…, сообщает Sputnik.").
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from functools import cache, lru_cache

from .text import DATA_DIR

_SEGMENT_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}(?::\d{2})?|h\d{2})(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:[A-Z]{2,4}|[+-]\d{4}))?",
    re.IGNORECASE,
)
# What may stay on a date line once its dates and times are taken out.
_DATE_LINE_WORDS = re.compile(
    r"(?<!\w)(?:published|updated|posted|publié|mis à jour|veröffentlicht|am|on|at|à|le|um"
    r"|uhr|г|года|de|del|el|time|date|дата|опубликовано|обновлено|mon|tue|wed|thu|fri|sat|sun"
    r"|aktualisiert|actualizado|publicado|modifié|last|изменено|las|a)"
    r"(?!\w)|[,.:;|/()–—-]",
    re.IGNORECASE,
)
_LABEL_MAX_WORDS = 2
# Before a month name that a day follows ("Sept 14"): a run of letters, a dot perhaps, spaces
# and a digit. Month names are letters only, so this holds wherever the name and day match;
# checked first, it spares trying every month name at every word of the text.
_MONTH_FIRST = r"(?=[^\W\d_]+\.?\s+\d)"
# Every full date has a year of four digits.
_YEAR = re.compile(r"\d{4}")


@cache
def _data() -> dict:
    with (DATA_DIR / "dates.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def _months() -> dict[str, int]:
    return {
        name: int(number)
        for number, names in _data().items()
        if number.isdigit()
        for name in names.split()
    }


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    markers = _data()["markers"]["year"].split()
    years = "|".join(sorted(map(re.escape, markers), key=len, reverse=True))
    return (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?"
            rf"(?P<year>\d{{4}})\b",
            re.I,
        ),
        re.compile(
            rf"\b{_MONTH_FIRST}{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
            re.I,
        ),
        # Uzbek and Kazakh order: "2023-yil 13-aprel", "2024 жылғы 3 шілде"
        re.compile(
            rf"\b(?P<year>\d{{4}})\s*-?\s*(?:{years})\.?,?\s+(?P<day>\d{{1,2}})(?:-|\s+){month}(?!\w)",
            re.I,
        ),
        # "13-aprel, 2023-yil"
        re.compile(rf"\b(?P<day>\d{{1,2}})-{month},?\s+(?P<year>\d{{4}})\b", re.I),
        re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
        re.compile(r"\b(?P<year>\d{4})[-/](?P<month>\d{2})[-/](?P<day>\d{2})(?!\d)"),
        # 28/02/2023 or 02/28/2023: a date only when the order cannot be mistaken
        re.compile(r"\b(?P<first>\d{1,2})[/-](?P<second>\d{1,2})[/-](?P<year>\d{4})(?!\d)"),
    )


@cache
def _partial_patterns() -> tuple[re.Pattern[str], ...]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    return (
        re.compile(rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+{month}(?![\w])", re.I),
        re.compile(rf"\b{_MONTH_FIRST}{month}\s+(?P<day>\d{{1,2}})(?!\d)", re.I),
    )


@cache
def _day_first() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _data()["order"]["day_first"].split("|")), key=len))
    return re.compile(rf"(?<!\w)(?:{words})\s*:?\s*$", re.IGNORECASE)


def _to_date(match: re.Match[str], year: int, day_first: bool = False) -> dt.date | None:
    if "first" in match.groupdict():
        first, second = int(match["first"]), int(match["second"])
        if (first > 12) == (second > 12) and first != second and not day_first:
            return None  # 03/04/2023: day and month cannot be told apart (04/04 can)
        day, number = (first, second) if first > 12 or day_first else (second, first)
        try:
            return dt.date(year, number, day)
        except ValueError:
            return None
    month = match["month"]
    number = int(month) if month.isdigit() else _months().get(month.casefold())
    try:
        return dt.date(year, number or 0, int(match["day"]))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date (with a year) in ``text``: (start, end, date), in order."""
    return list(_dates_memo(text) if len(text) <= _MEMO_CHARS else _dates(text))


def _dates(text: str) -> tuple[tuple[int, int, dt.date], ...]:
    found: list[tuple[int, int, dt.date]] = []
    if _YEAR.search(text) is None:
        return ()
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end, _ in found):
                continue
            # "Publié le 02/11/2023": words of a language that writes the day first.
            day_first = bool(_day_first().search(text[max(0, match.start() - 30) : match.start()]))
            value = _to_date(match, int(match["year"]), day_first)
            if value is not None:
                found.append((match.start(), match.end(), value))
    return tuple(sorted(found))


def first_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0][2] if dates else None


def day_and_month(text: str, year: int) -> dt.date | None:
    """A day and month without a year ("Sept 14", "14 сентября"), placed in ``year``."""
    for pattern in _partial_patterns():
        match = pattern.search(text)
        if match is not None:
            return _to_date(match, year)
    return None


def _without_dates(text: str) -> str:
    for start, end, _ in reversed(find_dates(text)):
        text = text[:start] + " " + text[end:]
    return _TIME.sub(" ", text)


def leftover_words(text: str) -> list[str]:
    """The words of ``text`` that are not dates, times or the words that introduce them."""
    return _DATE_LINE_WORDS.sub(" ", _without_dates(text)).split()


def first_time(text: str) -> tuple[int, int] | None:
    """The first time of day in ``text`` as (hour, minute): "21:40", "18h40", "9.15 p.m."."""
    match = re.search(r"\b(\d{1,2})[:.h](\d{2})(?:\s*([ap])\.?\s?m\.?)?", text, re.I)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    if match[3] and match[3].lower() == "p" and hour < 12:
        hour += 12
    return (hour, minute) if hour < 24 and minute < 60 else None


def is_time_only(text: str) -> bool:
    """A time with at most connecting words: "2:14 P.M. EDT", "18h40"."""
    return bool(_TIME.search(text)) and not _DATE_LINE_WORDS.sub("", _TIME.sub("", text)).strip()


def date_line(line: str) -> tuple[bool, dt.date | None]:
    """Whether the line holds only dates, times and a short label, and the date it states."""
    return _date_line_memo(line) if len(line) <= _MEMO_CHARS else _date_line(line)


def _date_line(line: str) -> tuple[bool, dt.date | None]:
    dates = find_dates(line)
    if not dates and not is_time_only(line):
        return False, None
    rest = _DATE_LINE_WORDS.sub(" ", _without_dates(line)).split()
    if len(rest) > _LABEL_MAX_WORDS:
        # "Issue 212 | Thursday, 7 November 2024": each part a date or a short label.
        parts = segments(line)
        if (
            len(parts) < 2
            or not dates
            or any(
                len(_DATE_LINE_WORDS.sub(" ", _without_dates(part)).split()) > _LABEL_MAX_WORDS
                for part in parts
            )
        ):
            return False, None
    return True, dates[0][2] if dates else None


# The parser asks about each paragraph several times (header, furniture, date lines): the
# answers for paragraphs of up to _MEMO_CHARS are kept (at most a few MB however many or
# however long the documents are).
_MEMO_CHARS = 2_000
_dates_memo = lru_cache(maxsize=1024)(_dates)
_date_line_memo = lru_cache(maxsize=1024)(_date_line)


def segments(line: str) -> list[str]:
    """The parts of a header line separated by " | " (byline | date | section)."""
    return [part.strip() for part in _SEGMENT_SEPARATOR.split(line) if part.strip()]


def strip_dates(text: str) -> str:
    """``text`` without its dates and times, and without the words that introduce them."""
    rest = _without_dates(text)
    rest = re.sub(
        r"^\s*(?:posted|published|publié|updated|veröffentlicht)(?:\s+(?:on|le|am))?\b",
        "",
        rest,
        flags=re.I,
    )
    rest = re.sub(r"^[\s,.:;–—-]+|\s+(?:à|at|um)\s*$|[\s,.:;–—-]+$", "", rest, flags=re.I)
    return " ".join(rest.split())


# --- credits ------------------------------------------------------------------------------


@cache
def _credits() -> dict[str, tuple[re.Pattern[str], ...]]:
    with (DATA_DIR / "credits.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {key: tuple(re.compile(p) for p in value) for key, value in data.items()}


_CREDIT_MAX_WORDS = 5
# The running-text credit is read in the first sentences of the first paragraph only.
_RUNNING_SENTENCES = 2
_CLOSING_YEAR = re.compile(r"\s+\d{4}$")


def dateline_outlet(paragraph: str) -> str | None:
    """The outlet a dateline credits: "ASTANA, Nov 2 (Reuters) -" gives "Reuters"."""
    for pattern in _credits()["dateline"]:
        match = pattern.search(paragraph[:200])
        if match is not None:
            name = match["outlet"].strip()
            if name and len(name.split()) <= _CREDIT_MAX_WORDS:
                return name
    return None


def credit_line_outlet(line: str, kind: str = "lines") -> str | None:
    """The outlet of a short credit line: "by <name> news", "© 2025 <name>. All rights
    reserved.", "This article first appeared on <name>" (``kind`` "footer_lines")."""
    for pattern in _credits()[kind]:
        match = pattern.fullmatch(line.strip().rstrip("."))
        if match is not None:
            # "© AFP 2024", "в «Вестнике»": the name without a closing year or its marks.
            return _CLOSING_YEAR.sub("", match["outlet"]).strip().strip('«»"“” ')
    return None


_ADDRESS_LIKE = re.compile(r"\.[a-z]{2,6}$")


def running_text_outlet(paragraph: str, known: Mapping[str, str]) -> str | None:
    """An outlet the first paragraph names in its running text ("Vlast.kz spoke to …", "…,
    сообщает Sputnik."): a known outlet, or a name shaped like a site's address."""
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph.strip())[:_RUNNING_SENTENCES]:
        for pattern in _credits()["running_text"]:
            match = pattern.search(sentence)
            if match is None:
                continue
            name = match["outlet"].strip('«»" ').rstrip(".")
            if name.casefold() in known or _ADDRESS_LIKE.search(name):
                return name
    return None
