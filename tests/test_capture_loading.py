"""Loading saved pages and web archives through load_seeds and the load service."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from articles.models import Article, Capture
from articles.services.load import archive_load
from articles.services.loading import Status
from tests.capture_fixtures import (
    ASTANA,
    ASTANA_URL,
    COOKIE_WALL,
    TASHKENT,
    TASHKENT_URL,
    VISITS,
    visits_warc,
)
from tests.conftest import collection_for_tests, error_lines, load

pytestmark = pytest.mark.django_db

ASTANA_TITLE = "Blinken meets Central Asian ministers in Astana"
TASHKENT_TITLE = "US Secretary of State arrives in Tashkent after Astana talks"


def summary(article: Article) -> tuple:
    return (
        article.title,
        article.source.name if article.source else None,
        article.published,
        article.url,
        article.language,
        [person.name for person in article.authors.all()],
    )


def test_a_folder_of_saved_pages_about_both_visits_loads_with_the_right_metadata(tmp_path):
    folder = tmp_path / "visits"
    shutil.copytree(VISITS, folder)
    out, err, status = load(folder)
    assert (status, error_lines(err)) == (0, [])
    assert "2 created" in out
    astana = Article.objects.get(seed_file="astana-c5-ministerial.html")
    tashkent = Article.objects.get(seed_file="tashkent-visit.html")
    assert summary(astana) == (
        ASTANA_TITLE, "Eurasianet", dt.date(2023, 2, 28), ASTANA_URL, "en", ["Aida Nurlanova"]
    )  # fmt: skip
    assert summary(tashkent) == (
        TASHKENT_TITLE, "Kazinform", dt.date(2023, 3, 1), TASHKENT_URL, "en", ["Timur Bekov"]
    )  # fmt: skip
    # The outlets are the records of the outlets data file, found by name.
    assert astana.source.origin == "data_file" and tashkent.source.slug == "kazinform"
    # The text went through the parser and the linker like any document.
    assert astana.body.startswith("US Secretary of State Antony Blinken sat down")
    assert "cookie" not in astana.body.lower()
    assert astana.mentions.filter(person__name="Antony Blinken").exists()
    assert astana.reader_comments[-1].startswith("Water sharing is the real story")
    assert astana.metadata_origin["published"] == "capture"
    # The original bytes are kept with their digest.
    capture = Capture.objects.get(article=astana)
    assert bytes(capture.content) == ASTANA.read_bytes()
    assert astana.capture_sha256 == hashlib.sha256(ASTANA.read_bytes()).hexdigest()
    assert capture.sha256 == astana.capture_sha256

    out, err, status = load(folder)
    assert "2 unchanged" in out and status == 0


def test_saved_pages_of_two_events_load_into_two_collections(tmp_path):
    """Each event's folder names its collection; the same command loads both, apart."""
    events = {
        "c5-ministerial-astana-2023": ("C5+1 ministerial in Astana", ASTANA, "2023-02-28"),
        "blinken-tashkent-2023": ("Blinken in Tashkent", TASHKENT, "2023-03-01"),
    }
    for slug, (title, page, day) in events.items():
        folder = tmp_path / slug
        folder.mkdir()
        shutil.copy(page, folder / page.name)
        (folder / "collection.toml").write_text(
            f'slug = "{slug}"\ntitle = "{title}"\nstart_date = {day}\nend_date = {day}\n',
            encoding="utf-8",
        )
        out, err, status = load(folder)
        assert (status, error_lines(err)) == (0, []), err
    astana = Article.objects.get(seed_file=ASTANA.name)
    tashkent = Article.objects.get(seed_file=TASHKENT.name)
    assert (astana.collection.slug, astana.collection.title) == (
        "c5-ministerial-astana-2023",
        "C5+1 ministerial in Astana",
    )
    assert tashkent.collection.slug == "blinken-tashkent-2023"
    assert summary(astana)[:4] == (ASTANA_TITLE, "Eurasianet", dt.date(2023, 2, 28), ASTANA_URL)
    assert summary(tashkent)[:4] == (
        TASHKENT_TITLE, "Kazinform", dt.date(2023, 3, 1), TASHKENT_URL
    )  # fmt: skip


def test_the_catalog_still_wins_for_the_date_and_says_so(tmp_path):
    shutil.copy(TASHKENT, tmp_path / "tashkent.html")
    (tmp_path / "catalog.toml").write_text('[files."tashkent.html"]\npublished = 2023-03-02\n')
    load(tmp_path)
    article = Article.objects.get()
    assert article.published == dt.date(2023, 3, 2)
    assert article.metadata_origin["published"] == "catalog"
    assert article.metadata_origin["title"] == "capture"


def test_bad_pages_are_rejected_one_by_one_and_the_rest_loads(tmp_path):
    shutil.copy(ASTANA, tmp_path / "a.html")
    shutil.copy(COOKIE_WALL, tmp_path / "b.html")
    (tmp_path / "c.htm").write_bytes(
        b"<html><head><title>Saved</title></head><body><div></div></body></html>"
    )
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    (tmp_path / "e.txt").write_bytes(b"%PDF-1.4\nBT (Blinken in Astana) Tj ET\n%%EOF\n")
    out, err, status = load(tmp_path)
    assert status == 1
    assert error_lines(err) == [
        f"error: {tmp_path}/b.html: no article text: the page has only furniture "
        "(navigation, notices, links)",
        f"error: {tmp_path}/c.htm: no article text could be extracted from the page",
        f"error: {tmp_path}/d.pdf: not a supported document type (PDF)",
        f"error: {tmp_path}/e.txt: not a supported document type (PDF)",
    ]
    assert list(Article.objects.values_list("seed_file", flat=True)) == ["a.html"]
    assert Capture.objects.count() == 1


def test_a_warc_loads_each_html_response_as_an_article_keyed_on_its_url(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        visits_warc(extra=[("https://eurasianet.org/logo.png", "image/png", b"\x89PNG")])
    )
    report = archive_load(collection=collection_for_tests(), paths=[archive])
    assert [(r.status, r.record) for r in report.files] == [
        (Status.CREATED, f"record 2 ({ASTANA_URL})"),
        (Status.CREATED, f"record 3 ({TASHKENT_URL})"),
    ]
    assert report.files[0].warnings == (
        "skipped 2 record(s) that are not HTML pages (1 image/png, 1 warcinfo)",
    )
    astana = Article.objects.get(capture_url=ASTANA_URL)
    assert summary(astana)[:4] == (ASTANA_TITLE, "Eurasianet", dt.date(2023, 2, 28), ASTANA_URL)
    assert Capture.objects.get(article=astana).record == 2
    assert bytes(astana.capture.content) == ASTANA.read_bytes()

    # The same page in another archive is the same article.
    again = tmp_path / "second-crawl.warc"
    again.write_bytes(visits_warc(gzip=False))
    report = archive_load(collection=collection_for_tests(), paths=[again])
    assert [r.status for r in report.files] == [Status.UNCHANGED, Status.UNCHANGED]
    assert Article.objects.count() == 2


def test_a_truncated_warc_loads_the_records_before_the_damage_and_names_the_damaged_one(tmp_path):
    data = visits_warc()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 400])
    shutil.copy(TASHKENT, tmp_path / "z.html")
    out, err, status = load(tmp_path)
    assert status == 1
    assert error_lines(err) == [
        f"error: {tmp_path}/cut.warc.gz: record 3 ({TASHKENT_URL}) is truncated "
        "(the archive ends inside it)"
    ]
    assert sorted(Article.objects.values_list("title", flat=True)) == [ASTANA_TITLE, TASHKENT_TITLE]
    assert Article.objects.get(capture_url=ASTANA_URL).capture.record == 2


def test_a_warc_record_that_is_no_article_is_named(tmp_path):
    archive = tmp_path / "mixed.warc.gz"
    archive.write_bytes(
        visits_warc(
            extra=[("https://eurasianet.org/cookies", "text/html", COOKIE_WALL.read_bytes())]
        )
    )
    report = archive_load(collection=collection_for_tests(), paths=[archive])
    assert [r.status for r in report.files] == [Status.CREATED, Status.CREATED, Status.REJECTED]
    assert report.files[2].name == f"{archive} record 4 (https://eurasianet.org/cookies)"
    assert report.files[2].reason.startswith("no article text: the page has only furniture")


def test_a_text_document_gets_a_detected_language(tmp_path):
    (tmp_path / "ru.txt").write_text(
        "Блинкен в Астане\n\nГоссекретарь США провёл переговоры с министрами иностранных дел "
        "пяти государств Центральной Азии.\n",
        encoding="utf-8",
    )
    (tmp_path / "short.txt").write_text("Talks in Astana\n\nMinisters met.\n", encoding="utf-8")
    load(tmp_path)
    russian = Article.objects.get(seed_file="ru.txt")
    assert (russian.language, russian.metadata_origin["language"]) == ("ru", "detected")
    short = Article.objects.get(seed_file="short.txt")
    assert short.language == "und" and "language" not in short.metadata_origin


def test_a_dry_run_of_captures_writes_nothing(tmp_path):
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(visits_warc(gzip=False))
    report = archive_load(collection=collection_for_tests(), paths=[archive, ASTANA], dry_run=True)
    assert [r.status for r in report.files] == [Status.CREATED] * 3
    assert Article.objects.count() == 0 and Capture.objects.count() == 0


def test_a_page_copied_as_text_keeps_its_identity_apart(tmp_path: Path):
    shutil.copy(ASTANA, tmp_path / "page.html")
    (tmp_path / "page.txt").write_text(f"{ASTANA_TITLE}\n\nAnother copy, as text, of the talks.\n")
    load(tmp_path)
    assert Article.objects.get(seed_file="page.txt").capture_sha256 == ""
    assert not Capture.objects.filter(article__seed_file="page.txt").exists()
