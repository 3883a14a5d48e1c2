"""Views: people, countries, sources and tags, each a list and a detail page."""

from django.db.models import Subquery
from django.shortcuts import get_object_or_404, redirect, render

from articles.filters import NameFilterForm
from articles.models import Country, Tag
from articles.selectors.articles import articles_all
from articles.selectors.common import (
    COUNTRY,
    PERSON,
    TOP_SIZE,
    entities_top,
    paginate,
)
from articles.selectors.entities import (
    countries_list,
    entity_articles,
    entity_co_mentioned,
    entity_contexts,
    entity_scoped,
    entity_variants,
    people_list,
    people_with_country,
    person_authored,
    source_articles,
    sources_list,
    sources_with_country,
    tag_articles,
    tags_list,
)
from articles.selectors.paging import paginate_ahead
from articles.selectors.quotes import person_quotes

ENTITY_PAGE_SIZE = 50
# A source page counts the people and countries named in at most this many of its articles.
SOURCE_SCOPE = 1000


def _name_query(request) -> tuple[NameFilterForm, str]:
    form = NameFilterForm(request.GET)
    return form, form.cleaned_data["q"] if form.is_valid() else ""


def _entity_page(request, entity) -> dict:
    """What a person's and a country's page share: a page of the articles naming them, each
    with the sentences that do, their name variants, and who and what is named alongside."""
    page = paginate(entity_articles(entity), request.GET.get("page"), count=entity.article_count)
    entity_contexts(page.object_list, entity)
    return {
        "page_obj": page,
        "articles": page.object_list,
        "scope": entity_scoped(entity),
        "variants": entity_variants(entity),
        "co_people": entity_co_mentioned(entity, kind=PERSON),
        "co_countries": entity_co_mentioned(entity, kind=COUNTRY),
    }


def person_list(request):
    form, name = _name_query(request)
    page = paginate(people_list(name=name), request.GET.get("page"), ENTITY_PAGE_SIZE)
    return render(
        request,
        "articles/person_list.html",
        {"form": form, "name": name, "page_obj": page, "people": page.object_list},
    )


def person_detail(request, slug):
    person = get_object_or_404(people_with_country(), slug=slug)
    return render(
        request,
        "articles/person_detail.html",
        {
            "person": person,
            **_entity_page(request, person),
            "authored": person_authored(person),
            "said": person_quotes(person),
        },
    )


def country_list(request):
    form, name = _name_query(request)
    show_all = request.GET.get("all") == "1"
    countries = countries_list(name=name, include_unused=show_all)
    return render(
        request,
        "articles/country_list.html",
        {"form": form, "name": name, "show_all": show_all, "countries": countries},
    )


def country_detail(request, code):
    if code != code.lower():
        return redirect("articles:country-detail", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, slug=code)
    return render(
        request,
        "articles/country_detail.html",
        {
            "country": country,
            **_entity_page(request, country),
            "people": list(people_list(country=country)[:TOP_SIZE]),
            "sources": list(country.sources.order_by("name")),
        },
    )


def source_list(request):
    sources, unattributed = sources_list()
    return render(
        request,
        "articles/source_list.html",
        {"sources": sources, "unattributed": unattributed},
    )


def source_detail(request, slug):
    source = get_object_or_404(sources_with_country(), slug=slug)
    page = paginate_ahead(source_articles(source), request.GET.get("page"))
    # The people and countries it names most, counted in its newest SOURCE_SCOPE articles
    # (read from the outlet's index in that order, inside the counting query).
    newest = Subquery(articles_all().filter(source=source).newest().values("pk")[:SOURCE_SCOPE])
    return render(
        request,
        "articles/source_detail.html",
        {
            "source": source,
            "aliases": list(source.aliases.order_by("name")),
            "page_obj": page,
            "articles": page.object_list,
            "top_people": entities_top(PERSON, newest),
            "top_countries": entities_top(COUNTRY, newest),
            "named_scope": SOURCE_SCOPE
            if page.paginator.capped or page.paginator.count > SOURCE_SCOPE
            else None,
        },
    )


def tag_list(request):
    return render(request, "articles/tag_list.html", {"tags": tags_list()})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    show_taggers = request.user.is_staff
    page = paginate(tag_articles(tag, with_taggers=show_taggers), request.GET.get("page"))
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page_obj": page,
            "articles": page.object_list,
            "show_taggers": show_taggers,
            "top_people": entities_top(PERSON, articles_all().tagged(tag)),
        },
    )
