"""Reads by outlet: the coverage matrix by outlet, kind of outlet or outlet country, and the
people, quotes and figures only one kind of outlet reports (blind spots).

An unattributed article is never grouped with another: it has no outlet, so no kind and no
country, and the matrix gives it a row of its own. Each function runs a fixed number of
queries however many rows it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Min, QuerySet
from django.urls import reverse

from articles.filters import COUNTRY_UNKNOWN, KIND_UNKNOWN, UNKNOWN
from articles.models import (
    Article,
    ArticleEntity,
    Country,
    Fact,
    Person,
    Quote,
    QuoteCluster,
    Source,
)
from articles.selectors.common import (
    ArticleScope,
    Scoped,
    article_scope,
    scope_articles,
    scope_rows,
)

MATRIX_COLUMNS = 12
HEAT_LEVELS = 4
BLIND_SPOT_LIMIT = 20
# The matrix and the blind spots count at most this many articles, the newest of those in
# scope, so the page costs the same however large the archive; the page says so when more
# articles are in scope.
COVERAGE_SCOPE = 1000

# ?by= -> (rows' heading, the article field rows are grouped by, the list filter they link to)
GROUPINGS = {
    "source": ("Sources", "article__source", "source"),
    "kind": ("Kinds of outlet", "article__source__kind", "source_kind"),
    "country": ("Outlet countries", "article__source__country", "source_country"),
}


@dataclass
class MatrixCell:
    column: Person | Country
    count: int
    level: int  # 0-HEAT_LEVELS, for the heat colour
    url: str  # the articles counted: the filtered list, or the one article


@dataclass
class MatrixRow:
    label: str
    url: str
    cells: list[MatrixCell] = field(default_factory=list)
    article: Article | None = None  # an unattributed article's own row

    @property
    def description(self) -> str:
        return self.label if self.article is None else f"the article {self.article.title}"


@dataclass
class Matrix:
    kind: str  # "person" or "country": the columns
    by: str  # a key of GROUPINGS: the rows
    rows: list[MatrixRow]
    columns: list
    maximum: int

    @property
    def heading(self) -> str:
        return GROUPINGS[self.by][0]


def coverage_scope(articles: QuerySet | None = None) -> ArticleScope:
    """The newest ``COVERAGE_SCOPE`` articles of ``articles`` (of all when None)."""
    return article_scope(articles, limit=COVERAGE_SCOPE)


def _list_url(**params) -> str:
    return f"{reverse('articles:list')}?{urlencode(params)}"


def _row_heads(by: str, scope: QuerySet) -> list[tuple[object, str, str, str]]:
    """(group key, label, link, filter value) per outlet, kind or country in ``scope``."""
    attributed = scope.filter(source__isnull=False)
    if by == "source":
        sources = Source.objects.filter(pk__in=attributed.values("source")).select_related(
            "country"
        )
        return [(s.pk, s.label, s.get_absolute_url(), s.slug) for s in sources.order_by("name")]
    if by == "kind":
        labels = dict(Source.Kind.choices)
        kinds = set(attributed.order_by().values_list("source__kind", flat=True).distinct())
        ordered = [k for k in labels if k in kinds] + ([""] if "" in kinds else [])
        return [
            (k, labels.get(k, KIND_UNKNOWN), _list_url(source_kind=k or UNKNOWN), k or UNKNOWN)
            for k in ordered
        ]
    countries = (
        attributed.order_by().values_list("source__country", "source__country__name").distinct()
    )
    rows = sorted(set(countries), key=lambda row: (row[0] is None, row[1] or ""))
    values = [(code, name, (code or UNKNOWN).lower()) for code, name in rows]
    return [
        (code or "", name or COUNTRY_UNKNOWN, _list_url(source_country=value), value)
        for code, name, value in values
    ]


def coverage_matrix(kind: str, *, by: str = "source", articles: Scoped = None) -> Matrix:
    """Outlets (or kinds, or countries) × people (or countries): articles mentioning each.

    Five queries: the attributed cells, the unattributed articles' cells, the columns, the
    row headings and the unattributed articles. ``articles`` narrows what is counted.
    """
    return coverage_matrices((kind,), by=by, articles=articles)[kind]


def coverage_matrices(
    kinds=("person", "country"), *, by: str = "source", articles: Scoped = None
) -> dict[str, Matrix]:
    """The matrix of each of ``kinds`` over the same rows: the row headings and the
    unattributed articles are read once for all (two queries), then three per matrix."""
    scope = scope_articles(articles)
    heads = _row_heads(by, scope)
    unattributed = list(scope.unattributed().order_by("seed_file").defer("body", "reader_comments"))
    return {kind: _matrix(kind, by, articles, heads, unattributed) for kind in kinds}


def _matrix(kind: str, by: str, articles: Scoped, heads: list, unattributed: list) -> Matrix:
    field_name = "person" if kind == "person" else "country"
    _, group_field, param = GROUPINGS[by]
    # One stored row per article and entity: counting rows counts articles.
    named = scope_rows(ArticleEntity.objects.filter(**{f"{field_name}__isnull": False}), articles)
    counts: dict[tuple[object, object], int] = {}
    totals: Counter = Counter()
    grouped = (
        named.filter(article__source__isnull=False)
        .values(group_field, field_name)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for cell in grouped:
        key = cell[group_field] if cell[group_field] is not None else ""
        counts[(key, cell[field_name])] = cell["n"]
        totals[cell[field_name]] += cell["n"]
    alone = named.filter(article__source__isnull=True).values("article", field_name)
    for cell in alone.order_by():
        counts[(("article", cell["article"]), cell[field_name])] = 1
        totals[cell[field_name]] += 1
    top = [key for key, _ in totals.most_common(MATRIX_COLUMNS)]
    model = Person if kind == "person" else Country
    by_key = model.objects.in_bulk(top)
    columns = [by_key[key] for key in top if key in by_key]
    maximum = max(counts.values(), default=0)

    def level(n: int) -> int:
        return -(-n * HEAT_LEVELS // maximum) if maximum else 0

    rows = []
    for key, label, url, value in heads:
        row = MatrixRow(label, url)
        for column in columns:
            n = counts.get((key, column.pk), 0)
            filters = {param: value, field_name: column.slug}
            row.cells.append(MatrixCell(column, n, level(n), _list_url(**filters)))
        rows.append(row)
    for article in unattributed:
        row = MatrixRow(article.outlet_label, article.get_absolute_url(), article=article)
        for column in columns:
            n = counts.get((("article", article.pk), column.pk), 0)
            row.cells.append(MatrixCell(column, n, level(n), article.get_absolute_url()))
        rows.append(row)
    return Matrix(kind=kind, by=by, rows=rows, columns=columns, maximum=maximum)


# --- Blind spots -------------------------------------------------------------------------


@dataclass
class BlindSpot:
    label: str
    url: str
    kind: str  # Source.Kind value
    articles: int

    @property
    def kind_label(self) -> str:
        return Source.Kind(self.kind).label


@dataclass
class BlindSpots:
    kinds_known: int  # kinds of outlet with articles: below two, nothing can be one-sided
    people: list[BlindSpot]
    quotes: list[BlindSpot]
    figures: list[BlindSpot]


def _one_kind(rows, key) -> dict[object, tuple[str, int]]:
    """Items every one of whose reports comes from outlets of a single, known kind."""
    kinds: dict[object, dict[str | None, int]] = defaultdict(dict)
    for row in rows:
        kinds[key(row)][row["article__source__kind"]] = row["n"]
    return {
        item: next(iter(by_kind.items()))
        for item, by_kind in kinds.items()
        if len(by_kind) == 1 and next(iter(by_kind))  # not unattributed (None), not unknown ("")
    }


def _ranked(spots: list[BlindSpot], limit: int) -> list[BlindSpot]:
    return sorted(spots, key=lambda spot: (-spot.articles, spot.label))[:limit]


def coverage_blind_spots(*, articles: Scoped = None, limit: int = BLIND_SPOT_LIMIT) -> BlindSpots:
    """People, quotes and figures that only one kind of outlet reports, most-reported first,
    among ``articles`` (a ``coverage_scope``'s; every article when None).

    An item also reported by an unattributed article, or by an outlet whose kind is unknown, is
    not counted: that report may come from another kind. Six queries.
    """
    scope = scope_articles(articles)
    kinds_known = (
        scope.exclude(source__kind="")
        .filter(source__isnull=False)
        .order_by()
        .values("source__kind")
        .distinct()
        .count()
    )
    if kinds_known < 2:
        return BlindSpots(kinds_known, [], [], [])

    def reports(queryset, *keys):
        return (
            scope_rows(queryset, articles)
            .values(*keys, "article__source__kind")
            .annotate(n=Count("article", distinct=True))
            .order_by()
        )

    people = _one_kind(
        reports(ArticleEntity.objects.filter(kind="person"), "person"), lambda r: r["person"]
    )
    # ``[0]`` (no such key) when there are none: the page makes the same queries either way.
    named = Person.objects.in_bulk(list(people) or [0])
    clusters = _one_kind(
        reports(Quote.objects.filter(cluster__isnull=False), "cluster"), lambda r: r["cluster"]
    )
    said = QuoteCluster.objects.select_related("speaker").in_bulk(list(clusters) or [0])
    figure_rows = list(reports(Fact.objects.all(), "kind", "value").annotate(text=Min("text")))
    texts = {(row["kind"], row["value"]): row["text"] for row in figure_rows}
    figures = _one_kind(figure_rows, lambda r: (r["kind"], r["value"]))
    fact_list = reverse("articles:fact-list")
    return BlindSpots(
        kinds_known=kinds_known,
        people=_ranked(
            [
                BlindSpot(named[pk].name, named[pk].get_absolute_url(), kind, n)
                for pk, (kind, n) in people.items()
                if pk in named
            ],
            limit,
        ),
        quotes=_ranked(
            [
                BlindSpot(_quote_label(said[pk]), said[pk].get_absolute_url(), kind, n)
                for pk, (kind, n) in clusters.items()
                if pk in said
            ],
            limit,
        ),
        figures=_ranked(
            [
                BlindSpot(texts[key], f"{fact_list}?{urlencode({'kind': key[0]})}", kind, n)
                for key, (kind, n) in figures.items()
            ],
            limit,
        ),
    )


def _quote_label(cluster: QuoteCluster) -> str:
    speaker = cluster.speaker.name if cluster.speaker_id else "Unknown speaker"
    text = cluster.representative
    return f"{speaker}: “{text[:120]}{'…' if len(text) > 120 else ''}”"
