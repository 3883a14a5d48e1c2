"""Bring the outlets in line with the data file: ``python manage.py sync_sources [--dry-run]``.

Exists so that a change to ``articles/data/sources.toml`` (a new outlet, a corrected owner, a
new citation) reaches the archive without reloading documents. Fields an editor changed in
the admin are kept; outlets are matched by slug, name or alias, so none is duplicated.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.pipeline.outlets import OutletDataError
from articles.services.outlets import SOURCES_FILE, read_sources, sources_sync


class Command(BaseCommand):
    help = (
        "Create and update outlets (kind, owner, where based, languages, citations, aliases) "
        "from the outlets data file, never overwriting what an editor changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=SOURCES_FILE, help="Data file (default: %(default)s)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, file, dry_run, verbosity, **options):
        try:
            data = read_sources(file)
        except FileNotFoundError:
            raise CommandError(f"outlets data file not found: {file}") from None
        except OutletDataError as error:
            raise CommandError(f"{file}: {error}") from None
        result = sources_sync(data=data, dry_run=dry_run)
        for conflict in result.conflicts:
            self.stderr.write(self.style.WARNING(f"warning: alias {conflict}; kept as it is"))
        if verbosity >= 1:
            prefix = "Dry run (nothing written): " if dry_run else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"{prefix}{result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged; {result.aliases_created} alias(es) added, "
                    f"{result.aliases_removed} removed."
                )
            )
