"""Views: the home page, the article list with its filters, and one article."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.filters import SORTS, ArticleListFilter
from articles.forms import EditorialLinkForm, editorial_panel
from articles.models import Quote
from articles.pipeline.metadata import origin_labels
from articles.rendering import Paragraphs, Span, body_parts, paragraph_bounds
from articles.search import MAX_QUERY_LENGTH
from articles.selectors import coverage as related_coverage
from articles.selectors.article_text import article_mentions, article_quotes, mentions_tally
from articles.selectors.articles import (
    FACET_SCOPE,
    article_editorial_links,
    article_facets,
    article_snippets,
    articles_with_outlet,
    people_searched,
)
from articles.selectors.collections import collections_listed
from articles.selectors.common import article_cards
from articles.selectors.overview import archive_overview
from articles.selectors.paging import paginate_ahead
from articles.views.editorial import DRAFT_KEY, PANEL_MESSAGE


def home(request):
    """The collections (every one listed, never a redirect) and the archive at a glance."""
    context = {"overview": archive_overview(), "collections": list(collections_listed())}
    return render(request, "articles/home.html", context)


def article_list(request):
    filterset = ArticleListFilter(request.GET, request=request)
    results = filterset.qs
    # Counted no further than COUNT_AHEAD rows past the page ("1,000+ articles" beyond that);
    # a search alone: its kept matches are counted already (no COUNT over them).
    page = paginate_ahead(
        article_cards(results), request.GET.get("page"), count=filterset.search_count
    )
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
            "people_searched": people_searched(query, filterset.people_named) if searching else [],
            "query_truncated": filterset.query_truncated,
            "max_query_length": MAX_QUERY_LENGTH,
            "sort": filterset.sort_key,
            "sorts": sorts,
            "active_filters": active,
            "facets": article_facets(results, total=page.paginator.count, active=active),
            "count_capped": page.paginator.capped,
            "facet_scope": FACET_SCOPE,
            # The search's matches were cut at its limit: more may match than are listed.
            "search_capped": searching and page.paginator.count >= filterset.search_limit,
            "search_scope": filterset.search_limit,
            "is_filtered": filterset.is_filtered,
        },
    )


# What the article page lists under and beside the text, unless the reader asks for all
# (``?all=1``): a long document can have thousands of quotes. The text itself always shows
# every mention and quote.
QUOTES_LISTED = 50
TALLY_LISTED = 30
# What "Show all" lists at most, each list (the page says so when a list has more).
ALL_LISTED = 1000
# A body longer than this is shown in parts (``?part=2``), cut between paragraphs, so that one
# page never carries megabytes of marked-up text.
BODY_PART_CHARS = 100_000

# An article whose quotes cover more of its body than this is an interview: its quotes are not
# listed again under the text.
INTERVIEW_SHARE = 0.6


def quoted_share(body: str, quotes) -> float:
    """How much of ``body`` (0 to 1) the quotes' spans cover, overlaps counted once."""
    covered, reached = 0, 0
    for start, end in sorted((q.start, q.end) for q in quotes):
        start, end = max(start, reached), min(end, len(body))
        if end > start:
            covered += end - start
            reached = end
    return covered / len(body) if body else 0.0


def _editorial_state(request, article, panel: dict) -> dict:
    """Messages about the editing panel, to show beside it, and what a failed form had typed."""
    if not request.user.is_authenticated:
        return {}
    state: dict = {"messages": [], "panel_messages": []}
    for message in messages.get_messages(request):
        beside = PANEL_MESSAGE in (message.extra_tags or "").split()
        state["panel_messages" if beside else "messages"].append(message)
    draft = request.session.pop(DRAFT_KEY, None)
    if panel.get("editorial") and isinstance(draft, dict) and isinstance(draft.get("data"), dict):
        data = {key: str(value) for key, value in draft["data"].items()}
        if draft.get("form") == "tag":
            panel["editorial"]["tag_value"] = data.get("tag", "")
        elif draft.get("form") == "link":
            panel["editorial"]["link_form"] = EditorialLinkForm(initial=data, article=article)
    return state


def _link_targets(mentions) -> None:
    """Give each mention its entity's ``url``, reversed once per entity, not once per mention."""
    urls: dict = {}
    for mention in mentions:
        entity = mention.entity
        key = (mention.kind, entity.pk)
        if key not in urls:
            urls[key] = entity.get_absolute_url()
        mention.url = urls[key]


def _part_number(request, parts: int) -> int:
    """The part of the body asked for (``?part=N``, from 1); 404 for one that does not exist."""
    asked = request.GET.get("part", "1")
    if not asked.isascii() or not asked.isdigit() or not 1 <= int(asked) <= parts:
        raise Http404("This article has no such part.")
    return int(asked)


def article_detail(request, slug):
    article = get_object_or_404(articles_with_outlet(), slug=slug)
    bounds = paragraph_bounds(article.body)
    parts = body_parts(bounds, BODY_PART_CHARS)
    number = _part_number(request, len(parts))
    start, end = parts[number - 1]
    mentions = article_mentions(article)
    _link_targets(mentions)
    quotes = article_quotes(article)
    # Headline and standfirst quotes are listed, but only body quotes are marked in the text.
    body_quotes = [q for q in quotes if q.part == Quote.Part.BODY]
    panel = editorial_panel(user=request.user, article=article)
    people, countries = mentions_tally(mentions)
    show_all = request.GET.get("all") == "1"
    listed = ALL_LISTED if show_all else QUOTES_LISTED
    paragraphs = Paragraphs(
        article.body,
        # Each mention is its own span (start, end, ref); only the part's are marked.
        mentions=[m for m in mentions if start <= m.start < end],
        quotes=[Span(q.start, q.end, q) for q in body_quotes if q.start < end and start < q.end],
        window=(start, end) if len(parts) > 1 else None,
        bounds=bounds,
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "authors": list(article.authors.all()),
            "paragraphs": paragraphs,
            "body_part": {
                "number": number,
                "total": len(parts),
                "numbers": range(1, len(parts) + 1),
            },
            "people": people[: ALL_LISTED if show_all else TALLY_LISTED],
            "people_total": len(people),
            "countries": countries[: ALL_LISTED if show_all else TALLY_LISTED],
            "countries_total": len(countries),
            "show_all": show_all,
            "all_listed": ALL_LISTED,
            "tags": list(article.tags.all()),
            "editorial_links": article_editorial_links(article),
            "related": related_coverage.article_related(article),
            "related_scope": related_coverage.RELATED_PER_ITEM,
            "quotes": quotes,
            "origins": origin_labels(article.metadata_origin, article.edited_fields),
            "quotes_listed": quotes[:listed],
            # Links to a quote not listed (``#quote-<pk>``) still land in this section.
            "quotes_unlisted": quotes[listed:],
            "is_interview": quoted_share(article.body, body_quotes) > INTERVIEW_SHARE,
            **panel,
            **_editorial_state(request, article, panel),
        },
    )
