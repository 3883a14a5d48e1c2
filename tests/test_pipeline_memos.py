"""The pipeline's memos (tokens, spelling decisions, sentences) never change what it finds.

Each seed body is linked, its candidates and facts found, with every memo cold and again with
them warm from the other bodies; a short text (a quote's speaker) is linked between a body's
mentions and its candidates, as storing its quotes does.
"""

from __future__ import annotations

import pytest

from articles.pipeline import acceptance, names, text
from articles.pipeline.facts import extract_facts
from tests.seed_data import seed_bodies, seed_linker


def _clear_memos() -> None:
    acceptance._DECISIONS.clear()
    acceptance.word_scripts.cache_clear()
    for memo in (names._tokenize_last, names._tokenize_short, names._word, names._gap):
        memo.cache_clear()
    names._normalise_short.cache_clear()
    text._sentences.cache_clear()


def _outputs(body: str):
    linker = seed_linker()
    mentions = linker.link(body)
    speaker = linker.link("Sergei Lavrov")
    return mentions, speaker, linker.candidates(body, mentions), extract_facts(body, year=2023)


@pytest.mark.parametrize("seed", sorted(seed_bodies()))
def test_cold_and_warm_memos_give_the_same_outputs(seed):
    body = seed_bodies()[seed]
    _clear_memos()
    cold = _outputs(body)
    for other in seed_bodies().values():
        _outputs(other)
    assert _outputs(body) == cold
    assert cold[0], "the seed names people or countries"


def test_tokens_stay_immutable():
    token = names.tokenize("Kassym-Jomart Tokayev")[0]
    with pytest.raises(AttributeError):
        token.text = "other"  # type: ignore[misc]
    assert token._replace(possessive=True).possessive is True
    assert names.tokenize("Kassym-Jomart Tokayev")[0] == token
