"""``/api/v1/people/``, ``countries/``, ``sources/`` and ``quotes/`` (clusters with reports)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from ninja import Query, Router

from articles.models import Country, Mention, Person, Quote, QuoteCluster, Source

from . import representations as rep
from .pagination import BadRequest, cursor_page
from .schemas import (
    CountryPage,
    CountryParams,
    ErrorOut,
    PageParams,
    PersonPage,
    QuoteClusterPage,
    QuoteParams,
    SourcePage,
)

router = Router(tags=["people, countries, sources and quotes"])


def _articles_mentioning(field: str):
    """How many articles mention the row, as one correlated subquery (no GROUP BY outside)."""
    counted = (
        Mention.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _page(request, queryset, params, represent):
    rows, next_link, previous_link = cursor_page(
        request, queryset, cursor=params.cursor, page_size=params.page_size
    )
    return {
        "next": next_link,
        "previous": previous_link,
        "results": [represent(request, row) for row in rows],
    }


@router.get(
    "/people/",
    response={200: PersonPage, 400: ErrorOut},
    url_name="people",
    summary="People, by name",
)
def person_list(request: HttpRequest, params: Query[PageParams]):
    people = (
        Person.objects.select_related("country")
        .annotate(article_count=_articles_mentioning("person"))
        .order_by("name", "pk")
    )
    return _page(request, people, params, rep.person_out)


@router.get(
    "/countries/",
    response={200: CountryPage, 400: ErrorOut},
    url_name="countries",
    summary="Countries articles mention (all=true for every country), by name",
)
def country_list(request: HttpRequest, params: Query[CountryParams]):
    countries = Country.objects.annotate(article_count=_articles_mentioning("country"))
    if not params.all:
        countries = countries.filter(article_count__gt=0)
    return _page(request, countries.order_by("name", "pk"), params, rep.country_out)


@router.get(
    "/sources/",
    response={200: SourcePage, 400: ErrorOut},
    url_name="sources",
    summary="Outlets, by name",
)
def source_list(request: HttpRequest, params: Query[PageParams]):
    sources = (
        Source.objects.select_related("country")
        .annotate(article_count=Count("articles"))
        .order_by("name", "pk")
    )
    return _page(request, sources, params, rep.source_out)


@router.get(
    "/quotes/",
    response={200: QuoteClusterPage, 400: ErrorOut},
    url_name="quotes",
    summary="Quote clusters: one statement with each article's report of it",
)
def quote_list(request: HttpRequest, params: Query[QuoteParams]):
    reports = Quote.objects.select_related("article__source").order_by(
        "article__source__name", "article__title", "pk"
    )
    clusters = (
        QuoteCluster.objects.select_related("speaker")
        .prefetch_related(Prefetch("quotes", queryset=reports))
        .order_by("speaker__name", "representative", "pk")
    )
    if params.speaker:
        speaker = Person.objects.filter(slug=params.speaker).first()
        if speaker is None:
            raise BadRequest([("speaker", f"No person matches “{params.speaker}”.")])
        clusters = clusters.filter(speaker=speaker)
    return _page(request, clusters, params, rep.cluster_out)
