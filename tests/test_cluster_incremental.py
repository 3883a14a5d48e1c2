"""The cluster update after a load places only the new quotes, and groups them as the full
rebuild would: the same clusters (as sets of quote ids), the same keys, a merged cluster's key
kept as an alias; its queries do not grow with the clusters already stored."""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticleDerivedState, Quote, QuoteCluster, QuoteClusterAlias
from articles.pipeline.cluster_update import cluster_update
from articles.pipeline.clusters import QuoteRef, cluster_quotes
from articles.services import clustering
from articles.services.cluster_update import quote_clusters_update
from articles.services.clustering import quote_clusters_rebuild
from articles.services.counts import articles_delete
from tests.conftest import load
from tests.factories import ArticleFactory, QuoteFactory
from tests.seed_data import seed_quotes, speaker_key

SEEDS = ("000", "001", "002", "003", "004")


def groups() -> set[frozenset[int]]:
    found: dict[int, set[int]] = {}
    for pk, cluster in Quote.objects.filter(cluster__isnull=False).values_list("pk", "cluster"):
        found.setdefault(cluster, set()).add(pk)
    return {frozenset(members) for members in found.values()}


def keyed() -> dict[str, frozenset[int]]:
    """Each cluster's key with its members' ids."""
    return {
        cluster.key: frozenset(cluster.quotes.values_list("pk", flat=True))
        for cluster in QuoteCluster.objects.all()
    }


def same_as_rebuild() -> dict[str, frozenset[int]]:
    """The clusters after the update, checked against a full rebuild of the same quotes."""
    updated = keyed()
    assert all(len(members) >= 2 for members in updated.values())
    quote_clusters_rebuild()
    assert keyed() == updated
    return updated


# --- the pipeline: every split of the seeds --------------------------------------------


def seed_refs() -> list[QuoteRef]:
    return [
        QuoteRef(seed, index, quote.text, speaker_key(seed, quote))
        for seed, quotes in seed_quotes().items()
        for index, quote in enumerate(quotes)
    ]


@pytest.mark.parametrize("stored", [s for n in (1, 2, 3, 4) for s in combinations(SEEDS, n)])
def test_seeds_placed_after_any_split_group_as_all_at_once(stored):
    refs = seed_refs()
    position = {(ref.article, ref.index): n for n, ref in enumerate(refs)}
    before = [ref for ref in refs if ref.article in stored]
    blocks = [[position[r.article, r.index] for r in group] for group in cluster_quotes(before)]
    grouped = {k for block in blocks for k in block}
    old = [position[r.article, r.index] for r in before]
    blocks += [[k] for k in old if k not in grouped]
    fresh = [n for n, ref in enumerate(refs) if ref.article not in stored]

    # Every stored block is offered to every new quote: the rules alone decide the joins.
    placed = cluster_update(
        refs, fresh=fresh, blocks=blocks, joins=dict.fromkeys(fresh, range(len(blocks)))
    )

    touched = {k for group in placed for k in group}
    final = placed + [b for b in blocks if len(b) >= 2 and touched.isdisjoint(b)]
    expected = [[position[r.article, r.index] for r in g] for g in cluster_quotes(refs)]
    assert sorted(final) == sorted(expected)


# --- loading the seeds in two steps ------------------------------------------------------


@pytest.mark.django_db
def test_seeds_loaded_in_two_steps_cluster_as_a_rebuild_and_keep_their_keys(seeds_copy, tmp_path):
    later = tmp_path / "later"
    later.mkdir()
    # 001 and 002 share three statements; 004 reports one of each later, among them
    # Tokayev's thanks in 002, worded with formula words only: the speaker's quotes are
    # found without a distinctive word in common.
    for path in [*seeds_copy.glob("000_*.txt"), *seeds_copy.glob("004_*.txt")]:
        shutil.move(path, later / path.name)
    load(seeds_copy)
    first = keyed()
    assert first

    for path in later.iterdir():
        shutil.move(path, seeds_copy / path.name)
    out, _, status = load(seeds_copy)
    assert "2 created" in out and status == 0
    assert not ArticleDerivedState.objects.filter(quotes_clustered=False).exists()

    final = same_as_rebuild()
    assert set(first) <= set(final)  # every cluster of the first step kept its key
    assert all(first[key] <= final[key] for key in first)
    thanks = {
        Quote.objects.get(text__startswith=start).cluster_id
        for start in ("the continuous and firm support", "for consistent and unwavering support")
    }
    assert len(thanks) == 1 and None not in thanks


# --- made-up documents: joining, a new cluster, a merge after a re-link -------------------

# Twelve words each: a and c share 9 in order, b and d 11, a and b (and a and d) 7, c and
# b (and c and d) 4. So a~c (75) and b~d (92) form first and a~b (58) cannot join them
# while c is there.
WORDS_A = (
    "railway caspian harbour copper wheat grain tariff customs drought orchard vineyard tunnel"
)
WORDS_C = "railway caspian harbour copper wheat grain tariff customs drought glacier meadow falcon"
WORDS_B = "grain tariff customs drought orchard vineyard tunnel lantern ferry quarry marble saddle"
WORDS_D = "grain tariff customs drought orchard vineyard tunnel lantern ferry quarry marble compass"


def write(folder: Path, name: str, words: str | None) -> None:
    quote = f"\n\n“{words[0].upper()}{words[1:]},” a diplomat said." if words else ""
    (folder / f"{name}.txt").write_text(
        f"Talks on the corridor ({name})\n\nReporters gathered in the hall on Tuesday.{quote}\n",
        encoding="utf-8",
    )


def quote_id(words: str) -> int:
    return Quote.objects.get(text__iexact=words).pk


@pytest.mark.django_db
def test_made_up_documents_join_pair_and_merge_as_a_rebuild(tmp_path, client, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    write(folder, "a", WORDS_A)
    write(folder, "b", WORDS_B)
    write(folder, "c", WORDS_C)
    load(folder)
    a, b, c = quote_id(WORDS_A), quote_id(WORDS_B), quote_id(WORDS_C)
    assert set(same_as_rebuild().values()) == {frozenset({a, c})}
    (x_key,) = keyed()

    # d is close to b, in no cluster, and to a, whose cluster c keeps it from: it pairs with b.
    write(folder, "d", WORDS_D)
    with monkeypatch.context() as patched:

        def regroup_all(quotes, *args, **kwargs):
            raise AssertionError("the load regrouped every quote")

        patched.setattr(clustering, "cluster_quotes", regroup_all)
        out, _, _ = load(folder)
    assert "1 created" in out
    d = quote_id(WORDS_D)
    after = same_as_rebuild()
    assert set(after.values()) == {frozenset({a, c}), frozenset({b, d})}
    assert after[x_key] == {a, c}
    (y_key,) = set(after) - {x_key}

    # c's article is edited and its quote removed: a is free to join b and d. The merged
    # cluster keeps the key most of its members had; the other key redirects to it.
    write(folder, "c", None)
    out, _, _ = load(folder)
    assert "1 updated" in out
    assert not QuoteCluster.objects.filter(stale=True).exists()
    assert same_as_rebuild() == {y_key: frozenset({a, b, d})}
    assert QuoteClusterAlias.objects.get(key=x_key).cluster.key == y_key
    response = client.get(reverse("articles:quote-cluster", kwargs={"key": x_key}))
    assert response.status_code == 301
    assert response["Location"] == QuoteCluster.objects.get(key=y_key).get_absolute_url()


@pytest.mark.django_db
def test_a_deleted_article_leaves_its_clusters():
    first, second, third = (ArticleFactory() for _ in range(3))
    for article, variant in ((first, "x"), (second, "y"), (third, "z")):
        QuoteFactory(article=article, text=statement(1, variant))
    QuoteFactory(article=first, start=500, text=statement(2, "x"))
    QuoteFactory(article=second, start=500, text=statement(2, "y"))
    ArticleDerivedState.objects.bulk_create(
        ArticleDerivedState(article=article, quotes_clustered=False)
        for article in (first, second, third)
    )
    quote_clusters_update()
    assert len(groups()) == 2
    kept = QuoteCluster.objects.get(quotes__text=statement(1, "z")).key

    articles_delete(articles=type(first).objects.filter(pk=first.pk))
    quote_clusters_update()
    # Statement 1 keeps its key with two reports; statement 2, left with one, is no cluster.
    assert keyed() == {
        kept: frozenset(Quote.objects.filter(text__startswith="s1w").values_list("pk", flat=True))
    }
    assert not QuoteClusterAlias.objects.exists()


# --- what the update costs ---------------------------------------------------------------


def statement(n: int, variant: str) -> str:
    """Statement ``n``: eight words no other statement uses, the last one varied."""
    return " ".join([*(f"s{n}w{k}" for k in range(7)), f"s{n}{variant}"])


def stored_archive(clusters: int) -> None:
    """``clusters`` statements each reported by two articles, and one by a single article."""
    for n in range(clusters):
        for variant in ("x", "y"):
            QuoteFactory(article=ArticleFactory(), text=statement(n, variant))
    QuoteFactory(article=ArticleFactory(), text=statement(clusters, "x"))
    ArticleDerivedState.objects.bulk_create(
        ArticleDerivedState(article_id=pk, quotes_clustered=False)
        for pk in Quote.objects.values_list("article_id", flat=True)
    )
    quote_clusters_update()
    assert QuoteCluster.objects.count() == clusters


def update_queries(clusters: int) -> tuple[int, set[frozenset[int]]]:
    stored_archive(clusters)
    new = ArticleFactory()
    for start, text in enumerate(
        (statement(0, "z"), statement(clusters, "z"), "an entirely new statement of its own")
    ):
        QuoteFactory(article=new, start=start * 100, text=text)
    ArticleDerivedState.objects.create(article=new, quotes_clustered=False)
    with CaptureQueriesContext(connection) as queries:
        quote_clusters_update()
    return len(queries), groups()


@pytest.mark.django_db
def test_the_update_runs_as_many_queries_at_5_and_at_60_stored_clusters():
    small, grouped = update_queries(5)
    assert len(grouped) == 6  # statement 0 has three reports, statement 5 now two
    Quote.objects.all().delete()
    QuoteCluster.objects.all().delete()
    large, grouped = update_queries(60)
    assert len(grouped) == 61
    assert small == large
    quote_clusters_rebuild()
    assert groups() == grouped
