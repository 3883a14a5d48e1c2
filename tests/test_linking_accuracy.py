"""Measured linking accuracy on the seed articles against the hand-made gold annotation.

Each seed is decoded and parsed by the real pipeline, its body is linked, and the multiset of
(surface, entity) pairs is compared with tests/gold/mentions.toml. Precision and recall are
printed per seed and overall (run pytest with -s) and must stay above the floors below, for
people and for countries separately.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.pipeline.decoding import decode_document
from articles.pipeline.gazetteer import all_countries, load_gazetteer
from articles.pipeline.linking import Linker
from articles.pipeline.parsing import parse_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = tomllib.loads((Path(__file__).parent / "gold" / "mentions.toml").read_text("utf-8"))

MIN_PRECISION = 0.97
MIN_RECALL = 0.95
KINDS = ("person", "country")

Pair = tuple[str, str]  # (surface, "kind:key")


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )


def body_of(seed: str) -> str:
    return parse_document(decode_document((SEEDS / seed).read_bytes()).text).body


def score(predicted: Counter[Pair], expected: Counter[Pair], kind: str) -> Score:
    def only(pairs: Counter[Pair]) -> Counter[Pair]:
        return Counter({pair: n for pair, n in pairs.items() if pair[1].startswith(kind + ":")})

    mine, gold = only(predicted), only(expected)
    return Score(sum((mine & gold).values()), sum(mine.values()), sum(gold.values()))


@pytest.fixture(scope="module")
def linker() -> Linker:
    gazetteer = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    return Linker(gazetteer.people, all_countries(gazetteer.countries))


@pytest.fixture(scope="module")
def results(linker: Linker) -> dict[str, tuple[Counter[Pair], Counter[Pair]]]:
    out = {}
    for document in GOLD["document"]:
        mentions = linker.link(body_of(document["seed"]))
        predicted = Counter((m.text, f"{m.kind}:{m.key}") for m in mentions)
        expected = Counter((surface, entity) for surface, entity in document["mentions"])
        out[document["seed"]] = (predicted, expected)
    return out


def test_gold_covers_every_seed() -> None:
    assert sorted(d["seed"] for d in GOLD["document"]) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )


@pytest.mark.parametrize("document", GOLD["document"], ids=lambda d: d["seed"][:3])
def test_gold_mentions_occur_in_the_body_in_order(document: dict) -> None:
    """The gold is about the parsed body: each surface is found there, in reading order."""
    body = body_of(document["seed"])
    position = 0
    for surface, entity in document["mentions"]:
        kind, _, key = entity.partition(":")
        assert kind in KINDS and key, entity
        found = body.find(surface, position)
        assert found >= 0, f"{surface!r} not found after offset {position}"
        position = found + len(surface)


def test_linking_accuracy(results: dict[str, tuple[Counter[Pair], Counter[Pair]]]) -> None:
    totals = {kind: Score(0, 0, 0) for kind in KINDS}
    lines = [f"{'seed':<28}{'kind':<9}{'gold':>6}{'found':>7}{'P':>8}{'R':>8}"]
    for seed, (predicted, expected) in results.items():
        for kind in KINDS:
            result = score(predicted, expected, kind)
            totals[kind] += result
            lines.append(_row(seed, kind, result))
    for kind in KINDS:
        lines.append(_row("ALL", kind, totals[kind]))
    print("\n" + "\n".join(lines))
    _print_differences(results)
    for kind, total in totals.items():
        assert total.precision >= MIN_PRECISION, f"{kind} precision {total.precision:.3f}"
        assert total.recall >= MIN_RECALL, f"{kind} recall {total.recall:.3f}"


def _row(seed: str, kind: str, result: Score) -> str:
    return (
        f"{seed:<28}{kind:<9}{result.expected:>6}{result.predicted:>7}"
        f"{result.precision:>8.3f}{result.recall:>8.3f}"
    )


def _print_differences(results: dict[str, tuple[Counter[Pair], Counter[Pair]]]) -> None:
    for seed, (predicted, expected) in results.items():
        for pair, n in (predicted - expected).items():
            print(f"  {seed[:3]} extra   x{n} {pair}")
        for pair, n in (expected - predicted).items():
            print(f"  {seed[:3]} missing x{n} {pair}")
