"""Read queries for the public pages, each a fixed number of SQL queries whatever the row count.

Counts are aggregates computed by the database (facets, co-mentions, related coverage); lists
are fetched with their related rows joined or prefetched. Views call these and render.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Substr

from articles.models import (
    Article,
    ArticleTag,
    Country,
    CountryName,
    EditorialLink,
    Fact,
    Mention,
    Person,
    PersonName,
    Quote,
    Source,
    Tag,
)
from articles.rendering import SentenceContext, sentence_around
from articles.search import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    MAX_QUERY_LENGTH,
    highlight_words,
    mark_snippet,
    split_highlights,
)

FACET_SIZE = 8
TOP_SIZE = 10
PERSON = Mention.Kind.PERSON
COUNTRY = Mention.Kind.COUNTRY


# --- Pagination --------------------------------------------------------------------------


def page_of(items, number, per_page: int | None = None) -> Page:
    """The page asked for, or the nearest one that exists (page 1 for anything not a number)."""
    paginator = Paginator(items, per_page or settings.ARCHIVE_PAGE_SIZE)
    try:
        wanted = int(str(number).strip())
    except (TypeError, ValueError):
        wanted = 1
    page = paginator.page(min(max(wanted, 1), paginator.num_pages))
    # Fetch once; views annotate these rows (snippets, contexts) before the template reads them.
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page


# --- Counting helpers --------------------------------------------------------------------


def _count(queryset: QuerySet, field_name: str) -> Coalesce:
    """A correlated COUNT(DISTINCT field) over ``queryset``, 0 when there are no rows."""
    counted = (
        queryset.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count(field_name, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def articles_count_for(kind: str) -> Coalesce:
    """Number of articles mentioning the outer person or country."""
    return _count(Mention.objects.filter(**{kind: OuterRef("pk")}), "article")


# --- Home --------------------------------------------------------------------------------


@dataclass
class Overview:
    articles: int
    first_published: datetime.date | None
    last_published: datetime.date | None
    unattributed: int
    people: int
    countries: int
    quotes: int
    tags: int
    by_source: list[dict]
    top_people: list[dict]
    top_countries: list[dict]
    recent_tags: list[Tag]
    recent_articles: list[Article]

    @property
    def sources(self) -> int:
        """Outlets with articles (the unattributed group is not an outlet)."""
        return sum(1 for row in self.by_source if row["source__slug"])


def top_mentioned(kind: str, articles: QuerySet | None = None, *, limit: int = TOP_SIZE):
    """The people or countries named in the most articles (of ``articles``, or all)."""
    mentions = Mention.objects.filter(kind=kind)
    if articles is not None:
        mentions = mentions.filter(article__in=articles.order_by().values("pk"))
    return list(
        mentions.values(slug=F(f"{kind}__slug"), name=F(f"{kind}__name"))
        .annotate(articles=Count("article", distinct=True), mentions=Count("pk"))
        .order_by("-articles", "-mentions", "name")[:limit]
    )


def collection_overview() -> Overview:
    """What the home page shows: totals, coverage by outlet, who and where is named most."""
    totals = Article.objects.aggregate(
        articles=Count("pk"),
        first=Min("published"),
        last=Max("published"),
        unattributed=Count("pk", filter=Q(source__isnull=True)),
    )
    named = Mention.objects.aggregate(
        people=Count("person", distinct=True), countries=Count("country", distinct=True)
    )
    by_source = list(
        Article.objects.values("source__slug", "source__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "source__name")
    )
    return Overview(
        articles=totals["articles"],
        first_published=totals["first"],
        last_published=totals["last"],
        unattributed=totals["unattributed"],
        people=named["people"],
        countries=named["countries"],
        quotes=Quote.objects.count(),
        tags=Tag.objects.count(),
        by_source=by_source,
        top_people=top_mentioned(PERSON, limit=FACET_SIZE),
        top_countries=top_mentioned(COUNTRY, limit=FACET_SIZE),
        recent_tags=list(
            Tag.objects.annotate(article_count=Count("article_tags")).order_by(
                "-created_at", "name"
            )[:FACET_SIZE]
        ),
        recent_articles=list(article_rows(Article.objects.newest())[:5]),
    )


# --- Article lists -----------------------------------------------------------------------

# Large fields a list never shows; cards use the dek or the body's first lines (``excerpt``).
LIST_DEFERRED = ("body", "captions", "reader_comments", "notes")
EXCERPT_LENGTH = 400


def article_rows(queryset: QuerySet) -> QuerySet:
    """Articles as cards show them: source, authors, tags, an excerpt instead of the body."""
    return (
        queryset.for_list()
        .defer(*LIST_DEFERRED)
        .annotate(excerpt=Substr("body", 1, EXCERPT_LENGTH))
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool = False


@dataclass
class Facet:
    param: str
    title: str
    options: list[FacetOption] = field(default_factory=list)


def article_facets(
    articles: QuerySet, *, total: int, active: Iterable, limit: int = FACET_SIZE
) -> list[Facet]:
    """Source, person, country and tag counts within ``articles``: four aggregate queries.

    ``active`` lists the filters in force (``param``, ``value``, ``label``). Each active option
    is kept even when it is not in the top ``limit``; every result matches it, so its count is
    ``total``.
    """
    ids = articles.order_by().values("pk")
    rows = {
        "source": [
            (row["source__slug"] or "unattributed", row["source__name"] or "Unattributed", row["n"])
            for row in Article.objects.filter(pk__in=ids)
            .values("source__slug", "source__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "source__name")[:limit]
        ],
        "person": [
            (row["slug"], row["name"], row["articles"])
            for row in top_mentioned(PERSON, articles, limit=limit)
        ],
        "country": [
            (row["slug"], row["name"], row["articles"])
            for row in top_mentioned(COUNTRY, articles, limit=limit)
        ],
        "tag": [
            (row["tag__slug"], row["tag__name"], row["n"])
            for row in ArticleTag.objects.filter(article__in=ids)
            .values("tag__slug", "tag__name")
            .annotate(n=Count("article"))
            .order_by("-n", "tag__name")[:limit]
        ],
    }
    titles = {"source": "Sources", "person": "People", "country": "Countries", "tag": "Tags"}
    active_by_param = {item.param: item for item in active}
    facets = []
    for param, title in titles.items():
        chosen = active_by_param.get(param)
        options = [
            FacetOption(value, label, count, active=chosen is not None and value == chosen.value)
            for value, label, count in rows[param]
        ]
        if chosen is not None and not any(option.active for option in options):
            options.insert(0, FacetOption(chosen.value, chosen.label, total, active=True))
        facets.append(Facet(param, title, options))
    return facets


def attach_snippets(articles: Sequence[Article], query: str) -> None:
    """Give each article on the page a highlighted ``snippet``: [(text, highlighted), ...].

    One query for the page's rows only: ``ts_headline`` on PostgreSQL, the body read back and
    marked in Python elsewhere. The text stays plain; the template escapes it.
    """
    if not articles or not query:
        return
    ids = [article.pk for article in articles]
    query = query[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        marked = dict(
            Article.objects.filter(pk__in=ids)
            .annotate(
                headline=SearchHeadline(
                    "body",
                    SearchQuery(query, search_type="websearch", config="english"),
                    config="english",
                    start_sel=HIGHLIGHT_START,
                    stop_sel=HIGHLIGHT_STOP,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
    else:
        words = highlight_words(query)
        marked = {
            pk: mark_snippet(body, words)
            for pk, body in Article.objects.filter(pk__in=ids).values_list("pk", "body")
        }
    for article in articles:
        article.snippet = split_highlights(marked.get(article.pk, ""))


# --- One article -------------------------------------------------------------------------


def article_mentions(article: Article) -> list[Mention]:
    return list(article.mentions.select_related("person", "country").order_by("start"))


@dataclass
class Tally:
    entity: Person | Country
    count: int


def mention_tally(mentions: Iterable[Mention]) -> tuple[list[Tally], list[Tally]]:
    """People and countries named in the mentions, most-mentioned first."""
    people: Counter = Counter()
    countries: Counter = Counter()
    for mention in mentions:
        if mention.kind == PERSON and mention.person is not None:
            people[mention.person] += 1
        elif mention.kind == COUNTRY and mention.country is not None:
            countries[mention.country] += 1

    def ranked(counter: Counter) -> list[Tally]:
        return [
            Tally(entity, count)
            for entity, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].name))
        ]

    return ranked(people), ranked(countries)


def article_quotes(article: Article) -> list[Quote]:
    """The article's quotes with speaker, cluster and how many articles report the cluster."""
    reports = _count(Quote.objects.filter(cluster=OuterRef("cluster")), "article")
    return list(
        article.quotes.select_related("speaker", "cluster")
        .annotate(cluster_reports=reports)
        .order_by("start")
    )


def editorial_links(article: Article) -> list[dict]:
    """Editors' links from and to the article, worded from this article's side."""
    links = (
        EditorialLink.objects.filter(Q(from_article=article) | Q(to_article=article))
        .select_related("from_article__source", "to_article__source")
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


def _shared(rows: QuerySet, article: Article, kind: str, counted) -> QuerySet:
    """Per other article: how many distinct ``counted`` values it shares, labelled ``kind``."""
    return (
        rows.exclude(article=article)
        .order_by()  # the parts of a UNION may not have an ORDER BY
        .values("article")
        .annotate(kind=Value(kind), n=Count(counted, distinct=True))
    )


def related_coverage(article: Article, *, limit: int = 8) -> list[RelatedArticle]:
    """Other articles ranked by the people, countries, tags, quotes and figures they share.

    Two queries: one UNION of five aggregates (one row per article and kind of overlap), then
    the top articles themselves.
    """
    own_mentions = Mention.objects.filter(article=article)
    own_tags = ArticleTag.objects.filter(article=article).values("tag")
    own_clusters = Quote.objects.filter(article=article).values("cluster")
    same_fact = Fact.objects.filter(article=article, kind=OuterRef("kind"), value=OuterRef("value"))
    people, countries, tags, quotes, facts = (
        _shared(
            Mention.objects.filter(kind=PERSON, person__in=own_mentions.values("person")),
            article,
            "people",
            "person",
        ),
        _shared(
            Mention.objects.filter(kind=COUNTRY, country__in=own_mentions.values("country")),
            article,
            "countries",
            "country",
        ),
        _shared(ArticleTag.objects.filter(tag__in=own_tags), article, "tags", "tag"),
        _shared(Quote.objects.filter(cluster__in=own_clusters), article, "quotes", "cluster"),
        _shared(
            Fact.objects.filter(Exists(same_fact)),
            article,
            "facts",
            Concat("kind", Value(":"), "value"),
        ),
    )
    shared: dict[int, RelatedArticle] = defaultdict(RelatedArticle)
    overlaps = people.union(countries, tags, quotes, facts, all=True)
    for article_id, kind, count in overlaps.values_list("article", "kind", "n"):
        shared[article_id].shared[kind] = count
    ranked = sorted(shared.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    articles = (
        Article.objects.select_related("source")
        .defer(*LIST_DEFERRED)
        .in_bulk([article_id for article_id, _ in ranked])
    )
    result = []
    for article_id, related in ranked:
        if article_id in articles:
            related.article = articles[article_id]
            result.append(related)
    return result


# --- People and countries ----------------------------------------------------------------


def mentioning(kind: str, entity: Person | Country) -> QuerySet:
    """Articles that name the person or country, newest first, ready for cards."""
    articles = Article.objects.for_list()
    matching = (
        articles.mentioning_person(entity)
        if kind == PERSON
        else articles.mentioning_country(entity)
    )
    return matching.newest()


def authored_by(person: Person, *, limit: int = TOP_SIZE) -> list[Article]:
    """The newest articles the person wrote: titles and outlets only."""
    articles = person.authored_articles.select_related("source").defer(*LIST_DEFERRED)
    return list(articles.newest()[:limit])


def mention_contexts(
    articles: Sequence[Article], kind: str, entity: Person | Country, *, per_article: int = 3
) -> None:
    """Give each article a ``contexts`` list: the sentences around its mentions of ``entity``.

    One query for the page's mentions; sentences come from the bodies already loaded.
    """
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = (
        Mention.objects.filter(article__in=[a.pk for a in articles], **{kind: entity})
        .order_by("article", "start")
        .values_list("article", "start", "end")
    )
    for article_id, start, end in rows:
        by_article[article_id].append((start, end))
    for article in articles:
        contexts: list[SentenceContext] = []
        seen: set[str] = set()
        for start, end in by_article.get(article.pk, []):
            context = sentence_around(article.body, start, end)
            key = context.before + context.match + context.after
            if key not in seen:
                seen.add(key)
                contexts.append(context)
        article.contexts = contexts[:per_article]


def co_mentioned(kind: str, entity: Person | Country, *, with_kind: str, limit: int = TOP_SIZE):
    """The ``with_kind`` entities named in the most articles that also name ``entity``."""
    articles = Mention.objects.filter(**{kind: entity}).values("article")
    rows = (
        Mention.objects.filter(kind=with_kind, article__in=articles)
        .exclude(**{with_kind: entity} if with_kind == kind else {})
        .values(slug=F(f"{with_kind}__slug"), name=F(f"{with_kind}__name"))
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "name")[:limit]
    )
    return list(rows)


def name_variants(kind: str, entity: Person | Country) -> list[dict]:
    """Names the entity goes by: as written in articles (with counts) and as recorded."""
    seen = (
        Mention.objects.filter(**{kind: entity})
        .values("text")
        .annotate(n=Count("pk"))
        .order_by("-n", "text")
    )
    variants: dict[str, dict] = {}
    for row in seen:
        variants[row["text"]] = {"name": row["text"], "mentions": row["n"], "recorded": ""}
    for recorded in entity.names.all():
        label = recorded.get_kind_display() if kind == COUNTRY else "Recorded variant"
        entry = variants.setdefault(recorded.name, {"name": recorded.name, "mentions": 0})
        entry["recorded"] = label
    return list(variants.values())


def people_with_counts() -> QuerySet:
    return Person.objects.select_related("country").annotate(
        article_count=articles_count_for(PERSON)
    )


def people_named(name: str = "") -> QuerySet:
    """People (with article counts) whose name or a recorded variant contains ``name``."""
    people = people_with_counts()
    if name:
        variant = PersonName.objects.filter(person=OuterRef("pk"), name__icontains=name)
        people = people.filter(Q(name__icontains=name) | Exists(variant))
    return people


def countries_named(name: str = "", *, include_unused: bool = False) -> list[Country]:
    """Countries with article, source and people counts; by default only those in use."""
    countries = Country.objects.annotate(
        article_count=articles_count_for(COUNTRY),
        source_count=_count(Source.objects.filter(country=OuterRef("pk")), "pk"),
    )
    if name:
        variant = CountryName.objects.filter(country=OuterRef("pk"), name__icontains=name)
        countries = countries.filter(
            Q(name__icontains=name) | Q(code__iexact=name) | Exists(variant)
        )
    if not include_unused:
        countries = countries.filter(Q(article_count__gt=0) | Q(source_count__gt=0))
    return list(countries.order_by("-article_count", "name"))


def sources_with_counts() -> tuple[list[Source], int]:
    """Every outlet with its article count, and how many articles have no known outlet."""
    sources = list(
        Source.objects.select_related("country")
        .annotate(article_count=Count("articles"))
        .order_by("name")
    )
    return sources, Article.objects.unattributed().count()


def tags_with_counts() -> list[Tag]:
    return list(Tag.objects.annotate(article_count=Count("article_tags")).order_by("name"))


def tagged_articles(tag: Tag, *, with_taggers: bool = False) -> QuerySet:
    """Articles carrying ``tag``, newest first; with who tagged each one and when, for staff."""
    articles = article_rows(Article.objects.tagged(tag).newest())
    if with_taggers:
        tagging = ArticleTag.objects.filter(article=OuterRef("pk"), tag=tag)
        articles = articles.annotate(
            tagged_by=Subquery(tagging.values("added_by__username")[:1]),
            tagged_at=Subquery(tagging.values("added_at")[:1]),
        )
    return articles
