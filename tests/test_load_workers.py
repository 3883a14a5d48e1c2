"""Loading in batches and with worker processes writes exactly what one file at a time does."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from articles.models import (
    Article,
    ArticleEntity,
    Country,
    Fact,
    Mention,
    Person,
    PersonCandidate,
    Quote,
)
from articles.services.load import archive_load
from articles.services.loading import Status

pytestmark = pytest.mark.django_db

COLLECTION = 'slug = "workers"\ntitle = "Workers"\nstart_date = 2023-03-01\nend_date = 2023-03-01\n'
ARTICLES = 14


@pytest.fixture
def folder(tmp_path):
    call_command(
        "generate_corpus",
        articles=ARTICLES,
        seed=5,
        output=tmp_path / "corpus",
        no_load=True,
        stdout=io.StringIO(),
    )
    part = next((tmp_path / "corpus").rglob("catalog.toml")).parent
    (part / "collection.toml").write_text(COLLECTION, encoding="utf-8")
    (part / "0000005b.txt").write_bytes(b"%PDF-1.4 not a text")
    paragraphs = "".join(
        f"<p>{sentence} Officials from both governments spent the day on water, trade and "
        "transport corridors, and said the talks would continue in the spring.</p>"
        for sentence in (
            "Antony Blinken met Kassym-Jomart Tokayev in Astana on Tuesday.",
            "“We discussed water and the region's independence,” Blinken said.",
            "Kazakhstan pledged $25 million for a new border crossing with Uzbekistan.",
            "The ministers of the five Central Asian states joined them in the afternoon.",
        )
    )
    (part / "0000009b.html").write_text(
        "<html><head><title>Talks in Astana</title></head><body><article>"
        f"<h1>Talks in Astana</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    return part


def rows() -> dict:
    """Every row a load writes, by natural keys (never primary keys), sorted."""
    slug = dict(Article.objects.values_list("pk", "slug"))
    person = dict(Person.objects.values_list("pk", "slug"))

    def of(queryset, *fields):
        return sorted(
            (tuple(slug.get(v, v) if f == "article" else v for f, v in zip(fields, r, strict=True))
             for r in queryset.values_list(*fields)),
            key=repr,
        )  # fmt: skip

    authors = Article.authors.through.objects.values_list("article_id", "person_id")
    return {
        "articles": of(
            Article.objects,
            "slug",
            "title",
            "published",
            "source__slug",
            "language",
            "body",
            "mention_count",
            "people_count",
            "country_count",
            "derived_state__linked_with",
        ),  # fmt: skip
        "authors": sorted((slug[a], person[p]) for a, p in authors),
        "mentions": of(
            Mention.objects,
            "article",
            "kind",
            "person__slug",
            "country",
            "start",
            "end",
            "text",
            "method",
        ),  # fmt: skip
        "entities": of(
            ArticleEntity.objects, "article", "kind", "person__slug", "country", "mentions"
        ),  # fmt: skip
        "quotes": of(
            Quote.objects,
            "article",
            "part",
            "start",
            "end",
            "text",
            "speaker_text",
            "speaker__slug",
            "speaker_kind",
            "cluster__key",
        ),  # fmt: skip
        "facts": of(Fact.objects, "article", "kind", "start", "end", "text", "value", "subject"),
        "candidates": sorted(
            (c.key, c.name, c.role, c.context, tuple(sorted(a.slug for a in c.articles.all())))
            for c in PersonCandidate.objects.prefetch_related("articles")
        ),
        "totals": of(Person.objects, "slug", "article_count", "mention_count")
        + of(Country.objects, "code", "article_count", "mention_count"),
    }


def load(folder, **options) -> tuple[list, dict]:
    """What a load reports and writes; then rolled back, for the next load to start afresh."""
    with transaction.atomic():
        report = archive_load(paths=[folder], **options)
        found = [(r.name, str(r.status), r.slug, r.reason) for r in report.files], rows()
        found[1]["relinked"] = report.relinked
        transaction.set_rollback(True)
    return found


def test_two_workers_write_exactly_what_one_process_writes(folder, monkeypatch):
    one = load(folder)
    two = load(folder, workers=2)
    assert two == one
    files, written = one
    statuses = [status for _, status, _, _ in files]
    assert statuses.count(Status.CREATED) == ARTICLES + 1  # and the HTML page
    assert [name for name, status, _, _ in files if status == Status.REJECTED] == [
        str(folder / "0000005b.txt")
    ]
    assert written["mentions"] and written["quotes"] and written["facts"]
    # The bylines added people as the run went: the workers' linker was replaced each time.
    assert {"daniel-hartley", "oliver-brandt"} & {slug for _, slug in written["authors"]}
    # Articles loaded before a byline added a person were stale at the end and re-linked.
    assert written["relinked"] > 0
    # Batches of one file give the same rows as batches of many.
    monkeypatch.setattr("articles.services.load.BATCH_FILES", 1)
    assert load(folder, workers=2) == one
    # Re-linking those articles in full writes what comparing their analyses kept.
    monkeypatch.setattr("articles.services.article_save.LINKED_KEPT", 0)
    assert load(folder) == one


def test_a_file_that_fails_in_a_batch_leaves_nothing_and_the_others_land(folder, monkeypatch):
    target = "0000003.txt"
    real = Fact.objects.bulk_create

    def bulk_create(objs, *args, **kwargs):
        objs = list(objs)
        if any(fact.article.seed_file == target for fact in objs):
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Fact.objects, "bulk_create", bulk_create)
    with transaction.atomic():
        report = archive_load(paths=[folder], workers=2)
        failed = [r for r in report.files if r.reason.endswith("(disk full)")]
        assert [r.path.name for r in failed] == [target]
        assert report.counts[Status.CREATED] == ARTICLES
        assert not Article.objects.filter(seed_file=target).exists()
        # Every author of the files that landed exists once; none is left from the failure.
        authors = Person.objects.filter(role="Author")
        assert authors.count() == len(set(authors.values_list("name", flat=True)))
        assert all(person.authored_articles.exists() for person in authors)
        transaction.set_rollback(True)
