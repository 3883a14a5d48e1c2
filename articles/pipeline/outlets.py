"""Outlets as records: the data file of outlets, and the labels that name them in a page.

``articles/data/sources.toml`` describes each outlet: its names (``aliases``), where it is
based, what kind of outlet it is, who owns or funds it, and a public page per claim
(``citations``). ``parse_outlets`` reads it strictly: a bad value is an ``OutletDataError``
whose one-line message names the entry, so a typo never silently drops a fact.

The labels are plain text for templates to escape: ``outlet_label`` for an outlet
("Current Time TV · US government-funded · Prague"), ``unattributed_label`` for an article
whose outlet is unknown ("Unattributed (001, translated from Spanish)"), short and different
for each article so that two unattributed articles are never read as one outlet.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry

from articles.pipeline.bidi import strip_bidi

# kind -> (name, the short wording a label uses)
KINDS = {
    "state_owned": ("State-owned media", "state-owned"),
    "state_funded_international": ("State-funded international broadcaster", "state-funded"),
    "public_service": ("Public-service", "public service"),
    "private": ("Private", "private"),
    "wire_agency": ("Wire agency", "wire agency"),
    "government": ("Government or official channel", "official channel"),
    "ngo_think_tank": ("NGO / think tank", "NGO / think tank"),
    "blog": ("Blog", "blog"),
}
CLAIMS = ("country", "kind", "owner")  # the claims a citation can support
ENTRY_KEYS = frozenset(
    {"slug", "name", "aliases", "country", "city", "kind", "owner", "languages", "citations"}
)
MAX_NAME = 200
MAX_CITY = 100
MAX_OWNER = 300
MAX_URL = 500
LABEL_SEPARATOR = " · "

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class OutletDataError(ValueError):
    """The outlets data file cannot be used; the message names the entry and the problem."""


@dataclass(frozen=True)
class OutletEntry:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    city: str = ""
    kind: str = ""  # a key of KINDS, or "" when unknown
    owner: str = ""
    languages: tuple[str, ...] = ()
    citations: Mapping[str, str] = field(default_factory=dict)  # claim -> http(s) URL


def is_web_url(value: str) -> bool:
    """Whether ``value`` is an absolute http or https URL with a host."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value


def parse_outlets(text: str) -> tuple[OutletEntry, ...]:
    """The outlets in TOML ``text``; ``OutletDataError`` on the first bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise OutletDataError(f"not valid TOML: {error}") from None
    rows = data.get("sources", [])
    if not isinstance(rows, list):
        raise OutletDataError("'sources' must be an array of tables ([[sources]])")
    entries = tuple(_entry(number, raw) for number, raw in enumerate(rows, start=1))
    _check_names(entries)
    return entries


def _entry(number: int, raw: object) -> OutletEntry:
    where = f"sources entry {number}"
    if not isinstance(raw, dict):
        raise OutletDataError(f"{where}: expected a table")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise OutletDataError(f"{where}: 'slug' must be lowercase ASCII words joined by hyphens")
    where = f"{where} ({slug})"
    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        raise OutletDataError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name = _text(raw, "name", where, MAX_NAME, required=True)
    kind = _text(raw, "kind", where, 40)
    if kind and kind not in KINDS:
        raise OutletDataError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    country = _text(raw, "country", where, 10) or None
    if country is not None and (
        not re.fullmatch(r"[A-Z]{2}", country) or pycountry.countries.get(alpha_2=country) is None
    ):
        raise OutletDataError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    aliases = _texts(raw, "aliases", where, MAX_NAME)
    languages = _texts(raw, "languages", where, 3)
    bad_language = next((code for code in languages if not _LANGUAGE.match(code)), None)
    if bad_language is not None:
        raise OutletDataError(f"{where}: language {bad_language!r} is not an ISO 639-1 code")
    entry = OutletEntry(
        slug=slug,
        name=name,
        # An alias that only differs from the name in case adds nothing: names match ignoring case.
        aliases=tuple(dict.fromkeys(a for a in aliases if a.casefold() != name.casefold()).keys()),
        country=country,
        city=_text(raw, "city", where, MAX_CITY),
        kind=kind,
        owner=_text(raw, "owner", where, MAX_OWNER),
        languages=languages,
    )
    return _with_citations(entry, raw.get("citations", {}), where)


def _with_citations(entry: OutletEntry, citations: object, where: str) -> OutletEntry:
    if not isinstance(citations, dict):
        raise OutletDataError(f"{where}: 'citations' must be a table of claim = URL")
    for claim, url in citations.items():
        if claim not in CLAIMS:
            raise OutletDataError(
                f"{where}: citations.{claim} is not a claim (use {', '.join(CLAIMS)})"
            )
        if not getattr(entry, claim):
            raise OutletDataError(f"{where}: citations.{claim} is given but {claim} is not")
        if not isinstance(url, str) or len(url) > MAX_URL or not is_web_url(url):
            raise OutletDataError(
                f"{where}: citations.{claim} must be an http or https URL, not {str(url)[:80]!r}"
            )
    return OutletEntry(**{**entry.__dict__, "citations": dict(citations)})


def _text(raw: Mapping[str, Any], key: str, where: str, limit: int, *, required=False) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise OutletDataError(f"{where}: {key!r} must be a non-empty string")
    value = value.strip()
    if len(value) > limit:
        raise OutletDataError(f"{where}: {key!r} is longer than {limit} characters")
    return value


def _texts(raw: Mapping[str, Any], key: str, where: str, limit: int) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise OutletDataError(f"{where}: {key!r} must be a list of non-empty strings")
    too_long = next((v for v in values if len(v.strip()) > limit), None)
    if too_long is not None:
        raise OutletDataError(f"{where}: {key!r} value {too_long[:40]!r} is too long")
    return tuple(v.strip() for v in values)


def _check_names(entries: tuple[OutletEntry, ...]) -> None:
    """Slugs unique; a name or alias (ignoring case) belongs to one outlet only."""
    slugs: set[str] = set()
    owners: dict[str, str] = {}
    for entry in entries:
        if entry.slug in slugs:
            raise OutletDataError(f"sources: duplicate slug {entry.slug!r}")
        slugs.add(entry.slug)
        for name in (entry.name, *entry.aliases):
            other = owners.setdefault(name.casefold(), entry.slug)
            if other != entry.slug:
                raise OutletDataError(
                    f"sources entry ({entry.slug}): name {name!r} already names {other!r}"
                )


# --- Labels ------------------------------------------------------------------------------

_FUNDED_BY = (
    re.compile(r"(?i:funded(?: mainly)? by the) (?P<who>[A-Z][A-Za-z]*) (?:government|Congress)\b"),
    re.compile(r"funded(?: mainly)? by the government of (?P<who>[A-Z][A-Za-z]+)"),
)


def kind_wording(kind: str, owner: str = "") -> str:
    """The few words a label gives the kind: "state-owned", "US government-funded", ..."""
    if not kind:
        return ""
    if kind == "state_funded_international":
        for pattern in _FUNDED_BY:
            match = pattern.search(owner)
            if match:
                return f"{match['who']} government-funded"
    return KINDS[kind][1]


def outlet_label(*, name: str, kind: str = "", owner: str = "", place: str = "") -> str:
    """ "Name · kind · city or country", leaving out what is not known.

    Bidirectional controls are removed from each part, so that one part cannot reorder the
    others (the label is isolated as a whole where it is shown).
    """
    parts = [name, kind_wording(kind, owner), place]
    return LABEL_SEPARATOR.join(strip_bidi(part) for part in parts if part)


_TRANSLATED = re.compile(r"translat\w* from (?P<language>[A-Z][a-z]+)")
_VIEWPOINT = re.compile(r"from an? (?P<who>[A-Z][a-z]+) (?:viewpoint|perspective|point of view)")
_SHORT_ID = re.compile(r"^(?P<id>[0-9A-Za-z]{1,12})_")
SHORT_ID_LENGTH = 24


def short_id(seed_file: str, slug: str) -> str:
    """A short, stable name for an article: its file's number prefix, else its file or slug."""
    match = _SHORT_ID.match(seed_file)
    if match:
        return match["id"]
    stem = seed_file.rsplit(".", 1)[0] or slug
    return stem[:SHORT_ID_LENGTH]


def unattributed_hint(notes: str, language: str) -> str:
    """A few words from the catalog notes or the language that set an unattributed text apart."""
    for pattern, wording in ((_TRANSLATED, "translated from {}"), (_VIEWPOINT, "{} viewpoint")):
        match = pattern.search(notes)
        if match:
            return wording.format(match[1])
    if language and language.lower() != "en":
        known = pycountry.languages.get(alpha_2=language.lower()[:2])
        return f"in {known.name}" if known else f"language {language}"
    return ""


def unattributed_label(*, seed_file: str, slug: str, notes: str = "", language: str = "") -> str:
    """ "Unattributed (001, translated from Spanish)": different for every article."""
    parts = [short_id(seed_file, slug), unattributed_hint(notes, language)]
    return f"Unattributed ({', '.join(part for part in parts if part)})"
