"""The cluster update's work grows with a stored cluster's distinct wordings, not its members:
a cluster of many identical reports costs a new quote as much as one of a few."""

from __future__ import annotations

import pytest

from articles.pipeline import cluster_update as update
from articles.pipeline.clusters import QuoteRef, cluster_quotes

WORDINGS = (
    "the new railway will link our ports with the markets of central asia",
    "the new railway will link our ports to the markets of central asia",
    "the new railway will link our sea ports with the markets of central asia",
)
SPEAKER = "roman-vasilenko"


def reports(members: int) -> list[QuoteRef]:
    """One statement reported ``members`` times, one article each, half naming the speaker."""
    return [
        QuoteRef(f"a{n:05d}", 0, WORDINGS[n % 3], SPEAKER if n % 2 else None)
        for n in range(members)
    ]


def new_quotes() -> list[QuoteRef]:
    quotes = [QuoteRef(f"b{n:05d}", 0, WORDINGS[n % 3], None) for n in range(12)]
    quotes.append(QuoteRef("b90000", 0, "sanctions will stay until the troops leave", None))
    quotes.append(QuoteRef("b90001", 0, "sanctions will stay until all the troops leave", None))
    return quotes


def placed(quotes: list[QuoteRef], stored: list[QuoteRef], **links) -> list[list[QuoteRef]]:
    position = {q: k for k, q in enumerate(quotes)}
    block = [position[q] for q in stored]
    fresh = [k for k, q in enumerate(quotes) if q not in set(stored)]
    if not links:
        links = {"joins": dict.fromkeys(fresh, [0])}
    groups = update.cluster_update(quotes, fresh=fresh, blocks=[block], **links)
    return [[quotes[k] for k in group] for group in groups]


def where(groups: list[list[QuoteRef]]) -> list[list[tuple[str, int]]]:
    return sorted(sorted((q.article, q.index) for q in group) for group in groups)


@pytest.fixture
def calls(monkeypatch) -> dict[str, int]:
    """How often the update scores two wordings and applies the rules to two quotes."""
    counted = {"scores": 0, "rules": 0}
    score, rules = update._token_similarity, update._allowed

    def scored(a, b):
        counted["scores"] += 1
        return score(a, b)

    def allowed(*args):
        counted["rules"] += 1
        return rules(*args)

    update._similarity.cache_clear()
    monkeypatch.setattr(update, "_token_similarity", scored)
    monkeypatch.setattr(update, "_allowed", allowed)
    yield counted
    update._similarity.cache_clear()


@pytest.mark.parametrize("members", [30, 300])
def test_new_quotes_join_a_large_cluster_as_the_grouping_at_once_puts_them(members):
    stored = reports(members)
    assert [len(g) for g in cluster_quotes(stored)] == [members]
    quotes = sorted(stored + new_quotes(), key=lambda q: q.article)

    groups = placed(quotes, stored)

    assert where(groups) == where(cluster_quotes(quotes))
    assert sorted(len(g) for g in groups) == [2, members + 12]


def test_the_work_for_a_cluster_does_not_grow_with_its_members(calls):
    work = []
    for members in (30, 3_000):
        stored = reports(members)
        quotes = sorted(stored + new_quotes(), key=lambda q: q.article)
        calls["scores"] = calls["rules"] = 0
        update._similarity.cache_clear()
        assert sorted(len(g) for g in placed(quotes, stored)) == [2, members + 12]
        work.append(dict(calls))
    assert work[0] == work[1]
    # Each new quote scored with the three wordings at most, the rules once per wording and
    # speaker (six kinds of member) and once per pair of new quotes the scores keep.
    assert work[1]["scores"] <= 14 * 3
    assert work[1]["rules"] <= 14 * 6 + 14 * 13 // 2


def test_a_new_quote_in_a_members_article_in_other_words_does_not_join():
    stored = reports(30)
    other_words = QuoteRef(stored[0].article, 1, WORDINGS[1], None)  # stored[0] has WORDINGS[0]
    again = QuoteRef(stored[3].article, 1, WORDINGS[0], None)  # stored[3] has WORDINGS[0] too
    quotes = sorted([*stored, other_words, again], key=lambda q: (q.article, q.index))

    groups = placed(quotes, stored)

    assert groups == [sorted([*stored, again], key=lambda q: (q.article, q.index))]


def test_a_cluster_the_index_does_not_offer_is_not_joined():
    stored = reports(30)
    quotes = sorted([*stored, *new_quotes()], key=lambda q: q.article)
    position = {q: k for k, q in enumerate(quotes)}
    fresh = [position[q] for q in new_quotes()]

    offered_to_none = placed(quotes, stored, joins={})
    offered_to_some = placed(quotes, stored, joins=dict.fromkeys(fresh[:1], [0]))
    offered_to_all = placed(quotes, stored, joins=dict.fromkeys(fresh, [0]))

    assert sorted(len(g) for g in offered_to_none) == [2, 12]  # the new quotes only
    # The first new quote joins the cluster and, by complete linkage, keeps the others of its
    # wordings out of it (no stored member was compared with them).
    assert sorted(len(g) for g in offered_to_some) == [2, 11, 31]
    assert offered_to_all == placed(quotes, stored)
    assert sorted(len(g) for g in offered_to_all) == [2, 42]


def test_the_blocks_a_new_quote_may_join_are_the_only_way_to_name_stored_quotes():
    stored = reports(3)
    quotes = [*stored, *new_quotes()]
    fresh = list(range(3, len(quotes)))
    with pytest.raises(TypeError):
        update.cluster_update(quotes, fresh=fresh, blocks=[[0, 1, 2]])  # joins is required
    with pytest.raises(TypeError):
        update.cluster_update(
            quotes, fresh=fresh, blocks=[[0, 1, 2]], joins={}, candidates={3: [0, 1, 2]}
        )
