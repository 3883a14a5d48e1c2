"""Cursor pagination: ``next``/``previous`` links carrying a signed, opaque position.

The cursor is signed with the site's key and bound to the endpoint, so a cursor that was
edited, truncated or taken from another list is refused with 400 instead of being trusted.
Each page fetches one row more than it shows to know whether another page follows, so no
``COUNT`` query is needed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest

# An offset beyond this is not a page anyone reached by following links.
MAX_OFFSET = 10_000_000
INVALID_CURSOR = "This cursor is not valid here: start again without it."


class BadRequest(Exception):
    """Request parameters that cannot be used; the API answers 400 listing each of them."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(f"{param}: {message}" for param, message in errors))
        self.errors = errors


def _salt(request: HttpRequest) -> str:
    return f"articles.api.cursor:{request.path}"


def encode_cursor(request: HttpRequest, offset: int) -> str:
    return signing.dumps({"o": offset}, salt=_salt(request), compress=False)


def decode_cursor(request: HttpRequest, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        data = signing.loads(cursor, salt=_salt(request))
    except signing.BadSignature:
        raise BadRequest([("cursor", INVALID_CURSOR)]) from None
    offset = data.get("o") if isinstance(data, dict) else None
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise BadRequest([("cursor", INVALID_CURSOR)])
    return offset


def _link(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    params = request.GET.copy()
    params.pop("cursor", None)
    if offset:
        params["cursor"] = encode_cursor(request, offset)
    query = urlencode(sorted(params.lists()), doseq=True)
    return request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)


def cursor_results(
    request: HttpRequest, queryset: QuerySet, params, represent, *, prepare=None
) -> dict:
    """One page of ``queryset`` at ``params.cursor``, each row as ``represent`` shows it, with
    the links to the pages either side. ``prepare`` reads what the page's rows need together
    (a few queries for the page rather than some for each row)."""
    rows, next_link, previous_link = cursor_page(
        request, queryset, cursor=params.cursor, page_size=params.page_size
    )
    if prepare is not None:
        rows = prepare(rows)
    return {
        "next": next_link,
        "previous": previous_link,
        "results": [represent(request, row) for row in rows],
    }


def cursor_page(request: HttpRequest, queryset: QuerySet, *, cursor: str | None, page_size: int):
    """The rows at the cursor and the links to the pages either side: ``(rows, next, previous)``."""
    offset = decode_cursor(request, cursor)
    rows = list(queryset[offset : offset + page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    next_link = _link(request, offset + page_size) if more else None
    previous_link = _link(request, max(offset - page_size, 0)) if offset else None
    return rows, next_link, previous_link
