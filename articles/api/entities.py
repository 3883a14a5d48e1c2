"""``/api/v1/collections/``, ``people/``, ``countries/``, ``sources/`` and ``quotes/``
(clusters with reports)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from articles.selectors.collections import collections_listed
from articles.selectors.entities import (
    countries_counted,
    people_list,
    person_by_slug,
    sources_counted,
)
from articles.selectors.quotes import quote_clusters_reported

from . import representations as rep
from .pagination import BadRequest, cursor_results
from .schemas import (
    CollectionPage,
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


@router.get(
    "/collections/",
    response={200: CollectionPage, 400: ErrorOut},
    url_name="collections",
    summary="Collections (diplomatic events), newest first",
)
def collection_list(request: HttpRequest, params: Query[PageParams]):
    collections = collections_listed().prefetch_related("places", "participants")
    return cursor_results(request, collections, params, rep.collection_out)


@router.get(
    "/people/",
    response={200: PersonPage, 400: ErrorOut},
    url_name="people",
    summary="People, by name",
)
def person_list(request: HttpRequest, params: Query[PageParams]):
    people = people_list().order_by("name", "pk")
    return cursor_results(request, people, params, rep.person_out)


@router.get(
    "/countries/",
    response={200: CountryPage, 400: ErrorOut},
    url_name="countries",
    summary="Countries articles mention (all=true for every country), by name",
)
def country_list(request: HttpRequest, params: Query[CountryParams]):
    countries = countries_counted(mentioned_only=not params.all)
    return cursor_results(request, countries.order_by("name", "pk"), params, rep.country_out)


@router.get(
    "/sources/",
    response={200: SourcePage, 400: ErrorOut},
    url_name="sources",
    summary="Outlets, by name",
)
def source_list(request: HttpRequest, params: Query[PageParams]):
    sources = sources_counted().order_by("name", "pk")
    return cursor_results(request, sources, params, rep.source_out)


@router.get(
    "/quotes/",
    response={200: QuoteClusterPage, 400: ErrorOut},
    url_name="quotes",
    summary="Quote clusters: one statement with each article's report of it",
)
def quote_list(request: HttpRequest, params: Query[QuoteParams]):
    speaker = None
    if params.speaker:
        speaker = person_by_slug(params.speaker)
        if speaker is None:
            raise BadRequest([("speaker", f"No person matches “{params.speaker}”.")])
    clusters = quote_clusters_reported(speaker=speaker)
    return cursor_results(request, clusters, params, rep.cluster_out)
