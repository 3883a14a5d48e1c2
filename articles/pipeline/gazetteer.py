"""The gazetteer: the people and the extra country names the linker knows.

``seeds/gazetteer.toml`` holds hand-checked data: every person the archive's articles name, and
for the countries they mention the names pycountry lacks (common names such as "Russia",
abbreviations, demonyms, capitals and metonyms). ``all_countries`` merges those extras into the
full pycountry list so that any country can be linked by its standard names.

TOML format::

    [[people]]
    slug = "antony-blinken"
    name = "Antony Blinken"
    variants = ["Anthony Blinken"]
    role = "US Secretary of State"
    country = "US"            # ISO 3166 alpha-2, optional
    description = "..."

The field data (``articles/data/people.toml``, see docs/data.md) uses the same ``[[people]]``
tables with dated offices and name forms by script instead of ``role`` and ``variants``::

    [[people]]
    slug = "mukhtar-tileuberdi"
    name = "Mukhtar Tileuberdi"
    country = "KZ"
    organization = "SCO"      # optional: code of the international body of the office
    roles = [{ title = "Foreign Minister of Kazakhstan", from = "2019-09-18", to = "2023-04-03" }]
    latin = ["Mukhtar Tleuberdi"]
    cyrillic = ["Мухтар Тлеуберди", "Тлеуберди"]
    chinese = []              # for Chinese officials

``latin``, ``cyrillic`` and ``chinese`` are further name variants; a person without ``role``
takes the title of an office still held (else the last one) as their role. ``merge_people``
joins the field and the seeds' own people by slug.

    [[countries]]
    code = "RU"
    name = "Russia"           # optional: overrides pycountry's name as the common English name
    names = ["Russian Federation"]
    demonyms = ["Russian", "Russians"]
    capitals = ["Moscow", "the Kremlin"]
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

DATE_PRECISIONS = ("day", "month")
NAME_FORM_FIELDS = ("variants", "latin", "cyrillic", "chinese")


@dataclass(frozen=True, order=True)
class RoleEntry:
    """An office held from ``start`` to ``end`` (None: still held as far as the data says)."""

    start: dt.date
    title: str
    end: dt.date | None = None
    precision: str = "day"  # "month": the days of start and end are not known


@dataclass(frozen=True)
class PersonEntry:
    slug: str
    name: str
    variants: tuple[str, ...]
    role: str
    country: str | None  # ISO alpha-2, upper case
    description: str
    roles: tuple[RoleEntry, ...] = ()
    organization: str = ""


@dataclass(frozen=True)
class CountryEntry:
    code: str  # ISO alpha-2, upper case, e.g. "KZ"
    name: str  # common English name
    names: tuple[str, ...]  # other names: official names, abbreviations ("US", "U.S.", "USA")
    demonyms: tuple[str, ...]  # "Kazakh", "Kazakhs", "Kazakhstani"
    capitals: tuple[str, ...]  # capitals and metonyms: "Astana", "Moscow", "the Kremlin"


@dataclass(frozen=True)
class GazetteerData:
    people: tuple[PersonEntry, ...]
    countries: tuple[CountryEntry, ...]


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the offending entry."""


def load_gazetteer(path: str | Path) -> GazetteerData:
    """Read and parse a gazetteer TOML file."""
    return parse_gazetteer(Path(path).read_text(encoding="utf-8"))


def parse_gazetteer(text: str) -> GazetteerData:
    """Parse gazetteer TOML text; raise ``GazetteerError`` on a missing or invalid field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GazetteerError(f"invalid TOML: {err}") from err
    people = tuple(_person(raw) for raw in data.get("people", []))
    countries = tuple(_country(raw) for raw in data.get("countries", []))
    _check_unique("person slug", [person.slug for person in people])
    _check_unique("country code", [country.code for country in countries])
    return GazetteerData(people=people, countries=countries)


def _person(raw: Mapping[str, Any]) -> PersonEntry:
    slug = _required_text(raw, "slug", "person")
    where = f"person {slug!r}"
    country = raw.get("country")
    name = _required_text(raw, "name", where)
    forms = (form for field in NAME_FORM_FIELDS for form in _texts(raw, field, where))
    roles = _roles(raw.get("roles", []), where)
    organization = raw.get("organization", "")
    if not isinstance(organization, str):
        raise GazetteerError(f"{where}: 'organization' must be a string")
    return PersonEntry(
        slug=slug,
        name=name,
        variants=_unique(forms, exclude=name),
        role=str(raw.get("role") or current_title(roles)),
        country=_country_code(country, where) if country else None,
        description=str(raw.get("description", "")),
        roles=roles,
        organization=organization.strip(),
    )


def _roles(raw: Any, where: str) -> tuple[RoleEntry, ...]:
    if not isinstance(raw, list) or not all(isinstance(role, Mapping) for role in raw):
        raise GazetteerError(f"{where}: 'roles' must be a list of tables")
    roles = []
    for number, role in enumerate(raw, start=1):
        place = f"{where} role {number}"
        title = _required_text(role, "title", place)
        start = _date(role.get("from"), f"{place} 'from'")
        end = None if role.get("to") is None else _date(role.get("to"), f"{place} 'to'")
        if end is not None and end < start:
            raise GazetteerError(f"{place}: 'to' {end} is before 'from' {start}")
        precision = role.get("date_precision", "day")
        if precision not in DATE_PRECISIONS:
            raise GazetteerError(f"{place}: 'date_precision' must be one of {DATE_PRECISIONS}")
        roles.append(RoleEntry(start=start, title=title, end=end, precision=precision))
    return tuple(sorted(roles))


def _date(value: Any, where: str) -> dt.date:
    """A ``YYYY-MM-DD`` string or a TOML date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise GazetteerError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")


def current_title(roles: Sequence[RoleEntry]) -> str:
    """The title of an office still held (the latest begun), else of the last one held."""
    if not roles:
        return ""
    held = [role for role in roles if role.end is None]
    return max(held or roles, key=lambda role: (role.end or dt.date.max, role.start)).title


def merge_people(*sources: Iterable[PersonEntry]) -> tuple[PersonEntry, ...]:
    """People of several gazetteers joined by slug, in first-seen order.

    The first source to name a person gives the name, role, country and description (the
    seeds' hand-checked entries come first); name variants are the union, and roles and
    organization come from whichever source has them.
    """
    merged: dict[str, PersonEntry] = {}
    for source in sources:
        for entry in source:
            known = merged.get(entry.slug)
            merged[entry.slug] = entry if known is None else _merge_person(known, entry)
    return tuple(merged.values())


def _merge_person(first: PersonEntry, other: PersonEntry) -> PersonEntry:
    return PersonEntry(
        slug=first.slug,
        name=first.name,
        variants=_unique((*first.variants, other.name, *other.variants), exclude=first.name),
        role=first.role or other.role,
        country=first.country or other.country,
        description=first.description or other.description,
        roles=first.roles or other.roles,
        organization=first.organization or other.organization,
    )


def _country(raw: Mapping[str, Any]) -> CountryEntry:
    code = _country_code(_required_text(raw, "code", "country"), "country")
    where = f"country {code!r}"
    return CountryEntry(
        code=code,
        name=str(raw.get("name") or _pycountry_name(code)),
        names=_texts(raw, "names", where),
        demonyms=_texts(raw, "demonyms", where),
        capitals=_texts(raw, "capitals", where),
    )


def _required_text(raw: Mapping[str, Any], field: str, where: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise GazetteerError(f"{where}: {field!r} must be a non-empty string")
    return value.strip()


def _texts(raw: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
    values = raw.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise GazetteerError(f"{where}: {field!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in values)


def _country_code(code: str, where: str) -> str:
    upper = code.strip().upper()
    # Codes outside ISO 3166-1 (e.g. XK for Kosovo) are user-assigned and allowed, but they must
    # at least look like alpha-2 codes.
    if len(upper) != 2 or not upper.isalpha():
        raise GazetteerError(f"{where}: {code!r} is not an ISO 3166 alpha-2 code")
    return upper


def _check_unique(what: str, values: Sequence[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise GazetteerError(f"duplicate {what} {value!r}")
        seen.add(value)


def _pycountry_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise GazetteerError(f"country {code!r}: not in ISO 3166, so a 'name' is required")
    return _common_name(country)


def _common_name(country: Any) -> str:
    return str(getattr(country, "common_name", None) or country.name)


def _prose_names(country: Any) -> list[str]:
    """pycountry's names of ``country`` that can occur in running text.

    Inverted forms ("Korea, Republic of") and parenthesised ones ("Holy See (Vatican City
    State)") are reference-book spellings nobody writes in prose, so they are left out.
    """
    candidates = [
        getattr(country, "common_name", None),
        country.name,
        getattr(country, "official_name", None),
    ]
    return [name for name in candidates if name and "," not in name and "(" not in name]


def all_countries(extra: Iterable[CountryEntry]) -> tuple[CountryEntry, ...]:
    """Every ISO 3166 country, with ``extra`` entries merged in by code; sorted by code.

    pycountry supplies the common name (``common_name`` or ``name``) and the official name; an
    extra entry may override the common name (pycountry calls Russia "Russian Federation") and
    adds names, demonyms and capitals. Extra codes unknown to pycountry are kept as they are.
    Historic states (the Soviet Union) are not in the list, so they never link.
    """
    extras = {entry.code: entry for entry in extra}
    merged: dict[str, CountryEntry] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        base = CountryEntry(code, _common_name(country), tuple(_prose_names(country)), (), ())
        merged[code] = _merge(base, extras.pop(code, None))
    merged.update(extras)
    return tuple(merged[code] for code in sorted(merged))


def _merge(base: CountryEntry, extra: CountryEntry | None) -> CountryEntry:
    if extra is None:
        return _without_name(base, base.name)
    name = extra.name or base.name
    return CountryEntry(
        code=base.code,
        name=name,
        names=_unique((*base.names, base.name, *extra.names), exclude=name),
        demonyms=_unique(extra.demonyms),
        capitals=_unique(extra.capitals),
    )


def _without_name(entry: CountryEntry, name: str) -> CountryEntry:
    return CountryEntry(
        code=entry.code,
        name=name,
        names=_unique(entry.names, exclude=name),
        demonyms=entry.demonyms,
        capitals=entry.capitals,
    )


def _unique(values: Iterable[str], exclude: str | None = None) -> tuple[str, ...]:
    """Drop duplicates (and ``exclude``), keeping the first occurrence's position."""
    seen = {exclude} if exclude else set()
    result: list[str] = []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return tuple(result)
