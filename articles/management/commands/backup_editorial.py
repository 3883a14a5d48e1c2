"""Write everything editors made to one JSON file: ``python manage.py backup_editorial FILE``.

Exists because editors' work (tags, links, name variants, candidate reviews, corrections,
edited outlets) cannot be rebuilt from the seed files, unlike everything else in the archive.
The file is keyed by slugs, codes and usernames, so ``restore_editorial`` can put it back into
a freshly loaded database. ``-`` writes to standard output.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services.backup import editorial_backup


class Command(BaseCommand):
    help = (
        "Back up editor-owned data (tags, article tags, editorial links, editor name variants "
        "and people, candidate reviews, corrected article fields, edited outlets and aliases, "
        "former slugs) as one JSON file; '-' for standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup ('-': standard output).")

    def handle(self, *args, file, verbosity, **options):
        data = editorial_backup()
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if file == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        if verbosity >= 1:
            counts = ", ".join(
                f"{len(rows)} {name.replace('_', ' ')}"
                for name, rows in data.items()
                if isinstance(rows, list)
            )
            self.stdout.write(self.style.SUCCESS(f"Backed up to {file}: {counts}."))
