"""Read queries for cross-coverage: quote clusters, shared facts, comparisons, the matrix.

Each function runs a fixed number of queries however many rows it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from articles.models import Article, Country, Fact, Mention, Person, Quote, QuoteCluster, Source

MATRIX_COLUMNS = 12


def quote_clusters():
    """Every cluster with its quotes, each with article and outlet, ready to show side by side."""
    quotes = Quote.objects.select_related("article__source", "speaker").order_by(
        "article__source__name", "article__title"
    )
    return (
        QuoteCluster.objects.select_related("speaker")
        .prefetch_related(Prefetch("quotes", queryset=quotes))
        .annotate(article_count=Count("quotes__article", distinct=True))
        .order_by("-article_count", "speaker__name", "representative")
    )


@dataclass
class FactGroup:
    kind: str
    kind_label: str
    value: str
    facts: list[Fact] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len({fact.article_id for fact in self.facts})


def fact_groups(*, kind: str | None = None) -> list[FactGroup]:
    """Facts grouped by kind and normalised value, most widely reported first."""
    facts = Fact.objects.select_related("article__source").order_by("kind", "value", "article_id")
    if kind:
        facts = facts.filter(kind=kind)
    groups: dict[tuple[str, str], FactGroup] = {}
    labels = dict(Fact.Kind.choices)
    for fact in facts:
        key = (fact.kind, fact.value)
        if key not in groups:
            groups[key] = FactGroup(fact.kind, labels.get(fact.kind, fact.kind), fact.value)
        groups[key].facts.append(fact)
    return sorted(groups.values(), key=lambda g: (-g.article_count, g.kind, g.value))


@dataclass
class Side:
    article: Article
    people: Counter
    countries: Counter
    quotes: list[Quote]
    facts: list[Fact]


@dataclass
class Comparison:
    a: Side
    b: Side
    shared_people: list[tuple[Person, int, int]]
    only_a_people: list[tuple[Person, int]]
    only_b_people: list[tuple[Person, int]]
    shared_countries: list[tuple[Country, int, int]]
    only_a_countries: list[tuple[Country, int]]
    only_b_countries: list[tuple[Country, int]]
    shared_quotes: list[tuple[QuoteCluster, list[Quote], list[Quote]]]
    only_a_quotes: list[Quote]
    only_b_quotes: list[Quote]
    shared_facts: list[tuple[str, str, list[Fact], list[Fact]]]
    only_a_facts: list[Fact]
    only_b_facts: list[Fact]


def compare_articles(a: Article, b: Article) -> Comparison:
    """What two articles share and what only one of them has, aligned."""
    mentions = Mention.objects.filter(article__in=[a, b]).select_related("person", "country")
    quotes = Quote.objects.filter(article__in=[a, b]).select_related("speaker", "cluster")
    facts = Fact.objects.filter(article__in=[a, b]).order_by("start")
    sides = {article.pk: Side(article, Counter(), Counter(), [], []) for article in (a, b)}
    for mention in mentions:
        side = sides[mention.article_id]
        (side.people if mention.person_id else side.countries)[mention.entity] += 1
    for quote in quotes.order_by("start"):
        sides[quote.article_id].quotes.append(quote)
    for fact in facts:
        sides[fact.article_id].facts.append(fact)
    side_a, side_b = sides[a.pk], sides[b.pk]
    return Comparison(
        a=side_a,
        b=side_b,
        **_aligned_counts("people", side_a.people, side_b.people),
        **_aligned_counts("countries", side_a.countries, side_b.countries),
        **_aligned_quotes(side_a.quotes, side_b.quotes),
        **_aligned_facts(side_a.facts, side_b.facts),
    )


def _aligned_counts(name: str, a: Counter, b: Counter) -> dict:
    def by_count(items):
        return sorted(items, key=lambda item: (-sum(item[1:]), str(item[0])))

    return {
        f"shared_{name}": by_count((e, a[e], b[e]) for e in a.keys() & b.keys()),
        f"only_a_{name}": by_count((e, a[e]) for e in a.keys() - b.keys()),
        f"only_b_{name}": by_count((e, b[e]) for e in b.keys() - a.keys()),
    }


def _aligned_quotes(a: list[Quote], b: list[Quote]) -> dict:
    clusters_a = {q.cluster_id for q in a if q.cluster_id}
    clusters_b = {q.cluster_id for q in b if q.cluster_id}
    shared = clusters_a & clusters_b
    by_cluster: dict[int, tuple[QuoteCluster, list[Quote], list[Quote]]] = {}
    for quotes, index in ((a, 1), (b, 2)):
        for quote in quotes:
            if quote.cluster_id in shared:
                entry = by_cluster.setdefault(quote.cluster_id, (quote.cluster, [], []))
                entry[index].append(quote)
    return {
        "shared_quotes": list(by_cluster.values()),
        "only_a_quotes": [q for q in a if q.cluster_id not in shared],
        "only_b_quotes": [q for q in b if q.cluster_id not in shared],
    }


def _aligned_facts(a: list[Fact], b: list[Fact]) -> dict:
    keys_a = {(f.kind, f.value) for f in a}
    keys_b = {(f.kind, f.value) for f in b}
    shared = keys_a & keys_b
    grouped: dict[tuple[str, str], tuple[list[Fact], list[Fact]]] = defaultdict(lambda: ([], []))
    for facts, index in ((a, 0), (b, 1)):
        for fact in facts:
            if (fact.kind, fact.value) in shared:
                grouped[(fact.kind, fact.value)][index].append(fact)
    return {
        "shared_facts": [(k, v, fa, fb) for (k, v), (fa, fb) in sorted(grouped.items())],
        "only_a_facts": [f for f in a if (f.kind, f.value) not in shared],
        "only_b_facts": [f for f in b if (f.kind, f.value) not in shared],
    }


HEAT_LEVELS = 4


@dataclass
class Matrix:
    kind: str
    rows: list[tuple[Source | None, list[tuple[object, int, int]]]]  # (column, count, level 0-4)
    columns: list[Person] | list[Country]
    maximum: int


def coverage_matrix(kind: str) -> Matrix:
    """Sources × people (or countries): how many articles from each outlet mention each one."""
    field_name = "person" if kind == "person" else "country"
    cells = (
        Mention.objects.filter(**{f"{field_name}__isnull": False})
        .values("article__source", field_name)
        .annotate(n=Count("article", distinct=True))
    )
    counts: dict[tuple[int | None, object], int] = {}
    totals: Counter = Counter()
    for cell in cells:
        counts[(cell["article__source"], cell[field_name])] = cell["n"]
        totals[cell[field_name]] += cell["n"]
    top = [key for key, _ in totals.most_common(MATRIX_COLUMNS)]
    model = Person if kind == "person" else Country
    columns_by_key = model.objects.in_bulk(top)
    columns = [columns_by_key[key] for key in top if key in columns_by_key]
    sources: list[Source | None] = list(Source.objects.filter(articles__isnull=False).distinct())
    if Article.objects.filter(source__isnull=True).exists():
        sources.append(None)
    maximum = max(counts.values(), default=0)

    def cell(source: Source | None, column) -> tuple[object, int, int]:
        n = counts.get((source.pk if source else None, column.pk), 0)
        return column, n, -(-n * HEAT_LEVELS // maximum) if maximum else 0

    rows = [(source, [cell(source, column) for column in columns]) for source in sources]
    return Matrix(kind=kind, rows=rows, columns=columns, maximum=maximum)
