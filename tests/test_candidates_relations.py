"""Candidate people introduced by kinship, apposition after a role, lists and Korean names.

The people and sentences are made up for these tests (articles.pipeline.candidates).
"""

from __future__ import annotations

import pytest

from articles.pipeline.gazetteer import PersonEntry
from articles.pipeline.linking import Linker


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker([PersonEntry("tomas-verlaan", "Tomas Verlaan", (), "Minister", None, "")], [])


def candidates(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in linker.candidates(text, linker.link(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("His son-in-law Arvid Kelso resigned on Monday.", [("Arvid Kelso", "son-in-law")]),
        ("My friend Dana Whitcomb, who farms wheat, disagrees.", [("Dana Whitcomb", "friend")]),
        ("Его зять Арвид Кельсо ушёл в отставку.", [("Арвид Кельсо", "зять")]),
    ],
)
def test_a_relative_or_friend_before_a_name(linker, text, expected):
    assert candidates(linker, text) == expected


def test_a_name_in_apposition_after_its_role(linker):
    text = "The envoy to Freedonia, Maren Oakes, spoke on radio."
    assert candidates(linker, text) == [("Maren Oakes", "envoy to Freedonia")]
    # A comma list with no role before it is no apposition.
    assert candidates(linker, "Wheat, Maren Oakes, and barley.") == []


def test_a_name_listed_with_a_linked_person(linker):
    text = "Pell Garrow, Tomas Verlaan and Iris Moland attended the dinner."
    assert candidates(linker, text) == [("Pell Garrow", ""), ("Iris Moland", "")]
    assert candidates(linker, "Pell Garrow attended the dinner.") == []
    # A comma alone, with no "and" closing the list, is no list of people.
    assert candidates(linker, "Radio Ostra, Tomas Verlaan, a minister, said so.") == []


def test_a_hyphenated_lower_case_syllable_belongs_to_the_name(linker):
    text = "First lady Park Min-ah visited a school. Analyst Song Ji-woo agreed."
    assert candidates(linker, text) == [("Park Min-ah", "First lady"), ("Song Ji-woo", "Analyst")]
    # "-born", "-led" are no syllables of a name.
    assert candidates(linker, "Analyst Marta Kessler-born said so.") == [
        ("Marta Kessler", "Analyst")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The plan is ready, according to Elna Brask of the ministry.", "Elna Brask"),
        ("Le plan est prêt, selon Elna Brask.", "Elna Brask"),
        ("Der Plan sei fertig, laut Elna Brask.", "Elna Brask"),
        ("El plan está listo, según Elna Brask.", "Elna Brask"),
        ("План готов, по словам Эльны Браск.", "Эльны Браск"),
    ],
)
def test_a_name_after_according_to(linker, text, name):
    assert candidates(linker, text) == [(name, "")]


@pytest.mark.parametrize(
    "text",
    [
        "According to Harbour News Agency, the talks went well.",
        "She told Radio Freedonia that she would stay.",
        "Said Lakeside Daily Herald in an editorial.",
        "Selon Agence Freedonie Presse, la visite est reportée.",
        "Laut Lakeside Zeitung war das Treffen kurz.",
    ],
)
def test_a_run_with_an_organisation_word_is_no_candidate(linker, text):
    assert candidates(linker, text) == []


def test_a_person_after_according_to_is_still_a_candidate(linker):
    text = "According to Arvid Kelso, the talks went well."
    assert candidates(linker, text) == [("Arvid Kelso", "")]


def test_a_name_after_a_creative_profession_is_a_candidate(linker):
    text = "The hall was designed by the architect Ilse Varga in 1970."
    assert candidates(linker, text) == [("Ilse Varga", "architect")]


def test_a_role_noun_opening_a_sentence_is_the_role_not_the_name(linker):
    text = "Политолог Арвид Кельсо считает, что это ошибка."
    assert candidates(linker, text) == [("Арвид Кельсо", "Политолог")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A region after a reporting verb is the subject of the reported clause.
        (
            "An economist, Dana Whitcomb, said Central Asia's problem was money.",
            [("Dana Whitcomb", "economist")],
        ),
        # Buildings, prizes and offices named after someone or something are not people.
        (
            "Wreaths were laid at the Chairman Kelso Memorial Hall, said Arvid Kelso.",
            [("Arvid Kelso", "")],
        ),
        ("The Dana Whitcomb Prize went to a poet, said Maren Oakes.", [("Maren Oakes", "")]),
        ("Das Auswärtige Amt teilte mit, sagte Arvid Kelso.", [("Arvid Kelso", "")]),
    ],
)
def test_regions_buildings_prizes_and_offices_are_no_candidates(linker, text, expected):
    assert candidates(linker, text) == expected
