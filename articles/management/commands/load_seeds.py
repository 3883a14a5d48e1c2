"""Load raw documents into the archive: ``python manage.py load_seeds [PATH ...]``.

Exists so that a folder of copied web pages becomes clean, linked archive
records the same way every time: safe to run again (unchanged files are left
alone), one transaction per file, and a bad file never stops the others.
Exit status 0 when every file loaded, 1 when any was rejected.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.pipeline.catalog import EMPTY_ENTRY, CatalogError
from articles.services.linking import (
    build_linker,
    gazetteer_sync,
    quote_clusters_rebuild,
    read_gazetteer,
    relink_all,
)
from articles.services.loading import (
    ImportResult,
    Status,
    article_import,
    collect_documents,
    read_catalogs,
)
from articles.services.outlets import read_sources, sources_sync

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
            "--gazetteer",
            type=Path,
            default=None,
            help="Gazetteer TOML of people and country names (default: seeds/gazetteer.toml).",
        )

    def handle(self, *args, paths, dry_run, gazetteer, verbosity, **options):
        documents = list(collect_documents(paths or [settings.SEEDS_DIR]))
        if not documents:
            raise CommandError(
                f"no .txt documents found in {', '.join(map(str, paths)) or 'seeds/'}"
            )
        try:
            catalogs = read_catalogs(documents)
        except CatalogError as error:
            raise CommandError(f"catalog: {error}") from None

        linker = None if dry_run else self._prepare_linker(gazetteer, verbosity)
        results: list[ImportResult] = []
        total = len(documents)
        for number, path in enumerate(documents, start=1):
            entry = catalogs.get(path.parent, {}).get(path.name, EMPTY_ENTRY)
            result = article_import(path=path, catalog=entry, linker=linker, dry_run=dry_run)
            results.append(result)
            self._report(result, number, total, verbosity)

        if not dry_run and any(r.status in (Status.CREATED, Status.UPDATED) for r in results):
            clusters = quote_clusters_rebuild()
            if verbosity >= 2:
                self.stdout.write(f"Quote clusters: {clusters}")
        if verbosity >= 1:
            self._summary(results, dry_run)
        rejected = sum(r.status == Status.REJECTED for r in results)
        if rejected:
            raise CommandError(f"{rejected} of {total} file(s) rejected", returncode=1)

    def _prepare_linker(self, gazetteer: Path | None, verbosity: int):
        path = gazetteer or settings.SEEDS_DIR / "gazetteer.toml"
        if not path.is_file():
            raise CommandError(f"gazetteer not found: {path}")
        try:
            sync = gazetteer_sync(data=read_gazetteer(path))
        except (ValueError, KeyError) as error:
            raise CommandError(f"gazetteer {path}: {error}") from None
        sources_sync(data=read_sources())  # outlets data file: names the loader maps to outlets
        if sync.changed:
            if verbosity >= 1:
                self.stdout.write(
                    f"Gazetteer: {sync.countries_created} countries, {sync.people_created} "
                    f"people and {sync.names_created} names added; re-linking existing articles."
                )
            # New names can change what existing articles mention.
            relink_all()
        return build_linker()

    def _report(self, result: ImportResult, number: int, total: int, verbosity: int) -> None:
        name = str(result.path)
        if result.status == Status.REJECTED:
            self.stderr.write(self.style.ERROR(f"error: {name}: {result.reason}"))
            return
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {name}: {warning}"))
        if verbosity >= 2:
            self.stdout.write(f"[{number}/{total}] {result.status}: {name} -> {result.slug}")
        elif verbosity >= 1 and total > PROGRESS_EVERY and number % PROGRESS_EVERY == 0:
            self.stdout.write(f"... {number}/{total} files")

    def _summary(self, results: list[ImportResult], dry_run: bool) -> None:
        counts = {status: sum(r.status == status for r in results) for status in Status}
        line = ", ".join(f"{counts[s]} {s}" for s in Status)
        prefix = "Dry run (nothing written): " if dry_run else ""
        if not dry_run and counts[Status.CREATED] + counts[Status.UPDATED] == 0:
            line += " — nothing changed"
        style = self.style.ERROR if counts[Status.REJECTED] else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{line}."))
