"""Cross-coverage views: the same quotes and facts across outlets, side by side."""

from django.shortcuts import get_object_or_404, render

from articles.filters import OutletFilter
from articles.models import Article, Fact
from articles.selectors import coverage as cross_coverage
from articles.selectors import outlets as by_outlet
from articles.selectors.quotes import fact_groups, quote_clusters


def quote_list(request):
    outlets = OutletFilter(request.GET, queryset=Article.objects.all())
    clusters = quote_clusters(articles=outlets.articles())
    return render(request, "coverage/quote_list.html", {"clusters": clusters, "outlets": outlets})


def quote_cluster(request, key: str):
    cluster = get_object_or_404(quote_clusters(), key=key)
    return render(request, "coverage/quote_cluster.html", {"cluster": cluster})


def fact_list(request):
    kind = request.GET.get("kind", "")
    if kind not in Fact.Kind.values:
        kind = ""
    outlets = OutletFilter(request.GET, queryset=Article.objects.all())
    groups = fact_groups(kind=kind or None, articles=outlets.articles())
    return render(
        request,
        "coverage/fact_list.html",
        {"groups": groups, "kind": kind, "kinds": Fact.Kind.choices, "outlets": outlets},
    )


def compare(request):
    """Two articles side by side: ``/compare/?a=<slug>&b=<slug>``."""
    slugs = {side: request.GET.get(side, "").strip() for side in ("a", "b")}
    found = {
        side: Article.objects.filter(slug=slug).first() for side, slug in slugs.items() if slug
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
        "choices": Article.objects.select_related("source__country").order_by("title"),
        "a_slug": slugs["a"],
        "b_slug": slugs["b"],
        "errors": errors,
        "comparison": result,
    }
    unknown = any(slugs[side] and found.get(side) is None for side in ("a", "b"))
    return render(request, "coverage/compare.html", context, status=404 if unknown else 200)


def coverage_matrix(request):
    """The matrix with outlets (``?by=kind``: kinds, ``?by=country``: countries) as rows."""
    by = request.GET.get("by", "source")
    if by not in by_outlet.GROUPINGS:
        by = "source"
    outlets = OutletFilter(request.GET, queryset=Article.objects.all())
    scope = outlets.articles()
    return render(
        request,
        "coverage/matrix.html",
        {
            "people": by_outlet.coverage_matrix("person", by=by, articles=scope),
            "countries": by_outlet.coverage_matrix("country", by=by, articles=scope),
            "by": by,
            "groupings": [(key, heading) for key, (heading, _, _) in by_outlet.GROUPINGS.items()],
            "outlets": outlets,
            "blind_spots": by_outlet.coverage_blind_spots(),
        },
    )
