"""Relatives and namesakes who share a name form (articles.pipeline.namesakes).

The people and sentences are made up for these tests.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from articles.pipeline.analysis import quote_speakers
from articles.pipeline.gazetteer import CountryEntry, PersonEntry
from articles.pipeline.linking import Linker

FATHER = PersonEntry(
    "bolat-ormonov",
    "Bolat Ormonov",
    ("Болат Орманов", "Орманов"),
    "Chairman of the Senate of Fictland",
    None,
    "",
)
SON = PersonEntry(
    "aidos-ormonov",
    "Aidos Ormonov",
    ("Айдос Орманов", "Орманов"),
    "President of Fictland",
    None,
    "",
)
COUSIN = PersonEntry(
    "marat-ormonov", "Marat Ormonov", ("Марат Орманов",), "Mayor of Fictville", None, ""
)


def people(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in linker.link(text) if m.kind == "person"]


def test_a_shared_cyrillic_surname_goes_to_the_relative_named_in_full() -> None:
    linker = Linker([FATHER, SON], [])
    text = "Президент Айдос Орманов прибыл в столицу. Орманов выступил первым."
    assert people(linker, text) == [
        ("Айдос Орманов", "aidos-ormonov"),
        ("Орманов", "aidos-ormonov"),
    ]


def test_a_shared_cyrillic_surname_with_nobody_named_is_left_open() -> None:
    linker = Linker([FATHER, SON], [])
    assert people(linker, "Орманов выступил первым.") == []


def test_a_cyrillic_surname_follows_the_namesake_named_in_full() -> None:
    # Only the son has the one-word form, but the article names the cousin.
    linker = Linker([SON, COUSIN], [])
    text = "Мэр Марат Орманов открыл форум. Орманов сказал, что доволен."
    assert people(linker, text) == [
        ("Марат Орманов", "marat-ormonov"),
        ("Орманов", "marat-ormonov"),
    ]


def test_a_title_before_a_shared_surname_picks_the_holder_of_that_office() -> None:
    linker = Linker([FATHER, SON], [])
    text = (
        "Aidos Ormonov met the envoys. His father Bolat Ormonov joined later. "
        "President Ormonov thanked them. Ormonov then left for the airport."
    )
    assert people(linker, text) == [
        ("Aidos Ormonov", "aidos-ormonov"),
        ("Bolat Ormonov", "bolat-ormonov"),
        ("Ormonov", "aidos-ormonov"),
        ("Ormonov", "aidos-ormonov"),
    ]


def test_a_surname_keeps_its_last_reference_until_the_other_is_named_again() -> None:
    linker = Linker([FATHER, SON], [])
    text = (
        "Aidos Ormonov spoke. Bolat Ormonov spoke. President Ormonov answered. "
        "Ormonov smiled. Bolat Ormonov spoke again. Ormonov was applauded."
    )
    assert [key for _, key in people(linker, text)] == [
        "aidos-ormonov",
        "bolat-ormonov",
        "aidos-ormonov",
        "aidos-ormonov",
        "bolat-ormonov",
        "bolat-ormonov",
    ]


def test_a_surname_inside_a_hyphenated_place_name_is_no_person() -> None:
    sharif = PersonEntry("tariq-sharif", "Tariq Sharif", (), "Prime Minister", None, "")
    linker = Linker([sharif], [])
    assert people(linker, "The road runs through Mazar-i-Sharif to the border.") == []
    assert people(linker, "Tariq Sharif arrived. Sharif said the road is open.") == [
        ("Tariq Sharif", "tariq-sharif"),
        ("Sharif", "tariq-sharif"),
    ]


def test_a_mans_russian_surname_with_a_feminine_verb_is_a_womans() -> None:
    linker = Linker([SON], [])
    assert people(linker, "Орманова заявила, что выборы прошли честно.") == []
    assert people(linker, "Выступила Орманова, депутат парламента.") == []
    # The man's genitive stays his: "the visit of Ormonov".
    assert people(linker, "Визит Орманова состоялся в мае.") == [("Орманова", "aidos-ormonov")]


def test_chinese_and_korean_family_names_come_first() -> None:
    linker = Linker(
        [
            PersonEntry("li-wenhao", "Li Wenhao", (), "Minister of Trade", "CN", ""),
            PersonEntry("bong-jae-in", "Bong Jae-in", (), "Prime Minister", "KR", ""),
            PersonEntry("park-sun", "Park Sun", (), "Mayor", "KR", ""),
        ],
        [],
    )
    text = "Li Wenhao met Bong Jae-in in May. Li said Bong agreed, in principle."
    assert people(linker, text) == [
        ("Li Wenhao", "li-wenhao"),
        ("Bong Jae-in", "bong-jae-in"),
        ("Li", "li-wenhao"),
        ("Bong", "bong-jae-in"),
    ]
    # A family name alone links only after the full name: "Park" is also a word.
    assert people(linker, "Park officials said the Park was closed.") == []
    assert people(linker, "Wenhao said so.") == []


def test_a_surname_after_a_determiner_is_a_common_noun_unless_named() -> None:
    linker = Linker([PersonEntry("ada-north", "Ada North", (), "Envoy", None, "")], [])
    assert people(linker, "Trade with the North and the South. Ties with the North.") == []
    # Before a noun it is the person's: "the North mission".
    assert people(linker, "Critics of the North mission spoke.") == [("North", "ada-north")]
    assert people(linker, "North said so.") == [("North", "ada-north")]


def test_a_surname_in_capitals_after_another_given_name_in_capitals_is_someone_else() -> None:
    # A transcript labels its guest in capitals; a near spelling of a known surname after
    # another given name is not that person, in capitals as in ordinary case.
    linker = Linker([PersonEntry("ajit-doval", "Ajit Doval", (), "Adviser", None, "")], [])
    assert people(linker, "CLAIRE DUVAL. – Parce que le symbole compte.") == []
    assert people(linker, "Claire Duval, chercheuse, répond.") == []
    assert people(linker, "AJIT DOVAL: We agreed.") == [("AJIT DOVAL", "ajit-doval")]
    assert people(linker, "SECRETARY DOVAL: We agreed.") == [("DOVAL", "ajit-doval")]


def test_an_initial_before_a_shared_surname_picks_the_owner_with_that_given_name() -> None:
    linker = Linker([FATHER, SON], [])
    text = "The meeting was attended by A.Ormonov. B. Ormonov sent greetings. Ormonov left early."
    assert people(linker, text) == [
        ("Ormonov", "aidos-ormonov"),
        ("Ormonov", "bolat-ormonov"),
        ("Ormonov", "bolat-ormonov"),
    ]


def test_an_initial_that_fits_no_owner_leaves_the_surname_open() -> None:
    linker = Linker([SON], [])
    assert people(linker, "Deputy minister K.Ormonov spoke after Sh. Ormonov.") == []


def test_a_title_abbreviation_before_a_surname_is_no_initial() -> None:
    linker = Linker([SON], [])
    assert people(linker, "M. Ormonov a été reçu à Paris.") == [("Ormonov", "aidos-ormonov")]


def test_a_given_name_that_is_also_a_country_name_belongs_to_someone_else() -> None:
    # "Jordan" is dropped as a country before a surname, so it is a given name: Lena Mitchel
    # is not the person meant by "Jordan Mitchell".
    lena = PersonEntry("lena-mitchel", "Lena Mitchel", (), "Envoy", None, "")
    jordan = CountryEntry("JO", "Jordan", (), ("Jordanian",), ("Amman",))
    linker = Linker([lena], [jordan])
    mentions = linker.link("Jordan Mitchell of our Tbilisi office reminds us of it.")
    assert [(m.text, m.key) for m in mentions] == []


def test_an_initial_before_a_one_word_cyrillic_form_picks_the_owner_with_that_name() -> None:
    # Only the son has the one-word form; the initial of the father's given name takes it.
    father = dataclasses.replace(FATHER, variants=("Болат Орманов",))
    linker = Linker([father, SON], [])
    text = "Председатель Б.Орманов открыл заседание. Президент А.Орманов выступил."
    assert people(linker, text) == [("Орманов", "bolat-ormonov"), ("Орманов", "aidos-ormonov")]


def test_an_office_title_before_the_surname_of_a_known_analyst_is_someone_else() -> None:
    analyst = PersonEntry("emil-sarto", "Emil Sarto", (), "Fellow, Lakeside Institute", None, "")
    linker = Linker([analyst], [])
    text = "Information Minister Sarto defended the bill. Sarto added that it was fair."
    assert people(linker, text) == []
    # Named in full, or with a role that holds the office, the surname is theirs.
    text = "Analyst Emil Sarto disagreed. Sarto said so."
    assert people(linker, text) == [("Emil Sarto", "emil-sarto"), ("Sarto", "emil-sarto")]
    minister = PersonEntry("ida-sarto", "Ida Sarto", (), "Minister of Information", None, "")
    assert people(Linker([minister], []), "Information Minister Sarto spoke.") == [
        ("Sarto", "ida-sarto")
    ]


def test_a_surname_after_a_place_noun_and_of_is_a_place() -> None:
    linker = Linker([SON], [])
    assert people(linker, "Ore from the mining town of Ormonov goes west.") == []
    assert people(linker, "A speech of Ormonov.") == [("Ormonov", "aidos-ormonov")]


def test_the_end_of_an_abbreviation_is_no_initial() -> None:
    linker = Linker([SON], [])
    text = "Trade with the U.S. Ormonov called it fair."
    assert people(linker, text) == [("Ormonov", "aidos-ormonov")]


def test_a_capital_dropped_as_a_place_is_no_given_name() -> None:
    astana = CountryEntry("KZ", "Kazakhstan", (), ("Kazakh",), ("Astana",))
    linker = Linker([SON], [astana])
    assert people(linker, "In Astana Ormonov spoke first.") == [("Ormonov", "aidos-ormonov")]


def test_a_speaker_written_by_a_shared_surname_is_nobody_and_a_longer_one_is_its_owner() -> None:
    # Father and son share the last word of their names; the son's name has one more.
    father = PersonEntry("bolat-temir", "Bolat Temir", (), "Senator of Fictland", None, "")
    son = PersonEntry("aidos-sol-temir", "Aidos Sol Temir", (), "Mayor of Fictville", None, "")
    linker = Linker([father, son], [])
    mentions = linker.link("Aidos Sol Temir met his father Bolat Temir on Monday.")
    quotes = [
        SimpleNamespace(speaker=speaker, speaker_start=None, speaker_end=None)
        for speaker in ("Sol Temir", "Temir", "Bolat Temir")
    ]
    assert quote_speakers(quotes, mentions, linker) == ["aidos-sol-temir", None, "bolat-temir"]


def test_a_surname_after_a_monarchs_title_is_only_a_monarch() -> None:
    # A politician whose surname is also a common given name of kings.
    politician = PersonEntry("omar-omar", "Omar Omar", (), "Chief Executive of Fictland", None, "")
    king = PersonEntry("faisal-iii", "Faisal Hamid", (), "King of Fictistan", None, "")
    linker = Linker([politician, king], [])
    assert people(linker, "King Omar received the envoy. Omar said so.") == []
    assert people(linker, "Omar said the talks went well.") == [("Omar", "omar-omar")]
    assert people(linker, "King Hamid received the envoy.") == [("Hamid", "faisal-iii")]


def test_a_surname_before_a_group_noun_names_the_group() -> None:
    linker = Linker([FATHER], [])
    assert people(linker, "Attacks by the Ormonov network rose.") == []
    assert people(linker, "The Ormonov clan owns banks.") == []
    assert people(linker, "Ormonov's family stayed home. Ormonov said.") == [
        ("Ormonov", "bolat-ormonov"),
        ("Ormonov", "bolat-ormonov"),
    ]
