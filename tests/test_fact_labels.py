"""Human labels for normalised fact values."""

from decimal import Decimal

import pytest

from articles.pipeline.fact_labels import fact_label, format_amount


@pytest.mark.parametrize(
    ("kind", "value", "label"),
    [
        ("money", "USD 25000000", "$25 million"),
        ("money", "USD 20000000", "$20 million"),
        ("money", "USD 6000000000", "$6 billion"),
        ("money", "USD 62000000000", "$62 billion"),
        ("money", "EUR 1500000", "€1.5 million"),
        ("money", "GBP 9500", "£9,500"),
        ("money", "KZT 1500000000", "1.5 billion KZT"),
        ("money", "USD 12345678", "$12,345,678"),
        ("money", "USD 25.50", "$25.5"),
        ("vote", "141-7-32", "141 for, 7 against, 32 abstaining"),
        ("vote", "141-7", "141 for, 7 against"),
        ("vote", "1500-2-0", "1,500 for, 2 against, 0 abstaining"),
        ("percent", "4%", "4%"),
        ("percent", "60-80%", "60–80%"),
        ("quantity", "20000 tonnes", "20,000 tonnes"),
        ("quantity", "1500000 barrels", "1.5 million barrels"),
        ("quantity", "tens of thousands russians", "tens of thousands of russians"),
        ("date", "2022-02-24", "24 February 2022"),
        ("date", "2023-03-01", "1 March 2023"),
        ("date", "--02-24", "24 February (year not stated)"),
        ("date", "2022-01", "January 2022"),
        ("date", "1991", "1991"),
    ],
)
def test_values_read_as_people_write_them(kind, value, label):
    assert fact_label(kind, value) == label


def test_quantities_take_the_articles_spelling_of_the_noun():
    assert (
        fact_label("quantity", "tens of thousands russians", text="tens of thousands of Russians")
        == "tens of thousands of Russians"
    )
    assert (
        fact_label("quantity", "thousands russian companies", text="Thousands of Russian companies")
        == "thousands of Russian companies"
    )
    # A text that does not end with the noun is not trusted.
    assert (
        fact_label("quantity", "thousands russians", text="thousands of Ukrainians")
        == "thousands of russians"
    )


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("money", "25000000 USD"),
        ("money", "USD lots"),
        ("money", "USD NaN"),
        ("vote", "141-seven"),
        ("vote", "1-2-3-4"),
        ("percent", "4"),
        ("percent", "a-b%"),
        ("date", "2023-02-30"),
        ("date", "2023-13"),
        ("date", "--13-01"),
        ("date", "last March"),
        ("quantity", "many people"),
        ("unknown", "USD 25000000"),
        ("money", ""),
    ],
)
def test_values_it_cannot_read_are_shown_unchanged(kind, value):
    assert fact_label(kind, value) == value


def test_amounts_use_scale_words_only_when_exact():
    assert format_amount(Decimal("25300000")) == "25.3 million"
    assert format_amount(Decimal("25300001")) == "25,300,001"
    assert format_amount(Decimal("999999")) == "999,999"
