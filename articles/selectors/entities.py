"""Reads about who and where: people, countries, sources and tags, and their articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from articles.models import (
    Article,
    ArticleEntity,
    ArticleTag,
    Country,
    CountryName,
    Mention,
    Person,
    PersonName,
    Source,
    Tag,
)
from articles.rendering import SentenceContext, sentence_around
from articles.selectors.common import (
    COUNTRY,
    LIST_DEFERRED,
    PERSON,
    TOP_SIZE,
    article_cards,
    count_distinct,
)

# Name variants and co-mentions are counted over this many of an entity's newest articles.
ENTITY_SCOPE = 300


def _kind(entity: Person | Country) -> str:
    return PERSON if isinstance(entity, Person) else COUNTRY


# --- People and countries ----------------------------------------------------------------


def person_by_slug(slug: str) -> Person | None:
    return Person.objects.select_related("country").filter(slug=slug).first() if slug else None


def people_with_country() -> QuerySet:
    return Person.objects.select_related("country")


def entity_scope(entity: Person | Country) -> QuerySet:
    """The newest ``ENTITY_SCOPE`` articles naming the entity (their keys, as a subquery):
    what its name variants and co-mentions are counted over, so that a country named in
    half the archive costs the same as one named once. Read from the entity's stored rows."""
    rows = ArticleEntity.objects.filter(**{_kind(entity): entity}).order_by("-article")
    return rows.values("article")[:ENTITY_SCOPE]


def entity_scoped(entity: Person | Country) -> int | None:
    """``ENTITY_SCOPE`` when the entity is named in more articles than that, else None."""
    return ENTITY_SCOPE if entity.article_count > ENTITY_SCOPE else None


def entity_articles(entity: Person | Country) -> QuerySet:
    """Articles that name the person or country, newest first, ready for cards."""
    articles = Article.objects.for_list()
    matching = (
        articles.mentioning_person(entity)
        if _kind(entity) == PERSON
        else articles.mentioning_country(entity)
    )
    return matching.newest()


def entity_contexts(
    articles: Sequence[Article], entity: Person | Country, *, per_article: int = 3
) -> None:
    """Give each article a ``contexts`` list: the sentences around its mentions of ``entity``.

    One query for the page's mentions; sentences come from the bodies already loaded.
    """
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = (
        Mention.objects.filter(article__in=[a.pk for a in articles], **{_kind(entity): entity})
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


def entity_co_mentioned(entity: Person | Country, *, kind: str, limit: int = TOP_SIZE):
    """The people or countries (``kind``) named in the most articles that also name ``entity``
    (of those in ``entity_scope``)."""
    own_kind = _kind(entity)
    articles = entity_scope(entity)
    rows = (
        ArticleEntity.objects.filter(kind=kind, article__in=articles)
        .exclude(**{kind: entity} if kind == own_kind else {})
        .values(slug=F(f"{kind}__slug"), name=F(f"{kind}__name"))
        .annotate(articles=Count("pk"))
        .order_by("-articles", "name")[:limit]
    )
    return list(rows)


def entity_variants(entity: Person | Country) -> list[dict]:
    """Names the entity goes by: as written in articles (with counts, over ``entity_scope``)
    and as recorded."""
    kind = _kind(entity)
    seen = (
        Mention.objects.filter(**{kind: entity}, article__in=entity_scope(entity))
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


def person_authored(person: Person, *, limit: int = TOP_SIZE) -> list[Article]:
    """The newest articles the person wrote: titles and outlets only."""
    articles = person.authored_articles.select_related("source__country").defer(*LIST_DEFERRED)
    return list(articles.newest()[:limit])


def people_list(*, name: str = "", country: Country | None = None) -> QuerySet:
    """People with their stored article counts, most named first; by name or variant, or country."""
    people = Person.objects.select_related("country")
    if name:
        variant = PersonName.objects.filter(person=OuterRef("pk"), name__icontains=name)
        people = people.filter(Q(name__icontains=name) | Exists(variant))
    if country is not None:
        people = people.filter(country=country)
    return people.order_by("-article_count", "name")


def countries_list(*, name: str = "", include_unused: bool = False) -> list[Country]:
    """Countries with article, source and people counts; by default only those in use."""
    countries = Country.objects.annotate(
        source_count=count_distinct(Source.objects.filter(country=OuterRef("pk")), "pk"),
    )
    if name:
        variant = CountryName.objects.filter(country=OuterRef("pk"), name__icontains=name)
        countries = countries.filter(
            Q(name__icontains=name) | Q(code__iexact=name) | Exists(variant)
        )
    if not include_unused:
        countries = countries.filter(Q(article_count__gt=0) | Q(source_count__gt=0))
    return list(countries.order_by("-article_count", "name"))


def countries_counted(*, mentioned_only: bool = True) -> QuerySet:
    """Countries with how many articles mention each; by default only those mentioned."""
    countries = Country.objects.all()
    return countries.filter(article_count__gt=0) if mentioned_only else countries


# --- Sources and tags --------------------------------------------------------------------


def sources_list() -> tuple[list[Source], int]:
    """Every outlet with its article count, and how many articles have no known outlet."""
    sources = list(sources_counted().order_by("name"))
    return sources, Article.objects.unattributed().count()


def sources_counted() -> QuerySet:
    """Outlets with their country and how many articles each has (``article_count``, stored
    and kept as articles are written)."""
    return Source.objects.select_related("country")


def source_by_slug(slug: str) -> Source | None:
    return Source.objects.select_related("country").filter(slug=slug).first() if slug else None


def sources_with_country() -> QuerySet:
    return Source.objects.select_related("country")


def source_articles(source: Source) -> QuerySet:
    """The outlet's articles, newest first, ready for cards."""
    return article_cards(Article.objects.filter(source=source).newest())


def tags_list() -> list[Tag]:
    return list(Tag.objects.annotate(article_count=Count("article_tags")).order_by("name"))


def tag_articles(tag: Tag, *, with_taggers: bool = False) -> QuerySet:
    """Articles carrying ``tag``, newest first; with who tagged each one and when, for staff."""
    articles = article_cards(Article.objects.tagged(tag).newest())
    if with_taggers:
        tagging = ArticleTag.objects.filter(article=OuterRef("pk"), tag=tag)
        articles = articles.annotate(
            tagged_by=Subquery(tagging.values("added_by__username")[:1]),
            tagged_at=Subquery(tagging.values("added_at")[:1]),
        )
    return articles
