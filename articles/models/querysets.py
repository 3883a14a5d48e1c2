"""Article queries named after the domain, defined once and used everywhere."""

from __future__ import annotations

from django.db import connection, models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from articles.search import search_condition

# Newest first: undated articles last on every database (PostgreSQL would put NULL first in a
# descending sort, SQLite last), then title and primary key so equal dates keep one order.
NEWEST_FIRST = (F("published").desc(nulls_last=True), "title", "pk")


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
    # annotations such as mention_count still count every mention of the article.
    def _having(self, **lookup) -> ArticleQuerySet:
        return self.filter(pk__in=self.model.objects.filter(**lookup).values("pk"))

    def mentioning_person(self, person) -> ArticleQuerySet:
        return self._having(mentions__person=person)

    def mentioning_country(self, country) -> ArticleQuerySet:
        return self._having(mentions__country=country)

    def tagged(self, tag) -> ArticleQuerySet:
        return self._having(article_tags__tag=tag)

    def for_export(self) -> ArticleQuerySet:
        """What an export record reads (``services.exporting.article_record``), prefetched."""
        return self.select_related("source").prefetch_related(
            "authors", "tags", "mentions__person", "quotes__speaker"
        )

    def with_mention_count(self) -> ArticleQuerySet:
        """``mention_count`` as a correlated subquery: no join and GROUP BY over every article's
        mentions, so counting the list's rows for paging does not count mentions at all."""
        from articles.models import Mention

        mentions = (
            Mention.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(mention_count=Coalesce(Subquery(mentions), 0))

    def search(self, query: str) -> ArticleQuerySet:
        """Articles matching a full-text query, with ``search_rank`` (higher is better).

        The SQL is fixed text from articles.search; the query is only ever a parameter.
        """
        condition = search_condition(connection.vendor, query)
        if condition is None:
            return self.none()
        sql, params, rank_sql, rank_params = condition
        return self.filter(pk__in=RawSQL(sql, params)).annotate(  # noqa: S611
            search_rank=RawSQL(rank_sql, rank_params, output_field=models.FloatField())  # noqa: S611
        )

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
