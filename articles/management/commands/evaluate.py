"""Measure the pipeline against gold: ``python manage.py evaluate --gold DIR [--json FILE]``.

Exists so that accuracy is measured on the path the site really takes: the documents of a gold
split are loaded with ``load_seeds`` inside a transaction that is rolled back, and what was
stored (articles, mentions, quotes, facts, clusters, person candidates) is compared with the
gold. The database is left untouched. Exit status 0 whatever the figures are.
"""

import datetime as dt
import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.evaluation.collect import split_evaluate
from articles.evaluation.gold import GoldError, read_split
from articles.evaluation.report import as_json, issues_text, markdown_page, text_table


class Command(BaseCommand):
    help = (
        "Load a gold split (evaluation/dev, evaluation/test, or the seed gold tests/gold) "
        "through load_seeds in a rolled-back transaction and print precision, recall and "
        "accuracy per task. -v 2 lists every miss and false positive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gold",
            type=Path,
            action="append",
            required=True,
            help="Gold folder; repeat for several splits.",
        )
        parser.add_argument(
            "--json", dest="json_path", type=Path, help="Also write the figures as JSON here."
        )
        parser.add_argument(
            "--markdown", type=Path, help="Also write the figures as a Markdown page here."
        )

    def handle(self, *args, gold, json_path, markdown, verbosity, **options):
        gazetteer = settings.SEEDS_DIR / "gazetteer.toml"
        try:
            splits = [
                read_split(f, seeds_dir=settings.SEEDS_DIR, gazetteer=gazetteer) for f in gold
            ]
        except GoldError as error:
            raise CommandError(f"gold: {error}") from None
        scores = []
        for split in splits:
            run = split_evaluate(split=split)
            scores.append(run.score)
            self.stdout.write(text_table(run.score))
            if verbosity >= 2:
                if run.loader_output.strip():
                    self.stdout.write("loader output:\n" + run.loader_output.rstrip())
                self.stdout.write(issues_text(run.score))
            self.stdout.write("")
        date, commit = dt.date.today().isoformat(), _commit()
        if json_path:
            json_path.write_text(
                _dumps(as_json(scores, date=date, commit=commit)), encoding="utf-8"
            )
        if markdown:
            notes = "\n\n".join(filter(None, map(_tuning_notes, gold)))
            page = markdown_page(scores, date=date, commit=commit, notes=notes)
            markdown.write_text(page, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {markdown}"))


TUNING_NOTES = "TUNING.md"


def _tuning_notes(folder: Path) -> str:
    """A split's ``TUNING.md``: what was changed after looking at its articles."""
    path = Path(folder) / TUNING_NOTES
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.strip()


def _commit() -> str:
    """The checked-out commit, marked when tracked files (other than outputs) have changes."""
    try:
        head = _git("rev-parse", "--short=12", "HEAD")
        dirty = _git(
            "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs/accuracy.md"
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head} with uncommitted changes" if dirty else head
