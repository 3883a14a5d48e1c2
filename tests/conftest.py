"""Fixtures shared across the suite."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


TEST_COLLECTION = "test-loads"


def collection_for_tests() -> str:
    """The slug of the test collection, created if need be (for loads into no named event)."""
    from articles.models import Collection

    Collection.objects.get_or_create(slug=TEST_COLLECTION, defaults={"title": "Tests"})
    return TEST_COLLECTION


@pytest.fixture
def one_collection(db) -> str:
    """Exactly one collection exists (pages that offer a choice of event then take it)."""
    return collection_for_tests()


def with_collection(paths, options: dict) -> dict:
    """``load_seeds`` options for test folders: where no folder given has a
    collection.toml, the documents go into a test collection (created here)."""
    from articles.models import Collection
    from articles.services.collections import collection_files

    given = [Path(p) for p in paths] or [SEEDS_DIR]
    if "collection" not in options and not collection_files(given):
        Collection.objects.get_or_create(slug=TEST_COLLECTION, defaults={"title": "Tests"})
        options = {**options, "collection": TEST_COLLECTION}
    return options


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds folder (documents, catalog, gazetteer) to modify freely."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


@pytest.fixture
def seeded(db):
    """The five seed documents loaded, linked and clustered."""
    call_command("load_seeds", verbosity=0)


def load(*paths, **options) -> tuple[str, str, int]:
    """Run load_seeds (into a test collection where no folder names one); returns stdout,
    stderr and the exit status."""
    out, err = io.StringIO(), io.StringIO()
    options = with_collection(paths, options)
    try:
        call_command("load_seeds", *map(str, paths), stdout=out, stderr=err, **options)
        status = 0
    except CommandError as error:
        status = error.returncode
    return out.getvalue(), err.getvalue(), status


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


@pytest.fixture
def job_queue(settings):
    """Jobs queue in the database, as in production (the suite otherwise runs them at once);
    returns a function that runs ``db_worker`` in this process until the queue is empty."""
    import signal

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }

    def run_worker() -> None:
        # db_worker installs its own SIGINT and SIGTERM handlers: give the suite its own back.
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return run_worker


class MigrationStep:
    """The database migrated back to ``before``; ``old`` holds the models as they were then.

    ``articles(*slugs)`` makes minimal articles in one collection with those models, and
    ``forward()`` migrates to the latest state and returns its models."""

    def __init__(self, before: tuple[str, str]) -> None:
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        self._connection = connection
        executor = MigrationExecutor(connection)
        self._latest = executor.loader.graph.leaf_nodes("articles")
        executor.migrate([before])
        self.old = executor.loader.project_state([before]).apps

    def model(self, name: str):
        return self.old.get_model("articles", name)

    def articles(self, *slugs: str) -> list:
        collection = self.model("Collection").objects.create(slug="c", title="C")
        return [
            self.model("Article").objects.create(
                title=s,
                slug=s,
                body="Text.",
                seed_file=f"{s}.txt",
                provenance=s,
                collection=collection,
            )
            for s in slugs
        ]

    def forward(self):
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(self._connection)
        executor.migrate(self._latest)
        return executor.loader.project_state(self._latest).apps
