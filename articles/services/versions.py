"""The archive's data version, bumped after every committed change to archive data.

Cached public pages are keyed on the version (``articles/page_cache.py``), so they are only
as correct as the bumps. Rather than trusting every write path (services, the admin's own
saves, commands, a future one) to remember a call, each database connection watches the
statements it runs: a transaction that inserted, updated or deleted rows of an archive table
bumps the version once, right after it commits. A transaction that rolls back bumps nothing;
a write outside any transaction (autocommit) bumps at once. ``archive_changed()`` is the bump
itself, for a change made where this connection cannot see it (SQL typed into ``psql``).

The bump runs after the commit, in a statement of its own, so it never holds a lock while the
writing transaction works, and a reader can never see the new version before the data: one
that reads the version just before the bump may cache a page newer than its key, never older.
"""

from __future__ import annotations

import functools
import logging
import re

from django.apps import apps
from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import ArchiveVersion, Job, JobFileResult
from articles.models.versions import ARCHIVE_VERSION_ID

logger = logging.getLogger(__name__)

# Written by SQLite's full-text triggers, and by nothing that does not also write articles.
EXTRA_TABLES = ("articles_article_fts",)
CTE_WRITE = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
WRITE_KEYWORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "TRUNCATE", "WITH")


def archive_changed(*, using: str = "default") -> None:
    """Bump the version: now, or when the current transaction commits (once per transaction)."""
    connection = connections[using]
    bump = _bump_for(using)
    if not connection.in_atomic_block:
        bump()
        return
    # Registered once per transaction. A pending callback is dropped only with the savepoint
    # it was registered in, and any still-active savepoint also encloses this write.
    if any(entry[1] is bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=using, robust=True)


def is_archive_write(sql: str) -> bool:
    """Whether ``sql`` may change rows of an archive table (a read never counts)."""
    head = sql[:64].lstrip()[:8].upper()
    if not head.startswith(WRITE_KEYWORDS):
        return False
    if head.startswith("WITH") and not CTE_WRITE.search(sql):
        return False  # a query with a common table expression that only reads
    return _archive_tables().search(sql) is not None


@functools.cache
def _archive_tables() -> re.Pattern:
    """The tables whose rows pages show: the archive app's own (many-to-many ones too),
    not the version's row, nor a cache table, whatever it is called, nor the background jobs'
    progress rows (only editors see them, on pages never cached)."""
    models = apps.get_app_config("articles").get_models(include_auto_created=True)
    unseen = {ArchiveVersion._meta.db_table, Job._meta.db_table, JobFileResult._meta.db_table}
    names = {model._meta.db_table for model in models} - unseen
    alternatives = "|".join(re.escape(name) for name in sorted(names | set(EXTRA_TABLES)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def archive_watch(connection) -> None:
    """Make ``connection`` bump the version after each transaction that wrote archive data."""
    if any(getattr(w, "archive_watcher", False) for w in connection.execute_wrappers):
        return
    alias = connection.alias

    def watcher(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if is_archive_write(sql):
            archive_changed(using=alias)
        return result

    watcher.archive_watcher = True
    # First in the list: a ``connection.execute_wrapper()`` block that was open when the
    # connection was made pops its own wrapper, the last one, not this.
    connection.execute_wrappers.insert(0, watcher)


_BUMPS: dict = {}


def _bump_for(using: str):
    """One bump function per database alias, so a pending one can be recognised."""
    if using not in _BUMPS:

        def bump() -> None:
            _bump(using)

        _BUMPS[using] = bump
    return _BUMPS[using]


def _bump(using: str) -> None:
    now = timezone.now()
    try:
        rows = ArchiveVersion.objects.using(using).filter(pk=ARCHIVE_VERSION_ID)
        if not rows.update(version=F("version") + 1, changed_at=now):
            # The row is gone (a flushed database): a new one, at a new instant.
            ArchiveVersion.objects.using(using).get_or_create(
                pk=ARCHIVE_VERSION_ID, defaults={"version": 1, "changed_at": now}
            )
    except DatabaseError:
        if _table_missing(using):
            return  # a migration before the one that makes the table: nothing is cached yet
        # The database went away: pages cached from now on are keyed on the version read next.
        logger.exception("Could not bump the archive data version")


def _table_missing(using: str) -> bool:
    connection = connections[using]
    try:
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
    except DatabaseError:
        return False
    return ArchiveVersion._meta.db_table not in tables
