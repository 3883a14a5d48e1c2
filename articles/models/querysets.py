"""Article queries named after the domain, defined once and used everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy, RawSQL

from articles.search import people_named, search_condition

# Newest first: undated articles last on every database (PostgreSQL would put NULL first in a
# descending sort, SQLite last), then title and primary key so equal dates keep one order.
NEWEST_FIRST = (F("published").desc(nulls_last=True), "title", "pk")
NEWEST_FIRST_INDEX = (F("published").desc(nulls_last=True), F("title").asc(), F("id").asc())
OLDEST_FIRST = (F("published").asc(nulls_last=True), F("title").asc(), F("id").asc())
BY_TITLE = (F("title").asc(), F("id").asc())
# Most mentions first (the stored count), then as NEWEST_FIRST; an index has this order.
MOST_MENTIONED = (
    F("mention_count").desc(),
    F("published").desc(nulls_last=True),
    F("title").asc(),
    F("id").asc(),
)


class OrderIndex(models.Index):
    """An index in a sort order. SQLite refuses ``NULLS LAST`` in an index, and already puts
    NULLs last in a descending order, so there the clause is left out."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = models.Index(
            *(
                OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                for e in self.expressions
            ),
            name=self.name,
        )
        return plain.create_sql(model, schema_editor, using=using, **kwargs)


# The list's orders (newest first, most mentions first), read from an index in order instead of
# sorting every article for a page of twenty.
LIST_ORDER_INDEXES = (
    OrderIndex(*NEWEST_FIRST_INDEX, name="article_newest_idx"),
    OrderIndex(*OLDEST_FIRST, name="article_oldest_idx"),
    OrderIndex(*BY_TITLE, name="article_title_idx"),
    OrderIndex(*MOST_MENTIONED, name="article_mentions_idx"),
    # One outlet's articles newest first (its page), one collection's oldest first (its
    # timeline), each read in order from its own part of an index.
    OrderIndex(F("source"), *NEWEST_FIRST_INDEX, name="article_source_newest_idx"),
    OrderIndex(F("collection"), *OLDEST_FIRST, name="article_collection_oldest_idx"),
)


def people_in_query(query: str) -> set[int]:
    """Primary keys of the people a search query names (one query over all their names)."""
    from articles.models.entities import Person

    if not query.strip():
        return set()
    rows = list(Person.objects.order_by().values_list("pk", "name", "names__name"))
    names = {(pk, name) for pk, name, _ in rows} | {(pk, other) for pk, _, other in rows if other}
    return people_named(query, names)


def _read_keys(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class ArticleQuerySet(models.QuerySet):
    def newest(self, *, ranked_by: str | None = None) -> ArticleQuerySet:
        """Newest first, undated last; with ``ranked_by`` (``"-search_rank"``) that comes first.

        The one definition of the archive's default order: ``Article.Meta.ordering`` is the
        same, and the date only breaks ties of ``ranked_by``.
        """
        return self.order_by(*([ranked_by] if ranked_by else []), *NEWEST_FIRST)

    def for_list(self) -> ArticleQuerySet:
        """What a list shows (source, authors, tags) in a fixed number of queries."""
        return self.select_related("source__country").prefetch_related("authors", "tags")

    # Filters on related rows go through a subquery: no duplicate rows, no DISTINCT, and
    # annotations on the articles still see one row per article.
    def _having(self, **lookup) -> ArticleQuerySet:
        return self.filter(pk__in=self.model.objects.filter(**lookup).values("pk"))

    def in_collection(self, collection) -> ArticleQuerySet:
        return self.filter(collection=collection)

    # Read from the stored per-article entities (one row per article and person or country),
    # not from every mention: a person named 50 times in an article is one row there.
    def mentioning_person(self, person) -> ArticleQuerySet:
        return self._having(entities__person=person)

    def mentioning_country(self, country) -> ArticleQuerySet:
        return self._having(entities__country=country)

    def tagged(self, tag) -> ArticleQuerySet:
        return self._having(article_tags__tag=tag)

    def for_export(self) -> ArticleQuerySet:
        """What an export record reads (``services.exporting.article_record``), prefetched."""
        return self.select_related("source", "collection").prefetch_related(
            "authors", "tags", "mentions__person", "quotes__speaker"
        )

    def most_mentioned(self) -> ArticleQuerySet:
        """Most mentions first by the stored ``mention_count``, ties newest first."""
        return self.order_by(*MOST_MENTIONED)

    def search(
        self,
        query: str,
        *,
        limit: int | None = None,
        people: Iterable[int] | None = None,
        keys: list[int] | None = None,
    ) -> ArticleQuerySet:
        """Articles matching a full-text query, with ``search_rank`` (higher is better).

        A query that names a known person also matches the articles mentioning them, however
        spelled (``articles.search.people_named``; one query reads the people's names, unless
        ``people`` gives them already). The SQL is fixed text from articles.search; the query
        is only ever a parameter. ``limit`` keeps the matches added most recently, at most that
        many: their keys are read first, in one query (``search_keys``; or given as ``keys``),
        so that counting, ranking, listing and the facets each read those keys instead of
        looking the words up again.
        """
        people = sorted(people_in_query(query) if people is None else people)
        condition = search_condition(connection.vendor, query, people, limit=limit)
        if condition is None:
            return self.none()
        sql, params, rank_sql, rank_params = condition
        if keys is None and limit is not None:
            keys = _read_keys(sql, params)
        matched = RawSQL(sql, params) if keys is None else keys_in(keys)  # noqa: S611
        return self.filter(pk__in=matched).annotate(
            search_rank=RawSQL(rank_sql, rank_params, output_field=models.FloatField())  # noqa: S611
        )

    def search_keys(self, query: str, *, limit: int, people: Iterable[int]) -> list[int]:
        """The keys of a search's ``limit`` matches added most recently, highest first, in one
        query (``people``: those the query names, see ``search``)."""
        condition = search_condition(connection.vendor, query, sorted(people), limit=limit)
        return [] if condition is None else _read_keys(condition[0], condition[1])

    def from_outlet_kind(self, kind: str) -> ArticleQuerySet:
        """Articles from outlets of ``kind`` ("" for outlets whose kind is not known)."""
        return self.filter(source__isnull=False, source__kind=kind)

    def from_outlet_country(self, country) -> ArticleQuerySet:
        """Articles from outlets based in ``country`` (None: outlets based who knows where)."""
        if country is None:
            return self.filter(source__isnull=False, source__country__isnull=True)
        return self.filter(source__country=country)

    def unattributed(self) -> ArticleQuerySet:
        return self.filter(source__isnull=True)

    def with_people_or_countries(self) -> ArticleQuerySet:
        return self.filter(Q(mentions__person__isnull=False) | Q(mentions__country__isnull=False))


def keys_in(keys: list[int]):
    """``keys`` for an ``__in`` lookup: on PostgreSQL one array parameter, so the planner does
    not weigh thousands of constants one by one; a plain list elsewhere."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [keys])  # noqa: S611 (fixed text)
    return keys
