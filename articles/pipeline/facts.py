"""Checkable figures in an article body: money, vote counts, percentages, quantities, dates.

Text in, records out. Each ``Fact`` carries its surface text and offsets, a
normalised ``value`` that is equal across outlets reporting the same figure
("$25 million" and "25 million dollars" are both ``USD 25000000``), and the
sentence around it. ``group_facts`` puts the facts of several articles side by
side so an editor sees who reported which figure.

Normalised values
-----------------
* money: ``"<ISO code> <integer>"`` (``USD 25000000``; decimals kept when not whole).
* vote: ``"<for>-<against>-<abstained>"`` (``141-7-32``), or ``"<for>-<against>"``
  when abstentions are not given; at most one fact per value and article.
* percent: ``"4%"``, ranges ``"60-80%"``.
* quantity: ``"20000 tonnes"`` (tons and metric tons count as tonnes);
  vague magnitudes keep their words: ``"tens of thousands russians"``.
* date: ``"2023-02-28"``; ``"--02-24"`` when the year is unknown; ``"1991"``
  for a bare year; ``"2022-01"`` for month and year. A month with no day and no
  year ("last March") is too vague to compare and is skipped. ``year`` resolves
  month-day dates; "last year"/"next year" just before the date shift it by one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .fact_context import fact_subject, weekday_dates, with_conflicts
from .text import Sentences, paragraph_spans, starting_with


class FactKind(StrEnum):
    MONEY = "money"
    VOTE = "vote"
    PERCENT = "percent"
    QUANTITY = "quantity"
    DATE = "date"


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    start: int
    end: int
    text: str  # body[start:end]
    value: str  # normalised, equal across outlets for the same figure
    context: str  # the sentence (or sentences, for a vote) around it
    subject: str = ""  # what the figure is about, from its sentence ("aid", "trade")


@dataclass(frozen=True)
class FactGroup:
    """One normalised figure and every article that reported it."""

    kind: FactKind
    value: str
    articles: tuple[str, ...]  # sorted, each once
    facts: tuple[tuple[str, Fact], ...]  # (article, fact), in input order
    conflicts: tuple[tuple[str, str], ...] = ()  # (subject, value another article gives it)


# --- numbers -----------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mln": 1_000_000,
    "mn": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_NUMBER_WORD})(?:[ -](?:and[ -])?(?:{_NUMBER_WORD}|hundred|thousand))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = rf"(?<![\w.,])(?:{_DIGITS})"
_ANY_NUM = rf"(?:{_NUM}|(?<![\w-])(?i:{_WORD_NUMBER})(?![\w-]))"
_SCALE = r"(?:[ \t]*(?:trillion|billion|million|thousand|mln|mn|bn|tn|m|k)\b)"


def parse_number(text: str) -> Decimal | None:
    """ "20,000" → 20000, "1.5 billion" → 1500000000, "seven" → 7, "forty-one" → 41."""
    words = re.findall(r"[\d.,]+|[a-z]+", text.lower().replace("-", " "))
    total, current, seen = Decimal(0), Decimal(0), False
    for word in words:
        if word[0].isdigit():
            current += Decimal(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = Decimal(0)
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _plain(number: Decimal) -> str:
    return str(number.quantize(Decimal(1))) if number == number.to_integral() else str(number)


# --- patterns ----------------------------------------------------------------------------

_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT"}
_CURRENCY_WORDS = {
    "us dollars": "USD", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "rubles": "RUB", "roubles": "RUB",
    "tenge": "KZT", "soums": "UZS", "sums": "UZS", "yuan": "CNY",
}  # fmt: skip
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "KZT", "UZS", "CNY")
_SIGN = "|".join(re.escape(sign) for sign in _CURRENCY_SIGNS)
_CODE = "|".join(_CURRENCY_CODES)
_CUR_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?P<sign>{_SIGN})[ \t]?(?P<n1>{_DIGITS}){_SCALE}?"
    rf"|(?<!\w)(?P<code>{_CODE})[ \t]?(?P<n2>{_DIGITS}){_SCALE}?"
    rf"|(?P<n3>{_NUM}{_SCALE}?)[ \t]+(?P<word>(?i:{_CUR_WORD}))\b"
)
_PERCENT = re.compile(
    rf"(?P<low>{_NUM})(?:[ \t]*(?:-|–|—|to)[ \t]*(?P<high>{_DIGITS}))?"
    r"[ \t]*(?:%|percent\b|per[ \t]+cent\b)"
)
_TONNES = ("tonnes", "tonne", "tons", "ton", "metric tons")
_QUANTITY_UNITS = {
    **{unit: "tonnes" for unit in _TONNES},
    "barrels": "barrels", "cubic meters": "cubic metres", "cubic metres": "cubic metres",
    "bcm": "bcm", "kilometers": "km", "kilometres": "km", "km": "km", "miles": "miles",
    "megawatts": "MW", "MW": "MW", "gigawatts": "GW", "hectares": "hectares",
}  # fmt: skip
_UNIT = "|".join(sorted(map(re.escape, _QUANTITY_UNITS), key=len, reverse=True))
_QUANTITY = re.compile(rf"(?P<n>{_NUM}{_SCALE}?)[ \t]+(?P<unit>{_UNIT})\b")
_MAGNITUDE = re.compile(
    r"(?<!\w)(?P<mag>(?i:(?:tens|hundreds)[ \t]+of[ \t]+(?:thousands|millions)"
    r"|hundreds|thousands|millions))[ \t]+of[ \t]+(?P<noun>[A-Za-z][\w-]*(?:[ \t]+[a-z][\w-]*)?)"
)
_NOUN_STOP = frozenset(
    ["and", "or", "of", "in", "on", "to", "from", "who", "which", "that", "were", "was", "are"]
    + ["is", "have", "has", "had", "came", "fled"]
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November"
_MONTH += r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DATE = re.compile(
    rf"(?P<m1>{_MONTH})[ \t]+(?P<d1>[0-3]?\d){_ORDINAL}(?![\d:])(?:,?[ \t]+(?P<y1>{_YEAR}))?\b"
    rf"|(?<!\d)(?P<d2>[0-3]?\d){_ORDINAL}[ \t]+(?:of[ \t]+)?(?P<m2>{_MONTH})"
    rf"(?:,?[ \t]+(?P<y2>{_YEAR}))?\b"
    rf"|(?P<m3>{_MONTH})[ \t]+(?:of[ \t]+)?(?P<y3>{_YEAR})\b"
    rf"|(?<![\w$€£.,/-])(?P<y4>{_YEAR})(?![\w%,/-]|[ \t]*(?:percent|per cent|{_UNIT})\b)"
)
# Behind a look-ahead for the first character of their matches (see ``starting_with``).
_MONEY_FIRST = "".join(sorted({mark[0] for mark in (*_CURRENCY_SIGNS, *_CURRENCY_CODES)}))
_MONEY = starting_with(rf"[{re.escape(_MONEY_FIRST)}\d]", _MONEY)
_PERCENT, _QUANTITY = starting_with(r"\d", _PERCENT), starting_with(r"\d", _QUANTITY)
_MAGNITUDE = starting_with(r"(?i:[thm])", _MAGNITUDE)
_DATE = starting_with(rf"[{''.join(sorted({m[0].upper() for m in _MONTHS}))}\d]", _DATE)
_RELATIVE_YEAR = re.compile(r"\b(last|this|next)[ \t]+year\b[^.;]{0,12}$", re.IGNORECASE)

# Votes: counts tied to "in favour", "against" and "abstain". A parenthesis or a
# dash aside may sit between the count and its word ("seven countries — including
# China … — voting against").
_BODIES = r"(?:[ \t]+(?:countries|states|nations|members|delegations|votes|member[ \t]+states))?"
_ASIDE = r"(?:[ \t]*(?:—|–|--|\()[^—–()]{0,100}(?:—|–|--|\))[ \t]*|[ \t]*,[ \t]*|[ \t]+)"
_VOTE_FOR = re.compile(
    rf"(?P<n>{_ANY_NUM}){_BODIES}(?:[ \t]+(?:that|who|which))?"
    r"(?:[ \t]+(?:voted|voting|votes?|were))?[ \t]+in[ \t]+favou?r\b"
)
_VOTE_AGAINST = re.compile(
    rf"(?P<n>{_ANY_NUM}){_BODIES}{_ASIDE}(?:(?:that|who|which)[ \t]+)?"
    r"(?:(?:voted|voting|were|votes?)[ \t]+)?against\b"
)
_VOTE_ABSTAIN = re.compile(
    rf"(?P<n>{_ANY_NUM}){_BODIES}(?:[ \t]+(?:that|who|which))?"
    r"(?:[ \t]+(?:chose|decided|opted)[ \t]+to)?"
    r"[ \t]+(?:abstained|abstaining|abstain|abstentions?)\b"
)
_VOTE_CONTEXT = re.compile(r"\b(?:vot(?:e|ed|es|ing)|abstain\w*|abstention)", re.IGNORECASE)


# --- extraction --------------------------------------------------------------------------


def extract_facts(
    body: str, *, year: int | None = None, published: dt.date | None = None
) -> list[Fact]:
    """Every money amount, vote count, percentage, quantity and date in ``body``.

    ``published`` (the article's date) resolves weekdays ("on Wednesday") and, when ``year``
    is not given, the year of partial and relative dates.
    """
    if year is None and published is not None:
        year = published.year
    sentences = Sentences(body)
    facts = _votes(body, sentences)
    taken: list[tuple[int, int]] = []
    finders = (
        _money,
        _percents,
        _quantities,
        lambda text, index: _dates(text, index, year),
        lambda text, index: _weekdays(text, index, published),
    )
    for finder in finders:
        for fact in finder(body, sentences):
            if not any(fact.start < end and start < fact.end for start, end in taken):
                facts.append(fact)
                taken.append((fact.start, fact.end))
    return sorted(facts, key=lambda fact: (fact.start, fact.kind))


def _fact(
    body: str, sentences: Sentences, kind: FactKind, start: int, end: int, value: str
) -> Fact:
    """A fact whose context is the sentence (or sentences) of ``body`` covering it."""
    context, text = sentences.sentence(start, end), body[start:end]
    subject = ""
    if kind is not FactKind.DATE and (at := context.find(text)) >= 0:
        subject = fact_subject(context, at, at + len(text))
    return Fact(kind, start, end, text, value, context, subject)


def _weekdays(body: str, sentences: Sentences, published: dt.date | None) -> list[Fact]:
    return [
        _fact(body, sentences, FactKind.DATE, start, end, value)
        for start, end, value in weekday_dates(body, published)
    ]


def _money(body: str, sentences: Sentences) -> list[Fact]:
    facts = []
    for match in _MONEY.finditer(body):
        if match.group("sign"):
            currency, amount = _CURRENCY_SIGNS[match.group("sign")], match.group(0)[1:]
            amount = amount.removeprefix("S$") if match.group("sign") == "US$" else amount
        elif match.group("code"):
            currency, amount = match.group("code"), match.group(0)[3:]
        else:
            currency, amount = _CURRENCY_WORDS[match.group("word").lower()], match.group("n3")
        number = parse_number(amount)
        if number is not None:
            value = f"{currency} {_plain(number)}"
            facts.append(_fact(body, sentences, FactKind.MONEY, match.start(), match.end(), value))
    return facts


def _percents(body: str, sentences: Sentences) -> list[Fact]:
    facts = []
    for match in _PERCENT.finditer(body):
        low = _plain(Decimal(match.group("low").replace(",", "")))
        high = match.group("high")
        value = f"{low}-{_plain(Decimal(high.replace(',', '')))}%" if high else f"{low}%"
        facts.append(_fact(body, sentences, FactKind.PERCENT, match.start(), match.end(), value))
    return facts


def _quantities(body: str, sentences: Sentences) -> list[Fact]:
    facts = []
    for match in _QUANTITY.finditer(body):
        number = parse_number(match.group("n"))
        unit = _QUANTITY_UNITS.get(match.group("unit"), match.group("unit"))
        if number is not None:
            value = f"{_plain(number)} {unit}"
            facts.append(
                _fact(body, sentences, FactKind.QUANTITY, match.start(), match.end(), value)
            )
    for match in _MAGNITUDE.finditer(body):
        noun_words = []
        for word in match.group("noun").split():
            if word.lower() in _NOUN_STOP or word.endswith(("ing", "ed")) and noun_words:
                break
            noun_words.append(word.lower())
        if noun_words:
            magnitude = " ".join(match.group("mag").lower().split())
            value = f"{magnitude} {' '.join(noun_words)}"
            end = match.start("noun") + len(
                " ".join(match.group("noun").split()[: len(noun_words)])
            )
            facts.append(_fact(body, sentences, FactKind.QUANTITY, match.start(), end, value))
    return facts


def _dates(body: str, sentences: Sentences, year: int | None) -> list[Fact]:
    facts = []
    for match in _DATE.finditer(body):
        value = _date_value(body, match, year)
        if value is not None:
            facts.append(_fact(body, sentences, FactKind.DATE, match.start(), match.end(), value))
    return facts


def _date_value(body: str, match: re.Match[str], year: int | None) -> str | None:
    if match.group("y4"):
        return match.group("y4")
    month_text = match.group("m1") or match.group("m2") or match.group("m3")
    month = _MONTHS[month_text.rstrip(".").lower()]
    if match.group("m3"):
        return f"{match.group('y3')}-{month:02d}"
    day = int(match.group("d1") or match.group("d2"))
    if not 1 <= day <= 31:
        return None
    explicit = match.group("y1") or match.group("y2")
    resolved = int(explicit) if explicit else _resolve_year(body, match.start(), year)
    return f"{resolved}-{month:02d}-{day:02d}" if resolved else f"--{month:02d}-{day:02d}"


def _resolve_year(body: str, start: int, year: int | None) -> int | None:
    if year is None:
        return None
    # "…happened last year on February 24": the relative year right before wins.
    relative = _RELATIVE_YEAR.search(body, max(0, start - 40), start)
    shift = {"last": -1, "this": 0, "next": 1}[relative.group(1).lower()] if relative else 0
    return year + shift


def _votes(body: str, sentences: Sentences) -> list[Fact]:
    facts: list[Fact] = []
    for p_start, p_end in paragraph_spans(body):
        paragraph = body[p_start:p_end]
        if not _VOTE_CONTEXT.search(paragraph):
            continue
        counts = {}
        for name, pattern in (("for", _VOTE_FOR), ("against", _VOTE_AGAINST)):
            counts[name] = _first_count(pattern, body, p_start, p_end)
        counts["abstain"] = _first_count(_VOTE_ABSTAIN, body, p_start, p_end)
        if counts["for"] is None or counts["against"] is None:
            continue
        found = [c for c in counts.values() if c is not None]
        value = "-".join(_plain(c[0]) for c in found)
        start, end = min(c[1] for c in found), max(c[2] for c in found)
        if all(fact.value != value for fact in facts):
            facts.append(_fact(body, sentences, FactKind.VOTE, start, end, value))
    return facts


def _first_count(
    pattern: re.Pattern[str], body: str, start: int, end: int
) -> tuple[Decimal, int, int] | None:
    for match in pattern.finditer(body, start, end):
        number = parse_number(match.group("n"))
        if number is not None:
            return number, match.start(), match.end()
    return None


# --- grouping ----------------------------------------------------------------------------


def group_facts(facts_by_article: Mapping[str, Sequence[Fact]]) -> list[FactGroup]:
    """Facts with the same kind and value, across articles.

    Every value gets a group, even one reported by a single article, so an editor
    sees ``USD 20000000`` (one outlet) next to ``USD 25000000`` (three). Groups are
    ordered by kind, then by how many articles report them, then by value (numbers
    in numeric order).
    """
    grouped: dict[tuple[FactKind, str], list[tuple[str, Fact]]] = {}
    for article, facts in facts_by_article.items():
        for fact in facts:
            grouped.setdefault((fact.kind, fact.value), []).append((article, fact))
    kinds = list(FactKind)
    groups = [
        FactGroup(kind, value, tuple(sorted({a for a, _ in members})), tuple(members))
        for (kind, value), members in grouped.items()
    ]
    groups.sort(key=lambda g: (kinds.index(g.kind), -len(g.articles), _natural(g.value)))
    return with_conflicts(groups)


def _natural(value: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders "USD 9000000" before "USD 20000000"."""
    parts = re.split(r"(\d+)", value)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)
