"""export_archive: the JSON Lines contract researchers rely on."""

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleTag, Tag
from articles.services.exporting import EXPORT_KEYS

pytestmark = pytest.mark.django_db


def export(**options) -> list[dict]:
    out = io.StringIO()
    call_command("export_archive", stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_record_per_article_with_exactly_the_documented_keys(seeded):
    records = export()
    assert len(records) == 5
    for record in records:
        assert tuple(record) == EXPORT_KEYS
    assert EXPORT_KEYS == (
        "seed_file", "slug", "url", "title", "title_derived", "source", "authors",
        "published", "language", "people", "countries", "tags", "quotes", "body",
        "source_kind", "source_country", "collection", "capture_url", "capture_sha256",
    )  # fmt: skip


def test_record_values(seeded):
    article = Article.objects.get(seed_file="001_ac4287f27224b710.txt")
    ArticleTag.objects.create(article=article, tag=Tag.objects.create(name="C5+1", slug="c5-1"))
    records = {r["seed_file"]: r for r in export()}
    unattributed = records["001_ac4287f27224b710.txt"]
    assert unattributed["source"] is None
    assert unattributed["published"] is None
    assert unattributed["title_derived"] is True
    assert unattributed["url"] == f"/articles/{article.slug}/"
    assert unattributed["tags"] == ["C5+1"]
    assert "Antony Blinken" in unattributed["people"]
    assert {"KZ", "UZ", "US", "RU"} <= set(unattributed["countries"])
    assert any(
        q["speaker"] == "Mukhtar Tileuberdi" and "risk or threat" in q["text"]
        for q in unattributed["quotes"]
    )
    assert unattributed["body"] == article.body
    caravanserai = records["002_463e984fabd485a6.txt"]
    assert caravanserai["authors"] == ["Kanat Altynbayev", "Rustam Temirov"]
    assert caravanserai["source"] == "Caravanserai"
    # The data file knows neither Caravanserai's kind nor its country: both stay unknown.
    assert (caravanserai["source_kind"], caravanserai["source_country"]) == (None, None)
    assert (unattributed["source_kind"], unattributed["source_country"]) == (None, None)
    current_time = records["000_c28db3b49de240b0.txt"]
    assert current_time["source"] == "Current Time TV"
    assert current_time["source_kind"] == "state_funded_international"
    assert current_time["source_country"] == "CZ"
    assert {r["collection"] for r in records.values()} == {"blinken-central-asia-2023"}


def test_export_to_a_file(seeded, tmp_path):
    target = tmp_path / "archive.jsonl"
    out = io.StringIO()
    call_command("export_archive", output=target, stdout=out)
    assert "Exported 5 article(s)" in out.getvalue()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["seed_file"].startswith("000_")
