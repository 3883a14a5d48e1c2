"""Writes that turn article text into links: mentions, candidates, quotes, facts, clusters.

The text work happens in ``articles.pipeline``; this module feeds it rows from
the database and stores what it finds. Everything derived here is replaced
wholesale on each run, so re-linking is always safe; editorial data (tags,
editorial links, name variants, candidate reviews) is never touched.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry
from django.db import transaction
from django.utils.text import slugify

from articles.models import (
    Article,
    Country,
    CountryName,
    Fact,
    Mention,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    Quote,
    QuoteCluster,
)
from articles.pipeline.clusters import QuoteRef, cluster_quotes
from articles.pipeline.facts import extract_facts
from articles.pipeline.gazetteer import (
    CountryEntry,
    GazetteerData,
    PersonEntry,
    all_countries,
    parse_gazetteer,
)
from articles.pipeline.linking import Linker, is_abbreviation
from articles.pipeline.names import fold
from articles.pipeline.quotes import extract_quotes

COUNTRY_NAME_KINDS = {
    "names": CountryName.Kind.NAME,
    "demonyms": CountryName.Kind.DEMONYM,
    "capitals": CountryName.Kind.CAPITAL,
}
ENTRY_FIELD_BY_KIND = {
    CountryName.Kind.NAME: "names",
    CountryName.Kind.ABBREVIATION: "names",
    CountryName.Kind.DEMONYM: "demonyms",
    CountryName.Kind.CAPITAL: "capitals",
}


@dataclass(frozen=True)
class GazetteerSyncResult:
    countries_created: int
    people_created: int
    names_created: int

    @property
    def changed(self) -> bool:
        return bool(self.countries_created or self.people_created or self.names_created)


def read_gazetteer(path: Path) -> GazetteerData:
    return parse_gazetteer(path.read_text(encoding="utf-8"))


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
    return GazetteerSyncResult(
        countries_created=len(new_countries),
        people_created=len(new_people),
        names_created=len(new_country_names) + len(new_variants),
    )


def _name_kind(name: str, kind: str) -> str:
    if kind == CountryName.Kind.NAME and is_abbreviation(name):
        return CountryName.Kind.ABBREVIATION
    return kind


def _official_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "official_name", "") if country else ""


def build_linker() -> Linker:
    """A linker over every person and country in the database, with all their names."""
    variants: dict[int, list[str]] = defaultdict(list)
    for person_id, name in PersonName.objects.values_list("person_id", "name"):
        variants[person_id].append(name)
    people = [
        PersonEntry(
            slug=p.slug,
            name=p.name,
            variants=tuple(variants[p.pk]),
            role=p.role,
            country=p.country_id,
            description="",
        )
        for p in Person.objects.all()
    ]
    extra: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for code, name, kind in CountryName.objects.values_list("country_id", "name", "kind"):
        extra[code][ENTRY_FIELD_BY_KIND[kind]].append(name)
    countries = [
        CountryEntry(
            code=c.code,
            name=c.name,
            names=tuple(extra[c.code]["names"]) + ((c.official_name,) if c.official_name else ()),
            demonyms=tuple(extra[c.code]["demonyms"]),
            capitals=tuple(extra[c.code]["capitals"]),
        )
        for c in Country.objects.all()
    ]
    return Linker(people, countries)


def article_link(*, article: Article, linker: Linker) -> None:
    """Replace an article's mentions, quotes and facts, and record unknown-person candidates."""
    body = article.body
    mentions = linker.link(body)
    people = {p.slug: p.pk for p in Person.objects.filter(slug__in={m.key for m in mentions})}
    article.mentions.all().delete()
    Mention.objects.bulk_create(
        Mention(
            article=article,
            kind=m.kind,
            person_id=people.get(m.key) if m.kind == "person" else None,
            country_id=m.key if m.kind == "country" else None,
            start=m.start,
            end=m.end,
            text=m.text[:300],
            method=str(m.method),
        )
        for m in mentions
        if m.kind == "country" or m.key in people
    )
    _store_quotes(article=article, mentions=mentions, people=people, linker=linker)
    article.facts.all().delete()
    year = article.published.year if article.published else None
    Fact.objects.bulk_create(
        Fact(
            article=article,
            kind=str(f.kind),
            start=f.start,
            end=f.end,
            text=f.text[:300],
            value=f.value[:100],
            context=f.context,
        )
        for f in extract_facts(body, year=year)
    )
    _store_candidates(article=article, candidates=linker.candidates(body, mentions))


def _store_quotes(*, article: Article, mentions, people: dict[str, int], linker: Linker) -> None:
    article.quotes.all().delete()
    person_spans = [(m.start, m.end, m.key) for m in mentions if m.kind == "person"]
    by_surname = {slug.rsplit("-", 1)[-1]: slug for slug in {key for _, _, key in person_spans}}
    rows = []
    for quote in extract_quotes(article.body):
        slug = _speaker_slug(quote, person_spans, by_surname, linker)
        rows.append(
            Quote(
                article=article,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                speaker_text=(quote.speaker or "")[:300],
                speaker_id=_person_id(slug, people),
            )
        )
    Quote.objects.bulk_create(rows)


def _speaker_slug(quote, person_spans, by_surname, linker: Linker) -> str | None:
    """Resolve a quote's speaker through the article's own mentions, then its name alone."""
    if quote.speaker_start is not None and quote.speaker_end is not None:
        for start, end, key in person_spans:
            if start < quote.speaker_end and quote.speaker_start < end:
                return key
    if not quote.speaker:
        return None
    standalone = [m.key for m in linker.link(quote.speaker) if m.kind == "person"]
    if standalone:
        return standalone[0]
    last_word = slugify(quote.speaker.split()[-1]) if quote.speaker.split() else ""
    return by_surname.get(last_word)


def _person_id(slug: str | None, people: dict[str, int]) -> int | None:
    if slug is None:
        return None
    if slug not in people:
        people.update(Person.objects.filter(slug=slug).values_list("slug", "pk"))
    return people.get(slug)


def _store_candidates(*, article: Article, candidates) -> None:
    for candidate in candidates:
        key = fold(candidate.name)[:200] or candidate.name.lower()[:200]
        row, _ = PersonCandidate.objects.get_or_create(
            key=key, defaults={"name": candidate.name[:200], "context": candidate.context}
        )
        # The review status is the editor's: a dismissed candidate stays dismissed.
        row.articles.add(article)


@transaction.atomic
def quote_clusters_rebuild() -> int:
    """Group every stored quote into clusters of the same statement; returns the cluster count."""
    quotes = list(
        Quote.objects.select_related("article", "speaker").order_by("article_id", "start")
    )
    refs = [
        QuoteRef(
            article=q.article.slug,
            index=q.pk,
            text=q.text,
            speaker=q.speaker.slug if q.speaker_id else None,
        )
        for q in quotes
    ]
    by_id = {q.pk: q for q in quotes}
    Quote.objects.update(cluster=None)
    QuoteCluster.objects.all().delete()
    for members in cluster_quotes(refs):
        rows = [by_id[ref.index] for ref in members]
        cluster = QuoteCluster.objects.create(
            key=_cluster_key(rows),
            speaker=next((q.speaker for q in rows if q.speaker_id), None),
            representative=max(rows, key=lambda q: len(q.text)).text,
        )
        Quote.objects.filter(pk__in=[q.pk for q in rows]).update(cluster=cluster)
    return QuoteCluster.objects.count()


def _cluster_key(rows: Iterable[Quote]) -> str:
    """A key that stays the same while a cluster has the same members."""
    members = sorted(f"{q.article.seed_file}:{q.start}" for q in rows)
    return hashlib.sha256("|".join(members).encode()).hexdigest()[:16]


def relink_all(*, articles: Iterable[Article] | None = None) -> int:
    """Re-link every article (each in its own transaction), then rebuild quote clusters."""
    linker = build_linker()
    count = 0
    for article in articles if articles is not None else Article.objects.order_by("pk"):
        with transaction.atomic():
            article_link(article=article, linker=linker)
        count += 1
    quote_clusters_rebuild()
    return count
