"""``/api/v1/collections/``, ``people/``, ``countries/``, ``sources/`` and ``quotes/``
(clusters with reports)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import Query, Router

from articles.selectors.collections import collections_listed
from articles.selectors.entities import (
    countries_counted,
    people_list,
    person_by_slug,
    sources_counted,
)
from articles.selectors.quotes import (
    quote_cluster_detail,
    quote_cluster_moved_to,
    quote_cluster_report_window,
    quote_clusters_reported,
    quote_clusters_with_reports,
)

from . import representations as rep
from .pagination import MAX_OFFSET, BadRequest, cursor_results
from .schemas import (
    CollectionPage,
    CountryPage,
    CountryParams,
    ErrorOut,
    PageParams,
    PersonPage,
    QuoteClusterOut,
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
    return cursor_results(
        request,
        clusters,
        params,
        rep.cluster_out,
        prepare=lambda rows: quote_clusters_with_reports(rows, shown=rep.REPORTS_PER_CLUSTER),
    )


# The statement's record carries this many of its reports; ``offset`` reads the next ones.
REPORTS_PER_RECORD = 1000


@router.get(
    "/quotes/{key}/",
    response={200: QuoteClusterOut, 404: ErrorOut},
    url_name="quote",
    summary="One statement with its reports, 1,000 a time (the articles added last first)",
)
def quote_detail(
    request: HttpRequest,
    key: str,
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Skip this many of its reports."),
):
    cluster = quote_cluster_detail(key)
    if cluster is None:
        # A key given up when statements were merged answers 301 with the current one.
        if (moved_to := quote_cluster_moved_to(key)) is None:
            raise Http404("No quote cluster matches the given query.")
        return HttpResponsePermanentRedirect(reverse("api:quote", kwargs={"key": moved_to.key}))
    reports = quote_cluster_report_window(cluster, offset, REPORTS_PER_RECORD)
    return rep.cluster_out(request, cluster, offset=offset, reports=reports)
