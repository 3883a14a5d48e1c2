"""Human labels for the normalised values of facts (see ``articles.pipeline.facts``).

``USD 25000000`` becomes "$25 million", ``141-7-32`` "141 for, 7 against, 32 abstaining",
``--02-24`` "24 February (year not stated)", ``tens of thousands russians`` "tens of
thousands of Russians". The normalised value stays the grouping key; this is only how it
reads. A value this module does not recognise is returned unchanged, so nothing is hidden.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal, InvalidOperation

_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
_MAGNITUDES = (
    "tens of thousands",
    "tens of millions",
    "hundreds of thousands",
    "hundreds of millions",
    "hundreds",
    "thousands",
    "millions",
)
_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?"  # 2022, 2022-01, 2022-02-24
    r"|--(?P<m>\d\d)-(?P<d>\d\d)"  # --02-24: no year
)


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_amount(number: Decimal) -> str:
    """25000000 → "25 million", 1500000000 → "1.5 billion", 9500 → "9,500"."""
    for scale, word in _SCALES:
        if abs(number) >= scale:
            scaled = number / scale
            if scaled == scaled.quantize(Decimal("0.001")):
                return f"{_plain(scaled)} {word}"
    return _plain(number, grouped=True)


def _plain(number: Decimal, *, grouped: bool = False) -> str:
    """The number without trailing zeros after the point, thousands grouped if asked."""
    text = f"{number:,f}" if grouped else f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_label(value: str) -> str | None:
    code, _, amount = value.partition(" ")
    number = _number(amount)
    if not code.isalpha() or not code.isupper() or number is None:
        return None
    formatted = format_amount(number)
    return f"{_SIGNS[code]}{formatted}" if code in _SIGNS else f"{formatted} {code}"


def vote_label(value: str) -> str | None:
    parts = value.split("-")
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts):
        return None
    words = ("for", "against", "abstaining")
    return ", ".join(f"{int(part):,} {word}" for part, word in zip(parts, words, strict=False))


def percent_label(value: str) -> str | None:
    if not value.endswith("%"):
        return None
    low, _, high = value[:-1].partition("-")
    if _number(low) is None or (high and _number(high) is None):
        return None
    return f"{low}–{high}%" if high else f"{low}%"


def date_label(value: str) -> str | None:
    match = _DATE.fullmatch(value)
    if not match:
        return None
    if match.group("m"):
        month, day = int(match.group("m")), int(match.group("d"))
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return f"{day} {calendar.month_name[month]} (year not stated)"
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    name = calendar.month_name[int(month)]
    if day is None:
        return f"{name} {year}"
    if not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return None
    return f"{int(day)} {name} {year}"


def quantity_label(value: str, text: str | None = None) -> str | None:
    for magnitude in _MAGNITUDES:
        if value.startswith(magnitude + " "):
            noun = value[len(magnitude) + 1 :]
            return f"{magnitude} of {_as_written(noun, text)}"
    number, _, unit = value.partition(" ")
    amount = _number(number)
    if amount is None or not unit:
        return None
    return f"{format_amount(amount)} {unit}"


def _as_written(noun: str, text: str | None) -> str:
    """The noun as the article spelt it ("Russians"), when the article's text is at hand."""
    if text:
        written = text.split()
        wanted = noun.split()
        if len(written) >= len(wanted) and [w.casefold() for w in written[-len(wanted) :]] == [
            w.casefold() for w in wanted
        ]:
            return " ".join(written[-len(wanted) :])
    return noun


def fact_label(kind: str, value: str, *, text: str | None = None) -> str:
    """How a normalised ``value`` of ``kind`` reads; ``text`` is one article's wording of it."""
    labeller = {
        "money": money_label,
        "vote": vote_label,
        "percent": percent_label,
        "date": date_label,
        "quantity": lambda v: quantity_label(v, text),
    }.get(str(kind))
    label = labeller(value) if labeller and value else None
    return label or value
