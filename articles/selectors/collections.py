"""Reads about collections: the list of events, and one event's itinerary with its coverage.

Fixed query counts: a collection page reads its stops, places, participants, articles (with
their outlets, authors and tags) and outlet counts in a handful of queries whatever its size,
and places each article on the timeline in Python.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from articles.models import Article, Collection, ItineraryStop
from articles.selectors.common import article_cards
from articles.selectors.overview import stored_by_source

# A collection page places at most this many of its articles on the timeline, the oldest.
COLLECTION_PLACED = 1000


def collections_listed() -> QuerySet:
    """Every collection, newest event first (undated last), each with its stored
    ``article_count``."""
    return Collection.objects.order_by(*Collection._meta.ordering)


def collection_count() -> int:
    return Collection.objects.count()


def collection_for_page(slug: str) -> Collection | None:
    """The collection with this slug, with its places and participants, or None."""
    return collections_listed().prefetch_related("places", "participants").filter(slug=slug).first()


@dataclass
class StopCoverage:
    """One stop of the itinerary and the coverage published around it.

    ``before``: published after the previous stop's day (any time, for the first stop) and
    before this one's; ``during``: published on the stop's day (listed once, at the day's
    first stop); ``after``: published after the last stop's day (last stop only).
    """

    stop: ItineraryStop
    before: list[Article] = field(default_factory=list)
    during: list[Article] = field(default_factory=list)
    after: list[Article] = field(default_factory=list)
    same_day_as_previous: bool = False


@dataclass
class CollectionCoverage:
    timeline: list[StopCoverage]
    undated: list[Article]
    dated_without_stops: list[Article]  # a collection without an itinerary lists them here
    outlets: list[dict]  # source__slug, source__name, count (unattributed: slug None)
    total: int
    placed: int = 0  # articles placed on the timeline: the first COLLECTION_PLACED by date

    @property
    def capped(self) -> bool:
        return self.placed < self.total


def collection_coverage(collection: Collection) -> CollectionCoverage:
    """The collection's itinerary as a timeline of its coverage, and its outlets."""
    stops = list(collection.itinerary.select_related("country"))
    # At most COLLECTION_PLACED articles, oldest first (an index has this order): a page of
    # cards, not the whole of a large event's coverage, which its filtered list pages through.
    articles = list(
        article_cards(
            Article.objects.in_collection(collection).order_by(
                F("published").asc(nulls_last=True), "title", "pk"
            )
        )[:COLLECTION_PLACED]
    )
    # From the totals stored per (collection, outlet), with the outlets' names.
    outlets = stored_by_source(collection)
    undated = [a for a in articles if a.published is None]
    dated = [a for a in articles if a.published is not None]
    timeline = _place_on_timeline(stops, dated)
    return CollectionCoverage(
        timeline=timeline,
        undated=undated,
        dated_without_stops=[] if stops else dated,
        outlets=outlets,
        total=sum(row["count"] for row in outlets),
        placed=len(articles),
    )


def _place_on_timeline(stops: list[ItineraryStop], dated: list[Article]) -> list[StopCoverage]:
    timeline = [StopCoverage(stop) for stop in stops]
    previous_day: datetime.date | None = None
    for entry in timeline:
        day = entry.stop.date
        if day == previous_day:
            entry.same_day_as_previous = True
            continue
        entry.before = [
            a
            for a in dated
            if a.published < day and (previous_day is None or a.published > previous_day)
        ]
        entry.during = [a for a in dated if a.published == day]
        previous_day = day
    if timeline:
        timeline[-1].after = [a for a in dated if a.published > previous_day]
    return timeline
