"""Names across scripts: Cyrillic and Chinese forms, case endings, homoglyphs, junk."""

from __future__ import annotations

import pytest

from articles.pipeline.gazetteer import PersonEntry, all_countries
from articles.pipeline.linking import Linker
from articles.pipeline.names import cyrillic_stem, fold_word, script_normal, tokenize


def _person(slug: str, name: str, *variants: str) -> PersonEntry:
    return PersonEntry(slug, name, tuple(variants), "", None, "")


PEOPLE = [
    _person("antony-blinken", "Antony Blinken"),
    _person("kassym-jomart-tokayev", "Kassym-Jomart Tokayev"),
    _person("mukhtar-tileuberdi", "Mukhtar Tileuberdi", "Mukhtar Tleuberdi"),
    _person("shavkat-mirziyoyev", "Shavkat Mirziyoyev"),
    _person("sergey-lavrov", "Sergey Lavrov"),
    _person("donald-lu", "Donald Lu"),
    _person("wang-yi", "Wang Yi", "王毅"),
    _person("wang-wenbin", "Wang Wenbin", "汪文斌"),
]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(PEOPLE, all_countries([]))


def _people(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in linker.link(text) if m.kind == "person"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Переговоры провёл Блинкен.", [("Блинкен", "antony-blinken")]),
        ("С ним говорил Токаев.", [("Токаев", "kassym-jomart-tokayev")]),
        ("Министр иностранных дел Тлеуберди заявил.", [("Тлеуберди", "mukhtar-tileuberdi")]),
        ("В Ташкенте его принял Мирзиёев.", [("Мирзиёев", "shavkat-mirziyoyev")]),
    ],
)
def test_russian_surnames_link_to_the_english_people(linker, text, expected):
    assert _people(linker, text) == expected


def test_russian_case_endings_link(linker):
    text = "Визит к Токаеву, письмо Лаврову, встреча с Мирзиёевым и у Блинкена."
    assert _people(linker, text) == [
        ("Токаеву", "kassym-jomart-tokayev"),
        ("Лаврову", "sergey-lavrov"),
        ("Мирзиёевым", "shavkat-mirziyoyev"),
        ("Блинкена", "antony-blinken"),
    ]


def test_full_russian_names_in_the_instrumental_case(linker):
    text = "Блинкен встретился с Касым-Жомартом Токаевым."
    assert _people(linker, text) == [
        ("Блинкен", "antony-blinken"),
        ("Касым-Жомартом Токаевым", "kassym-jomart-tokayev"),
    ]


def test_case_ending_rule_keeps_short_words():
    assert cyrillic_stem("Токаева") == "Токаев"
    assert cyrillic_stem("Касым") == "Касым"  # stripping -ым would leave three letters
    assert cyrillic_stem("Blinken") == "Blinken"


def test_homoglyph_inside_a_latin_word_is_read_as_latin(linker):
    blinken_cyrillic_e = "Antony Blink\u0435n"
    assert script_normal("Blink\u0435n") == "Blinken"
    assert _people(linker, f"{blinken_cyrillic_e} arrived.") == [
        (blinken_cyrillic_e, "antony-blinken")
    ]


JUNK = ["B\u043b\u0438\u043dk\u0435n", "Tok\u0430\u0435\u0432", "Bli\u4e00nken"]


@pytest.mark.parametrize("junk", JUNK)
def test_mixed_script_junk_never_links(linker, junk):
    assert fold_word(junk) == ""
    assert _people(linker, f"Antony met {junk} yesterday.") == []


def test_names_differing_by_given_name_do_not_link(linker):
    assert _people(linker, "Lu Wei, the former censor, spoke.") == []
    assert _people(linker, "Wang Wenbin told reporters.") == [("Wang Wenbin", "wang-wenbin")]
    assert _people(linker, "Wang Yi told reporters.") == [("Wang Yi", "wang-yi")]


def test_chinese_names_link_only_on_the_same_characters(linker):
    assert _people(linker, "王毅会见了布林肯。") == [("王毅", "wang-yi")]
    # 汪毅 romanises like 王毅 (Wang Yi) but is someone else.
    assert _people(linker, "汪毅表示。") == []
    assert _people(linker, "汪文斌表示。") == [("汪文斌", "wang-wenbin")]


def test_chinese_characters_are_tokens_of_their_own():
    tokens = tokenize("王毅说, Wang")
    assert [t.text for t in tokens] == ["王", "毅", "说", "Wang"]
    assert [t.joined for t in tokens] == [False, True, True, False]


@pytest.mark.parametrize(
    "text", ["\u0430" * 5000, "Blink\u0435n" * 300, "\u200b\u0301\u4e00Й\u0301", "ß\u0130\u0131ǅ"]
)
def test_hostile_text_never_crashes_the_linker(linker, text):
    assert isinstance(linker.link(text), list)


def test_a_gazetteer_of_junk_names_builds(linker):
    built = Linker([_person("junk", "B\u043b\u0438\u043dk\u0435n X\u4e00y"), *PEOPLE], [])
    assert built.link("Blinken met B\u043b\u0438\u043dk\u0435n.")[0].key == "antony-blinken"


def test_a_declined_surname_goes_to_the_closest_spelling():
    people = [
        _person("shavkat-mirziyoyev", "Shavkat Mirziyoyev", "Мирзиёев"),
        _person("saida-mirziyoyeva", "Saida Mirziyoyeva", "Мирзиёева"),
    ]
    linker = Linker(people, [])
    assert _people(linker, "Встреча с Мирзиёевым.") == [("Мирзиёевым", "shavkat-mirziyoyev")]
    assert _people(linker, "Выступила Мирзиёева.") == [("Мирзиёева", "saida-mirziyoyeva")]


def test_a_russian_word_close_to_a_foreign_spelling_does_not_link():
    # России (of Russia) romanises to "Rossii", near the French spelling Raïssi.
    linker = Linker([_person("ebrahim-raisi", "Ebrahim Raisi", "Raïssi", "Раиси")], [])
    assert _people(linker, "Встреча с президентом России Владимиром Путиным.") == []
    assert _people(linker, "Президент Ирана Раиси прибыл.") == [("Раиси", "ebrahim-raisi")]
