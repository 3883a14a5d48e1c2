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
them) and fresh–stored, for the stored blocks the caller's index found for each fresh quote
(``joins``: the blocks it may join as a whole); any other pair counts as below the threshold.
A stored block is read by wording and speaker: its members of one wording and speaker score
alike with a fresh quote and are allowed alike (``_allowed`` looks at the speakers, the words
and whether the two are of one article, and a block records the articles each wording is in),
so a fresh quote is scored once per distinct wording of the block, and the linkage keeps one
pair per fresh quote and block. A cluster of thousands of identical reports costs what one of
its few wordings costs. Two stored blocks are never joined: their quotes were compared when
they were stored and kept apart, and a new quote cannot make every pair between them score
higher. So the result equals ``cluster_quotes`` over everything except where the full grouping
would hand a stored cluster's member to a fresh quote it matches better than its own cluster:
the update leaves stored clusters whole. A caller that removes members from a stored cluster
passes its remaining members as fresh, so that they are regrouped (and may join another
block).

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
    joins: Mapping[int, Collection[int]],
    threshold: float = CLUSTER_THRESHOLD,
) -> list[list[int]]:
    """Groups (positions in ``quotes``, two or more) that contain a fresh quote.

    ``quotes`` are in the order the full grouping would see them (it breaks ties of score
    by position); ``fresh`` are positions to place; ``blocks`` partition the other positions;
    ``joins[i]`` are the blocks (indices in ``blocks``) fresh quote ``i`` may pair with as a
    whole. Blocks no fresh quote joins are left out of the result: they stay as they are.

    A block's members are taken by wording and speaker (``_Block``): the members of one
    wording and speaker score alike with a fresh quote and are allowed alike, but for those
    of the fresh quote's own article. So a fresh quote is scored once per distinct wording
    of a block, and the greedy linkage keeps one pair per fresh quote and block: the first
    the full pair list would reach (the best score, then the lowest position). The others
    change nothing there: all of a block's members are always in one group, and two groups
    that failed complete linkage once fail it again after either has grown.
    """
    placed = sorted(fresh)
    words = {i: _tokens(quotes[i].text) for i in placed}
    subset = [quotes[i] for i in placed]
    pairs: dict[tuple[int, int], float] = {}
    for (a, b), score in _scores_above(subset, [list(words[i]) for i in placed], threshold).items():
        i, j = placed[a], placed[b]
        if _allowed(quotes[i], quotes[j], list(words[i]), list(words[j])):
            pairs[i, j] = score

    whole = [_Block(quotes, block) for block in blocks]
    unit_of_block = len(quotes)  # block b is the unit len(quotes) + b
    links: list[tuple[int, int, float, int]] = []  # fresh, block, best score, its member
    for i, kept in zip(placed, within_copy_limit(subset), strict=True):
        if not kept:
            continue
        for b in sorted(set(joins.get(i, ()))):
            best = whole[b].link(quotes[i], words[i], threshold)
            if best is not None:
                links.append((i, b, *best))

    linked: set[tuple[int, int]] = set(pairs)
    order = [(-score, pair, *pair) for pair, score in pairs.items()]
    for i, b, score, member in links:
        linked.add((i, unit_of_block + b))
        order.append((-score, (min(i, member), max(i, member)), i, unit_of_block + b))

    group_of: dict[int, int] = {}
    units: dict[int, list[int]] = {}
    for n in {u for _, _, i, u in order for u in (i, u)}:
        group_of[n], units[n] = n, [n]

    def complete(a: list[int], b: list[int]) -> bool:
        return all((min(x, y), max(x, y)) in linked for x in a for y in b)

    for _, _, i, j in sorted(order):
        a, b = group_of[i], group_of[j]
        if a == b or not complete(units[a], units[b]):
            continue
        for k in units[b]:
            group_of[k] = a
        units[a].extend(units.pop(b))
    groups = []
    for members in units.values():
        group = [k for k in members if k < unit_of_block]
        if len(members) < 2 or not group:
            continue  # a block no fresh quote joined, or a fresh quote alone
        for k in members:
            if k >= unit_of_block:
                group.extend(blocks[k - unit_of_block])
        groups.append(sorted(group))
    return sorted(groups)


@lru_cache(maxsize=262144)
def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return _token_similarity(list(a), list(b))


class _Block:
    """A stored block's members by (wording, speaker): the first position of each, and
    the articles it is quoted in."""

    def __init__(self, quotes: Sequence[QuoteRef], block: Sequence[int]):
        self.kinds: dict[tuple[tuple[str, ...], str | None], tuple[int, set[str]]] = {}
        for k in block:
            key = (_tokens(quotes[k].text), quotes[k].speaker)
            first, articles = self.kinds.get(key, (k, set()))
            articles.add(quotes[k].article)
            self.kinds[key] = (min(first, k), articles)
        self.refs = {key: quotes[first] for key, (first, _) in self.kinds.items()}

    def link(self, quote: QuoteRef, words: tuple[str, ...], threshold: float):
        """(best score, its first member) when ``quote`` may pair with every member, else None."""
        best: tuple[float, int] | None = None
        for key, (first, articles) in self.kinds.items():
            tokens = key[0]
            score = _similarity(words, tokens)
            if score < threshold:
                return None
            if tokens != words and quote.article in articles:
                return None
            if not _allowed(quote, self.refs[key], list(words), list(tokens)):
                return None
            if best is None or (-score, first) < (-best[0], best[1]):
                best = (score, first)
        return best
