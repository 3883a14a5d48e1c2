"""Loading raw documents into the archive, one file per transaction.

``article_import`` reads one file, decodes and parses it with the text
pipeline, and creates or updates its Article keyed on the file name (its
provenance). A file whose bytes have not changed is left alone; a changed file
updates its article in place, keeping the slug and every field an editor set.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, Person, PersonName, Source
from articles.pipeline.catalog import EMPTY_ENTRY, CatalogEntry, parse_catalog
from articles.pipeline.decoding import (
    MAX_DOCUMENT_BYTES,
    DecodedText,
    DocumentError,
    decode_document,
)
from articles.pipeline.linking import Linker
from articles.pipeline.parsing import ParsedDocument, parse_document

from .linking import article_link
from .outlets import source_for_name

logger = logging.getLogger(__name__)

CATALOG_NAME = "catalog.toml"
DOCUMENT_SUFFIX = ".txt"
SLUG_MAX = 80


class Status(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: Status
    slug: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


def collect_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """The documents named: files as given, folders as their ``*.txt`` files in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob(f"*{DOCUMENT_SUFFIX}") if p.is_file())
        else:
            yield path


def read_catalogs(documents: Iterable[Path]) -> dict[Path, dict[str, CatalogEntry]]:
    """The catalog beside each folder of documents, read once per folder."""
    catalogs: dict[Path, dict[str, CatalogEntry]] = {}
    for folder in {doc.parent for doc in documents}:
        path = folder / CATALOG_NAME
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        catalogs[folder] = parse_catalog(text) if text else {}
    return catalogs


def read_document(path: Path) -> tuple[DecodedText, ParsedDocument]:
    """Decode and parse one file; DocumentError says why it cannot be archived."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                f"larger than the {MAX_DOCUMENT_BYTES:,}-byte limit ({size:,} bytes)"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a directory, not a file") from None
    except OSError as error:
        raise DocumentError(f"unreadable: {error.strerror or error}") from None
    decoded = decode_document(raw)
    return decoded, parse_document(decoded.text)


def article_import(
    *, path: Path, catalog: CatalogEntry = EMPTY_ENTRY, linker: Linker | None, dry_run: bool = False
) -> ImportResult:
    """Create or update the article for one document, all or nothing."""
    try:
        decoded, parsed = read_document(path)
    except DocumentError as error:
        return ImportResult(path=path, status=Status.REJECTED, reason=str(error))
    existing = Article.objects.filter(seed_file=path.name).first()
    if existing is not None and existing.content_hash == decoded.sha256:
        return ImportResult(path, Status.UNCHANGED, existing.slug, warnings=decoded.warnings)
    status = Status.CREATED if existing is None else Status.UPDATED
    if dry_run:
        slug = existing.slug if existing else _unique_slug(parsed.title)
        return ImportResult(path, status, slug, warnings=decoded.warnings)
    try:
        with transaction.atomic():
            article = _save_article(existing, path, decoded, parsed, catalog)
            if linker is not None:
                article_link(article=article, linker=linker)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the rest
        logger.exception("Loading %s failed; nothing from it was saved", path)
        return ImportResult(path, Status.REJECTED, reason=f"could not be saved ({error})")
    return ImportResult(path, status, article.slug, warnings=decoded.warnings)


def _save_article(
    article: Article | None,
    path: Path,
    decoded: DecodedText,
    parsed: ParsedDocument,
    catalog: CatalogEntry,
) -> Article:
    article = article or Article(seed_file=path.name, slug=_unique_slug(parsed.title))
    loaded = {
        "title": parsed.title,
        "source": _source(parsed.source_name or catalog.source),
        "published": catalog.published,
        "url": catalog.url,
        "language": catalog.language or "en",
    }
    # Fields an editor corrected stay as the editor left them.
    for name, value in loaded.items():
        if name not in article.edited_fields:
            setattr(article, name, value)
    if "title" not in article.edited_fields:
        article.title_derived = parsed.title_derived
    article.dek = parsed.dek or ""
    article.body = parsed.body
    article.captions = list(parsed.captions)
    article.reader_comments = list(parsed.comments)
    article.notes = catalog.notes
    article.content_hash = decoded.sha256
    article.encoding = decoded.encoding
    article.save()
    article.authors.set([_author(name) for name in parsed.authors])
    return article


def _unique_slug(title: str) -> str:
    base = _shorten(slugify(title)) or "article"
    slug, counter = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug = f"{base[: SLUG_MAX - 4]}-{counter}"
        counter += 1
    return slug


def _source(name: str | None) -> Source | None:
    return source_for_name(name=name) if name else None


def _author(name: str) -> Person:
    """The person a byline names: by canonical name, then by a known variant, else a new one."""
    person = Person.objects.filter(name__iexact=name).first()
    if person is None:
        variant = PersonName.objects.select_related("person").filter(name__iexact=name).first()
        person = variant.person if variant else None
    return person or Person.objects.create(name=name, slug=_free_slug(Person, name), role="Author")


def _shorten(slug: str) -> str:
    """At most SLUG_MAX characters, cut between words."""
    if len(slug) <= SLUG_MAX:
        return slug
    cut = slug[: SLUG_MAX + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= SLUG_MAX // 2 else slug[:SLUG_MAX].rstrip("-")


def _free_slug(model, name: str) -> str:
    base = _shorten(slugify(name)) or "unnamed"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug
