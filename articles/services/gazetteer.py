"""Gazetteer sync: the people and country names the archive starts from.

The archive's people are the field's (``articles/data/people.toml``, with dated
offices and name forms in Latin, Cyrillic and Chinese script) joined with the
seeds' own people (``seeds/gazetteer.toml``: analysts, journalists). Countries
are every ISO 3166 country with its CLDR names in the coverage's languages and
the forms of ``articles/data/countries.toml`` (demonyms, adjectives, capitals).
``gazetteer_sync`` adds what they know and the database lacks; it never changes
or deletes what editors made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pycountry
from django.db import transaction

from articles.models import Country, CountryName, Origin, Person, PersonName, PersonRole
from articles.pipeline.country_names import load_country_forms, with_cldr_names
from articles.pipeline.gazetteer import (
    GazetteerData,
    all_countries,
    merge_people,
    parse_gazetteer,
)
from articles.pipeline.linking import is_abbreviation

COUNTRY_NAME_KINDS = {
    "names": CountryName.Kind.NAME,
    "demonyms": CountryName.Kind.DEMONYM,
    "capitals": CountryName.Kind.CAPITAL,
}


FIELD_PEOPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "people.toml"
COUNTRY_FORMS_FILE = FIELD_PEOPLE_FILE.with_name("countries.toml")


@dataclass(frozen=True)
class GazetteerSyncResult:
    countries_created: int
    people_created: int
    names_created: int
    roles_created: int = 0

    @property
    def changed(self) -> bool:
        counts = (self.countries_created, self.people_created, self.names_created)
        return any(counts) or bool(self.roles_created)


def read_gazetteer(
    path: Path,
    *,
    field: Path | None = FIELD_PEOPLE_FILE,
    country_forms: Path | None = COUNTRY_FORMS_FILE,
) -> GazetteerData:
    """The gazetteer at ``path`` with the field's people joined in (``field=None``: without).

    The seeds' entries come first, so their hand-checked name, role and description win; the
    field adds its people, their offices and their other name forms. ``country_forms`` adds
    every country's CLDR names and the forms of that file (``None``: the seeds' countries only).
    """
    data = parse_gazetteer(path.read_text(encoding="utf-8"))
    countries = data.countries
    if country_forms is not None:
        codes = [country.alpha_2 for country in pycountry.countries]
        countries = with_cldr_names(countries, codes, load_country_forms(country_forms))
    if field is None:
        return GazetteerData(people=data.people, countries=countries)
    people = parse_gazetteer(field.read_text(encoding="utf-8")).people
    return GazetteerData(people=merge_people(data.people, people), countries=countries)


@transaction.atomic
def gazetteer_sync(*, data: GazetteerData) -> GazetteerSyncResult:
    """Add what the gazetteer knows and the database lacks; never change or delete editors' work.

    Existing people and countries keep their fields (an editor may have corrected
    them); only missing records and missing name variants are added.
    """
    countries = all_countries(data.countries)
    existing_codes = set(Country.objects.values_list("code", flat=True))
    new_countries = [
        Country(code=c.code, name=c.name, official_name=_official_name(c.code), slug=c.code.lower())
        for c in countries
        if c.code not in existing_codes
    ]
    Country.objects.bulk_create(new_countries)

    known_codes = existing_codes | {c.code for c in new_countries}
    existing_names = set(CountryName.objects.values_list("country_id", "name"))
    new_country_names = [
        CountryName(
            country_id=entry.code, name=name, kind=_name_kind(name, kind), origin=Origin.GAZETTEER
        )
        for entry in countries
        for field, kind in COUNTRY_NAME_KINDS.items()
        for name in getattr(entry, field)
        if (entry.code, name) not in existing_names and name != entry.name
    ]
    CountryName.objects.bulk_create(new_country_names, ignore_conflicts=True)

    people_by_slug = {p.slug: p for p in Person.objects.all()}
    new_people = [
        Person(
            name=entry.name,
            slug=entry.slug,
            role=entry.role,
            country_id=entry.country if entry.country in known_codes else None,
            description=entry.description,
            organization=entry.organization,
            origin=Origin.GAZETTEER,
        )
        for entry in data.people
        if entry.slug not in people_by_slug
    ]
    for person in Person.objects.bulk_create(new_people):
        people_by_slug[person.slug] = person
    existing_variants = set(PersonName.objects.values_list("person__slug", "name"))
    new_variants = [
        PersonName(person=people_by_slug[entry.slug], name=variant, origin=Origin.GAZETTEER)
        for entry in data.people
        for variant in entry.variants
        if (entry.slug, variant) not in existing_variants
    ]
    PersonName.objects.bulk_create(new_variants, ignore_conflicts=True)
    existing_roles = set(PersonRole.objects.values_list("person__slug", "title", "start"))
    new_roles = [
        PersonRole(
            person=people_by_slug[entry.slug],
            title=role.title,
            start=role.start,
            end=role.end,
            date_precision=role.precision,
            origin=Origin.GAZETTEER,
        )
        for entry in data.people
        for role in entry.roles
        if (entry.slug, role.title, role.start) not in existing_roles
    ]
    PersonRole.objects.bulk_create(new_roles, ignore_conflicts=True)
    return GazetteerSyncResult(
        countries_created=len(new_countries),
        people_created=len(new_people),
        names_created=len(new_country_names) + len(new_variants),
        roles_created=len(new_roles),
    )


def _name_kind(name: str, kind: str) -> str:
    if kind == CountryName.Kind.NAME and is_abbreviation(name):
        return CountryName.Kind.ABBREVIATION
    return kind


def _official_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "official_name", "") if country else ""
