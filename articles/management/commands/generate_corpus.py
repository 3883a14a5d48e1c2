"""Generate and load a synthetic corpus: ``python manage.py generate_corpus --articles N``.

Exists to measure the archive at scale on the path real documents take: the
documents (text files and a catalog.toml per folder) are written to a folder and
loaded with ``archive_load``. The same ``--seed`` writes the same bytes.
"""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.corpus import corpus_generate
from articles.services.load import LoadProgress, Stage

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Write N synthetic articles (300-1,500 words, the gazetteer's people and countries, "
        "outlets from sources.toml, several years of dates) as documents with catalogs, and "
        "load them like real documents. --collections K makes K events, one folder each, "
        "each loaded as its own run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same documents.")
        parser.add_argument(
            "--collections", type=int, default=1, help="Events (one sub-folder each)."
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the documents (default: a new folder under the system temp dir).",
        )
        parser.add_argument(
            "--no-load", action="store_true", help="Only write the documents; load nothing."
        )

    def handle(self, *args, articles, seed, collections, output, no_load, verbosity, **options):
        if articles < 1 or collections < 1:
            raise CommandError("--articles and --collections must be at least 1")
        if collections > articles:
            raise CommandError("--collections cannot exceed --articles")
        folder = output or Path(tempfile.mkdtemp(prefix=f"corpus-{seed}-{articles}-"))
        if folder.exists() and any(folder.iterdir()) and output is not None:
            raise CommandError(f"{folder} is not empty")
        self.verbosity = verbosity
        self.started = time.perf_counter()
        report = corpus_generate(
            folder=folder,
            articles=articles,
            seed=seed,
            collections=collections,
            load=not no_load,
            written=self._written,
            progress=self._progress,
        )
        elapsed = time.perf_counter() - self.started
        if verbosity >= 1:
            self.stdout.write(f"Documents in {folder}: {report.documents}")
            for number, load in enumerate(report.loads, start=1):
                counts = ", ".join(f"{n} {s}" for s, n in load.counts.items())
                self.stdout.write(f"Collection {number}: {counts}; clusters {load.clusters}")
            if report.loads:
                self.stdout.write(
                    f"Editorial: {report.tags} tags, {report.links} follow-up links. "
                    f"{elapsed:.1f} s in all."
                )
        if any(load.rejected for load in report.loads):
            raise CommandError("some generated documents were rejected", returncode=1)

    def _written(self, count: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"... {count} documents written")

    def _progress(self, event: LoadProgress) -> None:
        if self.verbosity < 1:
            return
        if event.stage == Stage.FILE and event.number % PROGRESS_EVERY == 0:
            rate = event.number / max(time.perf_counter() - self.started, 1e-9)
            self.stdout.write(f"... loaded {event.number}/{event.total} ({rate:.0f}/s)")
        elif event.stage == Stage.CLUSTERS:
            self.stdout.write(f"... {event.number} quote clusters")
