"""Reads across outlets: the same quote reported by several articles, and the same figure."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from articles.models import Fact, Person, Quote, QuoteCluster, QuoteClusterAlias, Source
from articles.pipeline.facts import FactGroup, group_facts
from articles.selectors.common import LIST_DEFERRED, count_distinct, paginate

# An article's large fields, which a list of quotes or facts never shows.
ARTICLE_DEFERRED = tuple(f"article__{name}" for name in LIST_DEFERRED)
QUOTE_FILTER_CHOICES = 100


def quote_clusters(
    *,
    speaker: Person | None = None,
    source: Source | None = None,
    unattributed: bool = False,
    articles: QuerySet | None = None,
    reports_shown: int | None = None,
) -> QuerySet:
    """Clusters with their quotes, each with article and outlet, ready to show side by side.

    ``reports_shown`` caps the quotes fetched per cluster (the first ones by outlet); each
    cluster's ``report_count`` still counts them all.

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
    in_scope = quotes.order_by().filter(cluster=OuterRef("pk"))
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
        .prefetch_related(Prefetch("quotes", queryset=_first_reports(quotes, reports_shown)))
        .annotate(
            article_count=count_distinct(Quote.objects.filter(cluster=OuterRef("pk")), "article"),
            report_count=count_distinct(in_scope, "pk"),
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


FACT_GROUPS_PER_PAGE = 30
FACT_REPORTS_SHOWN = 20


@dataclass(frozen=True)
class FactGroupShown:
    """A group of facts on one page: how many articles report the value, and the first reports."""

    kind: str
    value: str
    article_count: int
    articles: tuple[str, ...]  # slugs of the articles whose reports are shown, sorted
    facts: tuple[tuple[str, Fact], ...]  # (slug, fact): at most FACT_REPORTS_SHOWN
    conflicts: tuple[tuple[str, str], ...] = ()  # (subject, value another article gives it)

    @property
    def more_articles(self) -> int:
        return self.article_count - len(self.articles)


def fact_group_page(
    *, kind: str | None = None, articles: QuerySet | None = None, page: object = None
) -> tuple[Page, list[FactGroupShown]]:
    """One page of fact groups, in ``group_facts``' order, each with its first reports.

    Two queries however many facts there are: the groups with their article counts (one
    aggregate row per value, paged in Python), then the shown reports of this page's groups
    only, at most ``FACT_REPORTS_SHOWN`` each (a window numbers them).
    """
    facts = Fact.objects.all()
    if kind:
        facts = facts.filter(kind=kind)
    if articles is not None:
        facts = facts.filter(article__in=articles.order_by().values("pk"))
    kinds = list(Fact.Kind.values)
    keys = sorted(
        facts.order_by()
        .values("kind", "value")
        .annotate(n=Count("article", distinct=True))
        .values_list("kind", "value", "n"),
        key=lambda row: (kinds.index(row[0]), -row[2], _natural(row[1])),
    )
    shown = paginate(keys, page, FACT_GROUPS_PER_PAGE)
    wanted = Q(pk__in=[])
    for group_kind, value, _ in shown.object_list:
        wanted |= Q(kind=group_kind, value=value)
    rows = (
        facts.filter(wanted)
        .select_related("article__source__country")
        .defer(*ARTICLE_DEFERRED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind"), F("value")],
                order_by=[
                    F("article__source__name"),
                    F("article__title"),
                    F("article_id"),
                    F("start"),
                ],
            )
        )
        .filter(rank__lte=FACT_REPORTS_SHOWN)
        .order_by("article__source__name", "article__title", "article_id", "start")
    )
    reports: dict[tuple[str, str], list[tuple[str, Fact]]] = {}
    for fact in rows:
        reports.setdefault((fact.kind, fact.value), []).append((fact.article.slug, fact))
    groups = [
        FactGroupShown(
            kind=group_kind,
            value=value,
            article_count=count,
            articles=tuple(sorted({slug for slug, _ in reports.get((group_kind, value), [])})),
            facts=tuple(reports.get((group_kind, value), [])),
        )
        for group_kind, value, count in shown.object_list
    ]
    return shown, _with_conflicts(groups, facts)


def _with_conflicts(groups: list[FactGroupShown], facts: QuerySet) -> list[FactGroupShown]:
    """Each group with the other values other articles give for the same subject (one query).

    Dates are left out, as in the pipeline's grouping: two dates in one sentence's subject
    slot are rarely the same claim.
    """
    subjects = {
        (group.kind, fact.subject)
        for group in groups
        if group.kind != "date"
        for _, fact in group.facts
        if fact.subject
    }
    if not subjects:
        return groups
    wanted = Q(pk__in=[])
    for kind, subject in subjects:
        wanted |= Q(kind=kind, subject=subject)
    others: dict[tuple[str, str], set[tuple[str, str]]] = {}
    rows = facts.filter(wanted).values_list("kind", "subject", "value", "article__slug")
    for kind, subject, value, slug in rows.order_by().distinct():
        others.setdefault((kind, subject), set()).add((value, slug))
    result = []
    for group in groups:
        found = {
            (fact.subject, value)
            for _, fact in group.facts
            if fact.subject and group.kind != "date"
            for value, slug in others.get((group.kind, fact.subject), ())
            if value != group.value and slug not in group.articles
        }
        result.append(dataclasses.replace(group, conflicts=tuple(sorted(found))))
    return result


def _natural(value: str) -> tuple[tuple[int, int | str], ...]:
    """The pipeline's order of values: "USD 9000000" before "USD 20000000"."""
    parts = re.split(r"(\d+)", value)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


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
