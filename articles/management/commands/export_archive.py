"""Export the archive as JSON Lines: ``python manage.py export_archive [--output FILE]``.

Exists for researchers: one JSON object per article with a fixed set of keys
(documented in the README), stable across releases.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.exporting import export_records


class Command(BaseCommand):
    help = "Write every article as one JSON object per line (to --output, or standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="File to write (default: stdout).")

    def handle(self, *args, output, verbosity, **options):
        try:
            stream = output.open("w", encoding="utf-8") if output else self.stdout
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from None
        count = 0
        try:
            for record in export_records():
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                stream.close()
        if output and verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Exported {count} article(s) to {output}."))
