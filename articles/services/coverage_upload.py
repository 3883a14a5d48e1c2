"""Editors add coverage from the site: uploaded files (or pasted text) through ``archive_load``.

Uploads are hostile: their names are reduced to a safe base name with a known
suffix, each file's size and the number of files are bounded, and nothing is
written outside a temporary folder that is removed afterwards. The load itself
is the same workflow as ``load_seeds``, so an uploaded document is archived,
rejected or left unchanged exactly as it would be from the command line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename, slugify

from articles.pipeline.decoding import MAX_DOCUMENT_BYTES

from .captures import MAX_WARC_BYTES, WARC_SUFFIXES
from .load import LoadError, archive_load
from .loading import CATALOG_NAME, Status

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".warc", ".warc.gz")
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 40_000_000  # the whole request
_NAME_MAX = 100


@dataclass(frozen=True)
class PastedText:
    text: str
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None


@dataclass(frozen=True)
class UploadRow:
    """What became of one uploaded file (or one page of an uploaded WARC)."""

    name: str  # as the editor named it
    status: str  # a Status value
    slug: str = ""
    reason: str = ""
    record: str = ""
    warnings: tuple[str, ...] = ()


def upload_limit(name: str) -> int:
    return MAX_WARC_BYTES if name.lower().endswith(WARC_SUFFIXES) else MAX_DOCUMENT_BYTES


def safe_upload_name(name: str) -> str:
    """A plain base name with an accepted suffix; ValueError says why the name is refused."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    lower = base.lower()
    suffix = next(
        (s for s in sorted(UPLOAD_SUFFIXES, key=len, reverse=True) if lower.endswith(s)), ""
    )
    if not suffix:
        raise ValueError(
            "not a supported document type (upload .txt, .html, .htm, .warc or .warc.gz)"
        )
    stem = base[: len(base) - len(suffix)]
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:
        stem = ""
    stem = stem.lstrip(".")[: _NAME_MAX - len(suffix)] or "document"
    return stem + suffix


def coverage_upload(
    *, files: Iterable, collection: str, pasted: PastedText | None = None
) -> list[UploadRow]:
    """Load the uploaded files (Django ``UploadedFile``s) and pasted text into the
    collection with slug ``collection``; one row per result."""
    rows: list[UploadRow] = []
    with tempfile.TemporaryDirectory(prefix="archive-upload-") as folder:
        root = Path(folder)
        originals: dict[str, str] = {}
        for number, upload in enumerate(files, start=1):
            original = upload.name or f"file {number}"
            if number > MAX_UPLOAD_FILES:
                rows.append(_refused(original, f"more than {MAX_UPLOAD_FILES} files at once"))
                continue
            try:
                name = _free(safe_upload_name(original), originals)
            except ValueError as error:
                rows.append(_refused(original, str(error)))
                continue
            limit = upload_limit(name)
            if upload.size > limit:
                rows.append(_refused(original, f"larger than the {limit:,}-byte limit"))
                continue
            with open(root / name, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            originals[name] = original
        if pasted is not None and pasted.text.strip():
            name = _write_pasted(root, pasted)
            originals[name] = "pasted text"
        if not originals:
            return rows
        try:
            report = archive_load(paths=[root], collection=collection)
        except LoadError as error:
            return [*rows, _refused("upload", str(error))]
        for result in report.files:
            shown = originals.get(result.path.name, result.path.name)
            rows.append(
                UploadRow(
                    name=shown,
                    status=str(result.status),
                    slug=result.slug,
                    reason=result.reason,
                    record=result.record,
                    warnings=result.warnings,
                )
            )
    return rows


def _refused(name: str, reason: str) -> UploadRow:
    return UploadRow(name=name, status=str(Status.REJECTED), reason=reason)


def _free(name: str, taken: dict[str, str]) -> str:
    """``name``, or ``name-2``... when another upload of this request has it."""
    if name not in taken and name != CATALOG_NAME:
        return name
    suffix = _suffix(name)
    stem, counter = name[: -len(suffix)], 2
    while f"{stem}-{counter}{suffix}" in taken:
        counter += 1
    return f"{stem}-{counter}{suffix}"


def _suffix(name: str) -> str:
    """The accepted suffix ``name`` ends with (the longest: ``.warc.gz`` before ``.gz``), or ""."""
    lower = name.lower()
    return next(
        (s for s in sorted(UPLOAD_SUFFIXES, key=len, reverse=True) if lower.endswith(s)), ""
    )


def _write_pasted(root: Path, pasted: PastedText) -> str:
    """The pasted text as a document, with its URL, outlet and date in a catalog beside it."""
    text = pasted.text.replace("\r\n", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    name = f"pasted-{slugify(first_line)[:50].strip('-') or 'text'}-{digest}.txt"
    (root / name).write_text(text, encoding="utf-8")
    entry = []
    # A JSON string is a valid TOML basic string (the same escapes).
    if pasted.url:
        entry.append(f"url = {json.dumps(pasted.url)}")
    if pasted.outlet:
        entry.append(f"source = {json.dumps(pasted.outlet)}")
    if pasted.published:
        entry.append(f"published = {pasted.published.isoformat()}")
    if entry:
        catalog = f"[files.{json.dumps(name)}]\n" + "\n".join(entry) + "\n"
        (root / CATALOG_NAME).write_text(catalog, encoding="utf-8")
    return name
