"""Collections: the events the archive covers, and one event's timeline of coverage."""

from django.http import Http404
from django.shortcuts import render

from articles.selectors.collections import (
    COLLECTION_SECTION_CARDS,
    collection_coverage,
    collection_for_page,
    collections_listed,
)


def collection_list(request):
    return render(
        request, "collections/collection_list.html", {"collections": list(collections_listed())}
    )


def collection_detail(request, slug: str):
    collection = collection_for_page(slug)
    if collection is None:
        raise Http404("No collection with this address.")
    return render(
        request,
        "collections/collection_detail.html",
        {
            "collection": collection,
            "coverage": collection_coverage(collection),
            "section_cards": COLLECTION_SECTION_CARDS,
            "places": list(collection.places.all()),
            "participants": list(collection.participants.all()),
        },
    )
