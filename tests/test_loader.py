"""load_seeds: raw documents in, clean archive records out, safely and repeatably."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import (
    Article,
    ArticleTag,
    EditorialLink,
    Fact,
    Mention,
    Person,
    PersonCandidate,
    PersonName,
    Quote,
    Source,
    Tag,
)
from articles.pipeline.decoding import MAX_DOCUMENT_BYTES
from tests.conftest import with_collection

pytestmark = pytest.mark.django_db


def load(*paths, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    options = with_collection(paths, options)
    call_command("load_seeds", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def load_failing(*paths, **options) -> tuple[str, str, CommandError]:
    out, err = io.StringIO(), io.StringIO()
    options = with_collection(paths, options)
    with pytest.raises(CommandError) as raised:
        call_command("load_seeds", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue(), raised.value


def database_state() -> dict[str, list]:
    """Everything the loader writes, as comparable values."""
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "mentions": list(Mention.objects.order_by("pk").values_list("article", "start", "end")),
        "quotes": list(Quote.objects.order_by("pk").values_list("article", "start", "text")),
        "facts": list(Fact.objects.order_by("pk").values_list("article", "value")),
        "people": list(Person.objects.order_by("pk").values_list("slug", "name")),
        "sources": list(Source.objects.order_by("pk").values_list("name")),
        "candidates": list(PersonCandidate.objects.order_by("pk").values_list("key", "status")),
    }


def test_loads_the_five_seeds_with_their_metadata():
    out, err = load()
    assert "5 created, 0 updated, 0 unchanged, 0 rejected." in out
    assert err == ""
    assert Article.objects.count() == 5
    by_file = {a.seed_file: a for a in Article.objects.select_related("source")}
    first = by_file["000_c28db3b49de240b0.txt"]
    assert first.source.name == "Current Time TV"
    assert first.title.startswith("US Secretary of State Travels to Kazakhstan")
    derived = by_file["001_ac4287f27224b710.txt"]
    assert derived.title_derived is True
    assert derived.source is None and derived.source_label == "Unattributed"
    assert derived.published is None and derived.url == ""
    caravanserai = by_file["002_463e984fabd485a6.txt"]
    assert caravanserai.source.name == "Caravanserai"
    assert sorted(caravanserai.authors.values_list("name", flat=True)) == [
        "Kanat Altynbayev",
        "Rustam Temirov",
    ]
    assert "Do you like this article" not in caravanserai.body
    assert caravanserai.reader_comments[0] == "The USA is better than Russia."
    assert len(caravanserai.captions) == 2
    assert by_file["003_53b24e973d7c44a3.txt"].source.name == "Asian Lite News"
    assert by_file["004_27ed5834291f6abf.txt"].source is None
    assert all(len(a.content_hash) == 64 for a in by_file.values())


def test_second_run_changes_nothing_and_says_so():
    load()
    before = database_state()
    out, _ = load()
    assert "0 created, 0 updated, 5 unchanged, 0 rejected — nothing changed." in out
    assert database_state() == before


def test_dry_run_writes_nothing():
    out, _ = load(dry_run=True)
    assert "Dry run (nothing written): 5 created" in out
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0


def test_changed_file_updates_its_article_in_place(seeds_copy: Path):
    load(seeds_copy)
    path = seeds_copy / "003_53b24e973d7c44a3.txt"
    article = Article.objects.get(seed_file=path.name)
    slug, url = article.slug, article.get_absolute_url()
    path.write_bytes(path.read_bytes() + b"\n\nA correction was appended by the outlet.\n")
    out, _ = load(seeds_copy)
    assert "0 created, 1 updated, 4 unchanged, 0 rejected." in out
    article.refresh_from_db()
    assert article.slug == slug and article.get_absolute_url() == url
    assert article.body.endswith("A correction was appended by the outlet.")
    assert Article.objects.count() == 5


def test_reload_keeps_editorial_work(seeds_copy: Path):
    load(seeds_copy)
    editor = get_user_model().objects.create_user("editor")
    unattributed = Article.objects.get(seed_file="001_ac4287f27224b710.txt")
    other = Article.objects.get(seed_file="004_27ed5834291f6abf.txt")
    outlet = Source.objects.create(name="El País", slug="el-pais")
    unattributed.source = outlet
    unattributed.title = "Editor's corrected title"
    unattributed.edited_fields = ["source", "title"]
    unattributed.save()
    tag = Tag.objects.create(name="Sanctions", slug="sanctions")
    ArticleTag.objects.create(article=unattributed, tag=tag, added_by=editor)
    EditorialLink.objects.create(
        from_article=unattributed, to_article=other, relation="same_event", created_by=editor
    )
    blinken = Person.objects.get(slug="antony-blinken")
    PersonName.objects.create(person=blinken, name="Entoni Blinken", origin="editor")

    # Change both files, so the reload rewrites them.
    for name in (unattributed.seed_file, other.seed_file):
        path = seeds_copy / name
        path.write_bytes(path.read_bytes() + b"\nOne more paragraph.\n")
    out, _ = load(seeds_copy)
    assert "2 updated" in out

    unattributed.refresh_from_db()
    assert unattributed.source == outlet
    assert unattributed.title == "Editor's corrected title"
    assert list(unattributed.tags.all()) == [tag]
    assert ArticleTag.objects.get(article=unattributed).added_by == editor
    assert EditorialLink.objects.filter(from_article=unattributed, to_article=other).count() == 1
    assert PersonName.objects.filter(person=blinken, name="Entoni Blinken").count() == 1
    assert Tag.objects.count() == 1


BAD_INPUTS = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\n \t\n", "no text (only whitespace)"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary data, not text"),
    "furniture.txt": (b'Advertisement\n\n[mc4wp_form id=""]\n', "no article text"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_is_rejected_with_a_one_line_reason_and_others_still_load(seeds_copy, name):
    content, reason = BAD_INPUTS[name]
    (seeds_copy / name).write_bytes(content)
    out, err, error = load_failing(seeds_copy)
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {seeds_copy / name}: {reason}")
    assert "5 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert error.returncode == 1
    assert Article.objects.count() == 5
    assert not Article.objects.filter(seed_file=name).exists()


def test_file_over_the_size_limit_is_rejected(seeds_copy):
    big = seeds_copy / "big.txt"
    big.write_bytes(b"word " * (MAX_DOCUMENT_BYTES // 5 + 10))
    _, err, error = load_failing(big)
    assert f"error: {big}: larger than the {MAX_DOCUMENT_BYTES:,}-byte limit" in err
    assert error.returncode == 1


def test_unreadable_and_missing_files_are_rejected(seeds_copy, monkeypatch):
    locked = seeds_copy / "000_c28db3b49de240b0.txt"
    original = os.open

    # The loader opens documents with os.open (bounded, non-blocking reads).
    def open_file(path, flags, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return original(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    missing = seeds_copy / "missing.txt"
    out, err, _ = load_failing(locked, missing, seeds_copy / "002_463e984fabd485a6.txt")
    assert f"error: {locked}: unreadable: Permission denied" in err
    assert f"error: {missing}: no such file" in err
    assert "1 created, 0 updated, 0 unchanged, 2 rejected." in out


ENCODED = {
    "bom.txt": "\ufeffKazakh minister meets Blinken\n\nMukhtar Tileuberdi met Antony Blinken.\n",
    "crlf.txt": "Talks in Astana\r\n\r\nAntony Blinken met Kassym-Jomart Tokayev.\r\n",
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_utf8_variants_load_cleanly(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(ENCODED[name].encode("utf-8"))
    _, err = load(path)
    article = Article.objects.get(seed_file=name)
    assert "\r" not in article.body and "\ufeff" not in article.title + article.body
    assert err == ""
    assert article.mentions.filter(person__slug="antony-blinken").exists()


def test_windows_1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "Tokayev’s answer\n\nKassym-Jomart Tokáyev said “no” to the café owners.\n"
    path.write_bytes(text.encode("cp1252"))
    _, err = load(path)
    article = Article.objects.get(seed_file="legacy.txt")
    assert "Tokáyev said “no” to the café owners." in article.body
    assert article.encoding == "cp1252"
    assert f"warning: {path}: not UTF-8: decoded as cp1252" in err


def test_mojibake_is_repaired_with_a_warning(tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_bytes("A visit\n\nPresident TokÃ¡yev welcomed Antony Blinken.\n".encode())
    _, err = load(path)
    article = Article.objects.get(seed_file="mojibake.txt")
    assert "President Tokáyev welcomed" in article.body
    assert "repaired mojibake" in err
    assert article.mentions.filter(person__slug="kassym-jomart-tokayev").exists()


def test_a_failure_mid_file_leaves_the_database_exactly_as_before(seeds_copy, monkeypatch):
    load(seeds_copy)
    path = seeds_copy / "002_463e984fabd485a6.txt"
    path.write_bytes(path.read_bytes().replace(b"Blinken", b"Blinken (US)"))
    before = database_state()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # Facts are written after the article, its mentions and its quotes.
    monkeypatch.setattr(Fact.objects, "bulk_create", explode)
    out, err, error = load_failing(seeds_copy)
    assert f"error: {path}: could not be saved (disk full)" in err
    assert "0 created, 0 updated, 4 unchanged, 1 rejected" in out
    assert database_state() == before


def test_dismissed_candidate_stays_dismissed_on_reload(seeds_copy):
    load(seeds_copy)
    candidate = PersonCandidate.objects.create(key="zz-test", name="Zed Test", status="dismissed")
    (seeds_copy / "extra.txt").write_bytes(
        b'An analyst speaks\n\n"It matters," said Zed Test, a political analyst in Almaty.\n'
    )
    load(seeds_copy)
    candidate.refresh_from_db()
    assert candidate.status == "dismissed"


def test_relink_applies_people_and_variants_added_by_editors():
    load()
    article = Article.objects.get(seed_file="002_463e984fabd485a6.txt")
    Person.objects.filter(slug="temur-umarov").delete()
    call_command("relink", verbosity=0)
    assert not article.mentions.filter(text__contains="Umarov").exists()

    umarov = Person.objects.create(name="Temur Umarov", slug="temur-umarov")
    PersonName.objects.create(person=umarov, name="Timur Umarov", origin="editor")
    out = io.StringIO()
    call_command("relink", stdout=out)
    assert "Re-linked 5 article(s)" in out.getvalue()
    assert article.mentions.filter(person=umarov).count() >= 2
