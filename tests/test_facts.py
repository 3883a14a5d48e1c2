"""Money, votes, percentages, quantities and dates: per seed, grouped, and pattern by pattern."""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.pipeline.facts import Fact, FactKind, extract_facts, group_facts, parse_number
from tests.seed_data import seed_bodies

YEAR = 2023  # the visit: 28 February – 1 March 2023


def seed_facts() -> dict[str, list[Fact]]:
    return {seed: extract_facts(body, year=YEAR) for seed, body in seed_bodies().items()}


def values(facts: list[Fact], kind: FactKind) -> list[str]:
    return [fact.value for fact in facts if fact.kind is kind]


# --- the seeds ---------------------------------------------------------------------------

EXPECTED = {
    "000": {FactKind.MONEY: [], FactKind.VOTE: [], FactKind.PERCENT: []},
    "001": {FactKind.MONEY: ["USD 25000000"], FactKind.VOTE: ["141-7-32"], FactKind.PERCENT: []},
    "002": {
        FactKind.MONEY: ["USD 25000000", "USD 62000000000"],
        FactKind.VOTE: [],
        FactKind.PERCENT: [],
    },
    "003": {FactKind.MONEY: [], FactKind.VOTE: ["141-7-32"], FactKind.PERCENT: []},
    "004": {
        FactKind.MONEY: ["USD 25000000", "USD 20000000", "USD 9000000", "USD 6000000000"],
        FactKind.VOTE: [],
        FactKind.PERCENT: ["60-80%", "4%", "90%"],
    },
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_money_votes_percentages(seed: str) -> None:
    facts = seed_facts()[seed]
    for kind, expected in EXPECTED[seed].items():
        assert values(facts, kind) == expected, kind


def test_seed_surface_forms() -> None:
    facts = seed_facts()
    assert [f.text for f in facts["001"] if f.kind is FactKind.MONEY] == ["25 million dollars"]
    vote_001 = next(f for f in facts["001"] if f.kind is FactKind.VOTE)
    assert "141 voted in favor, seven against" in vote_001.text
    vote_003 = next(f for f in facts["003"] if f.kind is FactKind.VOTE)
    assert vote_003.text.endswith("voting against")
    assert values(facts["002"], FactKind.QUANTITY)[-1] == "20000 tonnes"
    assert "tens of thousands russians" in values(facts["003"], FactKind.QUANTITY)


def test_seed_dates() -> None:
    facts = seed_facts()
    assert values(facts["001"], FactKind.DATE) == ["2015", "1991", "2023-02-24"]
    # Umarov: "what happened last year on February 24" is the 2022 invasion.
    assert values(facts["002"], FactKind.DATE) == ["2023-02-28", "2023-02-28", "2022-02-24"]
    assert values(facts["003"], FactKind.DATE) == ["1991", "2023-02-24"]
    assert values(facts["004"], FactKind.DATE) == ["2023-02-28", "2022"]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_offsets_and_context(seed: str) -> None:
    body = seed_bodies()[seed]
    for fact in seed_facts()[seed]:
        assert body[fact.start : fact.end] == fact.text
        assert fact.text in fact.context
        assert "\n\n" not in fact.context


def test_groups_show_who_reported_what() -> None:
    groups = {(g.kind, g.value): g for g in group_facts(seed_facts())}
    print("\nfact groups (kind, value: articles):")
    for (kind, value), group in groups.items():
        print(f"  {kind:9} {value:24} {', '.join(group.articles)}")
    assert groups[FactKind.MONEY, "USD 25000000"].articles == ("001", "002", "004")
    assert groups[FactKind.MONEY, "USD 20000000"].articles == ("004",)
    assert groups[FactKind.VOTE, "141-7-32"].articles == ("001", "003")
    surface = {fact.text for _, fact in groups[FactKind.MONEY, "USD 25000000"].facts}
    assert surface == {"25 million dollars", "$25 million"}


def test_groups_are_ordered_by_kind_then_reach() -> None:
    groups = group_facts(seed_facts())
    kinds = [g.kind for g in groups]
    assert kinds == sorted(kinds, key=list(FactKind).index)
    money = [g.value for g in groups if g.kind is FactKind.MONEY]
    assert money[0] == "USD 25000000"  # reported by the most articles
    assert money[1:] == ["USD 9000000", "USD 20000000", "USD 6000000000", "USD 62000000000"]


# --- the patterns ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("20,000", 20000),
        ("1.5 billion", 1_500_000_000),
        ("seven", 7),
        ("forty-one", 41),
        ("one hundred forty-one", 141),
        ("twenty-five million", 25_000_000),
        ("none", None),
    ],
)
def test_parse_number(text: str, number: int | None) -> None:
    assert parse_number(text) == (None if number is None else Decimal(number))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They pledged $25 million.", "USD 25000000"),
        ("They pledged 25 million dollars.", "USD 25000000"),
        ("They pledged US$1.5 billion.", "USD 1500000000"),
        ("It costs €3bn.", "EUR 3000000000"),
        ("A loan of 500 million roubles.", "RUB 500000000"),
        ("Worth USD 40 million.", "USD 40000000"),
    ],
)
def test_money(text: str, value: str) -> None:
    assert values(extract_facts(text), FactKind.MONEY) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The resolution passed 93 in favour, 24 against and 58 abstentions.", "93-24-58"),
        ("It passed with ninety-three votes in favor and twenty-four voting against.", "93-24"),
        ("Of the states that voted, 141 voted in favor and seven (Russia among them) against.",
         "141-7"),
    ],
)  # fmt: skip
def test_votes(text: str, value: str) -> None:
    assert values(extract_facts(text), FactKind.VOTE) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Seven countries protested against sanctions.",  # no vote at all
        "Russia voted against the resolution, and 32 others abstained.",  # no count for
    ],
)
def test_not_a_vote_count(text: str) -> None:
    assert values(extract_facts(text), FactKind.VOTE) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Up 4 percent.", "4%"), ("About 60-80 percent of trade.", "60-80%"), ("Just 2.5%.", "2.5%")],
)
def test_percentages(text: str, value: str) -> None:
    assert values(extract_facts(text), FactKind.PERCENT) == [value]


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("They met on February 28.", 2023, ["2023-02-28"]),
        ("They met on February 28.", None, ["--02-28"]),
        ("They met on 28 February 2022.", 2023, ["2022-02-28"]),
        ("It happened last year on February 24.", 2023, ["2022-02-24"]),
        ("Independence came in 1991.", None, ["1991"]),
        ("The unrest of January 2022 was bloody.", None, ["2022-01"]),
        ("Reforms announced last March.", 2023, []),
        ("It cost $2015 million.", None, []),
    ],
)
def test_dates(text: str, year: int | None, expected: list[str]) -> None:
    assert values(extract_facts(text, year=year), FactKind.DATE) == expected


def test_quantities() -> None:
    facts = extract_facts("It shipped 20,000 tonnes of oil and 3 million barrels more.")
    assert values(facts, FactKind.QUANTITY) == ["20000 tonnes", "3000000 barrels"]


def test_context_is_the_sentence() -> None:
    body = "The U.S. gave money. It pledged $25 million to the region. Then it left."
    (fact,) = extract_facts(body)
    assert fact.context == "It pledged $25 million to the region."
