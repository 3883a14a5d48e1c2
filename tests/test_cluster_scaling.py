"""Clustering stays linear in one document's quotes: a long document's wordings are never
compared with each other, only with the other articles' quotes, and one wording repeated
over and over adds a bounded number of pairs."""

from __future__ import annotations

import types

import pytest

from articles.pipeline import clusters
from articles.pipeline.clusters import MAX_COPIES_PER_ARTICLE, QuoteRef, cluster_quotes

BIG = 2_000
OTHERS = 40


def statement(n: int) -> str:
    """A wording of its own: words no other statement uses."""
    return " ".join(f"w{n}{letter}" for letter in "abcdefgh")


@pytest.fixture
def comparisons(monkeypatch) -> list[int]:
    """How many quotes rapidfuzz compares a quote with, summed over every call."""
    counted = [0]
    real = clusters.process

    def extract(query, choices, **options):
        counted[0] += len(choices)
        return real.extract(query, choices, **options)

    monkeypatch.setattr(clusters, "process", types.SimpleNamespace(extract=extract))
    return counted


def test_a_document_of_2000_quotes_is_compared_only_with_the_other_articles(comparisons):
    big = [QuoteRef("big", n, statement(n), None) for n in range(BIG)]
    # Each other article reports one statement of the big document, and one of its own.
    others = [QuoteRef(f"other-{n}", 0, statement(n * 7), None) for n in range(OTHERS)]
    others += [QuoteRef(f"other-{n}", 1, statement(BIG + n), None) for n in range(OTHERS)]

    groups = cluster_quotes(big + others)

    # Pair by pair, the big document alone would cost BIG² / 2 = 2,000,000 comparisons.
    # Each quote is compared at most three times (whole, as a fragment, as the longer)
    # with each quote of another article.
    assert comparisons[0] <= 3 * (BIG * 2 * OTHERS + (2 * OTHERS) ** 2)
    assert sorted((g[0].index, g[1].article) for g in groups) == sorted(
        (n * 7, f"other-{n}") for n in range(OTHERS)
    )
    assert all(len(group) == 2 for group in groups)


def test_a_wording_repeated_past_the_limit_adds_no_more_members():
    text = "We do not see or feel any risk or threat from Russia"
    repeated = [QuoteRef("big", n, text, "tileuberdi") for n in range(1_000)]
    elsewhere = QuoteRef("other", 0, text, "tileuberdi")

    (group,) = cluster_quotes([*repeated, elsewhere])

    assert len(group) == MAX_COPIES_PER_ARTICLE + 1
    assert [ref.index for ref in group if ref.article == "big"] == list(
        range(MAX_COPIES_PER_ARTICLE)
    )
    assert elsewhere in group


def test_copies_up_to_the_limit_all_join():
    text = "We do not see or feel any risk or threat from Russia"
    refs = [QuoteRef("a", n, text, None) for n in range(MAX_COPIES_PER_ARTICLE)]
    refs.append(QuoteRef("b", 0, text.replace("Russia", "the Russian Federation"), None))
    assert cluster_quotes(refs) == [refs]
