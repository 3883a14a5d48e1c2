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

The rebuild reads every quote: it is the admin's re-cluster job. Loads and re-links call
``cluster_update.quote_clusters_update``, which places only the new quotes; both write
their groups through ``clusters_apply``.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from django.db import transaction

from articles.models import (
    Article,
    ArticleDerivedState,
    Quote,
    QuoteCluster,
    QuoteClusterAlias,
    QuoteClusterWord,
    QuoteWord,
)
from articles.pipeline.cluster_update import index_words, within_copy_limit
from articles.pipeline.clusters import QuoteRef, cluster_quotes

KEY_LENGTH = 16
CHUNK = 500
ROW_FIELDS = ("pk", "article_id", "start", "text", "speaker_id", "speaker__slug", "cluster_id")


def quote_clusters_stale() -> bool:
    """True when some article's quotes are not in the current clusters (a run was cut short,
    or a cluster lost a member)."""
    return (
        ArticleDerivedState.objects.filter(quotes_clustered=False).exists()
        or QuoteCluster.objects.filter(stale=True).exists()
    )


@transaction.atomic
def quote_clusters_rebuild() -> int:
    """Group every stored quote into clusters of the same statement; returns the cluster count.

    Also rebuilds the indexes that ``quote_clusters_update`` reads.
    """
    # Only the columns the grouping reads: never the article's body.
    rows = list(Quote.objects.order_by("article_id", "start", "pk").values(*ROW_FIELDS))
    refs = [row_ref(row) for row in rows]
    by_id = {row["pk"]: row for row in rows}
    groups = [[by_id[ref.index] for ref in members] for members in cluster_quotes(refs)]
    QuoteWord.objects.all().delete()
    clusters_apply(
        groups=groups, scope=rows, old_ids=set(QuoteCluster.objects.values_list("pk", flat=True))
    )
    grouped = {row["pk"] for members in groups for row in members}
    quote_words_store(
        rows=[
            row
            for row, kept in zip(rows, within_copy_limit(refs), strict=True)
            if kept and row["pk"] not in grouped
        ]
    )
    QuoteCluster.objects.filter(stale=True).update(stale=False)
    ArticleDerivedState.objects.filter(quotes_clustered=False).update(quotes_clustered=True)
    return QuoteCluster.objects.count()


def quote_words_store(*, rows: list[dict]) -> None:
    """Index these quotes (in no cluster) under their distinctive words; a quote of formula
    words only under the empty word, so that its speaker's quotes still find it."""
    QuoteWord.objects.bulk_create(
        (
            QuoteWord(quote_id=row["pk"], word=word)
            for row in rows
            for word in index_words(row["text"]) or [""]
        ),
        batch_size=CHUNK,
    )


def row_ref(row: dict) -> QuoteRef:
    """The pipeline's view of a stored quote (``ROW_FIELDS``)."""
    return QuoteRef(str(row["article_id"]), row["pk"], row["text"], row["speaker__slug"])


def clusters_apply(*, groups: list[list[dict]], scope: list[dict], old_ids: set[int]) -> None:
    """Store ``groups`` (quote rows, in reading order) as clusters.

    ``scope``: every row regrouped (those in no group leave their cluster); ``old_ids``:
    the clusters whose members are all in ``scope``. Each group keeps the key of the old
    cluster most of its members came from, or gets a new one; the old clusters no group kept
    become aliases of where their members went, and are deleted. The quotes put in a cluster
    leave the quote index; each group's cluster is indexed under its representative's words.
    """
    old = {
        cluster.pk: cluster
        for chunk in chunks(sorted(old_ids))
        for cluster in QuoteCluster.objects.filter(pk__in=chunk)
    }
    kept = _match_old_clusters(groups, old)
    fresh = [index for index in range(len(groups)) if index not in kept]
    keys = _new_keys([groups[index][0] for index in fresh])
    created = QuoteCluster.objects.bulk_create(
        QuoteCluster(key=key, representative="") for key in keys
    )
    target = dict(zip(fresh, created, strict=True)) | {i: old[c] for i, c in kept.items()}
    changed = []
    for index, rows in enumerate(groups):
        cluster = target[index]
        speaker = next((row["speaker_id"] for row in rows if row["speaker_id"]), None)
        representative = max(rows, key=lambda row: len(row["text"]))["text"]
        if (cluster.speaker_id, cluster.representative) != (speaker, representative):
            cluster.speaker_id, cluster.representative = speaker, representative
            changed.append(cluster)
    QuoteCluster.objects.bulk_update(changed, ["speaker", "representative"], batch_size=CHUNK)
    wanted = {row["pk"]: target[index].pk for index, rows in enumerate(groups) for row in rows}
    moved = [
        Quote(pk=row["pk"], cluster_id=wanted.get(row["pk"]))
        for row in scope
        if row["cluster_id"] != wanted.get(row["pk"])
    ]
    Quote.objects.bulk_update(moved, ["cluster"], batch_size=CHUNK)
    for chunk in chunks(sorted(wanted)):
        QuoteWord.objects.filter(quote_id__in=chunk).delete()
    clusters = list(target.values())
    for chunk in chunks(sorted(cluster.pk for cluster in clusters)):
        QuoteClusterWord.objects.filter(cluster_id__in=chunk).delete()
    QuoteClusterWord.objects.bulk_create(
        (
            QuoteClusterWord(cluster=cluster, word=word)
            for cluster in clusters
            for word in index_words(cluster.representative)
        ),
        batch_size=CHUNK,
    )
    _retire(groups, old, kept, target)


def chunks(items: list, size: int = CHUNK):
    """``items`` a slice at a time, for ``IN`` lists the database accepts."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _match_old_clusters(groups: list[list[dict]], old: dict[int, QuoteCluster]) -> dict[int, int]:
    """Group index -> old cluster id whose key it keeps: most shared members first, then age."""
    shared = [
        (count, index, cluster_id)
        for index, rows in enumerate(groups)
        for cluster_id, count in Counter(
            row["cluster_id"] for row in rows if row["cluster_id"] in old
        ).items()
    ]
    kept: dict[int, int] = {}
    used: set[int] = set()
    for _, index, cluster_id in sorted(shared, key=lambda item: (-item[0], item[2], item[1])):
        if index not in kept and cluster_id not in used:
            kept[index] = cluster_id
            used.add(cluster_id)
    return kept


def _retire(groups, old: dict[int, QuoteCluster], kept: dict[int, int], target) -> None:
    """Old clusters whose key no group kept: alias the key to where its members went, delete."""
    survivors = set(kept.values())
    # Where each old cluster's members went, in one pass over the groups.
    moved: dict[int, Counter] = {}
    for index, rows in enumerate(groups):
        for row in rows:
            if row["cluster_id"] is not None:
                moved.setdefault(row["cluster_id"], Counter())[index] += 1
    retired = {pk: cluster for pk, cluster in old.items() if pk not in survivors}
    destination = {}
    for cluster_id in retired:
        destinations = moved.get(cluster_id, Counter())
        if destinations:
            destination[cluster_id] = target[min(destinations, key=lambda i: (-destinations[i], i))]
    # Keys a retired cluster had itself inherited follow it to its destination.
    inherited = [
        alias
        for chunk in chunks(sorted(destination))
        for alias in QuoteClusterAlias.objects.filter(cluster_id__in=chunk)
    ]
    for alias in inherited:
        alias.cluster = destination[alias.cluster_id]
    QuoteClusterAlias.objects.bulk_update(inherited, ["cluster"], batch_size=CHUNK)
    QuoteClusterAlias.objects.bulk_create(
        QuoteClusterAlias(key=retired[pk].key, cluster=cluster)
        for pk, cluster in destination.items()
    )
    # Without a destination its members are no longer clustered: the key is gone.
    for chunk in chunks(sorted(retired)):
        QuoteCluster.objects.filter(pk__in=chunk).delete()


def _new_keys(firsts: list[dict]) -> list[str]:
    """A key for each new cluster from its first member, which never changes afterwards."""
    files = dict(
        pair
        for chunk in chunks(sorted({row["article_id"] for row in firsts}))
        for pair in Article.objects.filter(pk__in=chunk).values_list("pk", "seed_file")
    )
    seeds = [f"{files[row['article_id']]}:{row['start']}:{row['text']}" for row in firsts]
    attempts = [0] * len(seeds)
    for _ in range(1000):
        keys = [_key(seed, attempt) for seed, attempt in zip(seeds, attempts, strict=True)]
        taken = _taken(keys)
        seen: set[str] = set()
        clash = False
        for index, key in enumerate(keys):
            if key in taken or key in seen:
                attempts[index] += 1
                clash = True
            seen.add(key)
        if not clash:
            return keys
    raise RuntimeError("no free quote cluster key")  # pragma: no cover - 1000 collisions


def _key(seed: str, attempt: int) -> str:
    return hashlib.sha256(f"{seed}:{attempt}".encode()).hexdigest()[:KEY_LENGTH]


def _taken(keys: list[str]) -> set[str]:
    taken: set[str] = set()
    for chunk in chunks(keys):
        taken |= set(QuoteCluster.objects.filter(key__in=chunk).values_list("key", flat=True))
        taken |= set(QuoteClusterAlias.objects.filter(key__in=chunk).values_list("key", flat=True))
    return taken
