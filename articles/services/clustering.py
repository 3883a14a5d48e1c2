"""Quote clusters: the same statement across articles, under keys that stay put.

A cluster's key is its URL (``/quotes/<key>/``), so it must survive what the
archive does to its members: more articles joining, bodies edited, re-linking.
``quote_clusters_rebuild`` regroups every quote with the pipeline's
``cluster_quotes`` and then matches the new groups to the old clusters by the
quotes they share (each quote remembers its cluster across re-linking, see
``derived.quotes_store``): a group keeps the key of the old cluster most of its
members came from. A new group gets a key made from its first member, fixed
from then on. When two clusters merge, the key that is given up is kept as a
``QuoteClusterAlias`` of the surviving cluster, and its old URL redirects.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from django.db import transaction

from articles.models import ArticleDerivedState, Quote, QuoteCluster, QuoteClusterAlias
from articles.pipeline.clusters import QuoteRef, cluster_quotes

KEY_LENGTH = 16
REBUILD_FIELDS = (
    "text",
    "start",
    "cluster",
    "article",
    "article__slug",
    "article__seed_file",
    "speaker",
    "speaker__slug",
)


def quote_clusters_stale() -> bool:
    """True when some article's quotes are not in the current clusters (a run was cut short)."""
    return ArticleDerivedState.objects.filter(quotes_clustered=False).exists()


@transaction.atomic
def quote_clusters_rebuild() -> int:
    """Group every stored quote into clusters of the same statement; returns the cluster count."""
    # Only the columns the grouping reads: with the whole article, every quote of a large
    # document would carry its own copy of the body.
    quotes = list(
        Quote.objects.select_related("article", "speaker")
        .only(*REBUILD_FIELDS)
        .order_by("article_id", "start")
    )
    refs = [
        QuoteRef(
            article=q.article.slug,
            index=q.pk,
            text=q.text,
            speaker=q.speaker.slug if q.speaker_id else None,
        )
        for q in quotes
    ]
    by_id = {q.pk: q for q in quotes}
    groups = [[by_id[ref.index] for ref in members] for members in cluster_quotes(refs)]
    old = {cluster.pk: cluster for cluster in QuoteCluster.objects.all()}
    kept = _match_old_clusters(groups, old)
    taken = set(QuoteCluster.objects.values_list("key", flat=True))
    taken |= set(QuoteClusterAlias.objects.values_list("key", flat=True))

    Quote.objects.filter(cluster__isnull=False).update(cluster=None)
    new_clusters: list[QuoteCluster] = []
    for index, rows in enumerate(groups):
        speaker = next((q.speaker for q in rows if q.speaker_id), None)
        representative = max(rows, key=lambda q: len(q.text)).text
        if index in kept:
            cluster = old[kept[index]]
            cluster.speaker, cluster.representative = speaker, representative
            cluster.save(update_fields=["speaker", "representative"])
        else:
            key = _new_key(rows[0], taken)
            taken.add(key)
            cluster = QuoteCluster.objects.create(
                key=key, speaker=speaker, representative=representative
            )
        Quote.objects.filter(pk__in=[q.pk for q in rows]).update(cluster=cluster)
        new_clusters.append(cluster)

    _retire(groups, old, kept, new_clusters)
    ArticleDerivedState.objects.filter(quotes_clustered=False).update(quotes_clustered=True)
    return len(new_clusters)


def _match_old_clusters(groups: list[list[Quote]], old: dict[int, QuoteCluster]) -> dict[int, int]:
    """Group index -> old cluster id whose key it keeps: most shared members first, then age."""
    shared = [
        (count, index, cluster_id)
        for index, rows in enumerate(groups)
        for cluster_id, count in Counter(q.cluster_id for q in rows if q.cluster_id in old).items()
    ]
    kept: dict[int, int] = {}
    used: set[int] = set()
    for _, index, cluster_id in sorted(shared, key=lambda item: (-item[0], item[2], item[1])):
        if index not in kept and cluster_id not in used:
            kept[index] = cluster_id
            used.add(cluster_id)
    return kept


def _retire(groups, old: dict[int, QuoteCluster], kept: dict[int, int], new_clusters) -> None:
    """Old clusters whose key no group kept: alias the key to where its members went, delete."""
    survivors = set(kept.values())
    # Where each old cluster's members went, in one pass over the groups.
    moved: dict[int, Counter] = {}
    for index, rows in enumerate(groups):
        for q in rows:
            if q.cluster_id is not None:
                moved.setdefault(q.cluster_id, Counter())[index] += 1
    for cluster_id, cluster in old.items():
        if cluster_id in survivors:
            continue
        destinations = moved.get(cluster_id, Counter())
        if destinations:
            target = new_clusters[min(destinations, key=lambda i: (-destinations[i], i))]
            # Keys this cluster had itself inherited follow it to the new target.
            QuoteClusterAlias.objects.filter(cluster=cluster).update(cluster=target)
            QuoteClusterAlias.objects.create(key=cluster.key, cluster=target)
        # Without a destination its members are no longer clustered: the key is gone.
        cluster.delete()


def _new_key(first: Quote, taken: set[str]) -> str:
    """A key from the cluster's first member, which never changes afterwards."""
    seed = f"{first.article.seed_file}:{first.start}:{first.text}"
    for attempt in range(1000):
        key = hashlib.sha256(f"{seed}:{attempt}".encode()).hexdigest()[:KEY_LENGTH]
        if key not in taken:
            return key
    raise RuntimeError("no free quote cluster key")  # pragma: no cover - 1000 collisions
