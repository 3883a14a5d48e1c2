"""``/api/v1/articles/``: the filtered list (the article list's filters) and one article."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import Query, Router

from articles.filters import ArticleFilter
from articles.models import Article, Mention, Quote
from articles.selectors.redirects import article_renamed_from

from . import representations as rep
from .pagination import BadRequest, cursor_page
from .schemas import ArticleDetail, ArticlePage, ArticleParams, ErrorOut

router = Router(tags=["articles"])


def filtered_articles(request: HttpRequest):
    """The articles ``/articles/`` would list for this query string, or 400 for a bad filter."""
    filterset = ArticleFilter(request.GET, queryset=Article.objects.all(), request=request)
    if not filterset.is_valid():
        errors = [
            ("filters" if field == "__all__" else field, message)
            for field, messages in filterset.form.errors.items()
            for message in messages
        ]
        raise BadRequest(errors)
    return filterset.qs


@router.get(
    "/articles/",
    response={200: ArticlePage, 400: ErrorOut},
    url_name="articles",
    summary="Articles, filtered and sorted like the article list",
)
def article_list(request: HttpRequest, params: Query[ArticleParams]):
    articles = filtered_articles(request).for_list()
    rows, next_link, previous_link = cursor_page(
        request, articles, cursor=params.cursor, page_size=params.page_size
    )
    return {
        "next": next_link,
        "previous": previous_link,
        "results": [rep.article_summary(request, article) for article in rows],
    }


@router.get(
    "/articles/{slug:slug}/",
    response={200: ArticleDetail, 404: ErrorOut},
    url_name="article",
    summary="One article: body, mentions with offsets, quotes and facts",
)
def article_detail(request: HttpRequest, slug: str):
    articles = Article.objects.for_list().prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("person", "country")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "cluster")),
        "facts",
    )
    article = articles.filter(slug=slug).first()
    if article is None:
        # A renamed article's old address answers 301 with its current one.
        if (renamed := article_renamed_from(slug)) is None:
            raise Http404("No Article matches the given query.")
        return HttpResponsePermanentRedirect(reverse("api:article", kwargs={"slug": renamed.slug}))
    return rep.article_detail(request, article)
