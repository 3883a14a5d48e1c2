"""The linker (articles.pipeline.linking) and the gazetteer it is built from."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from articles.pipeline.decoding import decode_document
from articles.pipeline.gazetteer import (
    CountryEntry,
    GazetteerData,
    GazetteerError,
    PersonEntry,
    all_countries,
    load_gazetteer,
    parse_gazetteer,
)
from articles.pipeline.linking import Candidate, Linker, MatchMethod, Mention

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "seeds" / "gazetteer.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "linking"
HARD_CASES = tomllib.loads((FIXTURES / "hard_cases.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gazetteer() -> GazetteerData:
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def linker(gazetteer: GazetteerData) -> Linker:
    return Linker(gazetteer.people, all_countries(gazetteer.countries))


def pairs(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, f"{m.kind}:{m.key}") for m in mentions]


def check_mentions(text: str, mentions: list[Mention]) -> None:
    """The contract every result must keep: exact offsets, sorted, non-overlapping."""
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start


# --- hard texts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", HARD_CASES["case"], ids=lambda case: case["name"])
def test_hard_case(linker: Linker, case: dict[str, Any]) -> None:
    mentions = linker.link(case["text"])
    check_mentions(case["text"], mentions)
    assert pairs(mentions) == [(surface, entity) for surface, entity, *_ in case["expect"]]
    for mention, (_, _, *method) in zip(mentions, case["expect"], strict=True):
        if method:
            assert mention.method == MatchMethod(method[0]), mention


@pytest.mark.parametrize("case", HARD_CASES["candidates"], ids=lambda case: case["name"])
def test_candidates(linker: Linker, case: dict[str, Any]) -> None:
    text = case["text"]
    found = linker.candidates(text, linker.link(text))
    assert [candidate.name for candidate in found] == case["expect"]
    for candidate in found:
        assert text[candidate.start : candidate.end] == candidate.name
        assert candidate.name in candidate.context
        assert "\n" not in candidate.context


def test_candidate_context_is_the_sentence(linker: Linker) -> None:
    text = 'Prices rose. "It is bad," said Ivan Petrov, an economist. Nobody else spoke.'
    assert linker.candidates(text, linker.link(text)) == [
        Candidate(
            name="Ivan Petrov",
            context='"It is bad," said Ivan Petrov, an economist.',
            start=text.index("Ivan"),
            end=text.index(", an"),
            role="economist",
        )
    ]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Talks were led by Foreign Minister Ilya Korsak.", "Ilya Korsak", "Foreign Minister"),
        (
            "The host was Kazakh Deputy Foreign Minister Arman Zholdas in Astana.",
            "Arman Zholdas",
            "Kazakh Deputy Foreign Minister",
        ),
        ("Ilya Korsak said the talks went well.", "Ilya Korsak", ""),
        ("Ilya Korsak, a political analyst, disagreed.", "Ilya Korsak", "political analyst"),
        ("He met President Ilya Korsak's envoy in Bishkek.", "Ilya Korsak", "President"),
    ],
)
def test_candidates_named_with_role_words(linker: Linker, text: str, name: str, role: str) -> None:
    (candidate,) = linker.candidates(text, linker.link(text))
    assert (candidate.name, candidate.role) == (name, role)
    assert text[candidate.start : candidate.end] == name


def test_a_linked_country_between_role_and_name(linker: Linker) -> None:
    text = "They met the President of Kazakhstan Ilya Korsak in Astana."
    (candidate,) = linker.candidates(text, linker.link(text))
    assert (candidate.name, candidate.role) == ("Ilya Korsak", "President of Kazakhstan")


def test_a_modifier_alone_is_no_role(linker: Linker) -> None:
    text = "She is a researcher at the Almaty Institute of Foreign Policy Studies."
    assert linker.candidates(text, linker.link(text)) == []


def test_a_capitalised_pair_without_role_or_speech_is_no_candidate(linker: Linker) -> None:
    text = "Trade between Silk Road cities grew. Green Energy was discussed."
    assert linker.candidates(text, linker.link(text)) == []


# --- rules one by one ----------------------------------------------------------------------------


def test_methods_of_the_seed_spellings(linker: Linker) -> None:
    text = (
        "Antony Blinken, Anthony Blinken, Shavkat Mirziyóyev, Bajtiyor Saidov, "
        "Kasim-Yomart Tokayev and Mukhtar Tleuberdi met in Kazakhstan."
    )
    assert [(m.text, m.method) for m in linker.link(text)] == [
        ("Antony Blinken", MatchMethod.EXACT),
        ("Anthony Blinken", MatchMethod.VARIANT),
        ("Shavkat Mirziyóyev", MatchMethod.NORMALIZED),
        ("Bajtiyor Saidov", MatchMethod.TRANSLITERATION),
        ("Kasim-Yomart Tokayev", MatchMethod.TRANSLITERATION),
        ("Mukhtar Tleuberdi", MatchMethod.VARIANT),
        ("Kazakhstan", MatchMethod.EXACT),
    ]


def test_demonym_and_person_side_by_side(linker: Linker) -> None:
    text = "Kazakh President Kassym-Jomart Tokayev’s office"
    mentions = linker.link(text)
    check_mentions(text, mentions)
    assert [(m.text, m.kind, m.key, m.method) for m in mentions] == [
        ("Kazakh", "country", "KZ", MatchMethod.DEMONYM),
        ("Kassym-Jomart Tokayev", "person", "kassym-jomart-tokayev", MatchMethod.EXACT),
    ]


def test_surname_prefers_the_person_named_in_the_article() -> None:
    people = [
        PersonEntry("ilham-aliyev", "Ilham Aliyev", (), "President", "AZ", ""),
        PersonEntry("heydar-aliyev", "Heydar Aliyev", (), "President", "AZ", ""),
    ]
    linker = Linker(people, [])
    assert pairs(linker.link("Aliyev spoke.")) == []  # two people share the surname
    assert pairs(linker.link("Heydar Aliyev ruled. Later Aliyev retired.")) == [
        ("Heydar Aliyev", "person:heydar-aliyev"),
        ("Aliyev", "person:heydar-aliyev"),
    ]


def test_lowercase_surname_and_country_do_not_link(linker: Linker) -> None:
    assert linker.link("the blinken memo on fine china") == []


def test_capitals_as_state_and_as_place(linker: Linker) -> None:
    text = (
        "Moscow immediately exploited it. Blinken was in Astana. Astana’s pledge held, "
        "and Tashkent later said yes."
    )
    assert [(m.text, m.key) for m in linker.link(text) if m.kind == "country"] == [
        ("Moscow", "RU"),
        ("Astana", "KZ"),
        ("Tashkent", "UZ"),
    ]


def test_empty_inputs() -> None:
    assert Linker([], []).link("Antony Blinken in Astana") == []
    assert Linker([], all_countries([])).link("") == []


def test_one_automaton_scales_to_all_countries(linker: Linker) -> None:
    # pycountry's names link without any gazetteer extras.
    text = "Talks between Mongolia, Viet Nam, Vietnam, Czechia and South Korea."
    assert [m.key for m in linker.link(text)] == ["MN", "VN", "VN", "CZ", "KR"]


# --- through the decoder -------------------------------------------------------------------------


def test_windows_1252_file_decodes_and_links(linker: Linker) -> None:
    raw = (FIXTURES / "cp1252_article.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    decoded = decode_document(raw)
    assert decoded.encoding == "cp1252"
    mentions = linker.link(decoded.text)
    check_mentions(decoded.text, mentions)
    assert pairs(mentions) == [
        ("Uzbek", "country:UZ"),
        ("Shavkat Mirziyóyev", "person:shavkat-mirziyoyev"),
        ("US", "country:US"),
        ("Antony Blinken", "person:antony-blinken"),
        ("Blinken", "person:antony-blinken"),
        ("Kazakh", "country:KZ"),
        ("Kassym-Jomart Tokayev", "person:kassym-jomart-tokayev"),
        ("United States", "country:US"),
        ("Mirziyóyev", "person:shavkat-mirziyoyev"),
        ("Bakhtiyor Saidov", "person:bakhtiyor-saidov"),
    ]


def test_mojibake_is_repaired_before_linking(linker: Linker) -> None:
    # UTF-8 bytes once misread as Windows-1252 and saved again as UTF-8.
    garbled = "President Shavkat Mirziyóyev met Antony Blinken’s team.".encode().decode("cp1252")
    assert "Ã³" in garbled
    # Folding happens to survive the garbled accent, but "Blinkenâ€™s" is lost.
    assert pairs(linker.link(garbled)) == [
        ("Shavkat MirziyÃ³yev", "person:shavkat-mirziyoyev"),
    ]
    text = decode_document(garbled.encode()).text
    assert pairs(linker.link(text)) == [
        ("Shavkat Mirziyóyev", "person:shavkat-mirziyoyev"),
        ("Antony Blinken", "person:antony-blinken"),
    ]


# --- gazetteer -----------------------------------------------------------------------------------


def test_seed_gazetteer_is_complete(gazetteer: GazetteerData) -> None:
    slugs = {person.slug for person in gazetteer.people}
    assert {
        "antony-blinken",
        "kassym-jomart-tokayev",
        "shavkat-mirziyoyev",
        "mukhtar-tileuberdi",
        "bakhtiyor-saidov",
        "donald-lu",
        "vladimir-putin",
        "volodymyr-zelenskyy",
        "joe-biden",
        "ilham-aliyev",
        "alisher-usmanov",
        "rafael-sattarov",
        "kanat-altynbayev",
        "rustam-temirov",
        "ruslan-nazarov",
        "temur-umarov",
        "dosym-satpayev",
        "alisher-ilkhamov",
        "nigara-khidoyatova",
        "anvar-nozirov",
    } <= slugs
    for person in gazetteer.people:
        assert person.role and person.description
        assert person.country is None or len(person.country) == 2


def test_all_countries_merges_extras_by_code(gazetteer: GazetteerData) -> None:
    countries = {c.code: c for c in all_countries(gazetteer.countries)}
    assert len(countries) >= 249
    russia = countries["RU"]
    assert russia.name == "Russia"
    assert "Russian Federation" in russia.names
    assert "the Kremlin" in russia.capitals
    assert countries["KZ"].names == ("Republic of Kazakhstan",)
    assert countries["IR"].name == "Iran"
    assert not any("," in name for c in countries.values() for name in c.names)
    assert countries["MN"].demonyms == ()


def test_all_countries_keeps_unknown_codes() -> None:
    kosovo = CountryEntry("XK", "Kosovo", (), ("Kosovar",), ("Pristina",))
    assert kosovo in all_countries([kosovo])


def test_parse_gazetteer_fills_country_name_from_pycountry() -> None:
    data = parse_gazetteer('[[countries]]\ncode = "kz"\ndemonyms = ["Kazakh"]\n')
    assert data == GazetteerData(
        people=(), countries=(CountryEntry("KZ", "Kazakhstan", (), ("Kazakh",), ()),)
    )


@pytest.mark.parametrize(
    "text",
    [
        "[[people]]\nname = 'No Slug'\n",
        "[[people]]\nslug = 'a'\nname = 'A B'\ncountry = 'USA'\n",
        "[[people]]\nslug = 'a'\nname = 'A B'\nvariants = 'A'\n",
        "[[people]]\nslug = 'a'\nname = 'A'\n[[people]]\nslug = 'a'\nname = 'B'\n",
        "[[countries]]\ncode = 'XK'\n",
        "not toml = = =",
    ],
)
def test_parse_gazetteer_rejects_bad_entries(text: str) -> None:
    with pytest.raises(GazetteerError):
        parse_gazetteer(text)
