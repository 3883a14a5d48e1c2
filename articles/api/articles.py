"""``/api/v1/articles/``: the filtered list (the article list's filters) and one article."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from articles.filters import ArticleFilter
from articles.selectors.articles import articles_with_annotations

from . import representations as rep
from .pagination import BadRequest, cursor_results
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
    summary="One article: body, mentions with offsets, quotes and facts",
)
def article_detail(request: HttpRequest, slug: str):
    article = get_object_or_404(articles_with_annotations(), slug=slug)
    return rep.article_detail(request, article)
