"""Background jobs: their records, the archive-wide lock they run under, re-link and re-cluster.

A job is created by the request that asks for it (``job_create``) and then written
only by the task that runs it (``job_execute``): started, progress as it goes, one
row per file loaded, and a closing summary or the error. Jobs that rewrite
archive-wide derived data (every load ends with a quote-cluster rebuild) hold
``archive_job_lock`` while they run, so several workers never rebuild at once; the
``load_seeds`` and ``relink`` commands take the same lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from articles.models import Article, Job, JobFileResult

from .cluster_update import quote_clusters_update
from .clustering import quote_clusters_rebuild
from .linking import articles_relink_chunked
from .loading import one_line

logger = logging.getLogger(__name__)

# Any constant both sides agree on: the key of the PostgreSQL advisory lock.
_ADVISORY_LOCK_KEY = 47_112_023
_PROGRESS_EVERY = 0.5  # seconds between progress writes, so a large run is not all writes


@dataclass(frozen=True)
class FileRow:
    """What became of one file, before it is stored as a ``JobFileResult``."""

    name: str
    status: str
    slug: str = ""
    reason: str = ""
    record: str = ""
    warnings: tuple[str, ...] = ()


def job_create(
    *,
    kind: str,
    user=None,
    collection: str = "",
    upload_folder: str = "",
    upload_names: dict[str, str] | None = None,
    article_ids: list[int] | None = None,
    rows: Iterable[FileRow] = (),
) -> Job:
    """A queued job, with the rows already known (files refused before any loading)."""
    job = Job.objects.create(
        kind=kind,
        started_by=user if user is not None and user.is_authenticated else None,
        collection=collection,
        upload_folder=upload_folder,
        upload_names=upload_names or {},
        article_ids=article_ids,
    )
    job_rows_add(job=job, rows=rows)
    return job


def job_task_recorded(*, job: Job, task_id: str) -> None:
    """Remember the task framework's id for the job (to find its result row)."""
    job.task_id = task_id
    Job.objects.filter(pk=job.pk).update(task_id=task_id)


def job_rows_add(*, job: Job, rows: Iterable[FileRow]) -> None:
    start = JobFileResult.objects.filter(job=job).count()
    JobFileResult.objects.bulk_create(
        JobFileResult(
            job=job,
            position=start + offset,
            name=row.name[:300],
            status=row.status,
            slug=row.slug,
            reason=row.reason,
            record=row.record[:300],
            warnings=list(row.warnings),
        )
        for offset, row in enumerate(rows)
    )


def job_progress(*, job: Job, done: int, total: int, step: str) -> None:
    Job.objects.filter(pk=job.pk).update(done=done, total=total, step=step[:200])


def job_execute(*, job_id: int, work: Callable[[Job], str]) -> str:
    """Run ``work(job)`` as the job: under the archive lock, recording start, end and outcome.

    ``work`` returns the summary. An exception marks the job failed with its one-line
    message and is raised again, so the task's own result says it failed too.
    """
    job = Job.objects.get(pk=job_id)
    if job.finished:
        return job.summary  # a worker that picks the same task up again does not redo it
    Job.objects.filter(pk=job.pk).update(step="Waiting for another job to finish")
    with archive_job_lock():
        job.status, job.started_at, job.step = Job.Status.RUNNING, timezone.now(), ""
        job.save(update_fields=["status", "started_at", "step"])
        try:
            summary = work(job)
        except Exception as error:
            logger.exception("Job %s failed", job.pk)
            _finish(job, Job.Status.FAILED, f"{type(error).__name__}: {one_line(error)}")
            raise
    _finish(job, Job.Status.SUCCEEDED, summary)
    return summary


def job_finish(*, job: Job, summary: str) -> None:
    """Mark a job that needs no worker (nothing to do) finished."""
    _finish(job, Job.Status.SUCCEEDED, summary)


def _finish(job: Job, status: str, summary: str) -> None:
    job.refresh_from_db(fields=["done", "total"])
    job.status, job.summary, job.finished_at, job.step = status, summary, timezone.now(), ""
    if status == Job.Status.SUCCEEDED:
        job.done = job.total
    job.save(update_fields=["status", "summary", "finished_at", "step", "done"])


class ProgressWriter:
    """Writes a job's progress at most every half second, unless told it matters now."""

    def __init__(self, job: Job):
        self.job = job
        self._last = -_PROGRESS_EVERY

    def __call__(self, *, done: int, total: int, step: str, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= _PROGRESS_EVERY:
            self._last = now
            job_progress(job=self.job, done=done, total=total, step=step)


def job_relink(*, job: Job) -> str:
    """Re-link the job's articles (every article when it names none), then place their quotes
    in the clusters (``quote_clusters_update``)."""
    articles = Article.objects.order_by("pk")
    if job.article_ids is not None:
        articles = articles.filter(pk__in=job.article_ids)
    progress = ProgressWriter(job)

    def report(done: int, total: int) -> None:
        step = (
            f"Re-linked {done:,} of {total:,} articles"
            if done
            else f"Re-linking {total:,} articles"
        )
        progress(done=done, total=total, step=step)

    done = articles_relink_chunked(articles=articles, progress=report)
    job_progress(job=job, done=done, total=done, step="Updating quote clusters")
    clusters = quote_clusters_update()
    return f"Re-linked {done:,} articles; {clusters:,} quote clusters."


def job_recluster(*, job: Job) -> str:
    """Regroup every quote into clusters (keys kept, merged keys redirected)."""
    job_progress(job=job, done=0, total=1, step="Rebuilding quote clusters")
    clusters = quote_clusters_rebuild()
    return f"Rebuilt the quote clusters: {clusters:,}."


@contextlib.contextmanager
def archive_job_lock() -> Iterator[None]:
    """Held by one job (or load or re-link command) at a time, across machines.

    PostgreSQL: a session advisory lock, released when the holder's connection ends,
    so a worker that dies does not leave it held. SQLite (one machine): an exclusive
    lock on a file beside the database, released when the holder's process ends.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_ADVISORY_LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_LOCK_KEY])
        return
    with open(_lock_file(), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_file() -> Path:
    name = str(connection.settings_dict["NAME"])
    path = Path(name)
    if path.is_absolute() and path.parent.is_dir():
        return path.with_name(path.name + ".jobs-lock")
    # An in-memory database belongs to its process alone.
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"archive-{digest}-{os.getpid()}.jobs-lock"
