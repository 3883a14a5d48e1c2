"""Reads across outlets: the same quote reported by several articles, and the same figure."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Window

from articles.models import Fact, Person, Quote, QuoteCluster, QuoteClusterAlias, Source
from articles.pipeline.facts import FactGroup, group_facts
from articles.selectors.common import LIST_DEFERRED, count_distinct

# An article's large fields, which a list of quotes or facts never shows.
ARTICLE_DEFERRED = tuple(f"article__{name}" for name in LIST_DEFERRED)
QUOTE_FILTER_CHOICES = 100


def quote_clusters(
    *,
    speaker: Person | None = None,
    source: Source | None = None,
    unattributed: bool = False,
    articles: QuerySet | None = None,
) -> QuerySet:
    """Clusters with their quotes, each with article and outlet, ready to show side by side.

    ``speaker`` keeps the clusters in which that person is quoted, ``source`` those an outlet
    reported and ``unattributed`` those reported by an article with no known outlet; each
    such cluster still comes with every report of it, so the outlets can be compared.
    ``articles`` (the outlet filters' scope) keeps only those articles' quotes and the
    clusters they report. Two queries (three with paging) whatever the number of clusters.
    """
    quotes = (
        Quote.objects.select_related("article__source__country", "speaker")
        .defer(*ARTICLE_DEFERRED)
        .order_by("article__source__name", "article__title", "article_id", "start")
    )
    clusters = QuoteCluster.objects.all()
    if articles is not None:
        quotes = quotes.filter(article__in=articles.order_by().values("pk"))
        clusters = clusters.filter(pk__in=quotes.order_by().values("cluster"))
    if speaker is not None:
        clusters = clusters.filter(
            Q(speaker=speaker) | Q(pk__in=Quote.objects.filter(speaker=speaker).values("cluster"))
        )
    if source is not None:
        clusters = clusters.filter(
            pk__in=Quote.objects.filter(article__source=source).values("cluster")
        )
    if unattributed:
        clusters = clusters.filter(
            pk__in=Quote.objects.filter(article__source__isnull=True).values("cluster")
        )
    return (
        clusters.select_related("speaker")
        .prefetch_related(Prefetch("quotes", queryset=quotes))
        .annotate(
            article_count=count_distinct(Quote.objects.filter(cluster=OuterRef("pk")), "article")
        )
        .order_by("-article_count", "speaker__name", "representative", "pk")
    )


def quote_clusters_reported(*, speaker: Person | None = None) -> QuerySet:
    """Clusters by speaker with every report of each, outlet by outlet (no counts)."""
    reports = Quote.objects.select_related("article__source").order_by(
        "article__source__name", "article__title", "pk"
    )
    clusters = QuoteCluster.objects.select_related("speaker").prefetch_related(
        Prefetch("quotes", queryset=reports)
    )
    if speaker is not None:
        clusters = clusters.filter(speaker=speaker)
    return clusters.order_by("speaker__name", "representative", "pk")


def quote_cluster_rows(key: str) -> tuple[QuoteCluster | None, QuerySet]:
    """One cluster with its speaker, and its reports ordered by outlet and article."""
    cluster = QuoteCluster.objects.select_related("speaker").filter(key=key).first()
    if cluster is None:
        return None, Quote.objects.none()
    quotes = cluster.quotes.select_related("article__source", "speaker").order_by(
        "article__source__name", "article__title", "pk"
    )
    return cluster, quotes


def quote_cluster_moved_to(key: str) -> QuoteCluster | None:
    """The cluster that took over ``key`` when clusters merged, if any."""
    alias = QuoteClusterAlias.objects.select_related("cluster").filter(key=key).first()
    return alias.cluster if alias else None


def quote_filter_choices() -> tuple[list[Person], list[Source], bool]:
    """Who is quoted (most quoted first) and which outlets quote anyone, for the quote filters;
    and whether any quote comes from an article with no known outlet."""
    speakers = list(
        Person.objects.filter(quotes__isnull=False)
        .annotate(quote_count=Count("quotes"))
        .order_by("-quote_count", "name")
        .only("slug", "name")[:QUOTE_FILTER_CHOICES]
    )
    sources = list(
        Source.objects.filter(articles__quotes__isnull=False)
        .distinct()
        .order_by("name")
        .only("slug", "name")
    )
    unattributed = Quote.objects.filter(article__source__isnull=True).exists()
    return speakers, sources, unattributed


def fact_groups(*, kind: str | None = None, articles: QuerySet | None = None) -> list[FactGroup]:
    """Stored facts grouped by kind and normalised value, the way the text pipeline groups them.

    One query. The stored rows stand in for the pipeline's facts: the grouping reads only
    ``kind`` and ``value``. Groups come in the pipeline's order (by kind, then by how many
    articles report the value); each group's ``articles`` are article slugs and its ``facts``
    are ``(slug, Fact)`` pairs whose facts carry their article and outlet.
    """
    facts = (
        Fact.objects.select_related("article__source__country")
        .defer(*ARTICLE_DEFERRED)
        .order_by("article__source__name", "article__title", "article_id", "start")
    )
    if kind:
        facts = facts.filter(kind=kind)
    if articles is not None:
        facts = facts.filter(article__in=articles.order_by().values("pk"))
    by_article: dict[str, list[Fact]] = {}
    for fact in facts:
        by_article.setdefault(fact.article.slug, []).append(fact)
    return group_facts(by_article)


# --- One person's quotes -----------------------------------------------------------------

PERSON_QUOTES_SHOWN = 50


@dataclass
class QuoteGroup:
    """One statement by a person: a cluster and the person's reports of it, or one lone quote."""

    cluster: QuoteCluster | None
    reports: int  # articles reporting the cluster (0 for a quote in no cluster)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class PersonQuotes:
    groups: list[QuoteGroup]
    total: int  # every quote attributed to the person
    shown: int


def person_quotes(person: Person, *, limit: int = PERSON_QUOTES_SHOWN) -> PersonQuotes:
    """What ``person`` is quoted as saying across outlets, grouped by statement.

    Statements reported by the most articles come first, each with its reports by outlet;
    quotes in no cluster follow, one group each. At most ``limit`` quotes, in one query
    however many there are; a window over the rows, computed before the limit, counts them all.
    """
    rows = list(
        Quote.objects.filter(speaker=person)
        .select_related("article__source", "cluster")
        .defer(*ARTICLE_DEFERRED)
        .annotate(
            cluster_reports=count_distinct(
                Quote.objects.filter(cluster=OuterRef("cluster")), "article"
            ),
            total=Window(Count("pk")),
        )
        .order_by("-cluster_reports", "cluster_id", "article__source__name", "article_id", "start")[
            :limit
        ]
    )
    groups: list[QuoteGroup] = []
    for quote in rows:
        if quote.cluster_id is None or not groups or groups[-1].cluster != quote.cluster:
            groups.append(
                QuoteGroup(quote.cluster, quote.cluster_reports if quote.cluster_id else 0)
            )
        groups[-1].quotes.append(quote)
    total = rows[0].total if rows else 0
    return PersonQuotes(groups, total, sum(len(group.quotes) for group in groups))
