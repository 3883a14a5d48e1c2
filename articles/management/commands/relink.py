"""Re-link every article: ``python manage.py relink``.

Exists because editors add name variants and people in the admin: running
this applies them to every article already in the archive (mentions, quote
speakers, candidates, quote clusters). Derived data only; editorial data is
never touched.
"""

from django.core.management.base import BaseCommand
from django.db.models import Count

from articles.models import Article, Mention
from articles.services.jobs import archive_job_lock
from articles.services.linking import relink_all


class Command(BaseCommand):
    help = "Re-link people and countries, quotes and facts in every article after names changed."

    def handle(self, *args, verbosity, **options):
        before = Mention.objects.count()
        with archive_job_lock():  # not while a job loads or re-links
            count = relink_all(articles=Article.objects.order_by("pk"))
        after = Mention.objects.aggregate(n=Count("pk"))["n"]
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Re-linked {count} article(s): {before} -> {after} mentions.")
            )
