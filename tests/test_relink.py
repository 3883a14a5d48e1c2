"""Re-linking every article: the quotes that come out the same stay as they are, in their
clusters, so only the articles whose quotes changed are regrouped; articles are read a slice
at a time, each linked with the snapshot's people rather than looking them up."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleDerivedState, Job, Mention, Quote, QuoteCluster
from articles.services import linking
from articles.services.jobs import job_relink
from articles.services.linking import articles_relink, linker_snapshot, relink_all
from tests.conftest import load

pytestmark = pytest.mark.django_db


def quotes() -> dict[int, tuple]:
    return {
        row[0]: row[1:]
        for row in Quote.objects.values_list("pk", "article_id", "text", "speaker_id", "cluster")
    }


def clusters() -> dict[str, frozenset[int]]:
    return {
        c.key: frozenset(c.quotes.values_list("pk", flat=True)) for c in QuoteCluster.objects.all()
    }


def test_a_relink_that_changes_no_quote_keeps_every_quote_and_cluster(seeds_copy):
    load(seeds_copy)
    before, grouped = quotes(), clusters()
    assert before and grouped

    call_command("relink", verbosity=0)

    assert quotes() == before  # the same rows, not copies of them
    assert clusters() == grouped
    assert not QuoteCluster.objects.filter(stale=True).exists()
    assert not ArticleDerivedState.objects.filter(quotes_clustered=False).exists()
    version = linker_snapshot().version
    assert set(ArticleDerivedState.objects.values_list("linked_with", flat=True)) == {version}


def test_an_article_whose_quotes_change_is_the_one_regrouped(seeds_copy):
    load(seeds_copy)
    grouped = clusters()
    quote = Quote.objects.filter(cluster__isnull=False).select_related("article").first()
    article = quote.article
    # As if the rules had found the quote somewhere else in its article before.
    Quote.objects.filter(pk=quote.pk).update(start=quote.start + 1, end=quote.end + 1)
    others = {pk: row for pk, row in quotes().items() if row[0] != article.pk}
    its_clusters = set(article.quotes.exclude(cluster=None).values_list("cluster", flat=True))

    snapshot = linker_snapshot()
    articles_relink(articles=Article.objects.order_by("pk"), snapshot=snapshot)

    assert {pk: row for pk, row in quotes().items() if row[0] != article.pk} == others
    assert not Quote.objects.filter(pk=quote.pk).exists()  # replaced
    pending = ArticleDerivedState.objects.filter(quotes_clustered=False)
    assert list(pending.values_list("article_id", flat=True)) == [article.pk]
    assert set(QuoteCluster.objects.filter(stale=True).values_list("pk", flat=True)) == its_clusters

    relink_all()
    assert sorted(len(m) for m in clusters().values()) == sorted(len(m) for m in grouped.values())
    assert set(clusters()) == set(grouped)


def test_relinking_an_article_looks_up_no_person(seeds_copy):
    load(seeds_copy)
    snapshot = linker_snapshot()
    assert snapshot.linker is not None  # built once for the run, before counting
    article = Article.objects.select_related("collection").get(seed_file="002_463e984fabd485a6.txt")
    assert article.mentions.filter(person__isnull=False).exists()

    with CaptureQueriesContext(connection) as captured:
        articles_relink(articles=[article], snapshot=snapshot)

    tables = " ".join(query["sql"] for query in captured)
    assert '"articles_person"' not in tables and '"articles_collection"' not in tables
    # The state is written with one UPDATE, not read first.
    state = [q["sql"] for q in captured if '"articles_articlederivedstate"' in q["sql"]]
    assert len(state) == 1 and state[0].startswith("UPDATE")


def test_every_article_is_relinked_reading_a_slice_at_a_time(seeds_copy, monkeypatch):
    load(seeds_copy)
    monkeypatch.setattr(linking, "RELINK_CHUNK", 2)
    read = []
    rows = linking._rows

    def counted(pks):
        for article in rows(pks):
            read.append(article.pk)
            yield article

    monkeypatch.setattr(linking, "_rows", counted)
    progress = []
    with CaptureQueriesContext(connection) as captured:
        count = relink_all(
            articles=Article.objects.filter(pk__gt=0),
            progress=lambda done, total: progress.append((done, total)),
        )
    assert count == 5
    assert read == sorted(Article.objects.values_list("pk", flat=True))
    assert progress == [(0, 5), (2, 5), (4, 5), (5, 5)]
    slices = [q for q in captured if q["sql"].startswith('SELECT "articles_article"."id", ')]
    assert len(slices) == 3  # 2 + 2 + 1
    assert all('"search_vector"' not in q["sql"] for q in slices)


def test_the_relink_command_prints_its_progress_and_the_mention_totals(seeds_copy, monkeypatch):
    from articles.management.commands import relink as command

    load(seeds_copy)
    monkeypatch.setattr(linking, "RELINK_CHUNK", 2)
    monkeypatch.setattr(command, "PROGRESS_SECONDS", 0.0)
    mentions = Mention.objects.count()
    out = io.StringIO()

    with CaptureQueriesContext(connection) as captured:
        call_command("relink", stdout=out)

    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines[:-1]] == ["... 2/5 articles", "... 4/5 articles"]
    assert all(re.search(r"\(\d+\.\d/s, about \d+ min left\)$", line) for line in lines[:-1])
    assert lines[-1] == f"Re-linked 5 article(s): {mentions} -> {mentions} mentions."
    # The totals come from the people's and countries' stored counts, not from the mentions.
    assert not [
        q
        for q in captured
        if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "articles_mention"')
    ]


def test_a_relink_job_reads_each_slice_with_its_collections(seeds_copy):
    load(seeds_copy)
    job = Job.objects.create(kind=Job.Kind.RELINK)

    with CaptureQueriesContext(connection) as captured:
        summary = job_relink(job=job)

    assert summary.startswith("Re-linked 5 articles; ")
    assert not [q for q in captured if q["sql"].startswith('SELECT "articles_collection"')]
