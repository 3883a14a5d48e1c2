"""Reads across outlets: the same quote reported by several articles, and one person's quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value, Window
from django.db.models.functions import RowNumber

from articles.models import Person, Quote, QuoteCluster, QuoteClusterAlias, Source
from articles.selectors.common import (
    LIST_DEFERRED,
    ArticleScope,
    article_scope,
    paginate,
)

# An article's large fields, which a list of quotes or facts never shows.
ARTICLE_DEFERRED = tuple(f"article__{name}" for name in LIST_DEFERRED)
QUOTE_FILTER_CHOICES = 100
# The quotes list groups the quotes of at most this many articles, the newest in scope, so that
# counting each statement's reports costs the same however large the archive (the page says so).
QUOTE_SCOPE = 1000


def quote_scope(articles: QuerySet | None = None) -> ArticleScope:
    """The articles whose quotes the quotes list groups: the newest ``QUOTE_SCOPE``."""
    return article_scope(articles, limit=QUOTE_SCOPE)


def quote_cluster_page(
    *,
    scope: ArticleScope,
    speaker: Person | None = None,
    source: Source | None = None,
    unattributed: bool = False,
    reports_shown: int,
    page: object = None,
    per_page: int,
) -> Page:
    """One page of the statements quoted in ``scope``'s articles (a ``quote_scope``), those
    reported by most of those articles first, each with its first ``reports_shown`` reports there.

    ``speaker`` keeps the statements of that person or in which they are quoted there,
    ``source`` those the outlet reported there, ``unattributed`` those an article with no
    known outlet reported there; each still comes with every outlet's reports, so they can be
    compared. Three queries whatever the archive holds: one count per statement over the
    scope's quotes (paged in Python), the page's statements, and their first reports.
    """
    in_scope = scope.narrow(Quote.objects.filter(cluster__isnull=False)).order_by()
    rows = in_scope.values(
        "cluster", "cluster__speaker", "cluster__speaker__name", "cluster__representative"
    ).annotate(
        articles=Count("article", distinct=True),
        reports=Count("pk"),
        by_speaker=Count("pk", filter=Q(speaker=speaker)) if speaker else Value(0),
        by_source=Count("pk", filter=Q(article__source=source)) if source else Value(0),
        by_unattributed=Count("pk", filter=Q(article__source__isnull=True)),
    )
    kept = [
        row
        for row in rows
        if (speaker is None or row["cluster__speaker"] == speaker.pk or row["by_speaker"])
        and (source is None or row["by_source"])
        and (not unattributed or row["by_unattributed"])
    ]
    kept.sort(
        key=lambda row: (
            -row["articles"],
            row["cluster__speaker__name"] is None,  # no known speaker last, as PostgreSQL sorts
            row["cluster__speaker__name"] or "",
            row["cluster__representative"],
            row["cluster"],
        )
    )
    shown = paginate(kept, page, per_page)
    quotes = (
        in_scope.select_related("article__source__country", "speaker")
        .defer(*ARTICLE_DEFERRED)
        .order_by("article__source__name", "article__title", "article_id", "start")
    )
    wanted = [row["cluster"] for row in shown.object_list]
    found = (
        QuoteCluster.objects.select_related("speaker")
        .prefetch_related(Prefetch("quotes", queryset=_first_reports(quotes, reports_shown)))
        .in_bulk(wanted)
    )
    clusters = []
    for row in shown.object_list:
        cluster = found.get(row["cluster"])
        if cluster is not None:
            cluster.article_count, cluster.report_count = row["articles"], row["reports"]
            clusters.append(cluster)
    shown.object_list = clusters
    return shown


def quote_clusters_reported(*, speaker: Person | None = None) -> QuerySet:
    """Clusters by speaker, for paging; a page's counts and first reports are read apart
    (``quote_clusters_with_reports``)."""
    clusters = QuoteCluster.objects.select_related("speaker")
    if speaker is not None:
        clusters = clusters.filter(speaker=speaker)
    return clusters.order_by("speaker__name", "representative", "pk")


# A cluster's reports, the articles added most recently first: the order of its index.
REPORT_ORDER = ("-article_id", "start", "pk")
# What a list of reports shows of each: the quote, its article's title and date, the outlet.
REPORT_FIELDS = (
    *("cluster", "article", "start", "end", "text", "speaker_text"),
    *("article__slug", "article__title", "article__published"),
    *("article__source__slug", "article__source__name"),
)


def _reports_read(quotes: QuerySet) -> QuerySet:
    return quotes.select_related("article__source").only(*REPORT_FIELDS)


def quote_cluster_report_window(cluster: QuoteCluster, offset: int, limit: int) -> list[Quote]:
    """``limit`` of the cluster's reports from ``offset``, in the order of
    ``quote_cluster_reports``, with only what a list of reports shows."""
    return list(_reports_read(cluster.quotes.order_by(*REPORT_ORDER))[offset : offset + limit])


def quote_clusters_with_reports(clusters: list[QuoteCluster], *, shown: int) -> list[QuoteCluster]:
    """``clusters`` each with how many articles (``article_count``) and quotes
    (``report_count``) report it and its first ``shown`` reports (``first_reports``), in the
    order of ``quote_cluster_reports``: two queries however many reports a cluster has.

    The counts are read from the clusters' index entries. The reports are one query: on
    PostgreSQL a union of each cluster's first ``shown`` quote ids, each read from its index in
    that order (``quote_cluster_article_idx``) and stopped there; a database that cannot limit
    the parts of a union (SQLite) numbers each cluster's reports with a window instead.
    """
    if not clusters:
        return clusters
    ids = [cluster.pk for cluster in clusters]
    counted = _report_counts(ids)
    order = REPORT_ORDER
    if connection.features.supports_slicing_ordering_in_compound:
        firsts = [
            Quote.objects.filter(cluster=pk).order_by(*order).values("pk")[:shown] for pk in ids
        ]
        wanted = Q(pk__in=firsts[0].union(*firsts[1:], all=True))
    else:
        numbered = Quote.objects.filter(cluster__in=ids).annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("cluster_id")],
                order_by=list(order),
            )
        )
        wanted = Q(pk__in=numbered.filter(rank__lte=shown).values("pk"))
    reports: dict[int, list[Quote]] = {pk: [] for pk in ids}
    for quote in _reports_read(Quote.objects.filter(wanted)).order_by("cluster_id", *order):
        reports[quote.cluster_id].append(quote)
    for cluster in clusters:
        cluster.article_count, cluster.report_count = counted.get(cluster.pk, (0, 0))
        cluster.first_reports = reports[cluster.pk]
    return clusters


def _report_counts(ids: list[int]) -> dict[int, tuple[int, int]]:
    """How many articles and quotes report each of the clusters ``ids``, counted from the
    clusters' index entries: {cluster key: (articles, reports)}."""
    rows = (
        Quote.objects.filter(cluster__in=ids)
        .order_by()
        .values("cluster")
        .annotate(articles=Count("article", distinct=True), reports=Count("pk"))
    )
    return {row["cluster"]: (row["articles"], row["reports"]) for row in rows}


def quote_cluster_detail(key: str) -> QuoteCluster | None:
    """One cluster with its speaker, and how many articles (``article_count``) and quotes
    (``report_count``) report it, counted in one pass over its index entries (two queries;
    its reports are read a page at a time, ``quote_cluster_reports``)."""
    cluster = QuoteCluster.objects.select_related("speaker").filter(key=key).first()
    if cluster is not None:
        counts = _report_counts([cluster.pk]).get(cluster.pk, (0, 0))
        cluster.article_count, cluster.report_count = counts
    return cluster


def quote_cluster_reports(cluster: QuoteCluster) -> QuerySet:
    """The cluster's reports with article and outlet, those of the articles added most
    recently first, for paging: a page is read from the cluster's index in that order
    (``quote_cluster_article_idx``), not sorted from every report of a large cluster."""
    return (
        cluster.quotes.select_related("article__source__country", "speaker")
        .defer(*ARTICLE_DEFERRED)
        .order_by("-article_id", "start", "pk")
    )


def quote_cluster_rows(key: str) -> tuple[QuoteCluster | None, QuerySet]:
    """One cluster with its speaker, and its reports ordered by outlet and article."""
    cluster = QuoteCluster.objects.select_related("speaker").filter(key=key).first()
    if cluster is None:
        return None, Quote.objects.none()
    quotes = cluster.quotes.select_related("article__source", "speaker").order_by(
        "article__source__name", "article__title", "pk"
    )
    return cluster, quotes


def _first_reports(quotes: QuerySet, shown: int | None) -> QuerySet:
    """At most ``shown`` quotes per cluster, in the list's order (a window numbers them)."""
    if not shown:
        return quotes
    order = [F("article__source__name"), F("article__title"), F("article_id"), F("start")]
    return quotes.annotate(
        report_rank=Window(RowNumber(), partition_by=[F("cluster_id")], order_by=order)
    ).filter(report_rank__lte=shown)


def quote_cluster_moved_to(key: str) -> QuoteCluster | None:
    """The cluster that took over ``key`` when clusters merged, if any."""
    alias = QuoteClusterAlias.objects.select_related("cluster").filter(key=key).first()
    return alias.cluster if alias else None


def quote_filter_choices(scope: ArticleScope) -> tuple[list[Person], list[Source], bool]:
    """Who is quoted in ``scope``'s articles (most quoted there first) and which outlets quote
    anyone there, for the quote filters; and whether an article there with no known outlet does.

    Each counted from the scope's quotes only (three queries however large the archive).
    """
    quoted = scope.narrow(Quote.objects.all()).order_by()
    speakers = []
    rows = (
        quoted.filter(speaker__isnull=False)
        .values("speaker", "speaker__slug", "speaker__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker__name")[:QUOTE_FILTER_CHOICES]
    )
    for row in rows:
        person = Person(pk=row["speaker"], slug=row["speaker__slug"], name=row["speaker__name"])
        person.quote_count = row["n"]
        speakers.append(person)
    sources = [
        Source(pk=pk, slug=slug, name=name)
        for pk, slug, name in quoted.filter(article__source__isnull=False)
        .values_list("article__source", "article__source__slug", "article__source__name")
        .distinct()
        .order_by("article__source__name")
    ]
    unattributed = quoted.filter(article__source__isnull=True).exists()
    return speakers, sources, unattributed


# --- One person's quotes -----------------------------------------------------------------

PERSON_QUOTES_SHOWN = 50
# A person's page groups at most this many of their quotes, those of the articles added most
# recently, so a person quoted in every article costs what one quoted once does.
PERSON_QUOTE_SCOPE = 300


@dataclass
class QuoteGroup:
    """One statement by a person: a cluster and the person's reports of it, or one lone quote."""

    cluster: QuoteCluster | None
    reports: int  # articles reporting the cluster, of those read (0 for a quote in no cluster)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class PersonQuotes:
    groups: list[QuoteGroup]
    total: int  # the quotes read: every quote attributed to the person, unless ``capped``
    shown: int
    capped: bool = False  # the person has more than PERSON_QUOTE_SCOPE quotes; the newest read


def person_quotes(
    person: Person, *, limit: int = PERSON_QUOTES_SHOWN, scope: int | None = None
) -> PersonQuotes:
    """What ``person`` is quoted as saying across outlets, grouped by statement.

    One query reads the person's ``scope`` quotes in the articles added most recently (an
    index read, ``quote_speaker_article_idx``). Statements reported by the most of those
    articles come first, each with its reports by outlet; quotes in no cluster follow, one
    group each. At most ``limit`` quotes are shown.
    """
    scope = scope or PERSON_QUOTE_SCOPE
    rows = list(
        Quote.objects.filter(speaker=person)
        .select_related("article__source", "cluster")
        .defer(*ARTICLE_DEFERRED)
        .order_by("-article_id")[: scope + 1]  # the order within an article is set below
    )
    capped = len(rows) > scope
    rows = rows[:scope]
    reporting: dict[int, set[int]] = {}
    for quote in rows:
        if quote.cluster_id is not None:
            reporting.setdefault(quote.cluster_id, set()).add(quote.article_id)
    reports = {cluster: len(articles) for cluster, articles in reporting.items()}

    def order(quote: Quote):
        source = quote.article.source.name if quote.article.source_id else None
        return (
            -reports.get(quote.cluster_id, 0),
            quote.cluster_id is None,
            quote.cluster_id or 0,
            source is None,  # unattributed last, as PostgreSQL sorts NULLs
            source or "",
            quote.article_id,
            quote.start,
        )

    groups: list[QuoteGroup] = []
    for quote in sorted(rows, key=order)[:limit]:
        if quote.cluster_id is None or not groups or groups[-1].cluster != quote.cluster:
            groups.append(QuoteGroup(quote.cluster, reports.get(quote.cluster_id, 0)))
        groups[-1].quotes.append(quote)
    shown = sum(len(group.quotes) for group in groups)
    return PersonQuotes(groups, len(rows), shown, capped)
