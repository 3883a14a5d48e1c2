"""Fixtures shared across the suite."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


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
