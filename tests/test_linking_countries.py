"""Country names across languages and scripts, their false friends, and homonymous people.

The linker is built as a load builds it: the seeds' gazetteer, the field's people, and every
country with its CLDR names and the forms of articles/data/countries.toml. The sentences are
made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from articles.pipeline.country_names import (
    cldr_names,
    load_country_forms,
    merge_countries,
    parse_country_forms,
    with_cldr_names,
)
from articles.pipeline.gazetteer import (
    CountryEntry,
    GazetteerError,
    all_countries,
    load_gazetteer,
    merge_people,
)
from articles.pipeline.linking import Linker
from articles.pipeline.names import russian_forms, tokenize

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


# --- names in other languages (CLDR) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La Chine et la Russie saluent les États-Unis.",
            [("Chine", "CN"), ("Russie", "RU"), ("États-Unis", "US")],
        ),
        (
            "Kasachstan und Usbekistan verhandeln mit Russland.",
            [("Kasachstan", "KZ"), ("Usbekistan", "UZ"), ("Russland", "RU")],
        ),
        (
            "Kazajistán, Kirguistán y Tayikistán firmaron con Japón.",
            [("Kazajistán", "KZ"), ("Kirguistán", "KG"), ("Tayikistán", "TJ"), ("Japón", "JP")],
        ),
        ("Die Vereinigten Staaten.", []),  # a declined two-word name is not in CLDR's form
        ("Die Vereinigte Staaten hoffen.", [("Vereinigte Staaten", "US")]),
        ("Estados Unidos y Ucrania.", [("Estados Unidos", "US"), ("Ucrania", "UA")]),
        ("Turkey and Azerbaijan signed.", [("Turkey", "TR"), ("Azerbaijan", "AZ")]),
    ],
)
def test_country_names_in_other_languages(linker, text, expected):
    assert countries(linker, text) == expected


def test_german_genitives_link():
    names = cldr_names(["KZ", "DE", "CH"], ["de"])
    assert "Kasachstans" in names["KZ"]
    assert "Deutschlands" in names["DE"]
    assert "Schweizs" not in names["CH"]  # a name ending in a sibilant takes no -s


def test_german_genitives_in_text(linker):
    text = "Die Präsidenten Kasachstans und Deutschlands trafen sich."
    assert countries(linker, text) == [("Kasachstans", "KZ"), ("Deutschlands", "DE")]


def test_cldr_names_skip_given_names_and_names_of_two_countries():
    forms = load_country_forms(FORMS)
    names = cldr_names(["MU", "IS", "GD", "TG"], ["fr", "de", "es", "ru"], forms.cldr_skip)
    assert "Maurice" not in names["MU"]  # a given name in French
    assert "Island" not in names["IS"]  # an English word
    assert "Granada" not in names["GD"]  # a Spanish city
    assert "Того" not in names["TG"]  # the Russian pronoun
    assert "Islande" in names["IS"]


def test_country_forms_file_is_checked():
    with pytest.raises(GazetteerError, match="'cldr_languages' must be a list"):
        parse_country_forms('cldr_languages = "ru"\n')
    forms = parse_country_forms('cldr_languages = ["ru"]\n[[countries]]\ncode = "kz"\n')
    assert forms.entries[0].code == "KZ"


def test_merge_countries_keeps_the_first_name_and_joins_the_forms():
    seeds = CountryEntry("RU", "Russia", ("Russian Federation",), ("Russian",), ("Moscow",))
    field = CountryEntry("RU", "Russian Federation", ("РФ",), ("российский",), ("Москва",))
    (merged,) = merge_countries([seeds], [field])
    assert merged.name == "Russia"
    assert merged.names == ("Russian Federation", "РФ")
    assert merged.demonyms == ("Russian", "российский")
    assert merged.capitals == ("Moscow", "Москва")


# --- Russian case forms --------------------------------------------------------------------------


def test_russian_forms_follow_the_ending():
    assert russian_forms("Россия") == ("России", "Россию", "Россией")
    assert russian_forms("Китай")[:2] == ("Китая", "Китаю")
    assert "Казахстаном" in russian_forms("Казахстан")
    assert "Москвы" in russian_forms("Москва")
    assert "Кремле" in russian_forms("Кремль")
    assert "казахстанских" in russian_forms("казахстанский")
    assert russian_forms("Баку") == ()  # indeclinable
    assert russian_forms("Kazakhstan") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Делегации России и Китая.", [("России", "RU"), ("Китая", "CN")]),
        ("Переговоры с Россией и Китаем.", [("Россией", "RU"), ("Китаем", "CN")]),
        (
            "Президент Казахстана встретился с Узбекистаном.",
            [("Казахстана", "KZ"), ("Узбекистаном", "UZ")],
        ),
        ("США и РФ, КНР.", [("США", "US"), ("РФ", "RU"), ("КНР", "CN")]),
        ("Поддержка казахстанского бизнеса.", [("казахстанского", "KZ")]),
        (
            "Американская сторона и американские компании.",
            [("Американская", "US"), ("американские", "US")],
        ),
        ("В Кремле ответили.", [("Кремле", "RU")]),
        ("В Вашингтоне рассчитывают на успех.", [("Вашингтоне", "US")]),
    ],
)
def test_russian_case_forms_link(linker, text, expected):
    assert countries(linker, text) == expected


def test_case_forms_do_not_change_how_names_of_people_key(linker):
    assert people(linker, "Министр Тлеуберди заявил.") == [("Тлеуберди", "mukhtar-tileuberdi")]


# --- adjectives and demonyms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le président français et les entreprises françaises.",
            [("français", "FR"), ("françaises", "FR")],
        ),
        ("Deutsche und usbekische Firmen.", [("Deutsche", "DE"), ("usbekische", "UZ")]),
        ("El presidente chino y el canciller kazajo.", [("chino", "CN"), ("kazajo", "KZ")]),
        (
            "French and Hungarian officials met Koreans.",
            [("French", "FR"), ("Hungarian", "HU"), ("Koreans", "KR")],
        ),
        ("A North Korean envoy.", [("North Korean", "KP")]),
    ],
)
def test_adjectives_in_each_language(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un partenariat franco-ouzbek.", [("franco", "FR"), ("ouzbek", "UZ")]),
        ("A German-Uzbek round table.", [("German", "DE"), ("Uzbek", "UZ")]),
        ("Рост казахстанско-китайских отношений.", [("казахстанско", "KZ"), ("китайских", "CN")]),
        ("Sino-Kazakh trade.", [("Sino", "CN"), ("Kazakh", "KZ")]),
        ("A Russo-Ukrainian war.", [("Russo", "RU"), ("Ukrainian", "UA")]),
        # Names joined by a hyphen stay two mentions; a combining form alone is nothing.
        ("The China-Kazakhstan border.", [("China", "CN"), ("Kazakhstan", "KZ")]),
        ("The Indo-Pacific and Franco's Spain.", [("Spain", "ES")]),
    ],
)
def test_each_part_of_a_compound_adjective_is_a_mention(linker, text, expected):
    assert countries(linker, text) == expected


def test_the_parts_of_a_compound_keep_their_own_offsets(linker):
    text = "A German-Uzbek round table."
    assert [(m.start, m.end, m.key) for m in linker.link(text)] == [(2, 8, "DE"), (9, 14, "UZ")]


def test_french_elision_leaves_the_name_its_own_word(linker):
    text = "Le président de l'Ouzbékistan a écrit à l'Élysée d'agir."
    assert countries(linker, text) == [("Ouzbékistan", "UZ"), ("Élysée", "FR")]
    assert [token.text for token in tokenize("l'Élysée d'Astana O'zbekiston")] == [
        "l",
        "Élysée",
        "d",
        "Astana",
        "O'zbekiston",
    ]


# --- false friends -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We had roast turkey on fine china.",
        "Chad Whitfield and Jordan Baker wrote in.",
        "The actor Mario Rossi and the director Anthony Russo.",  # Rossi, Russo: not Россия, ruso
        "A Latin American aggregator and a North American fund.",
        "Spanish news sites, Rhode Island and Granada.",
        "Того же мнения придерживается эксперт.",  # "of that", not Togo
        "Maurice Leblanc and Dominique Martin.",
        "Cotton chinos and fine china cups.",  # Spanish "chino" only as spelled, never "china"
    ],
)
def test_false_friends_do_not_link(linker, text):
    assert countries(linker, text) == []


# --- capitals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal irritated Moscow.", [("Moscow", "RU")]),
        ("In a separate post he thanked Berlin.", [("Berlin", "DE")]),
        ("Berlin wirft Firmen vor, Sanktionen zu umgehen.", [("Berlin", "DE")]),
        ("Analistas señalaron que Pekín busca más influencia.", [("Pekín", "CN")]),
        ("Пекин поддерживает курс реформ.", [("Пекин", "CN")]),
        ('Он заявил, что Москва и Пекин "смотрят одинаково".', [("Москва", "RU"), ("Пекин", "CN")]),
        ("The minister, who represented\nAstana, spoke first.", [("Astana", "KZ")]),
        ("Une région considérée par Moscou comme sa zone.", [("Moscou", "RU")]),
        ("Paris is not coming to replace Moscow.", [("Paris", "FR"), ("Moscow", "RU")]),
    ],
)
def test_capitals_standing_for_the_state(linker, text, expected):
    assert countries(linker, text) == expected


def test_french_auxiliary_with_a_participle_makes_the_subject(linker):
    assert countries(linker, "Pékin a salué l'accord.") == [("Pékin", "CN")]
    assert countries(linker, "He visited Astana a week later.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Maison-Blanche a annoncé un accord.", [("Maison-Blanche", "US")]),
        ("Im Weißen Haus hieß es, man sei zufrieden.", [("Weißen Haus", "US")]),
        ("Le Quai d'Orsay a réagi.", [("Quai d'Orsay", "FR")]),
        (
            "O'zbekiston va Qozog'iston, Tojikiston.",
            [("O'zbekiston", "UZ"), ("Qozog'iston", "KZ"), ("Tojikiston", "TJ")],
        ),
        (
            "Kazakhstаn and Uzbеkistan.",
            [("Kazakhstаn", "KZ"), ("Uzbеkistan", "UZ")],
        ),  # Cyrillic а, е
        (
            "Позиция Соединенных Штатов и Южной Кореи.",
            [("Соединенных Штатов", "US"), ("Южной Кореи", "KR")],
        ),
    ],
)
def test_institutions_latin_and_look_alike_spellings(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nobody in Astana believes that.",
        "He visited Astana and Paris.",
        "Встреча прошла в Пекине.",
        "Talks were held at the Akorda palace.",
        "Photo: the Akorda presidential palace.",
    ],
)
def test_capitals_as_places_do_not_link(linker, text):
    assert countries(linker, text) == []


# --- people with the same surname ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mario Rossi said so, and Rossi left.",  # near Raïssi, a one-word form of Ebrahim Raisi
        "Heydar Aliyev built it. Later Aliyev left.",
        "Analyst Sanjar Nazarov spoke. Nazarov added a point.",
        "Гейдар Алиев построил. Позже Алиев уехал.",
    ],
)
def test_a_surname_with_another_given_name_never_links(linker, text):
    assert people(linker, text) == []


def test_known_people_still_link_by_surname(linker):
    assert people(linker, "President Aliyev said.") == [("Aliyev", "ilham-aliyev")]
    assert people(linker, "Президент Токаев заявил.") == [("Токаев", "kassym-jomart-tokayev")]
    assert people(linker, "Президент Ирана Раиси прибыл.") == [("Раиси", "ebrahim-raisi")]
    text = "Ilham Aliyev met Heydar Aliyev. Aliyev said."
    assert people(linker, text) == [("Ilham Aliyev", "ilham-aliyev")]


def test_a_surname_before_the_other_given_name_still_links(linker):
    # The transcript label comes before the senator of the same surname is named.
    text = "MR. SULLIVAN: Thank you. Q: Senator Dan Sullivan said the region matters."
    assert people(linker, "Mr. Sullivan spoke. Then Senator Dan Sullivan said so.") == [
        ("Sullivan", "jake-sullivan")
    ]
    assert ("Dan Sullivan", "Senator") in [
        (c.name, c.role) for c in linker.candidates(text, linker.link(text))
    ]


# --- candidate people in other languages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Сообщил пресс-секретарь президента Казахстана Ерлан Досанов, стороны договорились.",
            ("Ерлан Досанов", "президента Казахстана"),
        ),
        (
            "Как сообщил представитель МИД Казахстана Айдар Темиров, стороны обсудили торговлю.",
            ("Айдар Темиров", "представитель МИД Казахстана"),
        ),
        ("Эксперт по региону Тимур Рахимов считает, что спрос растёт.", ("Тимур Рахимов", "")),
        ("(Reporting by Anna Berg; Editing by Paul Cole)", ("Paul Cole", "")),
        (
            "Karl Lenz, the government's special representative for trade, spoke.",
            ("Karl Lenz", "government special representative"),
        ),
    ],
)
def test_candidates_in_other_languages_and_credits(linker, text, expected):
    assert expected in [(c.name, c.role) for c in linker.candidates(text, linker.link(text))]


# --- country words inside the names of other things ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A geographic feature: the ocean, delta or sea, not the state.
        ("Ships cross the Indian Ocean; Indian troops stay home.", [("Indian", "IN")]),
        ("Pipelines in the Niger Delta; Niger's army.", [("Niger", "NE")]),
        ("Patrols in the South China Sea. China protested.", [("China", "CN")]),
        ("Vessels on the Caspian Sea.", []),
        # Another place's name: "New Mexico"; Mexico itself still links.
        ("Ranchers in New Mexico sell beef to Mexico.", [("Mexico", "MX")]),
        # A people of the past.
        ("The Ottoman Turks and Soviet Russians; Turks today.", [("Turks", "TR")]),
        # A US state after its city; a country after another country.
        ("A professor in Savannah, Georgia, said so.", []),
        (
            "Armenia, Georgia and Azerbaijan met.",
            [("Armenia", "AM"), ("Georgia", "GE"), ("Azerbaijan", "AZ")],
        ),
        ("Georgia and Armenia signed.", [("Georgia", "GE"), ("Armenia", "AM")]),
    ],
)
def test_country_words_inside_other_names(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "-led", "-backed": the state acts; "-based" is a place.
        ("A Beijing-backed loan and a Moscow-based bank.", [("Beijing", "CN")]),
        # One place preposition governs both coordinated capitals.
        ("Shops in Minsk and Baku still have to reopen.", []),
        ("Minsk and Baku still have to agree.", [("Minsk", "BY"), ("Baku", "AZ")]),
        # A building noun before an institution makes it the building.
        ("Talks in the presidential palace Akorda.", []),
        ("Empfang im Präsidentenpalast Akorda. Die Akorda teilte mit.", [("Akorda", "KZ")]),
        # Objects of Russian verbs and predicatives; German subjunctives; Spanish verbs.
        (
            "Он призвал Москву уважать соседей. Москва готова помочь.",
            [("Москву", "RU"), ("Москва", "RU")],
        ),
        ("Berlin wolle helfen, hieß es.", [("Berlin", "DE")]),
        ("Pekín anunció préstamos.", [("Pekín", "CN")]),
        ("El turkmeno y la turkmena.", [("turkmeno", "TM"), ("turkmena", "TM")]),
    ],
)
def test_capitals_and_forms_in_context(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An Indian summer, a Guinea pig and French fries.", []),
        (
            "India and Guinea signed; French troops left.",
            [("India", "IN"), ("Guinea", "GN"), ("French", "FR")],
        ),
        ("A senator from the state of Georgia.", []),
    ],
)
def test_idioms_and_us_states_name_no_country(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A currency's name: the money, not the state.
        ("Exports of 3 billion US dollars; the US objected.", [("US", "US")]),
        ("Prices in Kazakh tenge rose. Kazakh farmers protested.", [("Kazakh", "KZ")]),
        # A head noun and "of" before the country: an organisation.
        (
            "A loan from the Bank of China; China said it would help.",
            [("China", "CN")],
        ),
        ("Le gouverneur de la Banque de France.", []),
        ("Ректор университета Узбекистана. Узбекистан готов.", [("Узбекистан", "UZ")]),
        # Capitalised words ending in a company word after the country: a company.
        (
            "Uzbekistan Airways and China Southern Airlines add flights to Uzbekistan.",
            [("Uzbekistan", "UZ")],
        ),
        ("China National Petroleum Corporation signed.", []),
        # The organisation must end the run: a country before a name of a person stays.
        ("Kazakhstan President Tokayev spoke.", [("Kazakhstan", "KZ")]),
        # A US state before a noun of US politics.
        ("Two Georgia congressmen came; Georgia sent its envoy.", [("Georgia", "GE")]),
        # A saint's place name.
        (
            "Un café du boulevard Saint-Germain, près de l'ambassade allemande.",
            [("allemande", "DE")],
        ),
    ],
)
def test_currencies_organisations_and_saints_name_no_country(linker, text, expected):
    assert countries(linker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plural and "made" after coordinated capitals; a Russian future in "-ёт".
        (
            "Moscow and Minsk were watching closely. Baku made no comment.",
            [("Moscow", "RU"), ("Minsk", "BY"), ("Baku", "AZ")],
        ),
        ("Минск проведёт следующий форум.", [("Минск", "BY")]),
        # A feminine name in "-усь" declines as such; Russian official names are names.
        (
            "Республика Беларусь вступила. Президент Беларуси выступил.",
            [("Республика Беларусь", "BY"), ("Беларуси", "BY")],
        ),
        ("Кыргызская Республика подписала.", [("Кыргызская Республика", "KG")]),
    ],
)
def test_capitals_as_subjects_and_russian_forms(linker, text, expected):
    assert countries(linker, text) == expected


def test_an_office_title_keeps_the_closest_spelling_among_namesakes(linker):
    # "Merziev" folds like Mirziyoyev and Mirziyoyeva; the title keeps the closer, the president.
    text = "Meetings with President Merziev of Uzbekistan were brief."
    assert people(linker, text) == [("Merziev", "shavkat-mirziyoyev")]
    # A known analyst is not the minister of the same surname.
    text = "Information Minister Umarov defended the bill. Umarov said it was fair."
    assert people(linker, text) == []
