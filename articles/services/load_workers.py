"""Reading and analysing a load's files in worker processes, ahead of the writes.

Decoding, parsing, linking, quotes, facts and candidates are the text pipeline's work and
touch no database, so ``archive_load(workers=N)`` hands them to N forked processes
(``document_prepare``) while the main process writes each file's rows, in file order, as
before. The workers are forked with the run's ``LinkerSnapshot`` (nothing is copied) and
each builds its linker from the snapshot's names, unless the main process had built it
already; when a byline adds a person the main process takes a new snapshot and the pool is
restarted with it from the next file on, so every file is linked as with one process. The
main process itself builds a linker only for what it analyses (the end-of-run re-link).

Only text and HTML files are prepared here; a web archive is read by the main process.
"""

from __future__ import annotations

import datetime
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from articles.pipeline.catalog import CatalogEntry
from articles.pipeline.linking import Linker

from .captures import HTML_SUFFIXES, Prepared, document_prepare
from .linking import LinkerSnapshot

# Files handed to each worker ahead of the one being written: enough to keep them busy,
# few enough that the documents waiting in memory stay bounded.
AHEAD_PER_WORKER = 4

_linker: Linker | None = None
_version = ""


def _start(snapshot: LinkerSnapshot) -> None:
    """In a new worker: the linker the main process built, else one built here."""
    global _linker, _version
    _linker, _version = snapshot.linker, snapshot.version


def _prepare(path: Path, catalog, collection_start, collection_end) -> Prepared | None:
    try:
        return document_prepare(
            path=path,
            catalog=catalog,
            linker=_linker,
            version=_version,
            collection_start=collection_start,
            collection_end=collection_end,
        )
    except Exception:  # noqa: BLE001 - the main process reads it again and reports it
        return None


class PreparePool:
    """Worker processes preparing ``files`` (path, catalog entry) in order."""

    def __init__(
        self,
        *,
        workers: int,
        files: list[tuple[Path, CatalogEntry | str]],
        collection_start: datetime.date | None,
        collection_end: datetime.date | None = None,
    ) -> None:
        self.workers = workers
        self.files = files
        self.collection_start = collection_start
        self.collection_end = collection_end
        self.futures: dict[int, Future] = {}
        self.executor: ProcessPoolExecutor | None = None
        self.version = None
        self.next = 0

    def prepared(self, index: int, snapshot: LinkerSnapshot) -> Prepared | None:
        """File ``index`` read and analysed with ``snapshot``'s linker; None: the caller
        reads it itself (a web archive, or a worker that failed)."""
        if not self._handled(index):
            return None
        if snapshot.version != self.version:
            self._restart(index, snapshot)
        self._submit(index)
        future = self.futures.pop(index, None)
        try:
            return future.result() if future is not None else None
        except Exception:  # noqa: BLE001 - a worker died: the main process reads the file
            return None

    def _handled(self, index: int) -> bool:
        return self.files[index][0].name.lower().endswith((".txt", *HTML_SUFFIXES))

    def _submit(self, index: int) -> None:
        self.next = max(self.next, index)
        limit = min(len(self.files), index + 1 + self.workers * AHEAD_PER_WORKER)
        while self.next < limit:
            if self._handled(self.next):
                path, catalog = self.files[self.next]
                self.futures[self.next] = self.executor.submit(
                    _prepare, path, catalog, self.collection_start, self.collection_end
                )
            self.next += 1

    def _restart(self, index: int, snapshot: LinkerSnapshot) -> None:
        self.close(wait=False)  # what the old workers are still doing is not waited for
        self.version, self.next = snapshot.version, index
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers,
            # Forked, so the workers share the linker built here instead of a pickled copy.
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start,
            initargs=(snapshot,),
        )

    def close(self, wait: bool = True) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None
        self.futures.clear()
