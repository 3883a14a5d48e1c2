"""The seed catalog: metadata beside the documents, strictly validated."""

import datetime as dt
import re

import pytest

from articles.pipeline.catalog import (
    MAX_CATALOG_BYTES,
    CatalogError,
    decode_catalog,
    parse_catalog,
    read_catalog,
)
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


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("source = 5", "a.txt: source must be a string, not int"),
        ("notes = ['a', 'b']", "a.txt: notes must be a string, not list"),
        ("language = true", "a.txt: language must be a string, not bool"),
        ("published = 2023-03-01T10:00:00", "a.txt: published must be a date"),
        ("published = 2023", "a.txt: published must be a date"),
        (
            'url = "javascript:alert(document.domain)"',
            "a.txt: url must be an http or https address, not 'javascript:alert(document.domain)'",
        ),
        ('url = "data:text/html,<script>"', "a.txt: url must be an http or https address"),
        ('url = "https://"', "a.txt: url must be an http or https address"),
        ('url = "https://x.test/a b"', "a.txt: url must be an http or https address"),
        ("url = 1", "a.txt: url must be a string, not int"),
    ],
)
def test_values_of_the_wrong_type_or_unsafe_urls_are_errors(values, message):
    with pytest.raises(CatalogError, match=re.escape(message)):
        parse_catalog(f'[files."a.txt"]\n{values}\n')


def test_one_bad_entry_does_not_hide_the_good_ones():
    catalog = read_catalog(
        '[files."bad.txt"]\nurl = "javascript:alert(1)"\n\n'
        '[files."good.txt"]\nurl = "HTTP://x.test/a"\nsource = " Outlet "\n'
    )
    assert set(catalog.entries) == {"good.txt"}
    assert catalog.entries["good.txt"].source == "Outlet"
    assert catalog.errors == {
        "bad.txt": "bad.txt: url must be an http or https address, not 'javascript:alert(1)'"
    }


def test_catalog_bytes_must_be_utf8_and_bounded():
    with pytest.raises(CatalogError, match=re.escape("not UTF-8 (invalid byte at position 3)")):
        decode_catalog(b"abc\xff")
    with pytest.raises(CatalogError, match="larger than the"):
        decode_catalog(b" " * (MAX_CATALOG_BYTES + 1))
    assert decode_catalog('notes = "é"'.encode()) == 'notes = "é"'


def test_files_must_be_a_table():
    with pytest.raises(CatalogError, match=re.escape("[files] must be a table of file names")):
        read_catalog('files = "a.txt"\n')
