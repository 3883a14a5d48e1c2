"""``collection.toml``: the event a folder of documents covers (plain Python, no Django).

The file names the collection (``slug``, ``title``), says what the documents
support about it (``summary``, ``start_date``, ``end_date``, ``places`` as
alpha-2 codes, ``participants`` as person slugs) and lists its itinerary, one
``[[itinerary]]`` table per stop (``date``, optional ``time``, ``place``,
optional ``country``, ``what``). It is hostile input like any catalog: every
value is type-checked and a mistake rejects the whole file with one line.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field

from .catalog import CatalogError, decode_catalog

COLLECTION_FILE = "collection.toml"
MAX_STOPS = 500
MAX_LIST = 1000
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_CODE = re.compile(r"[A-Za-z]{2}\Z")
TOP_KEYS = {"slug", "title", "summary", "start_date", "end_date", "places", "participants"}
STOP_KEYS = {"date", "time", "place", "country", "what"}
LIMITS = {"slug": 100, "title": 300, "place": 200, "summary": None, "what": None}


@dataclass(frozen=True)
class StopSpec:
    date: dt.date
    place: str
    time: dt.time | None = None
    country: str | None = None  # alpha-2, upper case
    what: str = ""


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    title: str
    summary: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    places: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    itinerary: tuple[StopSpec, ...] = field(default_factory=tuple)


def read_collection_file(data: bytes) -> CollectionSpec:
    """The collection a ``collection.toml`` describes; CatalogError says what is wrong."""
    try:
        values = tomllib.loads(decode_catalog(data))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"not valid TOML: {error}") from None
    unknown = sorted(set(values) - TOP_KEYS - {"itinerary"})
    if unknown:
        raise CatalogError(f"unknown key(s) {', '.join(unknown)}")
    slug = _text(values, "slug", required=True)
    if not _SLUG.match(slug):
        raise CatalogError(f"slug must be lower-case words joined by hyphens, not {slug[:60]!r}")
    start, end = _date(values, "start_date"), _date(values, "end_date")
    if start and end and end < start:
        raise CatalogError("end_date is before start_date")
    stops = values.get("itinerary", [])
    if not isinstance(stops, list) or len(stops) > MAX_STOPS:
        raise CatalogError(f"itinerary must be at most {MAX_STOPS} [[itinerary]] tables")
    return CollectionSpec(
        slug=slug,
        title=_text(values, "title", required=True),
        summary=_text(values, "summary"),
        start_date=start,
        end_date=end,
        places=tuple(code.upper() for code in _list(values, "places", _CODE)),
        participants=tuple(_list(values, "participants", _SLUG)),
        itinerary=tuple(_stop(number, stop) for number, stop in enumerate(stops, start=1)),
    )


def _stop(number: int, values: object) -> StopSpec:
    where = f"itinerary stop {number}"
    if not isinstance(values, dict):
        raise CatalogError(f"{where}: expected a table of keys")
    unknown = sorted(set(values) - STOP_KEYS)
    if unknown:
        raise CatalogError(f"{where}: unknown key(s) {', '.join(unknown)}")
    date = _date(values, "date", where)
    if date is None:
        raise CatalogError(f"{where}: date is required")
    country = _text(values, "country", where=where)
    if country and not _CODE.match(country):
        raise CatalogError(f"{where}: country must be an alpha-2 code, not {country[:20]!r}")
    time = values.get("time")
    if isinstance(time, str):
        try:
            time = dt.time.fromisoformat(time)
        except ValueError:
            raise CatalogError(f"{where}: time must be HH:MM, not {time[:20]!r}") from None
    if time is not None and not isinstance(time, dt.time):
        raise CatalogError(f"{where}: time must be HH:MM")
    return StopSpec(
        date=date,
        time=time,
        place=_text(values, "place", where=where, required=True),
        country=country.upper() or None,
        what=_text(values, "what", where=where),
    )


def _text(values: dict, key: str, where: str = "", *, required: bool = False) -> str:
    prefix = f"{where}: " if where else ""
    value = values.get(key, "")
    if not isinstance(value, str):
        raise CatalogError(f"{prefix}{key} must be a string, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise CatalogError(f"{prefix}{key} is required")
    limit = LIMITS.get(key)
    if limit is not None and len(value) > limit:
        raise CatalogError(f"{prefix}{key} is longer than {limit} characters")
    return value


def _date(values: dict, key: str, where: str = "") -> dt.date | None:
    prefix = f"{where}: " if where else ""
    value = values.get(key)
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise CatalogError(f"{prefix}{key} must be YYYY-MM-DD, not {value[:20]!r}") from None
    if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
        raise CatalogError(f"{prefix}{key} must be a date")
    return value


def _list(values: dict, key: str, pattern: re.Pattern) -> list[str]:
    items = values.get(key, [])
    if not isinstance(items, list) or len(items) > MAX_LIST:
        raise CatalogError(f"{key} must be a list of at most {MAX_LIST} strings")
    for item in items:
        if not isinstance(item, str) or not pattern.match(item):
            raise CatalogError(f"{key}: {str(item)[:60]!r} is not a valid entry")
    return list(dict.fromkeys(items))
