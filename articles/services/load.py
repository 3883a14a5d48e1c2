"""The load workflow: documents in, linked and clustered archive records out.

``archive_load`` is the one entry point (the ``load_seeds`` command calls it;
so can a web view): it chooses the collection to load into (``collection``,
else the folder's ``collection.toml``, which it syncs), syncs the gazetteer,
reads the catalogs, imports each file in its own savepoint (50 to a transaction),
repairs derived data that is stale, places the new quotes in the quote clusters
(``quote_clusters_update``), and returns a ``LoadReport``. It prints nothing; a
caller that wants to show progress passes a ``progress`` callback.

Derived data heals: each article records the names it was linked with and
whether its quotes are in the current clusters, so a run that was cut short
(or names that changed since) is repaired by the next run, even when every
file is unchanged.
"""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from articles.models import Article, ArticleDerivedState, Collection

from .article_save import LINKED, PEOPLE_ADDED
from .captures import document_import
from .cluster_update import quote_clusters_update
from .clustering import quote_clusters_stale
from .collections import CollectionError, collection_choose, collection_sync
from .counts import entity_totals_move
from .derived import article_text
from .documents import documents_with_provenance
from .gazetteer import GazetteerSyncResult, gazetteer_sync, read_gazetteer
from .linking import (
    LinkerSnapshot,
    article_link,
    article_link_plan,
    linker_snapshot,
    people_added_linker,
)
from .load_workers import PreparePool
from .loading import (
    ImportResult,
    Status,
    catalog_entry,
    collection_provenances_remember,
    one_line,
    read_catalogs,
)
from .memo import RunMemo
from .outlets import SourcesSyncResult, read_sources, sources_sync

logger = logging.getLogger(__name__)

# Files written per transaction (each in its own savepoint): fewer commits, and the people's
# and countries' totals moved once for all of them.
BATCH_FILES = 50


class LoadError(ValueError):
    """The run cannot start (no documents, no usable gazetteer); nothing was written."""


class Stage(enum.StrEnum):
    GAZETTEER = "gazetteer"
    RELINK = "relink"
    FILE = "file"
    CLUSTERS = "clusters"


@dataclass(frozen=True)
class LoadProgress:
    """One step of a run, for a progress display: a file imported, articles re-linked..."""

    stage: Stage
    number: int = 0
    total: int = 0
    result: ImportResult | None = None
    gazetteer: GazetteerSyncResult | None = None


ProgressCallback = Callable[[LoadProgress], None]


@dataclass
class LoadReport:
    """What a run did: one result per file, plus the derived data it repaired."""

    dry_run: bool = False
    collection: str = ""  # the slug of the collection loaded into
    files: list[ImportResult] = field(default_factory=list)
    gazetteer: GazetteerSyncResult | None = None
    outlets: SourcesSyncResult | None = None
    relinked: int = 0
    repaired: int = 0  # of ``relinked``: articles stale before the run (cut short, names changed)
    relink_errors: list[str] = field(default_factory=list)
    clusters: int | None = None  # None: clusters were current and not rebuilt

    @property
    def counts(self) -> dict[Status, int]:
        return {status: sum(r.status == status for r in self.files) for status in Status}

    @property
    def rejected(self) -> list[ImportResult]:
        return [r for r in self.files if r.status == Status.REJECTED]

    @property
    def written(self) -> int:
        counts = self.counts
        return counts[Status.CREATED] + counts[Status.UPDATED]

    @property
    def changed(self) -> bool:
        """Whether the run wrote anything: articles, repaired links or rebuilt clusters."""
        return not self.dry_run and bool(self.written or self.relinked or self.clusters is not None)

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.relink_errors


def archive_load(
    *,
    paths: Sequence[Path] = (),
    collection: str | None = None,
    gazetteer: Path | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    workers: int = 1,
) -> LoadReport:
    """Load documents (files, or folders of ``*.txt``; default the seeds folder).

    ``collection`` is the slug of the collection to load into; without it the
    ``collection.toml`` of the folder loaded names it. Raises LoadError before
    writing anything when there is nothing to load, no collection is named, or the
    gazetteer is unusable; a bad document is a rejected entry of the report. ``workers``
    above 1 reads and analyses the files in that many processes while this one writes
    them, in file order, with the same result.
    """
    notify = progress or (lambda event: None)
    named = ", ".join(str(p) for p in paths) or "seeds/"
    paths = list(paths or [settings.SEEDS_DIR])
    documents = list(documents_with_provenance(paths))
    if not documents:
        raise LoadError(f"no documents (.txt, .html, .warc) found in {named}")
    try:
        choice = collection_choose(paths=paths, slug=collection)
    except CollectionError as error:
        raise LoadError(str(error)) from None
    catalogs = read_catalogs([path for path, _ in documents])
    report = LoadReport(dry_run=dry_run, collection=choice.slug)

    snapshot = None
    target = Collection.objects.filter(slug=choice.slug).first()
    if not dry_run:
        report.gazetteer = _sync_gazetteer(gazetteer or settings.SEEDS_DIR / "gazetteer.toml")
        # Outlet records first, so that the outlet a document names maps to its record.
        report.outlets = _sync_outlets()
        # After the gazetteer, so that the participants it names exist.
        if choice.spec is not None:
            target = collection_sync(spec=choice.spec)
        notify(LoadProgress(Stage.GAZETTEER, gazetteer=report.gazetteer))
        snapshot = linker_snapshot()
        # Names changed since articles were linked, or an earlier run was cut short.
        report.repaired = _relink_stale(report, snapshot, notify)
    first, versions = snapshot, {snapshot.version} if snapshot is not None else set()

    total = len(documents)
    memo = RunMemo()
    if target is not None:
        collection_provenances_remember(
            collection=target, provenances=[provenance for _, provenance in documents], memo=memo
        )
    pool = None
    if workers > 1 and snapshot is not None:
        pool = PreparePool(
            workers=workers,
            files=[(path, catalog_entry(catalogs, path)) for path, _ in documents],
            collection_start=target.start_date if target else None,
            collection_end=target.end_date if target else None,
        )
    try:
        for start in range(0, total, BATCH_FILES):
            batch = documents[start : start + BATCH_FILES]
            events = []
            # A batch of files in one transaction, each file in a savepoint of its own.
            with transaction.atomic() if not dry_run else contextlib.nullcontext():
                for number, (path, provenance) in enumerate(batch, start=start + 1):
                    results = document_import(
                        path=path,
                        collection=target,
                        provenance=provenance,
                        catalog=catalog_entry(catalogs, path),
                        linker=snapshot,
                        dry_run=dry_run,
                        memo=memo,
                        prepared=pool.prepared(number - 1, snapshot) if pool else None,
                    )
                    report.files.extend(results)
                    events += [LoadProgress(Stage.FILE, number, total, result=r) for r in results]
                    if memo.get(PEOPLE_ADDED):
                        # A byline added a person: later files are linked with them too.
                        memo.forget(lambda key, value: key == PEOPLE_ADDED)
                        snapshot = linker_snapshot()
                        versions.add(snapshot.version)
                if not dry_run:
                    entity_totals_move(moves=memo.moves_take())
            for event in events:
                notify(event)
    finally:
        if pool is not None:
            pool.close()
    if dry_run:
        return report

    if snapshot is not None and report.written:
        # The articles loaded before a byline added a person do not link them yet.
        _relink_stale(report, snapshot, notify, memo, since=(first, versions))
    if report.written or report.relinked or quote_clusters_stale():
        report.clusters = quote_clusters_update()
        notify(LoadProgress(Stage.CLUSTERS, report.clusters))
    return report


def _sync_gazetteer(path: Path) -> GazetteerSyncResult:
    if not path.is_file():
        raise LoadError(f"gazetteer not found: {path}")
    try:
        return gazetteer_sync(data=read_gazetteer(path))
    except (ValueError, KeyError, OSError) as error:
        raise LoadError(f"gazetteer {path}: {one_line(error)}") from None


def _sync_outlets() -> SourcesSyncResult:
    try:
        return sources_sync(data=read_sources())
    except (ValueError, OSError) as error:
        raise LoadError(f"outlets data file: {one_line(error)}") from None


def _relink_stale(
    report: LoadReport,
    snapshot: LinkerSnapshot,
    notify,
    memo: RunMemo | None = None,
    since: tuple[LinkerSnapshot, set[str]] | None = None,
) -> int:
    """Re-link the articles linked with other names than ``snapshot``'s; returns how many.

    ``since``: the run's first snapshot and every version it linked with. Since then bylines
    only added people, so an article linked with one of those versions in whose text none of
    the added people occurs needs no new analysis; neither does one this run stored (``memo``)
    whose analysis with ``snapshot`` is the one it stored. Both already have the rows
    re-linking would write: only the version they are linked with is recorded. So a byline
    that adds a person late in a long load costs a scan of the run's texts, not their analysis.
    """
    done = 0
    stale = _stale_articles(snapshot.version)
    added = people_added_linker(since[0], snapshot) if since else None
    for number, article in enumerate(_in_chunks(list(stale)), start=1):
        try:
            if _unchanged(article, stale[article.pk], added, since):
                with transaction.atomic():
                    article_link(article=article, version=snapshot.version, current=True)
            else:
                plan = article_link_plan(
                    article=article, linker=snapshot.linker, people=snapshot.people
                )
                current = memo is not None and memo.get((LINKED, article.pk)) == plan.analysis
                with transaction.atomic():
                    article_link(
                        article=article, version=snapshot.version, plan=plan, current=current
                    )
        except Exception as error:  # noqa: BLE001 - it stays stale and is retried next run
            logger.exception("Re-linking %s failed", article.slug)
            report.relink_errors.append(f"{article.slug}: {one_line(error)}")
            continue
        done += 1
        notify(LoadProgress(Stage.RELINK, number, len(stale)))
    report.relinked += done
    return done


def _stale_articles(version: str) -> dict[int, str]:
    """Article key -> the version it was linked with ("" for never), for every article not
    linked with ``version``, in key order: two range scans of the version's index, not a pass
    over every article. Every article has its state from the transaction that created it
    (``article_link``), so an article never linked is one whose state says so, not one
    without a state (migration 0027 gave the articles stored without one theirs)."""
    other = Q(linked_with__lt=version) | Q(linked_with__gt=version)
    stale = ArticleDerivedState.objects.filter(other).values_list("article_id", "linked_with")
    return dict(sorted(stale))


def _unchanged(article: Article, linked_with: str, added, since) -> bool:
    """Linked with a version of this run, and none of the people added since occurs in it."""
    if added is None or linked_with not in since[1]:
        return False
    text = article_text(article)
    # The linker reads the body; quote speakers also read the headline and standfirst.
    return not any(added.occurs_in(part or "") for part in (text.body, text.title, text.dek))


def _in_chunks(pks: list[int], size: int = 100):
    """The articles with these keys, read a chunk at a time (bodies can be large)."""
    for start in range(0, len(pks), size):
        yield from Article.objects.filter(pk__in=pks[start : start + size]).order_by("pk")
