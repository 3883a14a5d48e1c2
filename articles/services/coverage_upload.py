"""Editors add coverage from the site: uploaded files (or pasted text) through ``archive_load``.

Two halves. The request (``coverage_upload_save``) checks each upload, saves the
accepted files to the media storage under a folder of their own and creates a
queued ``Job`` with the refusals already recorded; it loads nothing. The job
(``coverage_upload_load``, run by a worker, perhaps on another machine) copies the
files from the storage into a temporary folder, loads it with the same workflow as
``load_seeds``, so an uploaded document is archived, rejected or left unchanged
exactly as it would be from the command line, records each file's result as it
goes, and deletes the stored files.

Uploads are hostile: their names are reduced to a safe base name with a known
suffix, each file's size and the number of files are bounded, and nothing is
written outside the job's own folders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename, slugify

from articles.models import Job
from articles.pipeline.decoding import MAX_DOCUMENT_BYTES

from .captures import MAX_WARC_BYTES, WARC_SUFFIXES
from .jobs import (
    FileRow,
    ProgressWriter,
    job_create,
    job_finish,
    job_progress,
    job_rows_add,
)
from .load import LoadError, LoadProgress, Stage, archive_load
from .loading import CATALOG_NAME, Status

logger = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".warc", ".warc.gz")
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 40_000_000  # the whole request
UPLOAD_STORAGE_FOLDER = "uploads"
_NAME_MAX = 100


@dataclass(frozen=True)
class PastedText:
    text: str
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None


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


def coverage_upload_save(
    *, files: Iterable, collection: str, pasted: PastedText | None = None, user=None
) -> Job:
    """Save the uploaded files (Django ``UploadedFile``s) and pasted text for a load into
    the collection with slug ``collection``; returns the queued job (not yet enqueued)."""
    refused: list[FileRow] = []
    folder = f"{UPLOAD_STORAGE_FOLDER}/{uuid.uuid4().hex}"
    originals: dict[str, str] = {}  # stored name -> the editor's name
    for number, upload in enumerate(files, start=1):
        original = upload.name or f"file {number}"
        if number > MAX_UPLOAD_FILES:
            refused.append(_refused(original, f"more than {MAX_UPLOAD_FILES} files at once"))
            continue
        try:
            name = _free(safe_upload_name(original), originals)
        except ValueError as error:
            refused.append(_refused(original, str(error)))
            continue
        limit = upload_limit(name)
        if upload.size > limit:
            refused.append(_refused(original, f"larger than the {limit:,}-byte limit"))
            continue
        originals[_store(folder, name, upload)] = original
    if pasted is not None and pasted.text.strip():
        name, catalog = _pasted_document(pasted)
        text = pasted.text.replace("\r\n", "\n").encode("utf-8")
        originals[_store(folder, name, ContentFile(text))] = "pasted text"
        if catalog:
            originals[_store(folder, CATALOG_NAME, ContentFile(catalog.encode("utf-8")))] = ""
    job = job_create(
        kind=Job.Kind.LOAD,
        user=user,
        collection=collection,
        upload_folder=folder if originals else "",
        upload_names=originals,
        rows=refused,
    )
    if not originals:
        job_finish(job=job, summary="Nothing was loaded: no file was accepted.")
    return job


def coverage_upload_load(*, job: Job) -> str:
    """Load the job's stored files (see the module docstring); returns the summary."""
    if not job.upload_names:
        return "Nothing to load."
    progress = ProgressWriter(job)
    documents = sum(1 for original in job.upload_names.values() if original)
    files = {"done": 0, "total": documents}

    def notify(event: LoadProgress) -> None:
        force = event.stage != Stage.RELINK
        if event.stage == Stage.FILE and event.result is not None:
            files.update(done=event.number, total=event.total)
            job_rows_add(job=job, rows=[_row(event.result, job.upload_names)])
            step = f"Loaded file {event.number:,} of {event.total:,}"
        elif event.stage == Stage.RELINK:
            step = f"Re-linking articles: {event.number:,} of {event.total:,}"
        elif event.stage == Stage.CLUSTERS:
            step = "Rebuilt the quote clusters"
        else:
            step = "Synced names and outlets"
        progress(done=files["done"], total=files["total"], step=step, force=force)

    try:
        with tempfile.TemporaryDirectory(prefix="archive-upload-") as folder:
            root = Path(folder)
            for name in job.upload_names:
                source = default_storage.open(f"{job.upload_folder}/{name}", "rb")
                with source, open(root / name, "wb") as out:
                    shutil.copyfileobj(source, out)
            job_progress(job=job, done=0, total=documents, step="Loading")
            try:
                report = archive_load(paths=[root], collection=job.collection, progress=notify)
            except LoadError as error:
                job_rows_add(job=job, rows=[_refused("upload", str(error))])
                return f"Nothing was loaded: {error}"
    finally:
        _discard(job)
    counts = report.counts
    return ", ".join(f"{counts[status]:,} {status}" for status in Status) + "."


def _row(result, originals: dict[str, str]) -> FileRow:
    return FileRow(
        name=originals.get(result.path.name) or result.path.name,
        status=str(result.status),
        slug=result.slug,
        reason=result.reason,
        record=result.record,
        warnings=result.warnings,
    )


def _store(folder: str, name: str, content) -> str:
    """Save ``content`` as ``folder/name`` in the media storage; returns the name it got."""
    saved = default_storage.save(f"{folder}/{name}", content)
    return os.path.basename(saved)


def _discard(job: Job) -> None:
    """Delete the job's stored uploads (they are in the archive now, or were rejected)."""
    for name in job.upload_names:
        try:
            default_storage.delete(f"{job.upload_folder}/{name}")
        except OSError:
            logger.warning("Could not delete upload %s/%s", job.upload_folder, name)
    with contextlib.suppress(NotImplementedError, OSError):
        # Storages without folders have no path; a folder not empty stays.
        os.rmdir(default_storage.path(job.upload_folder))


def _refused(name: str, reason: str) -> FileRow:
    return FileRow(name=name, status=str(Status.REJECTED), reason=reason)


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


def _pasted_document(pasted: PastedText) -> tuple[str, str]:
    """The pasted text's file name, and a catalog giving its URL, outlet and date ("" if none)."""
    text = pasted.text.replace("\r\n", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    name = f"pasted-{slugify(first_line)[:50].strip('-') or 'text'}-{digest}.txt"
    entry = []
    # A JSON string is a valid TOML basic string (the same escapes).
    if pasted.url:
        entry.append(f"url = {json.dumps(pasted.url)}")
    if pasted.outlet:
        entry.append(f"source = {json.dumps(pasted.outlet)}")
    if pasted.published:
        entry.append(f"published = {pasted.published.isoformat()}")
    if not entry:
        return name, ""
    return name, f"[files.{json.dumps(name)}]\n" + "\n".join(entry) + "\n"
