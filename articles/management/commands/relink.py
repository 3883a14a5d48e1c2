"""Re-link every article: ``python manage.py relink``.

Exists because editors add name variants and people in the admin: running
this applies them to every article already in the archive (mentions, quote
speakers, candidates, quote clusters). Derived data only; editorial data is
never touched. A long run prints its progress, at most every few seconds.
"""

import time

from django.core.management.base import BaseCommand
from django.db.models import Sum

from articles.models import Article, Country, Person
from articles.services.jobs import archive_job_lock
from articles.services.linking import relink_all

PROGRESS_SECONDS = 5.0  # at most one progress line this often


def mention_total() -> int:
    """Every mention of the archive, from the people's and countries' stored totals (each
    mention names one person or one country), so the count does not read the mentions."""
    people = Person.objects.aggregate(n=Sum("mention_count"))["n"] or 0
    countries = Country.objects.aggregate(n=Sum("mention_count"))["n"] or 0
    return people + countries


class Command(BaseCommand):
    help = "Re-link people and countries, quotes and facts in every article after names changed."

    def handle(self, *args, verbosity, **options):
        self.verbosity = verbosity
        self._started = self._last = time.monotonic()
        before = mention_total()
        with archive_job_lock():  # not while a job loads or re-links
            count = relink_all(articles=Article.objects.order_by("pk"), progress=self._progress)
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Re-linked {count} article(s): {before} -> {mention_total()} mentions."
                )
            )

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.verbosity < 1 or done in (0, total) or now - self._last < PROGRESS_SECONDS:
            return
        self._last = now
        rate = done / max(now - self._started, 1e-9)
        left = (total - done) / rate if rate else 0
        self.stdout.write(
            f"... {done:,}/{total:,} articles ({rate:.1f}/s, about {left / 60:.0f} min left)"
        )
