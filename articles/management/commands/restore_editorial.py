"""Put an editorial backup back: ``python manage.py restore_editorial FILE [--dry-run]``.

Exists so that editors' work survives rebuilding the database: load the seeds, then restore.
Everything is restored in one transaction and a second run changes nothing. Rows that point at
something this archive does not have (an article slug, a username) are reported one line each
on standard error; the rest is restored. Exit status 1 if the file cannot be read at all.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.backup import BackupFormatError, editorial_restore


class Command(BaseCommand):
    help = (
        "Restore editor-owned data from a backup_editorial file into this archive (one "
        "transaction, idempotent); reports each row it could not place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by backup_editorial.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, file, dry_run, verbosity, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file}: not a JSON file ({error})") from None
        try:
            report = editorial_restore(data=data, dry_run=dry_run)
        except BackupFormatError as error:
            raise CommandError(f"{file}: {error}") from None
        for problem in report.problems:
            self.stderr.write(self.style.WARNING(f"not restored: {problem}"))
        if verbosity >= 1:
            restored = sum(report.restored.values())
            unchanged = sum(report.unchanged.values())
            prefix = "Dry run (nothing written): " if dry_run else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"{prefix}{restored} row(s) restored, {unchanged} already as in the backup, "
                    f"{len(report.problems)} not placed."
                )
            )
        if verbosity >= 2:
            for section, count in sorted(report.restored.items()):
                self.stdout.write(f"  {section}: {count} restored")
