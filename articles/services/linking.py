"""Linking articles to people and countries, and keeping that derived data current.

The text work happens in ``articles.pipeline``; this module builds a linker
from the people and country names in the database and stores what it finds in
one article. Each article records the version of the names it was linked with
(``ArticleDerivedState``), so articles linked with older names are found and
re-linked by the next load even after an interrupted run.
Editorial data (tags, editorial links, name variants, candidate reviews) is
never touched.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import QuerySet

from articles.models import (
    Article,
    ArticleDerivedState,
    Country,
    CountryName,
    Mention,
    Person,
    PersonName,
)
from articles.pipeline.analysis import Analysis, article_analyse
from articles.pipeline.gazetteer import CountryEntry, PersonEntry
from articles.pipeline.linking import Linker

from .cluster_update import quote_clusters_update
from .counts import article_counts, article_entities_store
from .derived import article_text, candidates_store, facts_write, quotes_write
from .memo import RunMemo

# Bump when the pipeline's linking, quote or fact rules change, so every article
# is re-linked by the next load.
RULES_VERSION = "6"

ENTRY_FIELD_BY_KIND = {
    CountryName.Kind.NAME: "names",
    CountryName.Kind.ABBREVIATION: "names",
    CountryName.Kind.DEMONYM: "demonyms",
    CountryName.Kind.CAPITAL: "capitals",
}


@dataclass(frozen=True)
class LinkerSnapshot:
    """A linker over the names in the database now, and a version naming those names.

    The linker is built when first used: a load whose worker processes analyse the files
    needs only the version and the people's keys in the process that writes.
    """

    people_entries: tuple[PersonEntry, ...]
    country_entries: tuple[CountryEntry, ...]
    version: str
    people: Mapping[str, int] = field(default_factory=dict)  # slug -> key of its people

    @cached_property
    def linker(self) -> Linker:
        return Linker(list(self.people_entries), list(self.country_entries))


def linker_snapshot() -> LinkerSnapshot:
    """A linker over every person and country in the database, with all their names."""
    variants: dict[int, list[str]] = defaultdict(list)
    for person_id, name in PersonName.objects.values_list("person_id", "name"):
        variants[person_id].append(name)
    persons = list(Person.objects.all())
    people = [
        PersonEntry(
            slug=p.slug,
            name=p.name,
            variants=tuple(variants[p.pk]),
            role=p.role,
            country=p.country_id,
            description="",
        )
        for p in persons
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
    digest = hashlib.sha256(RULES_VERSION.encode())
    # Sorted, so the version does not depend on the order the database returns rows in.
    for text in sorted(repr(_sorted_entry(entry)) for entry in (*people, *countries)):
        digest.update(text.encode())
    return LinkerSnapshot(
        tuple(people), tuple(countries), digest.hexdigest()[:32], {p.slug: p.pk for p in persons}
    )


def people_added_linker(before: LinkerSnapshot, after: LinkerSnapshot) -> Linker:
    """A linker over the people ``after`` has and ``before`` had not (no countries): an
    article linked with ``before`` in whose text none of them occurs (``Linker.occurs_in``)
    is linked the same with ``after``."""
    known = {entry.slug for entry in before.people_entries}
    return Linker([entry for entry in after.people_entries if entry.slug not in known], [])


def _sorted_entry(entry: PersonEntry | CountryEntry) -> tuple:
    return tuple(
        tuple(sorted(value)) if isinstance(value, tuple) else value
        for value in vars(entry).values()
    )


def build_linker() -> Linker:
    """A linker over every person and country in the database, with all their names."""
    return linker_snapshot().linker


@dataclass(frozen=True)
class LinkPlan:
    """What ``article_link`` writes for one article: its analysis and its mention rows."""

    analysis: Analysis
    mentions: list[Mention]  # unsaved rows
    people: Mapping[str, int]  # slug -> person key, for the linked people and speakers

    @property
    def counts(self) -> dict[str, int]:
        return article_counts(self.mentions)


def article_link_plan(
    *,
    article: Article,
    linker: Linker | None,
    analysis: Analysis | None = None,
    people: Mapping[str, int] | None = None,
) -> LinkPlan:
    """Analyse ``article`` (or take ``analysis``, made by the same linker, when it was made
    of the article's current texts; ``linker`` may then be None) and build its mention
    rows; writes nothing.

    ``people`` maps the linker's people's slugs to their keys (``LinkerSnapshot.people``);
    without it they are read.
    """
    text = article_text(article)
    if analysis is None or analysis.text != text:
        analysis = article_analyse(text, linker)
    if people is None:
        slugs = {m.key for m in analysis.mentions if m.kind == "person"}
        slugs |= {q.speaker_slug for q in analysis.quotes if q.speaker_slug}
        people = dict(Person.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    rows = [
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
        for m in analysis.mentions
        if m.kind == "country" or m.key in people
    ]
    return LinkPlan(analysis, rows, people)


def article_link(
    *,
    article: Article,
    linker: Linker | None = None,
    version: str = "",
    fresh: bool = False,
    plan: LinkPlan | None = None,
    totals: list | None = None,
    memo: RunMemo | None = None,
    counts_saved: bool = False,
    current: bool = False,
) -> None:
    """Replace an article's mentions, quotes and facts, and record unknown-person candidates.

    ``version`` is stored on the article (see ``linker_snapshot``); the article's
    quotes are marked for the next cluster update. ``fresh``: the article was created
    in this transaction, so it has no derived rows to read or replace yet. ``plan``: what
    ``article_link_plan`` made of the article (else it is made here with ``linker``);
    ``totals``, ``memo`` and ``counts_saved``: see ``article_entities_store`` and
    ``candidates_store``. ``current``: the article's rows are already what ``plan`` writes
    (a load compared the analyses), so only the version it was linked with is recorded.
    """
    state = {"linked_with": version, "quotes_clustered": False}
    if current:
        ArticleDerivedState.objects.update_or_create(article=article, defaults=state)
        return
    if plan is None:
        plan = article_link_plan(article=article, linker=linker)
    if not fresh:
        article.mentions.all().delete()
    stored = Mention.objects.bulk_create(plan.mentions)
    article_entities_store(
        article=article, mentions=stored, fresh=fresh, totals=totals, counts_saved=counts_saved
    )
    analysis = plan.analysis
    people = dict(plan.people)
    changed = quotes_write(article=article, found=analysis.quotes, people=people, fresh=fresh)
    facts_write(article=article, facts=analysis.facts, fresh=fresh)
    candidates_store(article=article, candidates=analysis.candidates, memo=memo)
    if fresh:
        ArticleDerivedState.objects.create(article=article, **state)
        return
    if not changed:
        # The same quotes as before, in the same clusters: whether they are clustered stands.
        del state["quotes_clustered"]
    if not ArticleDerivedState.objects.filter(article=article).update(**state):
        ArticleDerivedState.objects.create(article=article, **state)


def articles_relink(*, articles: Iterable[Article], snapshot: LinkerSnapshot) -> int:
    """Re-link the given articles, each in its own transaction; returns how many.

    The speakers and the people mentioned are resolved with the snapshot's keys
    (``LinkerSnapshot.people``) rather than looked up for each article."""
    count = 0
    for article in articles:
        plan = article_link_plan(article=article, linker=snapshot.linker, people=snapshot.people)
        with transaction.atomic():
            article_link(article=article, version=snapshot.version, plan=plan)
        count += 1
    return count


# A re-link reads this many articles at a time: the keys first, then each slice's rows.
RELINK_CHUNK = 100


def _keys(articles: QuerySet | Iterable[Article]) -> list[int]:
    """The keys of ``articles`` (a query set, or articles already read), in order."""
    if isinstance(articles, QuerySet):
        return list(articles.order_by("pk").values_list("pk", flat=True))
    return sorted({article.pk for article in articles})


def _rows(pks: list[int]) -> QuerySet:
    """The articles of ``pks`` with their collection (which the text pipeline reads) and
    without their search vectors. A re-link reads them a slice at a time, so that memory does
    not grow with the archive: iterating a query set holds every row it read until the end."""
    return (
        Article.objects.filter(pk__in=pks)
        .select_related("collection")
        .defer("search_vector")
        .order_by("pk")
    )


def articles_relink_chunked(
    *,
    articles: QuerySet | Iterable[Article],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-link ``articles`` ``RELINK_CHUNK`` at a time with one snapshot of the names, calling
    ``progress(done, total)`` before the first and after each chunk; returns how many. The
    quote clusters are left to the caller (``quote_clusters_update``)."""
    snapshot = linker_snapshot()
    pks = _keys(articles)
    done = 0
    if progress is not None:
        progress(done, len(pks))
    for start in range(0, len(pks), RELINK_CHUNK):
        done += articles_relink(
            articles=_rows(pks[start : start + RELINK_CHUNK]), snapshot=snapshot
        )
        if progress is not None:
            progress(done, len(pks))
    return done


def relink_all(
    *,
    articles: QuerySet | Iterable[Article] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-link every article (each in its own transaction), then update the quote clusters
    (only the articles whose quotes changed have any to place)."""
    chosen = articles if articles is not None else Article.objects.all()
    count = articles_relink_chunked(articles=chosen, progress=progress)
    quote_clusters_update()
    return count
