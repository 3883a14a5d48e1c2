"""Views: the home page, the article list with its filters, and one article."""

from django.shortcuts import get_object_or_404, render

from articles.filters import SORTS, ArticleFilter
from articles.forms import editorial_panel
from articles.models import Article
from articles.rendering import Span, render_paragraphs
from articles.search import MAX_QUERY_LENGTH
from articles.selectors.articles import (
    archive_overview,
    article_editorial_links,
    article_facets,
    article_mentions,
    article_quotes,
    article_snippets,
    mentions_tally,
)
from articles.selectors.common import article_cards, paginate
from articles.selectors.coverage import article_related


def home(request):
    return render(request, "articles/home.html", {"overview": archive_overview()})


def article_list(request):
    filterset = ArticleFilter(request.GET, queryset=Article.objects.all(), request=request)
    results = filterset.qs
    page = paginate(article_cards(results), request.GET.get("page"))
    query = filterset.query
    article_snippets(page.object_list, query=query)
    active = filterset.active_filters()
    searching = filterset.searching
    sorts = [(key, label) for key, (label, _) in SORTS.items() if key != "relevance" or searching]
    return render(
        request,
        "articles/article_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "articles": page.object_list,
            "query": query,
            "query_truncated": filterset.query_truncated,
            "max_query_length": MAX_QUERY_LENGTH,
            "sort": filterset.sort_key,
            "sorts": sorts,
            "active_filters": active,
            "facets": article_facets(results, total=page.paginator.count, active=active),
            "is_filtered": filterset.is_filtered,
        },
    )


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("source__country"), slug=slug)
    mentions = article_mentions(article)
    quotes = article_quotes(article)
    people, countries = mentions_tally(mentions)
    paragraphs = render_paragraphs(
        article.body,
        mentions=[Span(m.start, m.end, m) for m in mentions],
        quotes=[Span(q.start, q.end, q) for q in quotes],
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "authors": list(article.authors.all()),
            "paragraphs": paragraphs,
            "people": people,
            "countries": countries,
            "tags": list(article.tags.all()),
            "editorial_links": article_editorial_links(article),
            "related": article_related(article),
            "quotes": quotes,
            **editorial_panel(user=request.user, article=article),
        },
    )
