"""Country words that name a language, a region, a route, a title or an idiom, and function
words that look like names (articles.pipeline.language_names, place_names, acceptance).

The linker is built as a load builds it: the seeds' gazetteer, the field's people, and every
country with its CLDR names and the forms of articles/data/countries.toml. The sentences are
made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from articles.pipeline.country_names import load_country_forms, with_cldr_names
from articles.pipeline.gazetteer import all_countries, load_gazetteer, merge_people
from articles.pipeline.linking import Linker

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "articles" / "data" / "countries.toml"


@pytest.fixture(scope="module")
def linker() -> Linker:
    seeds = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    field = load_gazetteer(ROOT / "articles" / "data" / "people.toml")
    codes = [country.alpha_2 for country in pycountry.countries]
    countries = with_cldr_names(seeds.countries, codes, load_country_forms(FORMS))
    return Linker(merge_people(seeds.people, field.people), all_countries(countries))


def countries(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in linker.link(text) if m.kind == "country"]


def people(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in linker.link(text) if m.kind == "person"]


# --- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Fictville answered in Russian.",
        "The treaty was printed in Kazakh, Uzbek and Russian.",
        "Guests heard the anthem in Urdu, Russian and Chinese with subtitles.",
        "The minister spoke Kazakh at the dinner.",
        "She speaks Russian fluently.",
        "The menu was translated into Chinese and English.",
        "Делегации говорили на русском и китайском языках.",
        "Указ вышел на казахском языке.",
        "Le maire a répondu en russe, puis en ouzbek.",
        "La traduction en français était parfaite.",
        "El alcalde habló en kazajo y en ruso.",
        "Der Bürgermeister sprach auf Kasachisch, dann auf Russisch.",
        # A noun meaning "language" right after the demonym, whatever comes before.
        "Migrants are asked to know the Russian language.",
        "Русский язык остаётся языком общения.",
        # A lower-case demonym right after a French article is a noun.
        "Le maire parle le russe et apprécie aussi le français.",
        "Le texte fut traduit du kazakh.",
        # "ethnic" makes the demonym a people.
        "About 100,000 ethnic Koreans live in the country, and ethnic Uzbeks live in Osh.",
    ],
)
def test_a_demonym_after_a_preposition_of_language_is_a_language(linker, text):
    assert countries(linker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun after the demonym: the country's.
        ("The port is in Russian hands.", [("Russian", "RU")]),
        ("The airport was built with loans in Chinese money.", [("Chinese", "CN")]),
        # A hyphen makes a compound.
        ("Villages in Russian-held areas emptied.", [("Russian", "RU")]),
        # A list ending in a noun qualifies the noun.
        ("Trade in Chinese and Russian goods grew.", [("Chinese", "CN"), ("Russian", "RU")]),
        # A comma after a place is no list of languages.
        ("In Fictville, Russian officials waited.", [("Russian", "RU")]),
        # A Cyrillic adjective needs the noun "язык".
        ("Цены на российском рынке выросли.", [("российском", "RU")]),
        # No preposition of language: the language service stands for the country.
        ("The Kazakh service of a radio station reported it.", [("Kazakh", "KZ")]),
        # German adjectives are lower-case; "auf russische Forderungen" is the state's.
        ("Man reagierte auf russische Forderungen.", [("russische", "RU")]),
        # After its noun a French or Spanish demonym is the country's; capitalised, a person.
        ("Le ministre français et le gouvernement russe.", [("français", "FR"), ("russe", "RU")]),
        # Before a name, the demonym is the person's country; Spanish "el ruso" may be a man.
        ("Le kazakh Kassym-Jomart Tokaïev est arrivé.", [("kazakh", "KZ")]),
        ("El ruso y el uzbeko Shavkat Mirziyóyev.", [("ruso", "RU"), ("uzbeko", "UZ")]),
        (
            "The Russian delegation and the Russian-language press.",
            [("Russian", "RU"), ("Russian", "RU")],
        ),
    ],
)
def test_a_demonym_qualifying_a_noun_stays_the_country(linker, text, expected):
    assert countries(linker, text) == expected


# --- idioms, routes, states of the past, regions and titles ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The stall sold Russian dolls and Turkish coffee.",
        "Ein Minister sprach von russischem Roulette und russisches Roulette.",
        "El comercio vivió una montaña rusa y se sirvió ensalada rusa.",
        "Il a joué à la roulette russe.",
        "The trans-Afghan railway and the Trans-Caspian route were discussed.",
        "The veteran ran Soviet Kazakhstan for years.",
        "The new region was carved out of East Kazakhstan.",
        "Он дал интервью газете «Казахстанская правда».",
        # A short quoted name that a demonym opens; newspapers and agencies by their last word.
        "В статье для «Казахстанской правды» мэр Фиктвиля написал о дорогах.",
        "The mayor of Fictville told China Daily, Russia Today and The Kazakh Times about it.",
        "Sie sagte es der Deutschen Presse-Agentur und der Deutschen Welle.",
        "Students of the Fictville Kazakh National Pedagogical University protested.",
    ],
)
def test_a_country_word_inside_another_name_or_idiom_links_nothing(linker, text):
    assert countries(linker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In post-Soviet Kazakhstan, the mayor of Fictville was elected.", [("Kazakhstan", "KZ")]),
        # A quote that a demonym opens and that runs on is no name.
        ('"Russian troops must leave," the mayor said.', [("Russian", "RU")]),
        ("The Kazakh Times and the Uzbek government.", [("Uzbek", "UZ")]),
        ("South Korea agreed.", [("South Korea", "KR")]),
        ("Western Kazakhstan exporters agreed.", [("Kazakhstan", "KZ")]),
        ("Он заявил, что «Казахстан готов к переговорам».", [("Казахстан", "KZ")]),
        ("The Afghan railway opened.", [("Afghan", "AF")]),
    ],
)
def test_the_country_word_stays_outside_those_names(linker, text, expected):
    assert countries(linker, text) == expected


# --- function words and surnames from other scripts -----------------------------------------------


def test_a_function_word_is_no_other_spelling_of_a_country(linker):
    # "Pero" is within the similarity floor of the French "Pérou".
    assert countries(linker, "Pero la reunión terminó tarde.") == []
    assert countries(linker, "Perú firmó el acuerdo.") == [("Perú", "PE")]


@pytest.mark.parametrize(
    "text",
    [
        # "Mais" is near "Maas"; "l'Ouest" and "East" romanise near "Уэст" (Thomas West).
        "Mais le maire de Fictville a refusé.",
        "Il parle à l'Est comme à l'Ouest.",
        "The road runs out of East Fictland.",
    ],
)
def test_a_latin_word_is_no_surname_of_a_cyrillic_form(linker, text):
    assert people(linker, text) == []


def test_latin_and_cyrillic_surnames_still_link(linker):
    assert people(linker, "Heiko Maas arrived. Maas said it.") == [
        ("Heiko Maas", "heiko-maas"),
        ("Maas", "heiko-maas"),
    ]
    assert people(linker, "Министр Маас заявил.") == [("Маас", "heiko-maas")]
    # A woman's Cyrillic surname keys like her father's: the Latin "Mirziyoyev" is still his.
    assert people(linker, "I thank President Mirziyoyev.") == [("Mirziyoyev", "shavkat-mirziyoyev")]


# --- institutions as buildings --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held at the Akorda.",
        "Roads near the Akorda were closed.",
        "Le maire de Fictville a été reçu mardi à l'Élysée par le président.",
    ],
)
def test_an_institution_after_a_preposition_of_location_is_the_building(linker, text):
    assert countries(linker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kremlin said no.", [("Kremlin", "RU")]),
        ("Pressure from the Kremlin grew.", [("Kremlin", "RU")]),
        ("Des ONG ont demandé à l'Élysée d'agir.", [("Élysée", "FR")]),
        ("Selon l'Élysée, la visite est reportée.", [("Élysée", "FR")]),
        ("В Кремле заявили, что визит состоится.", [("Кремле", "RU")]),
    ],
)
def test_an_institution_that_acts_or_is_addressed_stays_the_state(linker, text, expected):
    assert countries(linker, text) == expected


def test_month_and_weekday_names_are_no_surnames(linker):
    # German nouns are capitalised: "März" is within the similarity floor of "Merz".
    text = "Im März traf Friedrich Merz den Präsidenten. Am 3. März reiste Merz ab."
    assert people(linker, text) == [
        ("Friedrich Merz", "friedrich-merz"),
        ("Merz", "friedrich-merz"),
    ]
    assert people(linker, "Ende März kam die Antwort.") == []
