"""Placing new quotes into the clusters already made, without regrouping the archive.

``cluster_quotes`` groups every quote at once. After a load only a few articles are new, so
``cluster_update`` takes their quotes (*fresh*) with the stored quotes they may join
(*blocks*: each stored cluster with its members, each stored quote in no cluster as a block
of one) and goes on with the same greedy complete linkage: pairs by score, highest first; two
groups join only when every cross pair scores at least the threshold and is allowed
(``clusters._allowed``: different articles unless the wording is identical, no two known
speakers that differ, two distinctive words shared when the speakers are not both known).
Copies of one wording past ``MAX_COPIES_PER_ARTICLE`` in one article are left out, as there.

The pairs scored are fresh–fresh (``clusters._scores_above``, as the full grouping scores
them) and fresh–stored, for the stored quotes the caller's index found for each fresh quote
(``candidates``); any other pair counts as below the threshold. Two stored blocks are never
joined: their quotes were compared when they were stored and kept apart, and a new quote
cannot make every pair between them score higher. So the result equals ``cluster_quotes``
over everything except where the full grouping would hand a stored cluster's member to a
fresh quote it matches better than its own cluster: the update leaves stored clusters whole.
A caller that removes members from a stored cluster passes its remaining members as fresh,
so that they are regrouped (and may join another block).

``index_words`` is the index the caller stores: a pair the rules allow shares two of these
words, or one when the two have the same known speaker, unless that speaker's two wordings
share only formula and function words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from .clusters import (
    CLUSTER_THRESHOLD,
    MAX_COPIES_PER_ARTICLE,
    QuoteRef,
    _allowed,
    _generic,
    _scores_above,
    _token_similarity,
    merge_greedily,
    normalize_tokens,
)

INDEX_WORD_LENGTH = 64


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """``normalize_tokens``, once per wording in a run (the same texts come back often)."""
    return tuple(normalize_tokens(text))


def index_words(text: str) -> list[str]:
    """The quote's distinct words that are not formula or function words, sorted."""
    generic = _generic()
    return sorted({word[:INDEX_WORD_LENGTH] for word in _tokens(text)} - generic)


def similarity(a: str, b: str) -> float:
    """``clusters.quote_similarity``, with the words of each wording kept for the run."""
    return _token_similarity(list(_tokens(a)), list(_tokens(b)))


def within_copy_limit(quotes: Sequence[QuoteRef]) -> list[bool]:
    """False for the copies of one wording past ``MAX_COPIES_PER_ARTICLE`` in one article
    (in the order given), which the grouping leaves out."""
    copies: Counter[tuple[str, tuple[str, ...]]] = Counter()
    kept = []
    for quote in quotes:
        key = (quote.article, _tokens(quote.text))
        copies[key] += 1
        kept.append(copies[key] <= MAX_COPIES_PER_ARTICLE)
    return kept


def cluster_update(
    quotes: Sequence[QuoteRef],
    *,
    fresh: Collection[int],
    blocks: Sequence[Sequence[int]],
    candidates: Mapping[int, Collection[int]],
    threshold: float = CLUSTER_THRESHOLD,
) -> list[list[int]]:
    """Groups (positions in ``quotes``, two or more) that contain a fresh quote.

    ``quotes`` are in the order the full grouping would see them (it breaks ties of score
    by position); ``fresh`` are positions to place; ``blocks`` partition the other positions;
    ``candidates[i]`` are the stored positions fresh quote ``i`` may pair with. Blocks no
    fresh quote joins are left out of the result: they stay as they are.
    """
    words = [list(_tokens(q.text)) for q in quotes]
    placed = sorted(fresh)
    subset = [quotes[i] for i in placed]
    scores: dict[tuple[int, int], float] = {}
    for (a, b), score in _scores_above(subset, [words[i] for i in placed], threshold).items():
        i, j = placed[a], placed[b]
        if _allowed(quotes[i], quotes[j], words[i], words[j]):
            scores[i, j] = score
    known: dict[tuple[str, str], float] = {}
    for i, kept in zip(placed, within_copy_limit(subset), strict=True):
        if not kept:
            continue
        for j in candidates.get(i, ()):
            texts = (quotes[i].text, quotes[j].text)
            if texts not in known:
                known[texts] = _token_similarity(words[i], words[j])
            if known[texts] >= threshold and _allowed(quotes[i], quotes[j], words[i], words[j]):
                scores[min(i, j), max(i, j)] = known[texts]

    cluster_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for block in blocks:
        members[block[0]] = list(block)
        for k in block:
            cluster_of[k] = block[0]
    for i in placed:
        cluster_of[i], members[i] = i, [i]
    merge_greedily(cluster_of, members, scores, threshold)
    chosen = set(placed)
    return sorted(
        sorted(group)
        for group in members.values()
        if len(group) >= 2 and not chosen.isdisjoint(group)
    )
