"""Cross-coverage views: the same quotes and facts across outlets, side by side."""

from django.http import Http404
from django.shortcuts import redirect, render

from articles.filters import OutletFilter
from articles.models import Fact
from articles.selectors import coverage as cross_coverage
from articles.selectors import outlets as by_outlet
from articles.selectors.articles import articles_with_outlet
from articles.selectors.common import paginate
from articles.selectors.entities import person_by_slug, source_by_slug
from articles.selectors.facts import fact_group_page, fact_scope
from articles.selectors.quotes import (
    quote_cluster_detail,
    quote_cluster_moved_to,
    quote_cluster_page,
    quote_cluster_reports,
    quote_filter_choices,
    quote_scope,
)

UNATTRIBUTED = "unattributed"


QUOTE_PAGE_SIZE = 20
QUOTE_REPORTS_SHOWN = 20  # per statement on the list; its own page shows them a page at a time
CLUSTER_REPORTS_PER_PAGE = 50
COMPARE_LISTED = 50
COMPARE_REPEATS_LISTED = 5


def quote_list(request):
    """Quote clusters, filtered by ``speaker`` (a person's slug), ``outlet`` (a source's slug
    or ``unattributed``) and the outlet filters (``source_kind``, ``source_country``), a page
    at a time (``page``)."""
    outlets = OutletFilter(request.GET)
    speaker_slug = request.GET.get("speaker", "").strip()[:200]
    outlet = request.GET.get("outlet", "").strip()[:200]
    speaker = person_by_slug(speaker_slug)
    source = source_by_slug(outlet) if outlet != UNATTRIBUTED else None
    unknown = [
        message
        for given, found, message in (
            (speaker_slug, speaker, f"No person with the address “{speaker_slug}”."),
            (outlet and outlet != UNATTRIBUTED, source, f"No outlet with the address “{outlet}”."),
        )
        if given and found is None
    ]
    scope = quote_scope(outlets.articles())
    if unknown:
        page = paginate([], 1, QUOTE_PAGE_SIZE)
    else:
        page = quote_cluster_page(
            scope=scope,
            speaker=speaker,
            source=source,
            unattributed=outlet == UNATTRIBUTED,
            reports_shown=QUOTE_REPORTS_SHOWN,
            page=request.GET.get("page"),
            per_page=QUOTE_PAGE_SIZE,
        )
    speakers, sources, any_unattributed = quote_filter_choices(scope)
    return render(
        request,
        "coverage/quote_list.html",
        {
            "clusters": page.object_list,
            "page_obj": page,
            "speaker": speaker,
            "speaker_slug": speaker_slug,
            "source": source,
            "outlet": outlet,
            "errors": unknown,
            "speakers": speakers,
            "sources": sources,
            "any_unattributed": any_unattributed,
            "is_filtered": bool(speaker_slug or outlet or outlets.narrowed),
            "outlets": outlets,
            "scope": scope,
        },
        status=404 if unknown else 200,
    )


def quote_cluster(request, key: str):
    """One statement and its reports, ``CLUSTER_REPORTS_PER_PAGE`` at a time (``page``)."""
    cluster = quote_cluster_detail(key)
    if cluster is None:
        # A key given up when clusters merged: its old URL moves permanently.
        moved_to = quote_cluster_moved_to(key)
        if moved_to is None:
            raise Http404("No such quote cluster.")
        return redirect(moved_to, permanent=True)
    page = paginate(
        quote_cluster_reports(cluster),
        request.GET.get("page"),
        CLUSTER_REPORTS_PER_PAGE,
        count=cluster.report_count,
    )
    return render(
        request,
        "coverage/quote_cluster.html",
        {"cluster": cluster, "reports": page.object_list, "page_obj": page},
    )


def fact_list(request):
    kind = request.GET.get("kind", "")
    if kind not in Fact.Kind.values:
        kind = ""
    outlets = OutletFilter(request.GET)
    scope = fact_scope(outlets.articles())
    page, groups = fact_group_page(kind=kind or None, articles=scope, page=request.GET.get("page"))
    return render(
        request,
        "coverage/fact_list.html",
        {
            "groups": groups,
            "page_obj": page,
            "kind": kind,
            "kinds": Fact.Kind.choices,
            "outlets": outlets,
            "scope": scope,
        },
    )


def compare(request):
    """Two articles side by side: ``/compare/?a=<slug>&b=<slug>``."""
    slugs = {side: request.GET.get(side, "").strip()[:200] for side in ("a", "b")}
    found = {
        side: articles_with_outlet().filter(slug=slug).first()
        for side, slug in slugs.items()
        if slug
    }
    errors = [
        f"No article with the address “{slugs[side]}”."
        for side in ("a", "b")
        if slugs[side] and found.get(side) is None
    ]
    a, b = found.get("a"), found.get("b")
    if a is not None and b is not None and a.pk == b.pk:
        errors.append("Choose two different articles.")
    result = cross_coverage.articles_compare(a, b) if a and b and not errors else None
    context = {
        "choices": cross_coverage.compare_choices(),
        "a_slug": slugs["a"],
        "b_slug": slugs["b"],
        "errors": errors,
        "comparison": result,
        # Each list of the comparison shows at most this many rows (the page says so when it
        # has more), and each shared statement at most a few more copies from one article.
        "listed": COMPARE_LISTED,
        "listed_slice": f":{COMPARE_LISTED}",
        "repeats_slice": f"1:{COMPARE_REPEATS_LISTED}",
    }
    unknown = any(slugs[side] and found.get(side) is None for side in ("a", "b"))
    return render(request, "coverage/compare.html", context, status=404 if unknown else 200)


def coverage_matrix(request):
    """The matrix with outlets (``?by=kind``: kinds, ``?by=country``: countries) as rows."""
    by = request.GET.get("by", "source")
    if by not in by_outlet.GROUPINGS:
        by = "source"
    outlets = OutletFilter(request.GET)
    scope = by_outlet.coverage_scope(outlets.articles())
    # Blind spots are the whole archive's (of its newest articles), whatever the filters.
    archive = by_outlet.coverage_scope() if outlets.narrowed else scope
    matrices = by_outlet.coverage_matrices(by=by, articles=scope)
    return render(
        request,
        "coverage/matrix.html",
        {
            "people": matrices["person"],
            "countries": matrices["country"],
            "by": by,
            "groupings": [(key, heading) for key, (heading, _, _) in by_outlet.GROUPINGS.items()],
            "outlets": outlets,
            "scope": scope,
            "archive_scope": archive,
            "blind_spots": by_outlet.coverage_blind_spots(articles=archive),
        },
    )
