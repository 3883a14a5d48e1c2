"""Reads across outlets: the same quote reported by several articles, and the same figure."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from articles.models import Fact, Quote, QuoteCluster
from articles.pipeline.facts import FactGroup, group_facts


def quote_clusters(*, articles: QuerySet | None = None) -> QuerySet:
    """Every cluster with its quotes, each with article and outlet, ready to show side by side.

    With ``articles``, only their quotes and the clusters they report.
    """
    quotes = Quote.objects.select_related("article__source__country", "speaker").order_by(
        "article__source__name", "article__title"
    )
    clusters = QuoteCluster.objects.all()
    if articles is not None:
        quotes = quotes.filter(article__in=articles.order_by().values("pk"))
        clusters = clusters.filter(pk__in=quotes.order_by().values("cluster"))
    return (
        clusters.select_related("speaker")
        .prefetch_related(Prefetch("quotes", queryset=quotes))
        .annotate(article_count=Count("quotes__article", distinct=True))
        .order_by("-article_count", "speaker__name", "representative")
    )


def fact_groups(*, kind: str | None = None, articles: QuerySet | None = None) -> list[FactGroup]:
    """Stored facts grouped by kind and normalised value, the way the text pipeline groups them.

    One query. The stored rows stand in for the pipeline's facts: the grouping reads only
    ``kind`` and ``value``. Groups come in the pipeline's order (by kind, then by how many
    articles report the value); each group's ``articles`` are article slugs and its ``facts``
    are ``(slug, Fact)`` pairs whose facts carry their article and outlet.
    """
    facts = Fact.objects.select_related("article__source__country").order_by(
        "article__source__name", "article__title", "article_id", "start"
    )
    if kind:
        facts = facts.filter(kind=kind)
    if articles is not None:
        facts = facts.filter(article__in=articles.order_by().values("pk"))
    by_article: dict[str, list[Fact]] = {}
    for fact in facts:
        by_article.setdefault(fact.article.slug, []).append(fact)
    return group_facts(by_article)
