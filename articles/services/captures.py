"""Loading saved web pages: ``.html`` files and the HTML responses in WARC files.

Each page's main text and metadata are extracted by the text pipeline
(``pipeline/captures.py``) and the text then goes through the same parser,
linker and quote finder as a ``.txt`` document. ``document_import`` is what the
load workflow calls for every file: it hands text files to ``article_import``
and gives one result per WARC record.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from articles.models import Collection
from articles.pipeline.analysis import Analysis, ArticleText, article_analyse
from articles.pipeline.captures import extract_page
from articles.pipeline.catalog import EMPTY_ENTRY, CatalogEntry, is_web_url
from articles.pipeline.decoding import MAX_DOCUMENT_BYTES, DecodedText, DocumentError
from articles.pipeline.linking import Linker
from articles.pipeline.parsing import parse_document
from articles.pipeline.warc import read_warc

from .article_save import document_metadata
from .derived import reference_year
from .documents import check_name, read_limited
from .linking import LinkerSnapshot
from .loading import (
    ImportResult,
    LoadedDocument,
    document_save,
    known_outlet_names,
    read_document,
    rejected,
)
from .memo import RunMemo

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
# A web archive holds many pages; each record's payload is bounded by MAX_DOCUMENT_BYTES.
MAX_WARC_BYTES = 20_000_000


def document_import(
    *,
    path: Path,
    collection: Collection | None,
    provenance: str | None = None,
    catalog: CatalogEntry | str = EMPTY_ENTRY,
    linker: LinkerSnapshot | None,
    dry_run: bool = False,
    memo: RunMemo | None = None,
    prepared: Prepared | None = None,
) -> list[ImportResult]:
    """Import one file: one result for a text or HTML file, one per page of a WARC file.

    ``provenance`` identifies a text or HTML file's article in ``collection``; each page
    of a WARC file is identified by its capture URL. ``memo``: see ``document_save``.
    ``prepared``: the text or HTML file already read and analysed (``document_prepare``).
    """
    name = path.name.lower()
    where = {"collection": collection, "linker": linker, "dry_run": dry_run, "memo": memo}
    if name.endswith(WARC_SUFFIXES):
        return warc_import(path=path, catalog=catalog, **where)
    if prepared is None:
        prepared = document_prepare(path=path, catalog=catalog)
    if prepared.error is not None:
        return [rejected(path, prepared.error)]
    analysis = prepared.analysis if linker and prepared.version == linker.version else None
    return [
        document_save(
            path=path,
            provenance=provenance,
            document=prepared.document,
            catalog=catalog,
            analysis=analysis,
            **where,
        )
    ]


@dataclass(frozen=True)
class Prepared:
    """A text or HTML file read (or why it cannot be) and, when asked for, analysed."""

    document: LoadedDocument | None = None
    error: str | None = None  # why the file is rejected
    analysis: Analysis | None = None
    version: str = ""  # of the linker that made ``analysis``


def document_prepare(
    *,
    path: Path,
    catalog: CatalogEntry | str = EMPTY_ENTRY,
    linker: Linker | None = None,
    version: str = "",
    collection_start: datetime.date | None = None,
    collection_end: datetime.date | None = None,
) -> Prepared:
    """Read a text or HTML file, and analyse the article it makes with ``linker``.

    Touches no database, so a load runs it in worker processes. The analysis assumes the
    article takes the document's own title, date and texts (a new article does; when an
    editor corrected one, the article is analysed again as it is).
    """
    try:
        if path.name.lower().endswith(HTML_SUFFIXES):
            check_name(path)
            document = page_document(read_limited(path, MAX_DOCUMENT_BYTES))
        else:
            document = read_document(path)
    except DocumentError as error:
        return Prepared(error=str(error))
    if linker is None or isinstance(catalog, str):
        return Prepared(document)
    metadata = document_metadata(document, catalog, collection_end or collection_start)
    text = ArticleText(
        body=document.parsed.body,
        title=metadata.title,
        dek=document.parsed.dek or "",
        published=metadata.published,
        year=reference_year(published=metadata.published, collection_start=collection_start),
    )
    return Prepared(document, analysis=article_analyse(text, linker), version=version)


def page_document(raw: bytes, *, url: str = "", record: int | None = None) -> LoadedDocument:
    """A saved page read as a document; DocumentError when it holds no article."""
    if raw.startswith(b"%PDF-"):
        raise DocumentError("not a supported document type (PDF)")
    page = extract_page(raw, url=url or None)
    decoded = DecodedText(
        text=page.text, encoding="", warnings=(), sha256=hashlib.sha256(raw).hexdigest()
    )
    return LoadedDocument(
        decoded,
        parse_document(page.text, outlets=known_outlet_names()),
        page,
        capture=raw,
        capture_url=url,
        record=record,
    )


def warc_import(
    *,
    path: Path,
    collection: Collection | None,
    catalog: CatalogEntry | str = EMPTY_ENTRY,
    linker: LinkerSnapshot | None,
    dry_run: bool = False,
    memo: RunMemo | None = None,
) -> list[ImportResult]:
    """One result per HTML page of a WARC file, and one for the damage that ended it early.

    The catalog entry of a WARC file describes all its pages, so only its outlet,
    language and notes apply; each page's own URL and date come from the page.
    """
    try:
        check_name(path)
        contents = read_warc(
            read_limited(path, MAX_WARC_BYTES), max_record_bytes=MAX_DOCUMENT_BYTES
        )
    except DocumentError as error:
        return [rejected(path, str(error))]
    if isinstance(catalog, CatalogEntry):
        catalog = dataclasses.replace(catalog, url="", published=None)
    results = []
    for page in contents.pages:
        record = f"record {page.number} ({page.uri or 'no target URI'})"
        if page.problem:
            results.append(rejected(path, page.problem, record))
            continue
        if not is_web_url(page.uri):
            results.append(
                rejected(path, "the record's target URI is not an http or https address", record)
            )
            continue
        try:
            document = page_document(page.payload, url=page.uri, record=page.number)
        except DocumentError as error:
            results.append(rejected(path, str(error), record))
            continue
        results.append(
            document_save(
                path=path,
                collection=collection,
                document=document,
                catalog=catalog,
                linker=linker,
                dry_run=dry_run,
                record=record,
                memo=memo,
            )
        )
    if contents.damage:
        results.append(rejected(path, contents.damage))
    elif not results:
        results.append(rejected(path, "no HTML pages in the web archive"))
    if contents.skipped_total:
        skipped = ", ".join(f"{count} {kind}" for kind, count in sorted(contents.skipped.items()))
        note = f"skipped {contents.skipped_total} record(s) that are not HTML pages ({skipped})"
        first = results[0]
        results[0] = dataclasses.replace(first, warnings=(*first.warnings, note))
    return results
