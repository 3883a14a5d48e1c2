"""Importing raw documents into the archive, one file per transaction.

``article_import`` reads one file, decodes and parses it with the text
pipeline, and creates or updates its Article keyed on the file name (its
provenance). A file whose bytes have not changed is left alone; a changed file
updates its article in place, keeping the slug and every field an editor set.

Files are hostile input: only regular files are opened (never a FIFO or a
device), and never more than the size limit plus one byte is read.
"""

from __future__ import annotations

import enum
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from articles.models import Article, Person, PersonName, Source
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

from .linking import LinkerSnapshot, article_link
from .outlets import read_sources, source_for_name
from .slugs import unique_slug

logger = logging.getLogger(__name__)

CATALOG_NAME = "catalog.toml"
DOCUMENT_SUFFIX = ".txt"
SLUG_MAX = 80
SEED_FILE_MAX = Article._meta.get_field("seed_file").max_length
# Values of ``Article.metadata_origin``: where each metadata field came from.
ORIGIN_DOCUMENT = "document"
ORIGIN_CATALOG = "catalog"
ORIGIN_EDITOR = "editor"


class Status(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


def display_path(path: Path) -> str:
    """The path as one printable line: bytes that are not UTF-8 and controls escaped (``\\xNN``)."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: Status
    slug: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        """The file's path, printable whatever bytes its name holds."""
        return display_path(self.path)


def rejected(path: Path, reason: str) -> ImportResult:
    return ImportResult(path=path, status=Status.REJECTED, reason=one_line(reason))


def collect_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """The documents named: files as given, folders as their ``*.txt`` entries in name order.

    Entries of a folder that are not regular files (FIFOs, devices, sockets) are
    kept so that they are reported as rejected rather than silently skipped.
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob(f"*{DOCUMENT_SUFFIX}") if not p.is_dir())
        else:
            yield path


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; DocumentError otherwise.

    The type is checked before opening (opening a FIFO would wait for a writer)
    and again on the open file, in case the path was swapped in between.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DocumentError("not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except NotADirectoryError:
        raise DocumentError("no such file") from None
    except OSError as error:
        raise DocumentError(f"unreadable: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("not a regular file")
        if info.st_size > limit:
            raise DocumentError(f"larger than the {limit:,}-byte limit ({info.st_size:,} bytes)")
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise DocumentError(f"unreadable: {error.strerror or error}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise DocumentError(f"larger than the {limit:,}-byte limit (it grew while being read)")
    return data


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


def read_document(path: Path) -> tuple[DecodedText, ParsedDocument]:
    """Decode and parse one file; DocumentError says why it cannot be archived."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise DocumentError("file name is not valid UTF-8") from None
    if len(path.name) > SEED_FILE_MAX:
        raise DocumentError(f"file name longer than {SEED_FILE_MAX} characters")
    if os.path.isdir(path):
        raise DocumentError("is a directory, not a file")
    raw = read_limited(path, MAX_DOCUMENT_BYTES)
    decoded = decode_document(raw)
    return decoded, parse_document(decoded.text, outlets=known_outlet_names())


def article_import(
    *,
    path: Path,
    catalog: CatalogEntry | str = EMPTY_ENTRY,
    linker: LinkerSnapshot | None,
    dry_run: bool = False,
) -> ImportResult:
    """Create or update the article for one document, all or nothing.

    ``catalog`` is the document's entry, or a reason its catalog rejects it.
    """
    try:
        decoded, parsed = read_document(path)
    except DocumentError as error:
        return rejected(path, str(error))
    if isinstance(catalog, str):
        return rejected(path, catalog)
    if catalog.url and not is_web_url(catalog.url):
        return rejected(path, "url must be an http or https address")
    existing = Article.objects.filter(seed_file=path.name).first()
    if existing is not None and existing.content_hash == decoded.sha256:
        return ImportResult(path, Status.UNCHANGED, existing.slug, warnings=decoded.warnings)
    status = Status.CREATED if existing is None else Status.UPDATED
    if dry_run:
        slug = existing.slug if existing else _article_slug(parsed.title)
        return ImportResult(path, status, slug, warnings=decoded.warnings)
    try:
        with transaction.atomic():
            article = _save_article(existing, path, decoded, parsed, catalog)
            if linker is not None:
                article_link(article=article, linker=linker.linker, version=linker.version)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the rest
        logger.exception("Loading %s failed; nothing from it was saved", display_path(path))
        return rejected(path, f"could not be saved ({error})")
    return ImportResult(path, status, article.slug, warnings=decoded.warnings)


def _save_article(
    article: Article | None,
    path: Path,
    decoded: DecodedText,
    parsed: ParsedDocument,
    catalog: CatalogEntry,
) -> Article:
    article = article or Article(seed_file=path.name, slug=_article_slug(parsed.title))
    previous_source = article.source_id
    stated = document_metadata(parsed, catalog)
    loaded = {
        "title": parsed.title,
        "source": _source(stated["source"][0]),
        "published": stated["published"][0],
        "url": catalog.url,
        "language": catalog.language or "en",
    }
    # Fields an editor corrected stay as the editor left them.
    for name, value in loaded.items():
        if name not in article.edited_fields:
            setattr(article, name, value)
    article.metadata_origin = _origins(article, stated)
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
    if "authors" not in article.edited_fields:
        article.authors.set([_author(name) for name in parsed.authors])
    if previous_source and previous_source != article.source_id:
        source_prune(source_id=previous_source)
    return article


def document_metadata(
    parsed: ParsedDocument, catalog: CatalogEntry
) -> dict[str, tuple[object, str | None]]:
    """Outlet, date and authors with where each came from: the catalog wins over the text."""

    def pick(from_catalog, from_document) -> tuple[object, str | None]:
        if from_catalog:
            return from_catalog, ORIGIN_CATALOG
        return (from_document, ORIGIN_DOCUMENT) if from_document else (from_document, None)

    return {
        "title": (parsed.title, ORIGIN_DOCUMENT),
        "source": pick(catalog.source, parsed.source_name),
        "published": pick(catalog.published, parsed.published),
        "authors": pick((), parsed.authors),
    }


def _origins(article: Article, stated: dict[str, tuple[object, str | None]]) -> dict[str, str]:
    """``Article.metadata_origin``: the stated origin, or "editor" for a field an editor set."""
    origins = dict(article.metadata_origin or {})
    for name, (_, origin) in stated.items():
        if name in article.edited_fields:
            origins[name] = ORIGIN_EDITOR
        elif origin is None:
            origins.pop(name, None)
        else:
            origins[name] = origin
    return origins


@cache
def known_outlet_names() -> tuple[str, ...]:
    """Every outlet name and alias of the outlets data file, for recognising mastheads."""
    return tuple(name for entry in read_sources() for name in (entry.name, *entry.aliases))


def source_prune(*, source_id: int) -> bool:
    """Delete an outlet no article refers to any more, unless editors own it.

    Editors own an outlet they described (homepage, country, notes) or that the
    audit trail shows they created or changed. Returns whether it was deleted.
    """
    source = Source.objects.filter(pk=source_id, articles__isnull=True).first()
    if source is None or source.homepage or source.country_id or source.notes:
        return False
    edited = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Source), object_id=str(source.pk)
    ).exists()
    if edited:
        return False
    source.delete()
    return True


def _article_slug(title: str) -> str:
    return unique_slug(Article, title, fallback="article", max_length=SLUG_MAX)


def _source(name: str | None) -> Source | None:
    return source_for_name(name=name) if name else None


def _author(name: str) -> Person:
    """The person a byline names: by canonical name, then by a known variant, else a new one."""
    person = Person.objects.filter(name__iexact=name).first()
    if person is None:
        variant = PersonName.objects.select_related("person").filter(name__iexact=name).first()
        person = variant.person if variant else None
    return person or Person.objects.create(
        name=name,
        slug=unique_slug(Person, name, fallback="unnamed", max_length=SLUG_MAX),
        role="Author",
    )
