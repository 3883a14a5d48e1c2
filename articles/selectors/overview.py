"""Reads for the home page: the archive at a glance (counts, outlets, most named, tags)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from articles.models import (
    Article,
    ArticleTag,
    Collection,
    CollectionSourceCount,
    Country,
    Person,
    Quote,
    Source,
    Tag,
)
from articles.selectors.common import (
    FACET_SIZE,
    article_cards,
    count_distinct,
)


def count_rows(rows: QuerySet, key: str) -> Coalesce:
    """A correlated COUNT(*) of ``rows`` (already narrowed to the outer row), grouped on
    ``key``, 0 when there are none: read from ``key``'s index, one outer row at a time."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- Home --------------------------------------------------------------------------------


@dataclass
class Overview:
    articles: int
    first_published: datetime.date | None
    last_published: datetime.date | None
    unattributed: int
    people: int
    countries: int
    quotes: int
    quotes_estimated: bool
    tags: int
    by_source: list[dict]
    top_people: list[dict]
    top_countries: list[dict]
    recent_tags: list[Tag]
    recent_articles: list[Article]

    @property
    def sources(self) -> int:
        """Outlets with articles (the unattributed group is not an outlet)."""
        return sum(1 for row in self.by_source if row["source__slug"])


def most_named(model: type[Person] | type[Country], *, limit: int) -> list[dict]:
    """The people or countries named in the most articles, from their stored totals: the
    same rows ``entities_top`` counts over the whole archive, read from one index."""
    rows = (
        model.objects.filter(article_count__gt=0)
        .order_by("-article_count", "-mention_count", "name")
        .values_list("slug", "name", "article_count", "mention_count")[:limit]
    )
    return [
        {"slug": slug, "name": name, "articles": articles, "mentions": mentions}
        for slug, name, articles, mentions in rows
    ]


# Above this many rows (by the planner's statistics) a table's total is shown as an estimate.
ESTIMATED_FROM = 10_000


def estimated_count(model) -> tuple[int, bool]:
    """(rows of ``model``'s table, whether that is an estimate). On PostgreSQL a large table's
    total is the planner's estimate (``pg_class.reltuples``, kept by ANALYZE and autovacuum),
    rounded, so that no page counts every row; a small table, and every table elsewhere, is
    counted."""
    if connection.vendor != "postgresql":
        return model.objects.count(), False
    table = model._meta.db_table
    # One statement either way: the estimate, and the count only when the table is small.
    sql = (
        "SELECT reltuples, CASE WHEN reltuples < %s THEN "  # noqa: S608 (the model's table)
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)}) END "
        "FROM pg_class WHERE oid = to_regclass(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ESTIMATED_FROM, table])
        estimate, counted = cursor.fetchone()
    if counted is not None:
        return counted, False
    return round(int(estimate), -3), True


def _outlet_rows(counts: dict[int, int], names: dict, unattributed: int) -> list[dict]:
    rows = [
        {"source__slug": names[pk][0], "source__name": names[pk][1], "count": n}
        for pk, n in counts.items()
        if pk in names and n
    ]
    if unattributed:
        rows.append({"source__slug": None, "source__name": None, "count": unattributed})
    # As ``ORDER BY count DESC, name``: PostgreSQL sorts the unnamed row last among equals.
    return sorted(
        rows, key=lambda r: (-r["count"], r["source__name"] is None, r["source__name"] or "")
    )


def articles_by_source(articles: QuerySet) -> list[dict]:
    """Articles per outlet (``source__slug``, ``source__name``, ``count``; the unattributed
    articles' row has no slug), most first, of ``articles``: one count per outlet key, read
    from an index, and the outlets' names read apart (outlets are few)."""
    counts = dict(articles.order_by().values_list("source").annotate(n=Count("pk")))
    names = {
        pk: (slug, name)
        for pk, slug, name in Source.objects.filter(
            pk__in=[k for k in counts if k is not None]
        ).values_list("pk", "slug", "name")
    }
    return _outlet_rows(
        {k: n for k, n in counts.items() if k is not None}, names, counts.get(None, 0)
    )


def stored_by_source(collection: Collection | None = None) -> list[dict]:
    """As ``articles_by_source`` of every article (of ``collection``'s), from the totals
    stored per outlet (per collection and outlet) and per collection: one row per outlet,
    not one index entry per article. Unattributed articles are the total less the outlets'."""
    if collection is None:
        rows = Source.objects.filter(article_count__gt=0).values_list(
            "pk", "slug", "name", "article_count"
        )
        total = Collection.objects.aggregate(n=Sum("article_count"))["n"] or 0
    else:
        rows = CollectionSourceCount.objects.filter(
            collection=collection, article_count__gt=0
        ).values_list("source_id", "source__slug", "source__name", "article_count")
        total = collection.article_count
    counts, names = {}, {}
    for pk, slug, name, n in rows:
        counts[pk], names[pk] = n, (slug, name)
    return _outlet_rows(counts, names, max(total - sum(counts.values()), 0))


def archive_overview() -> Overview:
    """What the home page shows: totals, coverage by outlet, who and where is named most."""
    by_source = stored_by_source()
    quotes, quotes_estimated = estimated_count(Quote)
    # The article totals add up the outlets' rows; one more query reads the dates and, from
    # the stored totals, how many people and countries are named (each a single-value
    # subquery, which MAX returns as it is).
    totals = Article.objects.aggregate(
        first=Min("published"),
        last=Max("published"),
        people=Max(count_distinct(Person.objects.filter(article_count__gt=0), "pk")),
        countries=Max(count_distinct(Country.objects.filter(article_count__gt=0), "pk")),
    )
    return Overview(
        articles=sum(row["count"] for row in by_source),
        first_published=totals["first"],
        last_published=totals["last"],
        unattributed=sum(row["count"] for row in by_source if row["source__slug"] is None),
        people=totals["people"] or 0,
        countries=totals["countries"] or 0,
        quotes=quotes,
        quotes_estimated=quotes_estimated,
        tags=Tag.objects.count(),
        by_source=by_source,
        top_people=most_named(Person, limit=FACET_SIZE),
        top_countries=most_named(Country, limit=FACET_SIZE),
        # The newest tags first, then their articles counted: only theirs, not every tag's.
        recent_tags=list(
            Tag.objects.order_by("-created_at", "name").annotate(
                article_count=count_rows(ArticleTag.objects.filter(tag=OuterRef("pk")), "tag")
            )[:FACET_SIZE]
        ),
        recent_articles=list(article_cards(Article.objects.newest())[:5]),
    )
