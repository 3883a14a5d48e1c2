"""Views: people, countries, sources and tags, each a list and a detail page."""

from django.shortcuts import get_object_or_404, redirect, render

from articles import selectors
from articles.filters import NameFilterForm
from articles.models import Article, Country, Person, Source, Tag

PERSON, COUNTRY = selectors.PERSON, selectors.COUNTRY
ENTITY_PAGE_SIZE = 50


def _name_query(request) -> tuple[NameFilterForm, str]:
    form = NameFilterForm(request.GET)
    return form, form.cleaned_data["q"] if form.is_valid() else ""


def person_list(request):
    form, name = _name_query(request)
    people = selectors.people_named(name).order_by("-article_count", "name")
    page = selectors.page_of(people, request.GET.get("page"), ENTITY_PAGE_SIZE)
    return render(
        request,
        "articles/person_list.html",
        {"form": form, "name": name, "page_obj": page, "people": page.object_list},
    )


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    page = selectors.page_of(selectors.mentioning(PERSON, person), request.GET.get("page"))
    selectors.mention_contexts(page.object_list, PERSON, person)
    return render(
        request,
        "articles/person_detail.html",
        {
            "person": person,
            "page_obj": page,
            "articles": page.object_list,
            "variants": selectors.name_variants(PERSON, person),
            "co_people": selectors.co_mentioned(PERSON, person, with_kind=PERSON),
            "co_countries": selectors.co_mentioned(PERSON, person, with_kind=COUNTRY),
            "authored": selectors.authored_by(person),
        },
    )


def country_list(request):
    form, name = _name_query(request)
    show_all = request.GET.get("all") == "1"
    countries = selectors.countries_named(name, include_unused=show_all)
    return render(
        request,
        "articles/country_list.html",
        {"form": form, "name": name, "show_all": show_all, "countries": countries},
    )


def country_detail(request, code):
    if code != code.lower():
        return redirect("articles:country-detail", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, slug=code)
    page = selectors.page_of(selectors.mentioning(COUNTRY, country), request.GET.get("page"))
    selectors.mention_contexts(page.object_list, COUNTRY, country)
    return render(
        request,
        "articles/country_detail.html",
        {
            "country": country,
            "page_obj": page,
            "articles": page.object_list,
            "variants": selectors.name_variants(COUNTRY, country),
            "co_people": selectors.co_mentioned(COUNTRY, country, with_kind=PERSON),
            "co_countries": selectors.co_mentioned(COUNTRY, country, with_kind=COUNTRY),
            "people": list(
                selectors.people_with_counts()
                .filter(country=country)
                .order_by("-article_count", "name")[: selectors.TOP_SIZE]
            ),
            "sources": list(country.sources.order_by("name")),
        },
    )


def source_list(request):
    sources, unattributed = selectors.sources_with_counts()
    return render(
        request,
        "articles/source_list.html",
        {"sources": sources, "unattributed": unattributed},
    )


def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    articles = Article.objects.filter(source=source)
    page = selectors.page_of(selectors.article_rows(articles.newest()), request.GET.get("page"))
    return render(
        request,
        "articles/source_detail.html",
        {
            "source": source,
            "page_obj": page,
            "articles": page.object_list,
            "top_people": selectors.top_mentioned(PERSON, articles),
            "top_countries": selectors.top_mentioned(COUNTRY, articles),
        },
    )


def tag_list(request):
    return render(request, "articles/tag_list.html", {"tags": selectors.tags_with_counts()})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    show_taggers = request.user.is_staff
    articles = selectors.tagged_articles(tag, with_taggers=show_taggers)
    page = selectors.page_of(articles, request.GET.get("page"))
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page_obj": page,
            "articles": page.object_list,
            "show_taggers": show_taggers,
            "top_people": selectors.top_mentioned(PERSON, Article.objects.tagged(tag)),
        },
    )
