"""``/api/v1/articles/``: the filtered list (the article list's filters) and one article."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import Query, Router

from articles.filters import ArticleFilter
from articles.selectors.articles import articles_with_outlet
from articles.selectors.redirects import article_renamed_from

from . import representations as rep
from .pagination import MAX_OFFSET, BadRequest, cursor_results
from .schemas import ArticleDetail, ArticlePage, ArticleParams, ErrorOut

router = Router(tags=["articles"])


def filtered_articles(request: HttpRequest):
    """The articles ``/articles/`` would list for this query string, or 400 for a bad filter."""
    filterset = ArticleFilter(request.GET, request=request)
    if not filterset.is_valid():
        raise BadRequest([(field or "filters", message) for field, message in filterset.refusals()])
    return filterset.qs


@router.get(
    "/articles/",
    response={200: ArticlePage, 400: ErrorOut},
    url_name="articles",
    summary="Articles, filtered and sorted like the article list",
)
def article_list(request: HttpRequest, params: Query[ArticleParams]):
    articles = filtered_articles(request).for_list()
    return cursor_results(request, articles, params, rep.article_summary)


@router.get(
    "/articles/{slug:slug}/",
    response={200: ArticleDetail, 404: ErrorOut},
    url_name="article",
    summary="One article: body, mentions with offsets, quotes and facts (1,000 of each a time)",
)
def article_detail(
    request: HttpRequest,
    slug: str,
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Skip this many of each list's items."),
):
    article = articles_with_outlet().for_list().filter(slug=slug).first()
    if article is None:
        # A renamed article's old address answers 301 with its current one.
        if (renamed := article_renamed_from(slug)) is None:
            raise Http404("No Article matches the given query.")
        return HttpResponsePermanentRedirect(reverse("api:article", kwargs={"slug": renamed.slug}))
    return rep.article_detail(request, article, offset=offset)
