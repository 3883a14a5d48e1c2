"""Reads about collections: the list of events, and one event's itinerary with its coverage.

Fixed query counts: a collection page reads its stops, places, participants, articles (with
their outlets, authors and tags) and outlet counts in a handful of queries whatever its size.
Each part of the timeline shows its first cards and its total, each part read from the
collection's date index in its order with a limit (one statement for every part's keys and
totals, then the cards), so a large event's page stays a page and costs the same at any size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, QuerySet

from articles.models import Article, Collection, ItineraryStop
from articles.selectors.common import article_cards
from articles.selectors.overview import stored_by_source

# A collection page shows at most this many articles in each part of its timeline (before a
# stop, on its day, between stops, after the last, undated), the oldest first; the part's
# total and a link to the filtered list, which has every one, stand under them.
COLLECTION_SECTION_CARDS = 25


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
class Section:
    """The articles of one part of the timeline: the first ``COLLECTION_SECTION_CARDS`` of
    them, oldest first, and how many there are; ``after``/``before`` bound their publication
    dates (inclusive) for the filtered list that has every one."""

    articles: list[Article] = field(default_factory=list)
    total: int = 0
    more: bool = False  # more than ``total`` (counting stopped there)
    after: datetime.date | None = None
    before: datetime.date | None = None

    @property
    def capped(self) -> bool:
        return self.more or len(self.articles) < self.total

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class StopCoverage:
    """One stop of the itinerary and the coverage published around it.

    ``before``: published after the previous stop's day (any time, for the first stop) and
    before this one's; ``during``: published on the stop's day (listed once, at the day's
    first stop); ``after``: published after the last stop's day (last stop only).
    """

    stop: ItineraryStop
    before: Section = field(default_factory=Section)
    during: Section = field(default_factory=Section)
    after: Section = field(default_factory=Section)
    same_day_as_previous: bool = False


@dataclass
class CollectionCoverage:
    timeline: list[StopCoverage]
    undated: Section
    dated_without_stops: Section  # a collection without an itinerary lists them here
    outlets: list[dict]  # source__slug, source__name, count (unattributed: slug None)
    total: int

    @property
    def capped(self) -> bool:
        parts = [self.undated, self.dated_without_stops]
        for entry in self.timeline:
            parts += [entry.before, entry.during, entry.after]
        return any(part.capped for part in parts)


# Sections of the timeline: -1 for the undated articles, then for the i-th distinct stop day
# (from 0) 2i before it and 2i + 1 on it, and 2n after the last of the n days. Without stops
# every dated article is in section 0.
_UNDATED = -1
# A section's articles are counted up to this many; past it the page says "more than".
COLLECTION_SECTION_COUNTED = 1000


def _conditions(days: list[datetime.date]) -> list[tuple[int, str, list]]:
    """Each section's number, its condition on ``published`` and the condition's dates."""
    if not days:
        return [(0, "published IS NOT NULL", []), (_UNDATED, "published IS NULL", [])]
    parts = [(0, "published < %s", [days[0]])]
    for index, day in enumerate(days):
        parts.append((2 * index + 1, "published = %s", [day]))
        if index + 1 < len(days):
            parts.append(
                (2 * index + 2, "published > %s AND published < %s", [day, days[index + 1]])
            )
    parts += [(2 * len(days), "published > %s", [days[-1]]), (_UNDATED, "published IS NULL", [])]
    return parts


def _union(collection: Collection, days: list[datetime.date], columns: str, limit: int):
    """UNION ALL arms, one per section, each reading at most ``limit`` rows of the
    collection's date index in its order: their cost does not grow with the collection."""
    table = connection.ops.quote_name(Article._meta.db_table)
    arms, params = [], []
    for number, condition, dates in _conditions(days):
        arms.append(  # every piece but the parameters is this module's own text
            f"SELECT * FROM (SELECT {number} AS section, {columns} FROM {table} "  # noqa: S608
            f"WHERE collection_id = %s AND {condition} "
            f"ORDER BY published, title, id LIMIT {int(limit)}) AS part{len(arms)}"
        )
        params += [collection.pk, *(connection.ops.adapt_datefield_value(d) for d in dates)]
    return " UNION ALL ".join(arms), params


def _sections(collection: Collection, days: list[datetime.date]) -> dict[int, Section]:
    """Every section's first ``COLLECTION_SECTION_CARDS`` cards, oldest first, and its total
    (counted up to ``COLLECTION_SECTION_COUNTED``), whatever the number of articles: one
    statement for the keys and the totals (rows ``(section, key, None)`` and
    ``(section, None, total)``), then the cards."""
    keys_sql, keys_params = _union(
        collection, days, "id, CAST(NULL AS BIGINT) AS total", COLLECTION_SECTION_CARDS
    )
    counted_sql, counted_params = _union(
        collection, days, "1 AS one", COLLECTION_SECTION_COUNTED + 1
    )
    sql = (
        f"{keys_sql} UNION ALL SELECT section, CAST(NULL AS BIGINT), COUNT(*) "  # noqa: S608
        f"FROM ({counted_sql}) AS counted GROUP BY section"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys_params + counted_params)
        rows = cursor.fetchall()
    where = {pk: number for number, pk, _ in rows if pk is not None}
    sections = {
        number: Section(
            total=min(total, COLLECTION_SECTION_COUNTED), more=total > COLLECTION_SECTION_COUNTED
        )
        for number, _, total in rows
        if total is not None
    }
    order = [F("published").asc(nulls_last=True), F("title").asc(), F("pk").asc()]
    if where:
        for article in article_cards(Article.objects.filter(pk__in=where).order_by(*order)):
            sections[where[article.pk]].articles.append(article)
    return sections


def collection_coverage(collection: Collection) -> CollectionCoverage:
    """The collection's itinerary as a timeline of its coverage, and its outlets."""
    stops = list(collection.itinerary.select_related("country"))
    days = sorted({stop.date for stop in stops})
    found = _sections(collection, days)
    one_day = datetime.timedelta(days=1)

    def section(number: int, after=None, before=None) -> Section:
        part = found.get(number, Section())
        part.after, part.before = after, before
        return part

    timeline = [StopCoverage(stop) for stop in stops]
    previous_day: datetime.date | None = None
    for entry in timeline:
        day = entry.stop.date
        if day == previous_day:
            entry.same_day_as_previous = True
            continue
        index = days.index(day)
        entry.before = section(
            2 * index, previous_day + one_day if previous_day else None, day - one_day
        )
        entry.during = section(2 * index + 1, day, day)
        previous_day = day
    if timeline:
        timeline[-1].after = section(2 * len(days), previous_day + one_day)
    # From the totals stored per (collection, outlet), with the outlets' names.
    outlets = stored_by_source(collection)
    return CollectionCoverage(
        timeline=timeline,
        undated=section(_UNDATED),
        dated_without_stops=Section() if stops else section(0),
        outlets=outlets,
        total=sum(row["count"] for row in outlets),
    )
