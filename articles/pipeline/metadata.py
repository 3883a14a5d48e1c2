"""Which value of each metadata field an article gets, and where that value came from.

A document can say the same thing in several places: its own text (a headline, a
"Source:" line, a byline), the metadata of the captured page (Open Graph, JSON-LD,
``<html lang>``), the folder's catalog, or nothing at all. Each field is chosen
by a fixed order of trust and remembers its origin, so the article page can say
"from the page's metadata" or "from the catalog"; a field no origin supports is
unknown (``None``) and shown as unknown.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .captures import ExtractedPage
from .catalog import CatalogEntry
from .parsing import ParsedDocument
from .relative_dates import weekday_year


class Origin(enum.StrEnum):
    DOCUMENT = "document"  # the document's own text
    DERIVED = "derived"  # made from the text (a title from the first sentence)
    CAPTURE = "capture"  # the captured page's metadata
    CATALOG = "catalog"  # catalog.toml beside the files
    DETECTED = "detected"  # detected from the text (the language)
    EDITOR = "editor"  # an editor set it


ORIGIN_LABELS = {
    Origin.DOCUMENT: "from the document's text",
    Origin.DERIVED: "derived from the text",
    Origin.CAPTURE: "from the page's metadata",
    Origin.CATALOG: "from the catalog",
    Origin.DETECTED: "detected from the text",
    Origin.EDITOR: "set by an editor",
}
FIELDS = ("title", "source", "authors", "published", "url", "language")


@dataclass(frozen=True)
class ArticleMetadata:
    title: str
    source: str | None
    authors: tuple[str, ...]
    published: dt.date | None
    url: str
    language: str | None
    origin: dict[str, str]  # field -> Origin, for the fields that are known


def article_metadata(
    *,
    parsed: ParsedDocument,
    catalog: CatalogEntry,
    page: ExtractedPage | None = None,
    detected_language: str | None = None,
    reference: dt.date | None = None,
) -> ArticleMetadata:
    """Each field from the first origin that has it.

    ``reference`` (the collection's last day, else its first) dates a dateline that gives a
    day, a month and a weekday but no year (``relative_dates.weekday_year``); without it such
    a document has no date from its text.

    The catalog is a researcher's deliberate statement, so it wins for the outlet,
    date, URL and language; then what the text states itself ("Source: X", a
    dateline credit, a date line), then the page's metadata; a page's own metadata
    wins over what the parser inferred from its text for the title and byline.
    """
    origin: dict[str, str] = {}

    def pick(name, *candidates):
        for value, where in candidates:
            if value:
                origin[name] = where
                return value
        return None

    title_origin = Origin.DERIVED if parsed.title_derived else Origin.DOCUMENT
    title_from_page = page.title if page else None
    if title_from_page and parsed.title == title_from_page:
        title_origin = Origin.CAPTURE  # the headline line is the page's own title
    title = pick("title", (title_from_page, Origin.CAPTURE), (parsed.title, title_origin))
    source = pick(
        "source",
        (catalog.source, Origin.CATALOG),
        (parsed.source_name, Origin.DOCUMENT),
        (page.site_name if page else None, Origin.CAPTURE),
    )
    authors = pick(
        "authors",
        (page.authors if page else (), Origin.CAPTURE),
        (tuple(parsed.authors), Origin.DOCUMENT),
    )
    published = pick(
        "published",
        (catalog.published, Origin.CATALOG),
        (page.published if page else None, Origin.CAPTURE),
        (parsed.published, Origin.DOCUMENT),
        (weekday_year(parsed.undated, reference) if parsed.undated else None, Origin.DOCUMENT),
    )
    url = pick("url", (catalog.url, Origin.CATALOG), (page.url if page else None, Origin.CAPTURE))
    language = pick(
        "language",
        (catalog.language, Origin.CATALOG),
        (page.language if page else None, Origin.CAPTURE),
        (detected_language, Origin.DETECTED),
    )
    return ArticleMetadata(
        title=title or "",
        source=source,
        authors=tuple(authors or ()),
        published=published,
        url=url or "",
        language=language,
        origin=origin,
    )


def origin_label(origin: str | None) -> str:
    """How the article page says where a value came from; "" when it is not known."""
    try:
        return ORIGIN_LABELS[Origin(origin)]
    except ValueError:
        return ""


def origin_labels(origin: dict | None, edited: list | None = ()) -> dict[str, str]:
    """Each field's origin as the article page says it; an editor's correction wins."""
    labels = {name: origin_label(value) for name, value in (origin or {}).items()}
    for name in edited or ():
        labels[name] = ORIGIN_LABELS[Origin.EDITOR]
    return {name: label for name, label in labels.items() if label}
