"""The quote clusters after a load: only the new quotes are placed, the archive is not regrouped.

``quote_clusters_update`` takes the quotes of the articles marked unclustered
(``ArticleDerivedState.quotes_clustered``; ``derived.quotes_store`` marks them) and the
members of the clusters marked ``stale`` (a member was replaced or removed), finds through
two indexes (``QuoteWord``: the distinctive words of the quotes in no cluster;
``QuoteClusterWord``: those of each cluster's representative) what each may join, and lets
``pipeline.cluster_update`` place them with the rules of the full grouping (each new quote
names the clusters it may join as whole blocks, not their members). Keys follow the
rules of ``clustering.quote_clusters_rebuild``: a group keeps the key of the cluster most of
its members came from, a cluster given up in a merge becomes an alias of the one its members
went to, an emptied cluster is deleted.

What a new quote is compared with (``_candidates``): the quotes in no cluster that share two
of its index words (the speakers not both known) or have its speaker; the clusters whose
representative shares two of its index words or that have its speaker, if the representative
scores at least the threshold with it (it must match every member). The queries are a fixed
number, each list of ids cut in slices of ``CHUNK``; the rows read grow with what is found
(the members of the clusters it may join, its speaker's clusters and quotes in no cluster),
not with the archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import connection, transaction

from articles.models import (
    ArticleDerivedState,
    Quote,
    QuoteCluster,
    QuoteClusterWord,
    QuoteWord,
)
from articles.pipeline.cluster_update import (
    cluster_update,
    index_words,
    similarity,
    within_copy_limit,
)
from articles.pipeline.clusters import CLUSTER_THRESHOLD

from .clustering import ROW_FIELDS, chunks, clusters_apply, quote_words_store, row_ref


@transaction.atomic
def quote_clusters_update() -> int:
    """Place the quotes of unclustered articles and of stale clusters; returns the cluster count."""
    pending = list(
        ArticleDerivedState.objects.filter(quotes_clustered=False).values_list(
            "article_id", flat=True
        )
    )
    fresh = _rows(Quote.objects.filter(article_id__in=chunk) for chunk in chunks(pending))
    # The clusters the new quotes inherited from the quotes they replace lose those members.
    inherited = sorted({row["cluster_id"] for row in fresh if row["cluster_id"]})
    for chunk in chunks(inherited):
        QuoteCluster.objects.filter(pk__in=chunk, stale=False).update(stale=True)
    stale = list(QuoteCluster.objects.filter(stale=True).values_list("pk", flat=True))
    pending_set = set(pending)
    fresh += [
        row
        for row in _rows(Quote.objects.filter(cluster_id__in=chunk) for chunk in chunks(stale))
        if row["article_id"] not in pending_set
    ]
    fresh.sort(key=_order)
    refs = [row_ref(row) for row in fresh]
    kept = within_copy_limit(refs)
    placed = [row for row, keep in zip(fresh, kept, strict=True) if keep]
    # Before the new quotes' words join the index: the candidates are stored quotes, and an
    # index holding the new words too made the lookup pair every new quote with every other.
    pairs, clusters, singles = _candidates(placed)
    _index(fresh, kept)
    stored = _rows(Quote.objects.filter(cluster_id__in=chunk) for chunk in chunks(clusters))
    stored += _rows(Quote.objects.filter(pk__in=chunk) for chunk in chunks(singles))
    fresh_ids = {row["pk"] for row in fresh}
    stored = sorted(
        {row["pk"]: row for row in stored if row["pk"] not in fresh_ids}.values(), key=_order
    )

    rows = sorted(fresh + stored, key=_order)
    position = {row["pk"]: n for n, row in enumerate(rows)}
    blocks: dict[object, list[int]] = defaultdict(list)
    for row in stored:
        blocks[row["cluster_id"] or ("single", row["pk"])].append(position[row["pk"]])
    block_index = {key: n for n, key in enumerate(blocks)}
    # Each new quote names the blocks it may join, not their members (a cluster may hold
    # thousands of reports of one statement).
    joins: dict[int, set[int]] = defaultdict(set)
    for quote_id, (kind, target) in pairs:
        block = block_index.get(target if kind == "cluster" else ("single", target))
        if block is not None:
            joins[position[quote_id]].add(block)
    groups = cluster_update(
        [row_ref(row) for row in rows],
        fresh={position[row["pk"]] for row in fresh},
        blocks=list(blocks.values()),
        joins=joins,
    )
    in_scope = [rows[position[row["pk"]]] for row in fresh] + [
        rows[k] for group in groups for k in group if rows[k]["pk"] not in fresh_ids
    ]
    clusters_apply(
        groups=[[rows[k] for k in group] for group in groups],
        scope=in_scope,
        old_ids={row["cluster_id"] for row in in_scope if row["cluster_id"]} | set(stale),
    )
    QuoteCluster.objects.filter(stale=True).update(stale=False)
    for chunk in chunks(pending):
        ArticleDerivedState.objects.filter(article_id__in=chunk).update(quotes_clustered=True)
    return QuoteCluster.objects.count()


def _rows(querysets) -> list[dict]:
    """The rows, one string kept for each wording (a cluster may hold many identical ones)."""
    texts: dict[str, str] = {}
    rows = []
    for queryset in querysets:
        for row in queryset.values(*ROW_FIELDS).iterator(chunk_size=2000):
            row["text"] = texts.setdefault(row["text"], row["text"])
            rows.append(row)
    return rows


def _order(row: dict) -> tuple[int, int, int]:
    """The order the full rebuild reads quotes in."""
    return (row["article_id"], row["start"], row["pk"])


def _index(fresh: list[dict], kept: list[bool]) -> None:
    """Index the quotes to place (those past the copy limit get no row, so they are never a
    candidate); ``clusters_apply`` takes those it puts in a cluster off again."""
    for chunk in chunks([row["pk"] for row in fresh]):
        QuoteWord.objects.filter(quote_id__in=chunk).delete()
    quote_words_store(rows=[row for row, keep in zip(fresh, kept, strict=True) if keep])


def _candidates(placed: list[dict]):
    """(quote id, ("cluster" | "quote", id)) pairs, and the cluster and quote ids they name."""
    pairs: set[tuple[int, tuple[str, int]]] = set()
    clusters: dict[int, list[int]] = defaultdict(list)
    words = [(row["pk"], word) for row in placed for word in index_words(row["text"]) if word]
    pairs |= {(q, ("quote", o)) for q, o in _sharing_two_words(_UNCLUSTERED, words)}
    for q, c in _sharing_two_words(_CLUSTERS, words):
        clusters[c].append(q)
    by_speaker: dict[int, list[dict]] = defaultdict(list)
    for row in placed:
        if row["speaker_id"]:
            by_speaker[row["speaker_id"]].append(row)
    speakers = sorted(by_speaker)
    for chunk in chunks(speakers):
        for cluster_id, speaker_id in QuoteCluster.objects.filter(
            speaker_id__in=chunk, stale=False
        ).values_list("pk", "speaker_id"):
            clusters[cluster_id] += [row["pk"] for row in by_speaker[speaker_id]]
        for quote_id, speaker_id in (
            Quote.objects.filter(
                speaker_id__in=chunk,
                cluster__isnull=True,
                article__derived_state__quotes_clustered=True,
                index_words__isnull=False,
            )
            .distinct()
            .values_list("pk", "speaker_id")
        ):
            pairs |= {(row["pk"], ("quote", quote_id)) for row in by_speaker[speaker_id]}
    # A quote joins a cluster only if it matches every member, so its representative first.
    text = {row["pk"]: row["text"] for row in placed}
    for chunk in chunks(sorted(clusters)):
        for cluster_id, representative in QuoteCluster.objects.filter(pk__in=chunk).values_list(
            "pk", "representative"
        ):
            for quote_id in set(clusters[cluster_id]):
                if similarity(text[quote_id], representative) >= CLUSTER_THRESHOLD:
                    pairs.add((quote_id, ("cluster", cluster_id)))
    joined = sorted({target for _, (kind, target) in pairs if kind == "cluster"})
    singles = sorted({target for _, (kind, target) in pairs if kind == "quote"})
    return pairs, joined, singles


def _sharing_two_words(sql: str, words: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(new quote, stored quote or cluster) that ``sql`` finds sharing two or more index words,
    from the new quotes' (quote id, word) pairs sent as a table of values, a slice at a time
    (a quote's words may fall in two slices: the shared words are added up here)."""
    tables = {
        "word": QuoteWord._meta.db_table,
        "quote": Quote._meta.db_table,
        "cluster": QuoteCluster._meta.db_table,
        "cluster_word": QuoteClusterWord._meta.db_table,
        "state": ArticleDerivedState._meta.db_table,
    }
    shared: Counter[tuple[int, int]] = Counter()
    with connection.cursor() as cursor:
        for chunk in chunks(words, WORDS_CHUNK):
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(sql.format(values=values, **tables), [v for pair in chunk for v in pair])
            for quote_id, target, count in cursor.fetchall():
                shared[quote_id, target] += count
    return sorted(key for key, count in shared.items() if count >= 2)


# (quote id, word) pairs a query sends: two parameters each, within SQLite's 999.
WORDS_CHUNK = 450


# Stored quotes in no cluster, of clustered articles, sharing two index words with the new
# quote, where the two speakers are not both known (the same speaker's are read apart).
_UNCLUSTERED = """
WITH n(quote_id, word) AS (VALUES {values})
SELECT n.quote_id, o.quote_id, COUNT(*)
FROM n
JOIN {word} o ON o.word = n.word AND o.quote_id <> n.quote_id
JOIN {quote} nq ON nq.id = n.quote_id
JOIN {quote} oq ON oq.id = o.quote_id
JOIN {state} s ON s.article_id = oq.article_id
WHERE oq.cluster_id IS NULL AND s.quotes_clustered
  AND (nq.speaker_id IS NULL OR oq.speaker_id IS NULL)
GROUP BY n.quote_id, o.quote_id
"""

# Current clusters whose representative wording shares two index words with the new quote
# (a quote joins a cluster only if every member, the representative's too, matches it), whose
# speaker does not differ from the new quote's; the same speaker's are read apart.
_CLUSTERS = """
WITH n(quote_id, word) AS (VALUES {values})
SELECT n.quote_id, w.cluster_id, COUNT(*)
FROM n
JOIN {cluster_word} w ON w.word = n.word
JOIN {quote} nq ON nq.id = n.quote_id
JOIN {cluster} c ON c.id = w.cluster_id
WHERE NOT c.stale
  AND (nq.speaker_id IS NULL OR c.speaker_id IS NULL OR c.speaker_id = nq.speaker_id)
GROUP BY n.quote_id, w.cluster_id
"""
