"""Helpers the selectors share: paging, correlated counts, article cards, the most named."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Substr

from articles.models import Article, ArticleEntity, Mention
from articles.models.querysets import keys_in

FACET_SIZE = 8
TOP_SIZE = 10
PERSON = Mention.Kind.PERSON
COUNTRY = Mention.Kind.COUNTRY

# Large fields a list never shows; cards use the dek or the body's first lines (``excerpt``).
# The catalog notes stay: an unattributed article's label reads a few words from them.
LIST_DEFERRED = ("body", "captions", "reader_comments")
EXCERPT_LENGTH = 400


def paginate(items, number, per_page: int | None = None, *, count: int | None = None) -> Page:
    """The page asked for, or the nearest one that exists (page 1 for anything not a number).

    ``count``: how many items there are, when it is stored (no COUNT over them all)."""
    paginator = Paginator(items, per_page or settings.ARCHIVE_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # the cached property, set ahead of its query
    try:
        wanted = int(str(number).strip())
    except (TypeError, ValueError):
        wanted = 1
    page = paginator.page(min(max(wanted, 1), paginator.num_pages))
    # Fetch once; views annotate these rows (snippets, contexts) before the template reads them.
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page


@dataclass
class ArticleScope:
    """What a page counts over: the newest articles of those in scope, at most a fixed number."""

    articles: QuerySet | None  # None: every article (the archive holds no more than the limit)
    size: int  # how many articles are counted
    capped: bool  # more articles are in scope than are counted
    keys: list[int]

    def narrow(self, queryset: QuerySet, field: str = "article") -> QuerySet:
        """``queryset`` kept to the counted articles' rows (all of them for the whole archive)."""
        if self.articles is None:
            return queryset
        return queryset.filter(**{f"{field}__in": keys_in(self.keys)})


def article_scope(articles: QuerySet | None, *, limit: int) -> ArticleScope:
    """The newest ``limit`` articles of ``articles`` (of all when None), in one query (an index
    read in the list's newest order), so that what a page counts over them is bounded."""
    base = articles if articles is not None else Article.objects.all()
    keys = list(base.newest().values_list("pk", flat=True)[: limit + 1])
    counted = keys[:limit]
    capped = len(keys) > limit
    whole = articles is None and not capped  # no filter to apply: the plain aggregates
    return ArticleScope(
        articles=None if whole else Article.objects.filter(pk__in=keys_in(counted)),
        size=len(counted),
        capped=capped,
        keys=counted,
    )


Scoped = QuerySet | ArticleScope | None


def scope_articles(articles: Scoped) -> QuerySet:
    """The articles a page counts over, as a queryset (every article when None)."""
    if isinstance(articles, ArticleScope):
        articles = articles.articles
    return articles if articles is not None else Article.objects.all()


def scope_rows(queryset: QuerySet, articles: Scoped, field: str = "article") -> QuerySet:
    """``queryset`` kept to the rows of ``articles``: a scope's keys as they are (one array, no
    read of the article table for each), a queryset's as a subquery, all rows for None."""
    if isinstance(articles, ArticleScope):
        return articles.narrow(queryset, field)
    if articles is None:
        return queryset
    return queryset.filter(**{f"{field}__in": articles.order_by().values("pk")})


def count_distinct(queryset: QuerySet, field_name: str) -> Coalesce:
    """A correlated COUNT(DISTINCT field) over ``queryset``, 0 when there are no rows."""
    counted = (
        queryset.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count(field_name, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def article_cards(queryset: QuerySet) -> QuerySet:
    """Articles as cards show them: source, authors, tags, an excerpt instead of the body."""
    return (
        queryset.for_list()
        .defer(*LIST_DEFERRED)
        .annotate(excerpt=Substr("body", 1, EXCERPT_LENGTH))
    )


def entities_top(kind: str, articles=None, *, limit: int = TOP_SIZE):
    """The people or countries named in the most articles (of ``articles``, a queryset or
    their keys, or of all).

    Counted from the stored per-article entities: one row per article and entity.
    """
    named = ArticleEntity.objects.filter(kind=kind)
    if isinstance(articles, QuerySet):
        named = named.filter(article__in=articles.order_by().values("pk"))
    elif articles is not None:  # the articles' keys (``keys_in``)
        named = named.filter(article__in=articles)
    return list(
        named.values(slug=F(f"{kind}__slug"), name=F(f"{kind}__name"))
        .annotate(articles=Count("pk"), mentions=Sum("mentions"))
        .order_by("-articles", "-mentions", "name")[:limit]
    )
