"""What the API returns and accepts, as typed schemas (they also make the OpenAPI document).

Only published information is described here: provenance that reveals how the server stores
its files (seed file name, content hash, encoding, editors' field list) is never part of it.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from articles.filters import SORTS

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

SortKey = Literal[tuple(SORTS)]  # type: ignore[valid-type]


# --- Query parameters -----------------------------------------------------------------


class PageParams(Schema):
    """Cursor pagination shared by every list."""

    cursor: str | None = Field(
        None, description="Opaque position from a previous answer's `next` or `previous`."
    )
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (1 to 100)."
    )

    @field_validator("*", mode="before")
    @classmethod
    def no_nul(cls, value):
        # A NUL byte can never be part of a slug, date or search; refuse it before the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class ArticleParams(PageParams):
    """The filters of ``/articles/``, with the same names and meanings."""

    q: str | None = Field(None, description="Full-text search, as on the article list.")
    collection: str | None = Field(None, description="Slug of the collection (event).")
    source: str | None = Field(None, description="Source slug, or `unattributed`.")
    person: str | None = Field(None, description="Slug of a person the article mentions.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, any case.")
    tag: str | None = Field(None, description="Tag slug.")
    published_after: date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    published_before: date | None = Field(None, description="On or before this date (YYYY-MM-DD).")
    sort: SortKey | None = Field(None, description="Order; default relevance when searching.")


class CountryParams(PageParams):
    all: bool = Field(False, description="Include countries no article mentions.")


class QuoteParams(PageParams):
    speaker: str | None = Field(None, description="Slug of the person quoted.")


# --- References -----------------------------------------------------------------------


class PersonRef(Schema):
    slug: str
    name: str


class CountryRef(Schema):
    code: str
    name: str


class SourceRef(Schema):
    slug: str
    name: str


class TagRef(Schema):
    slug: str
    name: str


# --- Articles -------------------------------------------------------------------------


class ArticleSummary(Schema):
    slug: str
    title: str
    title_derived: bool
    source: SourceRef | None = Field(description="`null` when the outlet is unknown.")
    authors: list[PersonRef]
    published: date | None = Field(description="`null` when the date is unknown.")
    language: str
    original_url: str | None = Field(description="Where it was first published, if known.")
    tags: list[TagRef]
    html_url: str
    api_url: str


class MentionOut(Schema):
    kind: Literal["person", "country"]
    start: int = Field(description="Offset of the first character in `body`.")
    end: int = Field(description="Offset just past the last character in `body`.")
    text: str
    person: PersonRef | None
    country: CountryRef | None


class QuoteOut(Schema):
    part: str = Field(description="Where the quote is: title, standfirst or body.")
    start: int = Field(description="Offset of the quote's first character in its part.")
    end: int
    text: str
    speaker: PersonRef | None
    speaker_text: str | None = Field(description="The attribution as written, if any.")
    speaker_kind: str | None = Field(
        description="What the attribution names: person, institution or anonymous."
    )
    cluster_key: str | None = Field(description="Key of the quote cluster, if clustered.")


class FactOut(Schema):
    kind: str
    start: int
    end: int
    text: str
    value: str
    context: str


class ArticleDetail(ArticleSummary):
    dek: str | None
    body: str
    notes: str | None = Field(description="The catalog's notes on the document, if any.")
    capture_url: str | None = Field(description="Where the saved page was captured, if any.")
    capture_sha256: str | None = Field(description="SHA-256 of the original capture, if any.")
    mentions: list[MentionOut] = Field(
        description="In text order, at most 1,000 from `items_offset` (see `mentions_total`)."
    )
    quotes: list[QuoteOut] = Field(description="In text order, like `mentions`.")
    facts: list[FactOut] = Field(description="In text order, like `mentions`.")
    items_offset: int = Field(description="Where the three lists start (the `offset` asked for).")
    mentions_total: int
    quotes_total: int
    facts_total: int
    items_next: str | None = Field(
        description="The same record with the lists' next 1,000 items, while any list has more."
    )


class ArticlePage(Schema):
    next: str | None
    previous: str | None
    results: list[ArticleSummary]


# --- Entities and quotes --------------------------------------------------------------


class PersonOut(Schema):
    slug: str
    name: str
    role: str | None
    country: CountryRef | None
    article_count: int
    html_url: str
    articles_url: str


class CountryOut(Schema):
    code: str
    name: str
    official_name: str | None
    article_count: int
    html_url: str
    articles_url: str


class SourceOut(Schema):
    slug: str
    name: str
    label: str = Field(description="Compact label: name, kind of outlet or funder, where based.")
    kind: str | None = Field(description="Kind of outlet (e.g. state_owned); null if unknown.")
    owner: str | None
    city: str | None
    homepage: str | None
    country: CountryRef | None
    languages: list[str]
    article_count: int
    html_url: str
    articles_url: str


class QuoteReport(Schema):
    article: str = Field(description="Article slug.")
    title: str
    source: SourceRef | None
    published: date | None
    text: str
    speaker_text: str | None
    start: int
    end: int
    api_url: str


class QuoteClusterOut(Schema):
    key: str
    speaker: PersonRef | None
    representative: str
    article_count: int
    html_url: str
    reports: list[QuoteReport] = Field(
        description="At most 20 on the list, 1,000 on the statement's record; the reports of "
        "the articles added most recently first."
    )
    report_count: int = Field(description="How many reports the statement has in all.")
    reports_offset: int = Field(description="How many of its reports come before `reports`.")
    reports_next: str | None = Field(
        description="The statement's record with its next reports, while there are more."
    )


class PersonPage(Schema):
    next: str | None
    previous: str | None
    results: list[PersonOut]


class CountryPage(Schema):
    next: str | None
    previous: str | None
    results: list[CountryOut]


class CollectionOut(Schema):
    slug: str
    title: str
    summary: str
    start_date: dt.date | None
    end_date: dt.date | None
    places: list[str] = Field(description="ISO 3166-1 alpha-2 codes of the event's countries.")
    participants: list[str] = Field(description="Slugs of the event's participants.")
    article_count: int
    html_url: str
    articles_url: str


class CollectionPage(Schema):
    next: str | None
    previous: str | None
    results: list[CollectionOut]


class SourcePage(Schema):
    next: str | None
    previous: str | None
    results: list[SourceOut]


class QuoteClusterPage(Schema):
    next: str | None
    previous: str | None
    results: list[QuoteClusterOut]


class ParamError(Schema):
    param: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ParamError] = []
