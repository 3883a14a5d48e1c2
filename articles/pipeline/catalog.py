"""The seed catalog: metadata about documents that their text does not carry.

``seeds/catalog.toml`` maps file names to optional ``source``, ``url``,
``published`` (ISO date), ``language`` and ``notes``. Unknown keys and bad
values are errors, so a typo never silently drops a fact.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass

ALLOWED_KEYS = frozenset({"source", "url", "published", "language", "notes"})


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


def parse_catalog(text: str) -> dict[str, CatalogEntry]:
    """Catalog TOML text into entries by file name."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"not valid TOML: {error}") from None
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise CatalogError("[files] must be a table of file names")
    return {name: _entry(name, values) for name, values in files.items()}


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
    if published is not None and not isinstance(published, dt.date):
        raise CatalogError(f"{name}: published must be a date")
    return CatalogEntry(
        source=values.get("source") or None,
        url=values.get("url", ""),
        published=published,
        language=values.get("language") or None,
        notes=values.get("notes", "").strip(),
    )
