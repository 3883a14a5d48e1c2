"""The archive's data version as pages are cached against it: one small query."""

from __future__ import annotations

import functools

from django.db import connections

from articles.models import ArchiveVersion
from articles.models.versions import ARCHIVE_VERSION_ID


def archive_version(*, using: str = "default") -> str | None:
    """The current data version as a key part (count and instant), or None without the row.

    Read on every cacheable request, so the statement is compiled once and then run as is.
    """
    sql, params = _version_sql(using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else f"{row[0]}.{row[1]}"


@functools.cache
def _version_sql(using: str) -> tuple[str, tuple]:
    rows = ArchiveVersion.objects.using(using).filter(pk=ARCHIVE_VERSION_ID)
    return rows.values_list("version", "changed_at").query.sql_with_params()
