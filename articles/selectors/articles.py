"""Reads about articles: lists with facets and snippets, one article (home page: overview)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from articles.filters import COUNTRY_UNKNOWN, KIND_UNKNOWN, UNATTRIBUTED, UNKNOWN
from articles.models import (
    Article,
    ArticleTag,
    EditorialLink,
    Person,
    Source,
)
from articles.search import MAX_QUERY_LENGTH
from articles.search_snippets import snippet_segments, snippet_sql, snippet_stems
from articles.selectors.common import (
    COUNTRY,
    FACET_SIZE,
    LIST_DEFERRED,
    PERSON,
    entities_top,
    keys_in,
)

# --- Article lists -----------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool = False
    note: str = ""  # shown beside the option, e.g. why it is counted apart


@dataclass
class Facet:
    param: str
    title: str
    options: list[FacetOption] = field(default_factory=list)


FACET_TITLES = {
    "collection": "Collections",
    "source": "Sources",
    "source_kind": "Kind of outlet",
    "source_country": "Outlet based in",
    "person": "People",
    "country": "Countries",
    "tag": "Tags",
}
KIND_LABELS = dict(Source.Kind.choices)


# The facets count at most this many matching articles, those added to the archive most
# recently: a list or a search that matches more says so beside them (their counts are then
# of those articles).
FACET_SCOPE = 1000


def _by_outlet(in_results: QuerySet, limit: int) -> tuple[int, dict[str, list]]:
    """Unattributed articles, and the source, kind, outlet-country and collection facet
    rows, from one count per outlet and collection (both are few, articles many)."""
    per_source = in_results.values(
        "source__slug",
        "source__name",
        "source__kind",
        "source__country__slug",
        "source__country__name",
        "collection__slug",
        "collection__title",
    ).annotate(n=Count("pk"))
    unattributed = 0
    sources, kinds, countries, collections = Counter(), Counter(), Counter(), Counter()
    for row in per_source.order_by():
        collections[(row["collection__slug"], row["collection__title"])] += row["n"]
        if row["source__slug"] is None:  # no outlet, so no kind and no country either
            unattributed += row["n"]
            continue
        sources[(row["source__slug"], row["source__name"])] += row["n"]
        kinds[row["source__kind"]] += row["n"]
        countries[(row["source__country__slug"], row["source__country__name"])] += row["n"]
    rows = {
        "collection": [
            (slug, title, n)
            for (slug, title), n in sorted(
                collections.items(),
                # as the database sorts: most first, then by title, no collection last
                key=lambda kv: (-kv[1], kv[0][1] is None, kv[0][1] or ""),
            )[:limit]
        ],
        "source": sorted(
            ((slug, name, n) for (slug, name), n in sources.items()),
            key=lambda r: (-r[2], r[1]),
        )[:limit],
        "source_kind": sorted(
            (
                (kind or UNKNOWN, KIND_LABELS.get(kind, KIND_UNKNOWN), n)
                for kind, n in kinds.items()
            ),
            key=lambda row: (-row[2], row[0] == UNKNOWN, row[1]),
        ),
        "source_country": [
            (slug or UNKNOWN, name or COUNTRY_UNKNOWN, n)
            for (slug, name), n in sorted(
                countries.items(), key=lambda kv: (-kv[1], kv[0][1] is None, kv[0][1] or "")
            )[:limit]
        ],
    }
    return unattributed, rows


def article_facets(
    articles: QuerySet, *, total: int, active: Iterable, limit: int = FACET_SIZE
) -> list[Facet]:
    """Collection, outlet, kind of outlet, outlet country, person, country and tag counts:
    five queries, over at most FACET_SCOPE matching articles (those added most recently).

    ``active`` lists the filters in force (``param``, ``value``, ``label``). Each active option
    is kept even when it is not in the top ``limit``; every result matches it, so its count is
    ``total``. Unattributed articles are never an outlet: the source facet counts them apart,
    as articles, and the kind and country facets only count articles whose outlet is known.
    """
    # Read once: a search is not run again for each facet, and no facet counts more rows.
    # The articles added most recently (the highest keys), read down the key's index with
    # the filters' own indexes alongside; by date, a filter matching one article in five
    # would probe five articles for each one kept.
    scope = keys_in(list(articles.order_by("-pk").values_list("pk", flat=True)[:FACET_SCOPE]))
    in_results = Article.objects.filter(pk__in=scope)
    unattributed, rows = _by_outlet(in_results, limit)
    rows |= {
        "person": [
            (row["slug"], row["name"], row["articles"])
            for row in entities_top(PERSON, scope, limit=limit)
        ],
        "country": [
            (row["slug"], row["name"], row["articles"])
            for row in entities_top(COUNTRY, scope, limit=limit)
        ],
        "tag": [
            (row["tag__slug"], row["tag__name"], row["n"])
            for row in ArticleTag.objects.filter(article__in=scope)
            .values("tag__slug", "tag__name")
            .annotate(n=Count("article"))
            .order_by("-n", "tag__name")[:limit]
        ],
    }
    active_by_param = {item.param: item for item in active}
    facets = []
    for param, title in FACET_TITLES.items():
        chosen = active_by_param.get(param)
        options = [
            FacetOption(value, label, count, active=chosen is not None and value == chosen.value)
            for value, label, count in rows[param]
        ]
        if param == "source" and unattributed:
            is_chosen = chosen is not None and chosen.value == UNATTRIBUTED
            options.append(
                FacetOption(
                    UNATTRIBUTED,
                    "Unattributed articles",
                    unattributed,
                    active=is_chosen,
                    note="each its own, no outlet known",
                )
            )
        if chosen is not None and not any(option.active for option in options):
            options.insert(0, FacetOption(chosen.value, chosen.label, total, active=True))
        facets.append(Facet(param, title, options))
    return facets


def article_languages() -> list[str]:
    """The languages articles are in, in order: each found as the next one after the last in
    the language index (a recursive query, one index probe per language, on PostgreSQL and
    SQLite alike), not by reading every article."""
    table = connection.ops.quote_name(Article._meta.db_table)
    sql = (
        "WITH RECURSIVE found(language) AS ("  # noqa: S608 (the table name is the model's)
        f"SELECT MIN(language) FROM {table} "
        "UNION ALL "
        f"SELECT (SELECT MIN(language) FROM {table} WHERE language > found.language) "
        "FROM found WHERE found.language IS NOT NULL"
        ") SELECT language FROM found WHERE language IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def people_searched(query: str, found: Iterable[int] | None = None) -> list[Person]:
    """The known people a search query names, to offer their pages above the results.

    One query reads every person's names (none when ``found`` gives the people already, as the
    list's filters read them for the search); a second, only when someone is named, reads them.
    """
    from articles.models.querysets import people_in_query

    if found is None:
        found = people_in_query(query[:MAX_QUERY_LENGTH])
    if not found:
        return []
    return list(Person.objects.filter(pk__in=found).select_related("country").order_by("name"))


def article_snippets(articles: Sequence[Article], *, query: str) -> None:
    """Give each article on the page a highlighted ``snippet``: [(text, highlighted), ...].

    One query for the page's rows only, on every database: a bounded window of each body
    around the first word searched (``articles.search_snippets``), marked in Python. The text
    stays plain; the template escapes it.
    """
    if not articles or not query:
        return
    query = query[:MAX_QUERY_LENGTH]
    sql, params = snippet_sql(
        connection.vendor, snippet_stems(query), [article.pk for article in articles]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        windows = {pk: (at, window or "") for pk, at, window in cursor.fetchall()}
    for article in articles:
        at, window = windows.get(article.pk, (1, ""))
        article.snippet = snippet_segments(window, at, query)


# --- One article -------------------------------------------------------------------------


def articles_all() -> QuerySet:
    """Every article, for narrowing with the queryset's domain methods (feeds, filters)."""
    return Article.objects.all()


def articles_with_outlet() -> QuerySet:
    """Articles with their outlet and its country joined: one article's page, a comparison."""
    return Article.objects.select_related("source__country")


def article_editorial_links(article: Article) -> list[dict]:
    """Editors' links from and to the article, worded from this article's side."""
    links = (
        EditorialLink.objects.filter(Q(from_article=article) | Q(to_article=article))
        .select_related("from_article__source__country", "to_article__source__country")
        .defer(
            *(
                f"{side}__{name}"
                for side in ("from_article", "to_article")
                for name in LIST_DEFERRED
            )
        )
        .order_by("relation", "created_at", "pk")
    )
    return [
        {
            "wording": link.wording_from(article),
            "other": link.to_article if link.from_article_id == article.pk else link.from_article,
            "note": link.note,
            "link": link,
        }
        for link in links
    ]
