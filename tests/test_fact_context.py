"""Subjects of figures and weekdays resolved from the publication date."""

import datetime as dt

from articles.pipeline.facts import extract_facts, group_facts

BODY = (
    "Washington announced a new aid of $20 million for Kazakhstan. "
    "It gave $25 million in aid to schools last year. Trade reached $28 billion. "
    "The ministers met on Wednesday and will meet again on Friday. "
    "Russia invaded last year on February 24."
)


def test_each_figure_carries_its_subject() -> None:
    subjects = {f.text: f.subject for f in extract_facts(BODY)}
    assert subjects["$20 million"] == "new aid"
    assert subjects["$25 million"] == "aid"
    assert subjects["$28 billion"] == "trade"


def test_weekdays_and_relative_years_resolve_from_the_publication_date() -> None:
    facts = extract_facts(BODY, published=dt.date(2023, 2, 28))  # a Tuesday
    dates = {f.text: f.value for f in facts if f.kind == "date"}
    assert dates == {
        "on Wednesday": "2023-02-22",  # the past one: they met
        "on Friday": "2023-03-03",  # the next one: they will meet
        "February 24": "2022-02-24",  # "last year" in a 2023 article
    }


def test_weekdays_without_a_publication_date_are_not_guessed() -> None:
    assert not [f for f in extract_facts(BODY) if "day" in f.text]


def test_a_2022_date_is_not_grouped_with_the_same_day_of_2023() -> None:
    published = dt.date(2023, 3, 1)
    earlier = extract_facts("Russia invaded last year on February 24.", published=published)
    later = extract_facts("The vote took place on February 24.", published=published)
    groups = group_facts({"a": earlier, "b": later})
    assert sorted(g.value for g in groups) == ["2022-02-24", "2023-02-24"]


def test_different_figures_for_the_same_subject_are_flagged_as_conflicting() -> None:
    a = extract_facts("The United States pledged $20 million in aid to the region.")
    b = extract_facts("Washington promised $25 million in aid to the region.")
    c = extract_facts("Trade reached $25 million.")
    groups = {g.value: g for g in group_facts({"a": a, "b": b, "c": c})}
    assert groups["USD 20000000"].conflicts == (("aid", "USD 25000000"),)
    assert groups["USD 25000000"].conflicts == (("aid", "USD 20000000"),)
