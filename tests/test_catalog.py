"""The seed catalog: metadata beside the documents, strictly validated."""

import datetime as dt
import re

import pytest

from articles.pipeline.catalog import CatalogError, parse_catalog
from tests.conftest import SEED_FILES, SEEDS_DIR


def test_the_shipped_catalog_covers_every_seed_and_claims_no_unsupported_metadata():
    catalog = parse_catalog((SEEDS_DIR / "catalog.toml").read_text(encoding="utf-8"))
    assert set(catalog) == {path.name for path in SEED_FILES}
    for entry in catalog.values():
        # None of the five documents gives a URL or a publication date.
        assert entry.url == "" and entry.published is None
        assert entry.language == "en"
        assert entry.notes


def test_values_are_parsed():
    catalog = parse_catalog(
        '[files."a.txt"]\nsource = "Outlet"\npublished = "2023-03-01"\nurl = "https://x.test/a"\n'
    )
    assert catalog["a.txt"].published == dt.date(2023, 3, 1)
    assert catalog["a.txt"].source == "Outlet"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[files."a.txt"]\nauthor = "X"\n', "a.txt: unknown key(s) author"),
        ('[files."a.txt"]\npublished = "1 March"\n', "a.txt: published must be YYYY-MM-DD"),
        ("[files\n", "not valid TOML"),
    ],
)
def test_mistakes_are_reported_not_ignored(text, message):
    with pytest.raises(CatalogError, match=re.escape(message)):
        parse_catalog(text)
