"""The synthetic corpus: same seed, same bytes; word counts in range; real names in the text."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from articles.corpus import (
    MAX_WORDS,
    MIN_WORDS,
    corpus_documents,
    corpus_inputs,
    corpus_write,
)
from articles.pipeline.gazetteer import load_gazetteer
from articles.pipeline.outlets import parse_outlets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def inputs():
    gazetteer = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    outlets = parse_outlets((ROOT / "articles" / "data" / "sources.toml").read_text("utf-8"))
    return corpus_inputs(gazetteer, outlets)


def generate(inputs, count, seed=1, collections=1):
    people, places, outlets = inputs
    return list(
        corpus_documents(
            people=people,
            places=places,
            outlets=outlets,
            count=count,
            seed=seed,
            collections=collections,
        )
    )


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def test_same_seed_writes_same_bytes_and_other_seed_differs(inputs, tmp_path):
    corpus_write(tmp_path / "a", generate(inputs, 40, seed=7, collections=2))
    corpus_write(tmp_path / "b", generate(inputs, 40, seed=7, collections=2))
    corpus_write(tmp_path / "c", generate(inputs, 40, seed=8, collections=2))
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_a_larger_corpus_starts_with_the_smaller_one(inputs):
    small, large = generate(inputs, 10), generate(inputs, 30)
    assert [d.text for d in small] == [d.text for d in large[:10]]


def test_body_word_counts_stay_between_300_and_1500(inputs):
    counts = [doc.body_words for doc in generate(inputs, 300)]
    assert min(counts) >= MIN_WORDS
    assert max(counts) <= MAX_WORDS
    assert max(counts) - min(counts) > 700  # lengths vary, not one size


def test_text_names_gazetteer_people_and_countries_and_has_quotes_and_figures(inputs):
    people, places, _ = inputs
    docs = generate(inputs, 100)
    text = "\n".join(doc.text for doc in docs)
    named_people = {p.name for p in people if p.name in text}
    named_places = {p.name for p in places if p.name in text}
    assert len(named_people) >= len(people) * 0.8
    assert len(named_places) >= len(places) * 0.8
    assert all("“" in doc.text for doc in docs)  # every article quotes someone
    assert "percent" in text and "$" in text and "votes in favour" in text


def test_catalogs_hold_outlets_of_every_kind_dates_over_years_and_load_as_toml(inputs, tmp_path):
    docs = corpus_write(tmp_path, generate(inputs, 400, collections=3))
    catalogs = sorted(tmp_path.rglob("catalog.toml"))
    assert len(catalogs) == 3  # one per event folder
    entries = {}
    for path in catalogs:
        entries.update(tomllib.loads(path.read_text("utf-8"))["files"])
    assert set(entries) == {doc.filename for doc in docs}
    assert len({e["source"] for e in entries.values() if "source" in e}) >= 40
    assert any("source" not in e for e in entries.values())  # some unattributed
    years = {e["published"].year for e in entries.values() if "published" in e}
    assert len(years) >= 2
    assert all(e["url"].startswith("https://") for e in entries.values() if "url" in e)
    assert any(doc.tags for doc in docs) and any(doc.follows is not None for doc in docs)
    assert all(docs[d.follows].event == d.event for d in docs if d.follows is not None)
