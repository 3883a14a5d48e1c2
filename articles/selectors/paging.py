"""Paging a long list without counting every row: the rows are counted only so far ahead.

A list of 100,000 articles costs the same to show as a list of 1,000 when its count stops at
the page asked for plus ``COUNT_AHEAD`` rows: ``COUNT(*)`` over a ``LIMIT``, which the
database ends as soon as that many rows are found. When more rows follow, the page says so
("1,000+ articles") and every page up to the count is offered; the last one offered has a
next page, counted again from there, so walking on still reaches every row.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# Rows counted beyond the start of the page asked for (a multiple of the page sizes used).
COUNT_AHEAD = 1000


class CountedAheadPaginator(Paginator):
    """A paginator whose ``count`` may stop short of the rows: ``capped`` says it did."""

    capped = False


# A page number beyond any list (a hostile ``?page=999...``) is taken as this one, which is
# past the end: the last page is then shown.
LAST_PAGE_ASKED = 10_000_000


def page_number(number) -> int:
    """The page asked for: a number from 1, or 1 for anything that is not one."""
    try:
        return min(max(int(str(number).strip()), 1), LAST_PAGE_ASKED)
    except (TypeError, ValueError):
        return 1


def counted_ahead(items: QuerySet, start: int, ahead: int | None = None) -> tuple[int, bool]:
    """(rows counted, whether more follow) of ``items``, counting no further than ``start +
    ahead`` rows (``COUNT_AHEAD`` when None). Ordering is dropped: it does not change how many
    rows there are."""
    limit = start + (COUNT_AHEAD if ahead is None else ahead)
    found = items.order_by().values("pk")[: limit + 1].count()
    return (limit, True) if found > limit else (found, False)


def paginate_ahead(
    items: QuerySet,
    number,
    per_page: int | None = None,
    *,
    ahead: int | None = None,
    count: int | None = None,
) -> Page:
    """The page asked for, or the nearest one that exists, with the rows counted only up to
    ``ahead`` (``COUNT_AHEAD``) past its start (``page.paginator.capped`` when more follow).
    Two queries: the bounded count and the page's rows; one when ``count`` (how many items
    there are, known already) is given."""
    per_page = per_page or settings.ARCHIVE_PAGE_SIZE
    wanted = page_number(number)
    if count is None:
        count, capped = counted_ahead(items, (wanted - 1) * per_page, ahead)
    else:
        capped = False
    paginator = CountedAheadPaginator(items, per_page)
    paginator.count = count  # the cached property, set ahead of its query
    paginator.capped = capped
    page = paginator.page(min(wanted, paginator.num_pages))
    # Fetch once; views annotate these rows (snippets, contexts) before the template reads them.
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
