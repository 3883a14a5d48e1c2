"""The seed catalog: metadata about documents that their text does not carry.

``seeds/catalog.toml`` maps file names to optional ``source``, ``url``,
``published`` (ISO date), ``language`` and ``notes``. Unknown keys and bad
values are errors, so a typo never silently drops a fact. A catalog is
untrusted input: every value must have the right type and a ``url`` must be
an http or https address.

``read_catalog`` keeps going past a bad entry and says what is wrong with each
one, so the loader can reject just the documents concerned; ``parse_catalog``
is the strict form that stops at the first mistake.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ALLOWED_KEYS = frozenset({"source", "url", "published", "language", "notes"})
MAX_CATALOG_BYTES = 1_000_000
MAX_URL_LENGTH = 1000
MAX_SOURCE_LENGTH = 200
MAX_LANGUAGE_LENGTH = 16
WEB_SCHEMES = frozenset({"http", "https"})


class CatalogError(ValueError):
    """The catalog cannot be read; the message says where and why."""


@dataclass(frozen=True)
class CatalogEntry:
    source: str | None = None
    url: str = ""
    published: dt.date | None = None
    language: str | None = None
    notes: str = ""


EMPTY_ENTRY = CatalogEntry()


@dataclass(frozen=True)
class Catalog:
    """Entries by file name; ``errors`` by file name for entries that are wrong."""

    entries: dict[str, CatalogEntry] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def is_web_url(url: str) -> bool:
    """True for an absolute http or https URL with a host and no whitespace or controls."""
    if not url or len(url) > MAX_URL_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def decode_catalog(data: bytes) -> str:
    """Catalog bytes as text: UTF-8 only, within the size limit."""
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError(f"larger than the {MAX_CATALOG_BYTES:,}-byte limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError(f"not UTF-8 (invalid byte at position {error.start})") from None


def read_catalog(text: str) -> Catalog:
    """Catalog TOML text into entries and per-entry errors; CatalogError if unusable as a whole."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"not valid TOML: {error}") from None
    unknown = sorted(set(data) - {"files"})
    if unknown:
        raise CatalogError(f"unknown top-level key(s) {', '.join(unknown)}")
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise CatalogError("[files] must be a table of file names")
    entries: dict[str, CatalogEntry] = {}
    errors: dict[str, str] = {}
    for name, values in files.items():
        try:
            entries[name] = _entry(name, values)
        except CatalogError as error:
            errors[name] = str(error)
    return Catalog(entries, errors)


def parse_catalog(text: str) -> dict[str, CatalogEntry]:
    """Catalog TOML text into entries by file name; CatalogError at the first mistake."""
    catalog = read_catalog(text)
    if catalog.errors:
        raise CatalogError(next(iter(catalog.errors.values())))
    return catalog.entries


def _entry(name: str, values: object) -> CatalogEntry:
    if not isinstance(values, dict):
        raise CatalogError(f"{name}: expected a table of keys")
    unknown = sorted(set(values) - ALLOWED_KEYS)
    if unknown:
        raise CatalogError(f"{name}: unknown key(s) {', '.join(unknown)}")
    published = values.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise CatalogError(f"{name}: published must be YYYY-MM-DD, not {published!r}") from None
    if isinstance(published, dt.datetime) or (
        published is not None and not isinstance(published, dt.date)
    ):
        raise CatalogError(f"{name}: published must be a date")
    source = _text(name, values, "source", MAX_SOURCE_LENGTH)
    url = _text(name, values, "url", MAX_URL_LENGTH)
    if url and not is_web_url(url):
        raise CatalogError(f"{name}: url must be an http or https address, not {url[:60]!r}")
    language = _text(name, values, "language", MAX_LANGUAGE_LENGTH)
    return CatalogEntry(
        source=source or None,
        url=url,
        published=published,
        language=language or None,
        notes=_text(name, values, "notes", None),
    )


def _text(name: str, values: dict, key: str, max_length: int | None) -> str:
    value = values.get(key, "")
    if not isinstance(value, str):
        raise CatalogError(f"{name}: {key} must be a string, not {type(value).__name__}")
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise CatalogError(f"{name}: {key} is longer than {max_length} characters")
    return value
