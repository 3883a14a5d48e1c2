"""Fixtures shared across the suite."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


TEST_COLLECTION = "test-loads"


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
