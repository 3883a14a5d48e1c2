"""Reads of the figures across outlets: the same amount, vote or date reported by several
articles, grouped by value."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from articles.models import Fact
from articles.pipeline.facts import FactGroup, group_facts
from articles.selectors.common import ArticleScope, Scoped, article_scope, paginate, scope_rows
from articles.selectors.quotes import ARTICLE_DEFERRED


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
# The figures page groups the figures of at most this many articles, the newest in scope, so
# that grouping and counting them costs the same however large the archive (the page says so).
FACT_SCOPE = 1000


def fact_scope(articles: QuerySet | None = None) -> ArticleScope:
    """The articles whose figures the figures page groups: the newest ``FACT_SCOPE``."""
    return article_scope(articles, limit=FACT_SCOPE)


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
    *, kind: str | None = None, articles: Scoped = None, page: object = None
) -> tuple[Page, list[FactGroupShown]]:
    """One page of fact groups, in ``group_facts``' order, each with its reports in the
    articles added most recently, shown by outlet and title.

    Two queries however many facts there are (and one for conflicting figures): the groups
    with their article counts (one aggregate row per value, paged in Python), then the shown
    reports of this page's groups only, at most ``FACT_REPORTS_SHOWN`` each, numbered by
    article over the figures' narrow rows and then read whole (not every report of the
    page's values read with its article and outlet and sorted by them).
    """
    facts = scope_rows(Fact.objects.all(), articles)
    if kind:
        facts = facts.filter(kind=kind)
    kinds = list(Fact.Kind.values)
    keys = sorted(
        facts.order_by()
        .values("kind", "value")
        .annotate(n=Count("article", distinct=True))
        .values_list("kind", "value", "n"),
        key=lambda row: (kinds.index(row[0]), -row[2], _natural(row[1])),
    )
    shown = paginate(keys, page, FACT_GROUPS_PER_PAGE)
    rows = (
        Fact.objects.filter(pk__in=_newest_reports(facts, shown.object_list))
        .select_related("article__source__country")
        .defer(*ARTICLE_DEFERRED)
        .order_by()
    )
    rows = sorted(
        rows,
        key=lambda fact: (
            fact.article.source is None,  # unattributed last, as PostgreSQL sorts NULLs
            fact.article.source.name if fact.article.source else "",
            fact.article.title,
            fact.article_id,
            fact.start,
        ),
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


def _newest_reports(facts: QuerySet, groups: list[tuple[str, str, int]]) -> QuerySet:
    """The keys of each group's ``FACT_REPORTS_SHOWN`` reports in the articles added most
    recently, for an ``__in``: a window numbers the groups' reports by article key over the
    figures' own narrow rows (no article or outlet joined, so no wide rows sorted)."""
    wanted = Q(pk__in=[])
    for kind, value, _ in groups:
        wanted |= Q(kind=kind, value=value)
    return (
        facts.filter(wanted)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind"), F("value")],
                order_by=[F("article_id").desc(), F("start")],
            )
        )
        .filter(rank__lte=FACT_REPORTS_SHOWN)
        .values("pk")
    )


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
