"""Reads that set articles side by side: related coverage and two articles compared.

The coverage matrix, by outlet, kind of outlet or outlet country, is in ``outlets``.

Each function runs a fixed number of queries however many rows it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import CharField, Count, F, QuerySet, Value, prefetch_related_objects
from django.db.models.functions import Cast

from articles.models import (
    Article,
    ArticleEntity,
    ArticleTag,
    Country,
    Fact,
    Mention,
    Person,
    Quote,
    QuoteCluster,
)
from articles.selectors.article_text import article_quotes
from articles.selectors.common import COUNTRY, LIST_DEFERRED, PERSON, keys_in

# --- Related coverage --------------------------------------------------------------------


@dataclass
class RelatedArticle:
    """Another article and what it shares with the one being read."""

    WEIGHTS = {"quotes": 4, "people": 3, "facts": 2, "tags": 2, "countries": 1}
    NOUNS = {
        "people": ("person", "people"),
        "countries": ("country", "countries"),
        "quotes": ("quote", "quotes"),
        "facts": ("figure", "figures"),
        "tags": ("tag", "tags"),
    }

    article: Article | None = None
    shared: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return sum(self.WEIGHTS[name] * count for name, count in self.shared.items())

    @property
    def reasons(self) -> str:
        """E.g. "3 people, 2 countries, 1 quote in common"."""
        parts = []
        for name in self.NOUNS:
            count = self.shared.get(name, 0)
            if count:
                singular, plural = self.NOUNS[name]
                parts.append(f"{count} {singular if count == 1 else plural}")
        return ", ".join(parts) + " in common" if parts else ""


# What related coverage considers, so an article's page costs the same however large the
# archive: the article's first RELATED_ITEMS people, countries, tags, quotes and figures of
# each kind (people and countries it names most first), and for each of them the
# RELATED_PER_ITEM articles that share it, added most recently first. The RELATED_SCORED
# found in most of those lists are then scored on everything they share, read by their keys.
RELATED_ITEMS = 20
RELATED_PER_ITEM = 300
RELATED_SCORED = 300


def _item_rows(queryset: QuerySet, part, first, second=None, weight=None) -> QuerySet:
    """(article, kind of item, item, second part of the item, weight) rows of ``queryset``,
    the same columns for every table, so that they can be one UNION."""
    # "item_kind", not "kind" or "part": those are columns of the tables read.
    return (
        queryset.order_by()
        .annotate(
            item_kind=Value(part) if isinstance(part, str) else part,
            first=Cast(first, CharField()),
            second=F(second) if second else Value(""),
            weight=F(weight) if weight else Value(0),
        )
        .values_list("article_id", "item_kind", "first", "second", "weight")
    )


def _items(rows: QuerySet) -> QuerySet:
    """Every person, country, tag, quote cluster and figure of the articles of ``rows``'
    filter (``{"article": ...}`` or ``{"article__in": ...}``), one row each, in one query."""
    return _item_rows(
        ArticleEntity.objects.filter(**rows), F("kind"), "person", "country", "mentions"
    ).union(
        _item_rows(ArticleTag.objects.filter(**rows), "tags", "tag"),
        _item_rows(Quote.objects.filter(**rows, cluster__isnull=False), "quotes", "cluster"),
        _item_rows(Fact.objects.filter(**rows), "facts", "kind", "value"),
        all=True,
    )


def _item(part: str, first: str, second: str) -> tuple[str, object]:
    """(name in RelatedArticle.NOUNS, key) of one row of ``_items``."""
    if part == PERSON:
        return "people", int(first)
    if part == COUNTRY:
        return "countries", second
    if part == "facts":
        return "facts", (first, second)
    return part, int(first)


def _own_items(article: Article) -> dict[str, list]:
    """The article's people and countries (most named first), tags, quote clusters and
    figures, read in one query."""
    own: dict[str, list] = {name: [] for name in RelatedArticle.NOUNS}
    found = _items({"article": article})
    for _, part, first, second, _ in sorted(
        set(found), key=lambda row: (-row[4], row[1], row[2] or "", row[3] or "")
    ):
        name, key = _item(part, first, second)
        own[name].append(key)
    return own


def _candidates(article: Article, own: dict[str, list]) -> list[int]:
    """At most RELATED_SCORED articles sharing ``own``'s items, those sharing most first.

    One statement: per item, the keys of the RELATED_PER_ITEM other articles that share it,
    highest first (a short backward read of the item's index, each article once), all of them
    one UNION ALL of subqueries, so that PostgreSQL and SQLite alike cut each list; the
    articles are ranked by the weights of the lists they are in.
    """
    sharing = {
        "people": lambda pk: ArticleEntity.objects.filter(person=pk),
        "countries": lambda pk: ArticleEntity.objects.filter(country=pk),
        "tags": lambda pk: ArticleTag.objects.filter(tag=pk),
        "quotes": lambda pk: Quote.objects.filter(cluster=pk),
        "facts": lambda key: Fact.objects.filter(kind=key[0], value=key[1]),
    }
    parts, params = [], []
    for name, items in own.items():
        for item in items[:RELATED_ITEMS]:
            cut = (
                sharing[name](item)
                .exclude(article=article)
                .order_by("-article_id")
                .values_list("article_id", flat=True)
                .distinct()[:RELATED_PER_ITEM]
            )
            sql, part_params = cut.query.sql_with_params()
            weight = RelatedArticle.WEIGHTS[name]
            parts.append(f"SELECT {weight}, cut.* FROM ({sql}) cut")  # noqa: S608 (compiled)
            params.extend(part_params)
    found: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for weight, article_id in cursor.fetchall():
            found[article_id] += weight
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return [article_id for article_id, _ in ranked[:RELATED_SCORED]]


def article_related(article: Article, *, limit: int = 8) -> list[RelatedArticle]:
    """Other articles ranked by the people, countries, tags, quotes and figures they share.

    Four queries whatever the archive holds: the article's own people, countries, tags,
    quote clusters and figures; its candidates (bounded by RELATED_ITEMS and
    RELATED_PER_ITEM); every item of the candidates, read by their keys (no item's rows over
    the whole archive), compared with the article's in Python; the top articles themselves.
    """
    own = _own_items(article)
    if not any(own.values()):
        return []
    candidates = _candidates(article, own)
    if not candidates:
        return []
    wanted = {name: set(keys) for name, keys in own.items()}
    shared: dict[int, RelatedArticle] = defaultdict(RelatedArticle)
    seen = set()
    for article_id, part, first, second, _ in _items({"article__in": keys_in(candidates)}):
        name, key = _item(part, first, second)
        if key in wanted[name] and (article_id, name, key) not in seen:
            seen.add((article_id, name, key))
            counts = shared[article_id].shared
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(shared.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    articles = (
        Article.objects.select_related("source__country")
        .defer(*LIST_DEFERRED)
        .in_bulk([article_id for article_id, _ in ranked])
    )
    result = []
    for article_id, related in ranked:
        if article_id in articles:
            related.article = articles[article_id]
            result.append(related)
    return result


# --- Two articles compared ---------------------------------------------------------------

COMPARE_CHOICES = 50


# What the outlet label of a suggestion reads (see Article.outlet_label and Source.label).
COMPARE_CHOICE_FIELDS = (
    "slug",
    "title",
    "seed_file",
    "notes",
    "language",
    "published",
    "source__name",
    "source__kind",
    "source__owner",
    "source__city",
    "source__country__name",
)


def compare_choices(*, limit: int = COMPARE_CHOICES) -> list[Article]:
    """The newest articles, offered as suggestions by the compare form (never all of them)."""
    return list(
        Article.objects.newest()
        .select_related("source__country")
        .only(*COMPARE_CHOICE_FIELDS)[:limit]
    )


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
    # (subject, facts of a, facts of b): figures about the same thing that differ
    differing_facts: list[tuple[str, list[Fact], list[Fact]]] = field(default_factory=list)

    @property
    def only_sides(self) -> list[tuple[Side, list[Fact], list, list, list[Quote]]]:
        """For each side: its article, then the figures, people, countries and quotes only it
        has, in that order (what the compare page shows first)."""
        return [
            (
                self.a,
                self.only_a_facts,
                self.only_a_people,
                self.only_a_countries,
                self.only_a_quotes,
            ),
            (
                self.b,
                self.only_b_facts,
                self.only_b_people,
                self.only_b_countries,
                self.only_b_quotes,
            ),
        ]


def articles_compare(a: Article, b: Article) -> Comparison:
    """What two articles share and what only one of them has, aligned."""
    # Mentions are counted in the database: a long document has tens of thousands of them
    # and only a few dozen people and countries.
    counted = (
        Mention.objects.filter(article__in=[a, b])
        .order_by()
        .values_list("article", "person", "country")
        .annotate(n=Count("pk"))
    )
    facts = Fact.objects.filter(article__in=[a, b]).order_by("start")
    sides = {article.pk: Side(article, Counter(), Counter(), [], []) for article in (a, b)}
    counted = list(counted)
    people = Person.objects.in_bulk({person for _, person, _, _ in counted if person})
    countries = Country.objects.in_bulk({country for _, _, country, _ in counted if country})
    for article_id, person, country, n in counted:
        side = sides[article_id]
        if person in people:
            side.people[people[person]] += n
        elif country in countries:
            side.countries[countries[country]] += n
    for article in (a, b):
        # Each speaker and cluster built once for all its quotes (``article_quotes``).
        quotes = article_quotes(article, reports=False)
        sides[article.pk].quotes = sorted(quotes, key=lambda quote: (quote.start, quote.pk))
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
    # The speakers of the shared statements, in one query.
    prefetch_related_objects([cluster for cluster, _, _ in by_cluster.values()], "speaker")
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
    only_a = [f for f in a if (f.kind, f.value) not in shared]
    only_b = [f for f in b if (f.kind, f.value) not in shared]
    return {
        "shared_facts": [(k, v, fa, fb) for (k, v), (fa, fb) in sorted(grouped.items())],
        "only_a_facts": only_a,
        "only_b_facts": only_b,
        "differing_facts": _differing_facts(only_a, only_b),
    }


def _differing_facts(a: list[Fact], b: list[Fact]) -> list[tuple[str, list[Fact], list[Fact]]]:
    """Figures of the same kind and subject that the two articles give different values for."""
    by_subject: dict[tuple[str, str], tuple[list[Fact], list[Fact]]] = defaultdict(lambda: ([], []))
    for facts, index in ((a, 0), (b, 1)):
        for fact in facts:
            if fact.subject and fact.kind != Fact.Kind.DATE:
                by_subject[(fact.kind, fact.subject)][index].append(fact)
    return [(subject, fa, fb) for (_, subject), (fa, fb) in sorted(by_subject.items()) if fa and fb]
