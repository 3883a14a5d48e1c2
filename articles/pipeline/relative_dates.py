"""Relative dates ("3 hours ago", "Publié hier à 09h15") and the capture line that dates them.

A page saved from the web often gives its time relative to the moment it was read, and the
copy keeps a line saying when it was saved ("Retrieved 5 July 2024, 21:40 from https://...",
"Page enregistrée le 3 novembre 2023"). That line is furniture, and its date is when the page
was captured, not when it was published; a relative date on the page is resolved from it.
Without a capture line a relative date gives no date. The words are in ``data/dates.toml``
(``[relative]``).

A dateline with a day and a month but no year ("Pekín, 19 may (EFE).- … este viernes") takes
the latest year, not after a reference date, in which that day fell on the weekday the
paragraph names (``[weekdays]``): a day and month come back on the same weekday only after five
years or more, so for coverage shortly before the reference the year is the one the text was
written in. The reference is a date the document or its collection gives (the collection's
last day, else its first), never the day the text is read: without one the date stays
unknown, so the same document gets the same date whenever it is loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .text_metadata import _data, day_and_month, find_dates, first_time, leftover_words

_LABEL_MAX_WORDS = 2
# How far back a weekday may place a dateline's year.
_WEEKDAY_YEARS_BACK = 12
_DATE_GAP_CHARS = 4
_URL = re.compile(r"https?://(?:www\.)?(?P<host>[^/\s]+)(?P<path>/\S*)?", re.IGNORECASE)


def _alternatives(words: str) -> str:
    return "|".join(sorted((re.escape(w) for w in words.split()), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()["relative"]
    units = {key: data[key] for key in ("minutes", "hours", "days")}
    unit = "|".join(f"(?P<{key}>{_alternatives(words)})" for key, words in units.items())
    before = "|".join(re.escape(w) for w in data["before"].split("|"))
    after = "|".join(re.escape(w) for w in data["after"].split("|"))
    ago = (
        rf"(?<!\w)(?:(?:{before})\s+(?P<n>\d{{1,3}})\s*(?:{unit})"
        rf"|(?P<m>\d{{1,3}})\s*(?:{unit.replace('?P<', '?P<x')})\.?\s+(?:{after}))(?!\w)"
    )
    today, yesterday = _alternatives(data["today"]), _alternatives(data["yesterday"])
    day = rf"(?<!\w)(?:(?P<today>{today})|(?P<yesterday>{yesterday}))(?!\w)"
    capture = "|".join(re.escape(w) for w in data["capture"].split("|"))
    return {
        "ago": re.compile(ago, re.IGNORECASE),
        "day": re.compile(day, re.IGNORECASE),
        "capture": re.compile(rf"(?:{capture})(?!\w)\s*:?\s*", re.IGNORECASE),
    }


def relative_offset(line: str) -> dt.timedelta | None:
    """How long before the capture a line that is only a relative date was published:
    "3 hours ago", "il y a 2 jours", "Publié hier à 09h15" (with at most a short label; a day
    word needs a time)."""
    patterns = _patterns()
    match = patterns["ago"].search(line)
    if match is not None:
        groups = {k: v for k, v in match.groupdict().items() if v}
        count = int(groups.get("n") or groups["m"])
        if "minutes" in groups or "xminutes" in groups:
            offset = dt.timedelta(minutes=count)
        elif "hours" in groups or "xhours" in groups:
            offset = dt.timedelta(hours=count)
        else:
            offset = dt.timedelta(days=count)
    elif (match := patterns["day"].search(line)) is not None and first_time(line):
        # "Publié hier à 09h15", "Today 10:15": the day word with a time ("Orda Today" is a
        # name).
        offset = dt.timedelta(days=1 if match["yesterday"] else 0)
    else:
        return None
    rest = line[: match.start()] + " " + line[match.end() :]
    if find_dates(rest) or len(leftover_words(rest)) > _LABEL_MAX_WORDS:
        return None
    return offset


def capture_moment(line: str) -> dt.datetime | None:
    """When a capture line says the page was saved: "Retrieved 5 July 2024, 21:40 from <url>"
    gives 2024-07-05 21:40 (midnight when it gives no time); None for any other line."""
    match = _patterns()["capture"].match(line.strip())
    if match is None:
        return None
    dates = find_dates(line)
    # The date comes right after the opening words ("Retrieved on 5 July 2024").
    if not dates or dates[0][0] > match.end() + _DATE_GAP_CHARS:
        return None
    start, end, day = dates[0]
    time = first_time(line[end:]) or (0, 0)
    return dt.datetime.combine(day, dt.time(*time))


def resolve(captured: dt.datetime, offset: dt.timedelta, line: str) -> dt.date:
    """The date of a relative line: "hier à 09h15" is the day before the capture, "3 hours
    ago" the day the capture minus three hours falls on."""
    moment = captured - offset
    if offset.days and (time := first_time(line)) is not None:
        moment = dt.datetime.combine(moment.date(), dt.time(*time))
    return moment.date()


def url_hosts(line: str) -> list[str]:
    """The host of each address in ``line`` and its parents ("en.trend.az", "trend.az"), and
    host with path ("gov.kz/memleket/entities/mfa"), for looking an outlet up by its address."""
    hosts = []
    for match in _URL.finditer(line):
        host = match["host"].casefold().rstrip(".")
        path = (match["path"] or "").rstrip("/").casefold()
        parts = host.split(".")
        if path:
            hosts.append(host + path)
        hosts += [".".join(parts[i:]) for i in range(len(parts) - 1)]
    return hosts


@cache
def _weekday_pattern() -> re.Pattern[str]:
    names = {name: int(n) for n, words in _data()["weekdays"].items() for name in words.split()}
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _weekday(word: str) -> int:
    for number, words in _data()["weekdays"].items():
        if word.casefold() in words.split():
            return int(number)
    raise KeyError(word)


def dateline_weekday(dateline: str, paragraph: str) -> tuple[int, int, int] | None:
    """(month, day, ISO weekday) of a dateline's day and month ("19 may") and the first weekday
    ``paragraph`` names ("este viernes"); None when either is missing."""
    day = day_and_month(dateline, 2000)  # a leap year, so that 29 February is read
    match = _weekday_pattern().search(paragraph)
    if day is None or match is None:
        return None
    return day.month, day.day, _weekday(match[0])


def weekday_year(undated: tuple[int, int, int], reference: dt.date | None) -> dt.date | None:
    """The day and month of ``undated`` in the latest year up to ``reference`` in which it fell
    on its weekday; None without a reference or when no year of the last twelve fits."""
    if reference is None:
        return None
    month, day, weekday = undated
    for year in range(reference.year, reference.year - _WEEKDAY_YEARS_BACK, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference and candidate.isoweekday() == weekday:
            return candidate
    return None


def year_by_weekday(dateline: str, paragraph: str, reference: dt.date | None) -> dt.date | None:
    """The date of a dateline's day and month ("19 may") in the latest year up to
    ``reference`` in which it fell on the first weekday ``paragraph`` names ("este viernes")."""
    undated = dateline_weekday(dateline, paragraph)
    return weekday_year(undated, reference) if undated is not None else None
