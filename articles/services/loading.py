"""Importing raw documents into the archive, each file all or nothing (its own savepoint).

``article_import`` reads one file, decodes and parses it with the text
pipeline, and creates or updates its Article keyed on its collection and its
provenance (the path relative to the folder loaded, never the bare file name:
``a/same.txt`` and ``b/same.txt`` are two articles; a page of a web archive is
known by its capture URL). A file whose bytes and catalog entry have not changed
is left alone; otherwise its article is updated in place, keeping the slug and
every field an editor set.

Files are hostile input: only regular files are opened (never a FIFO or a
device), and never more than the size limit plus one byte is read.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import transaction

from articles.models import Article, Collection
from articles.pipeline.analysis import Analysis
from articles.pipeline.captures import ExtractedPage
from articles.pipeline.catalog import (
    EMPTY_ENTRY,
    MAX_CATALOG_BYTES,
    Catalog,
    CatalogEntry,
    CatalogError,
    decode_catalog,
    is_web_url,
    read_catalog,
)
from articles.pipeline.decoding import (
    MAX_DOCUMENT_BYTES,
    DecodedText,
    DocumentError,
    decode_document,
)
from articles.pipeline.parsing import ParsedDocument, parse_document

from .article_save import (
    Link,
    article_save_loaded,
    article_slug,
    collection_reference,
)
from .documents import (
    check_name,
    display_path,
    read_limited,
    utf8_encodable,
)
from .linking import LinkerSnapshot
from .memo import RunMemo
from .outlets import read_sources

logger = logging.getLogger(__name__)

CATALOG_NAME = "catalog.toml"
DOCUMENT_SUFFIX = ".txt"
PROVENANCE_MAX = Article._meta.get_field("provenance").max_length
PROVENANCE_CHUNK = 500  # provenances looked up per query (SQLite allows 999 parameters)


class Status(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: Status
    slug: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    record: str = ""  # which record of a WARC file, e.g. "record 2 (https://...)"

    @property
    def name(self) -> str:
        """The file's path (and record), printable whatever bytes its name holds."""
        return display_path(self.path) + (f" {self.record}" if self.record else "")


@dataclass(frozen=True)
class LoadedDocument:
    """A document read and parsed, with the page it was extracted from when it is a capture."""

    decoded: DecodedText
    parsed: ParsedDocument
    page: ExtractedPage | None = None
    capture: bytes | None = None  # the original bytes of a saved page
    capture_url: str = ""  # where a WARC record was captured from
    record: int | None = None  # its position in the WARC file


def rejected(path: Path, reason: str, record: str = "") -> ImportResult:
    return ImportResult(path=path, status=Status.REJECTED, reason=one_line(reason), record=record)


def catalog_hash(entry: CatalogEntry) -> str:
    """SHA-256 of a catalog entry's values: a changed entry reloads an unchanged file."""
    values = json.dumps(dataclasses.asdict(entry), sort_keys=True, default=str)
    return hashlib.sha256(values.encode()).hexdigest()


def read_catalogs(documents: Iterable[Path]) -> dict[Path, Catalog | str]:
    """The catalog beside each folder of documents, read once per folder.

    A catalog that cannot be used at all is given as its one-line reason, which
    rejects the documents of that folder (never loads them without their metadata).
    """
    catalogs: dict[Path, Catalog | str] = {}
    for folder in {doc.parent for doc in documents}:
        path = folder / CATALOG_NAME
        if not os.path.lexists(path):
            catalogs[folder] = Catalog()
            continue
        try:
            catalogs[folder] = read_catalog(decode_catalog(read_limited(path, MAX_CATALOG_BYTES)))
        except (DocumentError, CatalogError) as error:
            catalogs[folder] = f"{display_path(path)}: {one_line(error)}"
    return catalogs


def catalog_entry(catalogs: dict[Path, Catalog | str], path: Path) -> CatalogEntry | str:
    """The document's catalog entry, or the one-line reason its catalog rejects it."""
    catalog = catalogs.get(path.parent, Catalog())
    if isinstance(catalog, str):
        return f"catalog {catalog}"
    if path.name in catalog.errors:
        return f"catalog {display_path(path.parent / CATALOG_NAME)}: {catalog.errors[path.name]}"
    return catalog.entries.get(path.name, EMPTY_ENTRY)


def read_document(path: Path) -> LoadedDocument:
    """Decode and parse one text file; DocumentError says why it cannot be archived."""
    check_name(path)
    raw = read_limited(path, MAX_DOCUMENT_BYTES)
    if raw.startswith(b"%PDF-"):
        raise DocumentError("not a supported document type (PDF)")
    decoded = decode_document(raw)
    return LoadedDocument(decoded, parse_document(decoded.text, outlets=known_outlet_names()))


def article_import(
    *,
    path: Path,
    collection: Collection | None,
    provenance: str | None = None,
    catalog: CatalogEntry | str = EMPTY_ENTRY,
    linker: LinkerSnapshot | None,
    dry_run: bool = False,
) -> ImportResult:
    """Create or update the article for one text document, all or nothing.

    The article is the one of ``collection`` with this ``provenance`` (default: the
    file name). ``collection`` may be None only for a dry run into a collection not
    created yet. ``catalog`` is the document's entry, or a reason its catalog rejects it.
    """
    try:
        document = read_document(path)
    except DocumentError as error:
        return rejected(path, str(error))
    return document_save(
        path=path,
        collection=collection,
        provenance=provenance,
        document=document,
        catalog=catalog,
        linker=linker,
        dry_run=dry_run,
    )


def article_provenance(*, path: Path, provenance: str | None, capture_url: str = "") -> str:
    """What identifies a document's article in its collection: a web-archive page's capture
    URL, else the path relative to the folder loaded (the file name by default)."""
    if capture_url:
        return capture_url
    return path.name if provenance is None else provenance


def document_save(
    *,
    path: Path,
    collection: Collection | None,
    provenance: str | None = None,
    document: LoadedDocument,
    catalog: CatalogEntry | str,
    linker: LinkerSnapshot | None,
    dry_run: bool = False,
    record: str = "",
    memo: RunMemo | None = None,
    analysis: Analysis | None = None,
) -> ImportResult:
    """Create or update the article for one read document, all or nothing.

    ``memo``: what the load has looked up so far (see ``RunMemo``); a load passes one for
    all its files and moves the people's and countries' totals it collects before its
    transaction commits. Without it, this file's totals are moved here. ``analysis``: the
    text pipeline's analysis of the document made with ``linker`` (used when it was made of
    the texts the article ends up with, else the article is analysed here).
    """
    decoded, parsed = document.decoded, document.parsed
    if isinstance(catalog, str):
        return rejected(path, catalog, record)
    if catalog.url and not is_web_url(catalog.url):
        return rejected(path, "url must be an http or https address", record)
    provenance = article_provenance(
        path=path, provenance=provenance, capture_url=document.capture_url
    )
    if not provenance or len(provenance) > PROVENANCE_MAX:
        return rejected(path, f"provenance must be 1 to {PROVENANCE_MAX} characters", record)
    if collection is None and not dry_run:
        raise ValueError("document_save needs a collection to write into")
    existing = None
    if collection is not None:
        existing = _existing(collection, provenance, memo)
    entry_hash = catalog_hash(catalog)
    warnings = decoded.warnings
    if (
        existing is not None
        and existing.content_hash == decoded.sha256
        and existing.catalog_hash == entry_hash
    ):
        return ImportResult(path, Status.UNCHANGED, existing.slug, warnings=warnings, record=record)
    status = Status.CREATED if existing is None else Status.UPDATED
    if dry_run:
        slug = existing.slug if existing else article_slug(parsed.title)
        return ImportResult(path, status, slug, warnings=warnings, record=record)
    shared = memo is not None
    memo = memo if shared else RunMemo()
    try:
        with transaction.atomic():
            article = existing or Article(collection=collection, provenance=provenance)
            article.catalog_hash = entry_hash
            moves = memo.moves if shared else None
            link = Link(linker, analysis, memo, moves, collection_reference(collection))
            article = article_save_loaded(article, path, document, catalog, link)
            memo.put(("article", collection.pk, provenance), True)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the rest
        memo.drop()
        logger.exception("Loading %s failed; nothing from it was saved", display_path(path))
        return rejected(path, f"could not be saved ({error})", record)
    memo.keep()
    return ImportResult(path, status, article.slug, warnings=warnings, record=record)


def collection_provenances_remember(
    *, collection: Collection, provenances: Sequence[str], memo: RunMemo
) -> None:
    """Remember which of ``provenances`` (the run's files) ``collection`` holds, so that a file
    new to it is known to be new without a query. Read through the collection's unique index
    a chunk at a time: the cost follows the files loaded, not the collection's size. (The
    records of a WARC have provenances of their own, looked up one by one.)"""
    # A file name that is not valid UTF-8 is rejected before any lookup, and cannot be sent.
    provenances = [p for p in provenances if utf8_encodable(p)]
    for start in range(0, len(provenances), PROVENANCE_CHUNK):
        chunk = provenances[start : start + PROVENANCE_CHUNK]
        held = set(
            Article.objects.filter(collection=collection, provenance__in=chunk)
            .order_by()
            .values_list("provenance", flat=True)
        )
        for provenance in chunk:
            memo.put(("article", collection.pk, provenance), provenance in held)
    memo.keep()


def _existing(collection: Collection, provenance: str, memo: RunMemo | None) -> Article | None:
    if memo is not None and memo.get(("article", collection.pk, provenance)) is False:
        return None  # looked up at the run's start, and new to the collection
    return Article.objects.filter(collection=collection, provenance=provenance).first()


@cache
def known_outlet_names() -> tuple[str, ...]:
    """Every outlet name and alias of the outlets data file, for recognising mastheads."""
    return tuple(name for entry in read_sources() for name in (entry.name, *entry.aliases))
