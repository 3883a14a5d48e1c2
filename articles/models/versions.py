"""The archive's data version: one row that changes whenever archive data changes."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

# The one row's key.
ARCHIVE_VERSION_ID = 1


class ArchiveVersion(models.Model):
    """How many committed changes the archive's data has seen, and when the last one was.

    Bumped after every transaction that wrote to an archive table commits
    (``articles/services/versions.py``), whatever made the write: a load, an editor on the
    site or in the admin, a command. Cached public pages are keyed on it, so a change
    makes every cached page stale at once. ``changed_at`` is part of the key too: a
    database restored from an older dump, or emptied and refilled, may bring back an old
    count, but not an old count at the same instant with different data.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=ARCHIVE_VERSION_ID)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(id=ARCHIVE_VERSION_ID), name="archive_version_single_row"
            )
        ]

    def __str__(self) -> str:
        return f"archive data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
