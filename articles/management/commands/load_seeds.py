"""Load raw documents into the archive: ``python manage.py load_seeds [PATH ...]``.

Exists so that a folder of copied web pages becomes clean, linked archive
records the same way every time: safe to run again (unchanged files are left
alone), one savepoint per file, and a bad file never stops the others.
Exit status 0 when every file loaded, 1 when any was rejected.

The work is ``articles.services.load.archive_load``; this command parses the
arguments and prints what the service reports.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.jobs import archive_job_lock
from articles.services.load import LoadError, LoadProgress, LoadReport, Stage, archive_load
from articles.services.loading import Status

PROGRESS_EVERY = 25


class Command(BaseCommand):
    help = (
        "Load documents (.txt files, or folders of them; default: the seeds folder) into the "
        "archive: decode, parse, link people and countries, extract quotes and facts. "
        "Unchanged files are skipped; changed files update their article in place, keeping "
        "editors' corrections. Exits 1 if any file was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", type=Path, help="Files or folders (default: seeds/)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--collection",
            default=None,
            metavar="SLUG",
            help="Slug of the collection to load into (default: the one named by the "
            "collection.toml of the folder loaded; without either nothing is loaded).",
        )
        parser.add_argument(
            "--gazetteer",
            type=Path,
            default=None,
            help="Gazetteer TOML of people and country names (default: seeds/gazetteer.toml).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="Read and analyse the files in N worker processes while this one writes "
            "them, in file order, with the same result (default 1: all in this process).",
        )

    def handle(self, *args, paths, collection, dry_run, gazetteer, workers, verbosity, **options):
        self.verbosity = verbosity
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        try:
            # One load at a time, whether from here or a job worker (docs/deploy.md).
            with archive_job_lock():
                report = archive_load(
                    paths=paths,
                    collection=collection,
                    gazetteer=gazetteer,
                    dry_run=dry_run,
                    progress=self._progress,
                    workers=workers,
                )
        except LoadError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 2 and report.clusters is not None:
            self.stdout.write(f"Quote clusters: {report.clusters}")
        for error in report.relink_errors:
            self.stderr.write(self.style.ERROR(f"error: re-linking {error}"))
        if verbosity >= 1:
            self._summary(report)
        rejected = len(report.rejected)
        if rejected:
            raise CommandError(f"{rejected} of {len(report.files)} file(s) rejected", returncode=1)
        if report.relink_errors:
            raise CommandError(
                f"{len(report.relink_errors)} article(s) could not be re-linked", returncode=1
            )

    def _progress(self, event: LoadProgress) -> None:
        if event.stage == Stage.GAZETTEER and event.gazetteer.changed and self.verbosity >= 1:
            sync = event.gazetteer
            self.stdout.write(
                f"Gazetteer: {sync.countries_created} countries, {sync.people_created} "
                f"people and {sync.names_created} names added."
            )
        elif event.stage == Stage.FILE:
            self._report(event.result, event.number, event.total)

    def _report(self, result, number: int, total: int) -> None:
        if result.status == Status.REJECTED:
            self.stderr.write(self.style.ERROR(f"error: {result.name}: {result.reason}"))
            return
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {result.name}: {warning}"))
        if self.verbosity >= 2:
            self.stdout.write(f"[{number}/{total}] {result.status}: {result.name} -> {result.slug}")
        elif self.verbosity >= 1 and total > PROGRESS_EVERY and number % PROGRESS_EVERY == 0:
            self.stdout.write(f"... {number}/{total} files")

    def _summary(self, report: LoadReport) -> None:
        counts = report.counts
        line = ", ".join(f"{counts[s]} {s}" for s in Status)
        prefix = "Dry run (nothing written): " if report.dry_run else ""
        if not report.dry_run:
            if report.repaired:
                line += f"; repaired: {report.repaired} article(s) re-linked"
            elif report.clusters is not None and not report.written:
                line += "; repaired: quote clusters rebuilt"
            if not report.changed:
                line += " — nothing changed"
        style = self.style.ERROR if counts[Status.REJECTED] else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{line}."))
