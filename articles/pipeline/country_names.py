"""Country names across languages: the CLDR territory names and the field's own forms.

``articles/data/countries.toml`` (see docs/data.md) holds the forms no standard list gives:
demonyms, adjectives in the coverage's languages, capitals and institution metonyms, written as
``[[countries]]`` tables like the seeds' gazetteer. Its ``cldr_languages`` say in which
languages every country's standard name is taken from the Unicode CLDR territory names, read
through Babel: ``Kasachstan``, ``Ouzbékistan``, ``Estados Unidos``, ``Россия``. A German name
also gets its genitive (``Kasachstans``, ``Deutschlands``), which is how German declines a
country. Names in ``cldr_skip`` (given names, common words) and names that CLDR gives to two
countries are left out.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from articles.pipeline.gazetteer import CountryEntry, GazetteerError, parse_gazetteer
from articles.pipeline.names import normalise

# German forms a country's genitive with -s, unless the name already ends in a sibilant.
_GERMAN_GENITIVE_BLOCKERS = ("s", "x", "z", "ß")


@dataclass(frozen=True)
class CountryForms:
    entries: tuple[CountryEntry, ...]
    cldr_languages: tuple[str, ...]
    cldr_skip: frozenset[str]  # normalised names


def load_country_forms(path: str | Path) -> CountryForms:
    """Read and parse a country forms file (``articles/data/countries.toml``)."""
    return parse_country_forms(Path(path).read_text(encoding="utf-8"))


def parse_country_forms(text: str) -> CountryForms:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GazetteerError(f"invalid TOML: {err}") from err
    languages = data.get("cldr_languages", [])
    skip = data.get("cldr_skip", [])
    for field, value in (("cldr_languages", languages), ("cldr_skip", skip)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise GazetteerError(f"{field!r} must be a list of non-empty strings")
    return CountryForms(
        entries=parse_gazetteer(text).countries,
        cldr_languages=tuple(languages),
        cldr_skip=frozenset(normalise(name) for name in skip),
    )


@functools.lru_cache(maxsize=32)
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def cldr_names(
    codes: Iterable[str], languages: Sequence[str], skip: frozenset[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    """The CLDR names of each country in ``languages`` (with German genitives), by code."""
    wanted = sorted(set(codes))
    found: dict[str, list[str]] = {code: [] for code in wanted}
    for language in languages:
        territories = _territories(language)
        for code in wanted:
            name = territories.get(code, "").strip()
            if not name or "," in name or "(" in name:
                continue  # reference-book forms ("Korea, Republic of") are not prose
            found[code].append(name)
            if (
                language == "de"
                and " " not in name
                and not name.endswith(_GERMAN_GENITIVE_BLOCKERS)
            ):
                found[code].append(name + "s")
    owners: dict[str, set[str]] = {}
    for code, names in found.items():
        for name in names:
            owners.setdefault(normalise(name), set()).add(code)
    return {
        code: tuple(
            dict.fromkeys(
                name
                for name in names
                if normalise(name) not in skip and len(owners[normalise(name)]) == 1
            )
        )
        for code, names in found.items()
    }


def with_cldr_names(
    entries: Iterable[CountryEntry], codes: Iterable[str], forms: CountryForms
) -> tuple[CountryEntry, ...]:
    """``entries`` and the forms file merged by code, with each country's CLDR names added."""
    cldr = cldr_names(codes, forms.cldr_languages, forms.cldr_skip)
    extra = [
        CountryEntry(code=code, name="", names=names, demonyms=(), capitals=())
        for code, names in cldr.items()
        if names
    ]
    return merge_countries(entries, forms.entries, extra)


def merge_countries(*sources: Iterable[CountryEntry]) -> tuple[CountryEntry, ...]:
    """Country entries joined by code, in first-seen order; the first non-empty name wins."""
    merged: dict[str, CountryEntry] = {}
    for source in sources:
        for entry in source:
            known = merged.get(entry.code)
            if known is None:
                merged[entry.code] = entry
                continue
            merged[entry.code] = CountryEntry(
                code=entry.code,
                name=known.name or entry.name,
                names=_union(known.names, entry.names),
                demonyms=_union(known.demonyms, entry.demonyms),
                capitals=_union(known.capitals, entry.capitals),
            )
    return tuple(merged.values())


def _union(first: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *other)))
