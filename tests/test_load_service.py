"""The load service: hostile files rejected one by one, derived data that heals itself."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import (
    Article,
    ArticleDerivedState,
    Mention,
    Quote,
    QuoteCluster,
    Source,
)
from articles.pipeline.decoding import DocumentError
from articles.services import linking as linking_service
from articles.services import load as load_service
from articles.services.documents import display_path, read_limited
from articles.services.linking import linker_snapshot, relink_all
from articles.services.load import LoadProgress, Stage, archive_load
from articles.services.loading import Status
from tests.conftest import SEEDS_DIR, error_lines, load

pytestmark = pytest.mark.django_db

CATALOG = "catalog.toml"
FIRST = "000_c28db3b49de240b0.txt"


@pytest.fixture
def deadline():
    """Fail (instead of hanging the suite) if the test blocks for more than 10 seconds."""

    def expire(signum, frame):
        raise TimeoutError("the loader blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# --- the service itself -------------------------------------------------------------


def test_service_reports_per_file_results_and_calls_back_without_printing(seeds_copy, capsys):
    (seeds_copy / "empty.txt").write_bytes(b"")
    events: list[LoadProgress] = []
    report = archive_load(paths=[seeds_copy], progress=events.append)
    assert capsys.readouterr() == ("", "")
    assert report.counts == {
        Status.CREATED: 5,
        Status.UPDATED: 0,
        Status.UNCHANGED: 0,
        Status.REJECTED: 1,
    }
    assert [(r.path.name, r.reason) for r in report.rejected] == [("empty.txt", "empty file")]
    files = [e for e in events if e.stage == Stage.FILE]
    assert [(e.number, e.total) for e in files] == [(n, 6) for n in range(1, 7)]
    assert events[0].stage == Stage.GAZETTEER and events[0].gazetteer.people_created > 0
    assert report.clusters == QuoteCluster.objects.count() > 0
    assert not report.ok


def test_every_article_ends_linked_with_the_final_names(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(
        "Analysts on the visit\n\nZarina Kuanysheva, a columnist, doubted the deal.\n"
    )
    (tmp_path / "b.txt").write_text(
        "A column on the visit\n\nBy Zarina Kuanysheva\n\nAntony Blinken came to Astana.\n"
    )
    (tmp_path / "c.txt").write_text(
        "More on the visit\n\nZarina Kuanysheva wrote about Antony Blinken again.\n"
    )
    linked: list[str] = []
    original = load_service.article_link

    def recording_link(*, article, **kwargs):
        linked.append(article.seed_file)
        return original(article=article, **kwargs)

    monkeypatch.setattr(load_service, "article_link", recording_link)
    (tmp_path / "collection.toml").write_text('slug = "visit"\ntitle = "The visit"\n')
    report = archive_load(paths=[tmp_path], gazetteer=SEEDS_DIR / "gazetteer.toml")
    # b.txt's byline adds a person: a.txt (before it) and b.txt itself are linked
    # again at the end; c.txt is linked once, already knowing her.
    assert linked == ["a.txt", "b.txt"]
    assert report.relinked == 2
    version = linker_snapshot().version
    assert set(ArticleDerivedState.objects.values_list("linked_with", flat=True)) == {version}
    for name in ("a.txt", "c.txt"):
        assert Mention.objects.filter(
            article__seed_file=name, person__name="Zarina Kuanysheva"
        ).exists()
    assert archive_load(paths=[tmp_path], gazetteer=SEEDS_DIR / "gazetteer.toml").relinked == 0


def test_a_byline_person_added_late_re_analyses_only_the_texts_naming_them(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(
        "Analysts on the visit\n\nZarina Kuanysheva, a columnist, doubted the deal.\n"
    )
    (tmp_path / "b.txt").write_text("A report\n\nAntony Blinken met Kazakh officials.\n")
    (tmp_path / "c.txt").write_text(
        "A column on the visit\n\nBy Zarina Kuanysheva\n\nAntony Blinken came to Astana.\n"
    )
    (tmp_path / "collection.toml").write_text('slug = "visit"\ntitle = "The visit"\n')
    analysed: list[str] = []
    original = linking_service.article_analyse

    def recording_analyse(text, linker):
        analysed.append(text.title)
        return original(text, linker)

    monkeypatch.setattr(linking_service, "article_analyse", recording_analyse)
    monkeypatch.setattr("articles.services.article_save.LINKED_KEPT", 0)
    report = archive_load(paths=[tmp_path], gazetteer=SEEDS_DIR / "gazetteer.toml")
    # c.txt's byline adds her after a.txt and b.txt were linked: a.txt names her and is
    # analysed again; b.txt and c.txt's body do not, so they are only marked current, even
    # with no analysis kept from the run to compare with.
    assert analysed == ["Analysts on the visit", "A report", "A column on the visit"] + [
        "Analysts on the visit"
    ]
    assert report.relinked == 3
    version = linker_snapshot().version
    assert set(ArticleDerivedState.objects.values_list("linked_with", flat=True)) == {version}
    assert Mention.objects.filter(
        article__seed_file="a.txt", person__name="Zarina Kuanysheva"
    ).exists()
    # What re-linking everything from scratch gives is what the run stored.
    before = sorted(Mention.objects.values_list("article__seed_file", "start", "person", "country"))
    relink_all()
    after = sorted(Mention.objects.values_list("article__seed_file", "start", "person", "country"))
    assert before == after


def test_dry_run_service_writes_nothing(seeds_copy):
    report = archive_load(paths=[seeds_copy], dry_run=True)
    assert report.counts[Status.CREATED] == 5 and not report.changed
    assert Article.objects.count() == 0 and QuoteCluster.objects.count() == 0


# --- one bad file never stops a run ---------------------------------------------------


def test_non_utf8_file_name_is_rejected_and_the_rest_loads(seeds_copy):
    bad = os.path.join(os.fsencode(seeds_copy), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(b"A headline\n\nAntony Blinken visited Astana on Tuesday.\n")
    out, err, status = load(seeds_copy)
    assert error_lines(err) == [f"error: {seeds_copy}/caf\\xe9.txt: file name is not valid UTF-8"]
    assert "5 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert status == 1
    assert Article.objects.count() == 5


def test_file_names_are_shown_on_one_printable_line():
    assert display_path(Path(os.fsdecode(b"/in/caf\xe9.txt"))) == "/in/caf\\xe9.txt"
    assert display_path(Path("/in/two\nlines\t.txt")) == "/in/two\\nlines\\t.txt"
    assert display_path(Path("/in/Tokáyev.txt")) == "/in/Tokáyev.txt"


def test_catalog_that_is_not_utf8_rejects_its_folder_only(seeds_copy, tmp_path):
    (seeds_copy / CATALOG).write_bytes('[files."a.txt"]\nsource = "Café"\n'.encode("cp1252"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "talks.txt").write_bytes(b"Talks in Astana\n\nAntony Blinken met Tokayev.\n")
    out, err, status = load(seeds_copy, other)
    lines = error_lines(err)
    assert len(lines) == 5
    assert lines[0] == (
        f"error: {seeds_copy / FIRST}: catalog {seeds_copy / CATALOG}: "
        "not UTF-8 (invalid byte at position 29)"
    )
    assert "1 created, 0 updated, 0 unchanged, 5 rejected." in out
    assert status == 1
    assert list(Article.objects.values_list("seed_file", flat=True)) == ["talks.txt"]


def test_catalog_value_of_the_wrong_type_rejects_that_document(seeds_copy):
    catalog = seeds_copy / CATALOG
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace(f'[files."{FIRST}"]\n', f'[files."{FIRST}"]\npublished = 2023\n'),
        encoding="utf-8",
    )
    out, err, status = load(seeds_copy)
    assert error_lines(err) == [
        f"error: {seeds_copy / FIRST}: catalog {catalog}: {FIRST}: published must be a date"
    ]
    assert "4 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert not Article.objects.filter(seed_file=FIRST).exists()


def test_javascript_url_in_the_catalog_is_rejected_never_stored(seeds_copy):
    catalog = seeds_copy / CATALOG
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace(
            f'[files."{FIRST}"]\n',
            f'[files."{FIRST}"]\nurl = "javascript:alert(document.domain)"\n',
        ),
        encoding="utf-8",
    )
    out, err, status = load(seeds_copy)
    assert error_lines(err) == [
        f"error: {seeds_copy / FIRST}: catalog {catalog}: {FIRST}: url must be an http or "
        "https address, not 'javascript:alert(document.domain)'"
    ]
    assert status == 1
    assert not Article.objects.filter(url__icontains="javascript").exists()
    assert not Article.objects.filter(seed_file=FIRST).exists()
    assert Article.objects.count() == 4


def test_fifo_in_a_folder_is_not_a_regular_file_and_never_blocks(seeds_copy, deadline):
    os.mkfifo(seeds_copy / "pipe.txt")
    out, err, status = load(seeds_copy)
    assert error_lines(err) == [f"error: {seeds_copy / 'pipe.txt'}: not a regular file"]
    assert "5 created, 0 updated, 0 unchanged, 1 rejected." in out
    assert status == 1


def test_devices_are_rejected_without_reading_them(seeds_copy, deadline):
    (seeds_copy / "zero.txt").symlink_to("/dev/zero")
    out, err, status = load(seeds_copy, Path("/dev/zero"), Path("/dev/null"))
    assert error_lines(err) == [
        f"error: {seeds_copy / 'zero.txt'}: not a regular file",
        "error: /dev/zero: not a regular file",
        "error: /dev/null: not a regular file",
    ]
    assert "5 created, 0 updated, 0 unchanged, 3 rejected." in out


def test_a_file_is_never_read_past_the_limit_even_if_it_grows(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    class Small:
        """What fstat said before the file grew: 10 bytes."""

        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    requested: list[int] = []
    real_read = os.read

    def counting_read(fd, size):
        requested.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(DocumentError, match="larger than the 100-byte limit"):
        read_limited(path, 100)
    assert sum(requested) == 101


# --- derived data heals ---------------------------------------------------------------


def memberships() -> set[frozenset[tuple[str, int]]]:
    """Clusters as sets of (file, quote start), independent of keys and row ids."""
    groups: dict[int, set] = {}
    for cluster_id, seed_file, start in Quote.objects.filter(cluster__isnull=False).values_list(
        "cluster_id", "article__seed_file", "start"
    ):
        groups.setdefault(cluster_id, set()).add((seed_file, start))
    return {frozenset(group) for group in groups.values()}


def test_a_kill_before_clusters_are_rebuilt_is_repaired_by_the_next_run(seeds_copy, monkeypatch):
    def killed() -> int:
        raise KeyboardInterrupt  # the process is stopped after the last file

    monkeypatch.setattr(load_service, "quote_clusters_update", killed)
    with pytest.raises(KeyboardInterrupt):
        load(seeds_copy)
    monkeypatch.undo()
    assert Article.objects.count() == 5 and Quote.objects.exists()
    assert QuoteCluster.objects.count() == 0

    out, _, status = load(seeds_copy)
    assert "0 created, 0 updated, 5 unchanged, 0 rejected; repaired: quote clusters rebuilt." in out
    assert "nothing changed" not in out and status == 0
    repaired = memberships()
    assert len(repaired) >= 3
    call_command("relink", verbosity=0)  # everything derived from scratch
    assert memberships() == repaired

    out, _, _ = load(seeds_copy)
    assert "0 created, 0 updated, 5 unchanged, 0 rejected — nothing changed." in out


def test_an_article_left_with_old_links_is_relinked_by_the_next_run(seeds_copy):
    load(seeds_copy)
    article = Article.objects.get(seed_file="002_463e984fabd485a6.txt")
    mentions = list(article.mentions.values_list("start", "end", "person", "country"))
    # As if a run was stopped after the names changed but before this article was re-linked.
    article.mentions.all().delete()
    ArticleDerivedState.objects.filter(article=article).update(linked_with="older-names")

    out, _, _ = load(seeds_copy)
    assert "5 unchanged, 0 rejected; repaired: 1 article(s) re-linked." in out
    assert list(article.mentions.values_list("start", "end", "person", "country")) == mentions


def test_names_added_by_editors_reach_every_article_on_the_next_load(seeds_copy):
    load(seeds_copy)
    umarov = Mention.objects.filter(text__contains="Umarov")
    assert umarov.exists()
    person = umarov.first().person
    before = umarov.count()
    person.names.create(name="T. Umarov", origin="editor")
    out, _, _ = load(seeds_copy)
    assert "repaired: 5 article(s) re-linked" in out
    assert Mention.objects.filter(person=person).count() >= before


def test_reload_removes_an_outlet_no_article_uses_any_more(seeds_copy):
    load(seeds_copy)
    assert Source.objects.filter(name="Asian Lite News").exists()
    path = seeds_copy / "003_53b24e973d7c44a3.txt"
    path.write_bytes(path.read_bytes().replace(b"reports Asian Lite News", b"reports Lite Daily"))
    load(seeds_copy)
    assert not Source.objects.filter(name="Asian Lite News").exists()
    assert Article.objects.get(seed_file=path.name).source.name == "Lite Daily"


def test_reload_keeps_an_unused_outlet_that_editors_described(seeds_copy):
    load(seeds_copy)
    Source.objects.filter(name="Asian Lite News").update(homepage="https://asianlite.test/")
    path = seeds_copy / "003_53b24e973d7c44a3.txt"
    path.write_bytes(path.read_bytes().replace(b"reports Asian Lite News", b"reports Lite Daily"))
    load(seeds_copy)
    assert Source.objects.filter(name="Asian Lite News", articles__isnull=True).exists()
