"""Quote cluster keys are URLs: they survive new members, edited bodies and merges."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import ArticleDerivedState, Quote, QuoteCluster, QuoteClusterAlias
from tests.conftest import with_collection

pytestmark = pytest.mark.django_db


def load(folder: Path) -> str:
    out = io.StringIO()
    options = with_collection([folder], {})
    call_command("load_seeds", str(folder), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def largest_cluster() -> QuoteCluster:
    clusters = QuoteCluster.objects.prefetch_related("quotes__article")
    return max(clusters, key=lambda c: (c.quotes.count(), c.key))


def member_files(cluster: QuoteCluster) -> list[str]:
    return sorted(cluster.quotes.values_list("article__seed_file", flat=True))


def test_key_unchanged_when_an_article_joins_the_cluster(seeds_copy):
    load(seeds_copy)
    cluster = largest_cluster()
    key, files = cluster.key, member_files(cluster)
    quote = min(cluster.quotes.all(), key=lambda q: len(q.text))
    speaker = cluster.speaker.name if cluster.speaker_id else "an official"
    (seeds_copy / "zz_new_outlet.txt").write_text(
        "Another outlet on the visit\n\nReporters waited outside the ministry on Tuesday.\n\n"
        f'"{quote.text.rstrip(".,!?")}," {speaker} said.\n',
        encoding="utf-8",
    )
    assert "1 created" in load(seeds_copy)
    cluster = QuoteCluster.objects.get(key=key)
    assert member_files(cluster) == sorted([*files, "zz_new_outlet.txt"])
    assert not QuoteClusterAlias.objects.exists()


def test_key_unchanged_when_a_member_body_is_edited(seeds_copy, client):
    load(seeds_copy)
    keys = set(QuoteCluster.objects.values_list("key", flat=True))
    cluster = largest_cluster()
    quote = cluster.quotes.select_related("article").first()
    path = seeds_copy / quote.article.seed_file
    raw = path.read_bytes()
    at = raw.rfind(b"\n\n", 0, raw.index(quote.text[:30].encode()))
    path.write_bytes(
        raw[:at] + b"\n\nReporters gathered outside before the talks began." + raw[at:]
    )

    assert "1 updated" in load(seeds_copy)
    moved = Quote.objects.get(article=quote.article, text=quote.text)
    assert moved.start > quote.start  # the edit shifted the quote
    assert moved.cluster.key == cluster.key
    assert set(QuoteCluster.objects.values_list("key", flat=True)) == keys
    assert client.get(cluster.get_absolute_url()).status_code == 200


def test_merged_cluster_key_redirects_permanently(seeds_copy, client):
    load(seeds_copy)
    survivor = largest_cluster()
    members = list(survivor.quotes.order_by("pk"))
    # The state before the statement's quotes were recognised as one: two clusters.
    split = QuoteCluster.objects.create(key="0ld5p1itc1u5ter0", representative=members[-1].text)
    Quote.objects.filter(pk=members[-1].pk).update(cluster=split)
    ArticleDerivedState.objects.filter(article=members[-1].article).update(quotes_clustered=False)

    load(seeds_copy)  # the stale clusters are rebuilt: the two merge
    assert not QuoteCluster.objects.filter(key="0ld5p1itc1u5ter0").exists()
    survivor.refresh_from_db()
    assert survivor.quotes.count() == len(members)
    response = client.get(reverse("articles:quote-cluster", kwargs={"key": "0ld5p1itc1u5ter0"}))
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    assert (
        client.get(reverse("articles:quote-cluster", kwargs={"key": "nosuchkey"})).status_code
        == 404
    )


def test_older_keys_follow_their_cluster_into_a_later_merge(seeds_copy, client):
    load(seeds_copy)
    survivor = largest_cluster()
    members = list(survivor.quotes.order_by("pk"))
    split = QuoteCluster.objects.create(key="5p1itc1u5ter0000", representative=members[-1].text)
    QuoteClusterAlias.objects.create(key="formerkey0000001", cluster=split)
    Quote.objects.filter(pk=members[-1].pk).update(cluster=split)
    ArticleDerivedState.objects.filter(article=members[-1].article).update(quotes_clustered=False)

    load(seeds_copy)
    for old in ("5p1itc1u5ter0000", "formerkey0000001"):
        assert QuoteClusterAlias.objects.get(key=old).cluster == survivor
        response = client.get(reverse("articles:quote-cluster", kwargs={"key": old}))
        assert response.status_code == 301
        assert response["Location"] == survivor.get_absolute_url()


def test_fresh_loads_give_the_same_keys(seeds_copy):
    load(seeds_copy)
    keys = set(QuoteCluster.objects.values_list("key", flat=True))
    QuoteCluster.objects.all().delete()
    ArticleDerivedState.objects.update(quotes_clustered=False)
    load(seeds_copy)
    assert set(QuoteCluster.objects.values_list("key", flat=True)) == keys
