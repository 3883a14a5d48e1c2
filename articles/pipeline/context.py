"""Context rules of the linker: when a candidate match stands, judged by the words around it.

Rules
-----
People
    * A full name or listed variant links when it is written exactly (EXACT / VARIANT), when it
      differs only in case, accents, hyphens or apostrophes (NORMALIZED), or when it is a
      different romanisation of it (TRANSLITERATION): same folded key, every word capitalised,
      and still similar to the gazetteer spelling as a string.
    * A surname on its own (SURNAME) links when the article is unambiguous about it: one of the
      people with that surname is named in full somewhere in the text, or the surname belongs to
      one gazetteer person only and is at least four letters long. Short surnames such as "Lu"
      therefore link only when "Donald Lu" is in the article.
    * A different given name blocks a surname: a capitalised word right before or after it that
      is neither a title ("President") nor a common word ("Yesterday") nor another mention
      ("Russia's") makes it someone else ("Lu Wei", "Heydar Aliyev"; in capitals, "CLAIRE
      DUVAL" is not Ajit Doval). Given names alone are not
      indexed, so "Vladimir Nabokov" and "Donald Trump" never link to Putin or Donald Lu.

Countries
    * Names and official names must be capitalised (so "china" the porcelain never links);
      pycountry supplies them for every country, CLDR in every language of the coverage, the
      gazetteer and ``articles/data/countries.toml`` add common names. A form matches only text
      in its own script, and a lower-case adjective ("français") only as it is spelled.
    * Abbreviations (US, U.S., USA, PRC) match case-sensitively and exactly, so the pronoun "us"
      never links. Organisations are not countries: UN, U.N., EU, CIS and CSTO are not in the
      gazetteer and the Soviet Union, a historic state, is not in pycountry's current list.
    * Demonyms (Kazakh, Americans, Russian) link in the sense of nationality or ethnicity
      and as a language service ("Kazakh service"), but not as a language after a preposition
      or verb of speaking ("spoke in Russian", "in Kazakh, Uzbek and Russian", "en ouzbek",
      "на русском языке"; ``language_names``); "Central Asian" is no demonym of any country,
      and one after a region word ("Latin American", "North American") is the region's.
      Each part of a compound adjective ("German-Uzbek") is a mention (``compounds``).
    * Capitals and metonyms (CAPITAL):
        - Institution metonyms, written in the gazetteer with a leading "the" ("the Kremlin",
          "the White House", "the Кремль"), always link; the article is optional in the text.
          Followed by a building noun ("the Akorda palace") or after a preposition of location
          ("at the Akorda", "reçu à l'Élysée"; not in Russian, "в Кремле заявили") they are
          the building and do not.
        - "Washington" always links, unless it is part of a longer name ("Washington Post",
          "George Washington").
        - Any other capital links only where it stands for the state or its government:
          possessive ("Moscow's", "Astana's pledge"); subject of a verb, possibly after one or
          two adverbs ("Moscow said", "Moscow still considers", "Moscow immediately exploited",
          "Moscow is becoming", "Berlin wirft", "Пекин поддерживает" by its verb ending);
          object of a relation ("with/against/between/by Moscow", "par Moscou", "с Москвой",
          "loyal to Moscow", "tied to Moscow", "independence from Moscow", "demands from
          Moscow") or of a verb that acts on a state ("irritated Moscow", "thanked Berlin");
          after an indefinite article and adjective ("An aggressive Moscow"); in apposition to
          a partner noun ("Moscow's partner, Beijing"); the nominative subject after "что" /
          "dass"; or coordinated with a capital that links ("Moscow and Beijing's dominance").
          A single line break counts as a space (hard-wrapped text).
        - Otherwise a capital is a place and does not link: "visited Astana", "talks in
          Tashkent", "an analyst based in Tashkent, the Uzbek capital", datelines; after a
          preposition of place it is one even before a verb ("nobody in Astana believes").
        - A capital followed by another capitalised word is part of a longer name and never
          links ("Moscow State University").
    * Countries that are also given names (Georgia, Jordan, Chad...) do not link when next to
      another capitalised name-like word ("Michael Jordan").
    * A country word inside the name of something else does not link: before a geographic
      feature ("the Indian Ocean", "the Niger Delta", "the South China Sea"), after a place-name
      prefix ("New Mexico"), after a word of the past ("the Ottoman Turks"), or a US state after
      its city ("Atlanta, Georgia", but "Armenia, Georgia" is the country) or before a noun of
      US politics ("two Georgia congressmen"), a currency ("US dollars", "Kazakh tenge"), an
      organisation ("Bank of China", "университет Узбекистана", "China Southern Airlines",
      "China National Petroleum Corporation") or a saint's place name ("Saint-Germain"). Word
      lists: ``geographic_features``, ``place_name_prefixes``, ``historic_words``,
      ``state_like_countries``, ``state_nouns``, ``currency_nouns``, ``organisation_heads``,
      ``organisation_tails``, ``saint_prefixes``.
    * A capital hyphenated to "-led", "-backed" ... stands for its state ("the Moscow-led
      bloc"); one coordinated after a capital that a place preposition governs is a place too
      ("in Bishkek and Dushanbe"); an institution after a building noun is the building ("the
      presidential palace Akorda", "im Präsidentenpalast Akorda").
"""

from __future__ import annotations

from collections.abc import Sequence

from articles.pipeline.language_names import language_names
from articles.pipeline.mentions import Hit, Role
from articles.pipeline.names import HYPHENS, Token, scripts
from articles.pipeline.place_names import names_something_else
from articles.pipeline.wordlists import words


def _list(key: str) -> frozenset[str]:
    return words("linking", key)


TITLES = _list("titles")
COMMON_WORDS = _list("common_words")
_ADVERBS = _list("adverbs")
_VERBS = _list("verbs")
_RELATION_PREPOSITIONS = _list("relation_prepositions")
_RELATIONAL_HEADS = _list("relational_heads")
_RELATION_WORDS = _list("relation_words")
_COORDINATORS = _list("coordinators")
_APPOSITIVE_HEADS = _list("appositive_heads")
ARTICLES = _list("indefinite_articles")
_ALWAYS_METONYMIC_CITIES = _list("always_metonymic_cities")
_NAME_LIKE_COUNTRIES = _list("name_like_countries")
ROLE_NOUNS = _list("role_nouns")
_OBJECT_VERBS = _list("object_verbs")
_FOREIGN_VERBS = _list("foreign_verbs")
_CYRILLIC_VERB_ENDINGS = tuple(_list("cyrillic_verb_endings"))
_PLACE_PREPOSITIONS = _list("place_prepositions")
_SUBJECT_OPENERS = _list("subject_openers")
_REGION_WORDS = _list("region_words")
_BUILDING_NOUNS = _list("building_nouns")
_BUILDING_HEADS = tuple(_list("building_heads"))
_LOCATION_PREPOSITIONS = _list("location_prepositions")
_LOCATION_ARTICLES = _list("location_articles")
_INFINITIVE_MARKERS = _list("infinitive_markers")
_METONYMIC_SUFFIXES = _list("metonymic_suffixes")
_AUXILIARIES = _list("auxiliaries")
_PARTICIPLE_ENDINGS = tuple(_list("participle_endings"))
_MIN_VERB_LETTERS = 4


# -- context rules -------------------------------------------------------------------------------


def lower_at(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].text.casefold() if 0 <= index < len(tokens) else ""


def spaced(tokens: Sequence[Token], index: int) -> bool:
    """Is token ``index`` separated from the previous one by spaces only (no hyphen)?"""
    return 0 < index < len(tokens) and tokens[index].joined and not tokens[index].gap_before.strip()


def _near(tokens: Sequence[Token], index: int) -> bool:
    """Like ``_spaced``, but a single line break counts as a space (hard-wrapped text)."""
    if not 0 < index < len(tokens):
        return False
    gap = tokens[index].gap_before
    return spaced(tokens, index) or (not gap.strip() and gap.count("\n") == 1)


def _capitals_given_name(word: Token, surname: Token) -> bool:
    """A word in capitals right before a surname in capitals, not a title or common word."""
    return (
        surname.text.isupper()
        and word.text.isupper()
        and sum(char.isalpha() for char in word.text) > 2
        and not word.possessive
        and word.text.casefold() not in TITLES
        and word.text.casefold() not in COMMON_WORDS
    )


def name_like(token: Token) -> bool:
    """Could this capitalised word be part of a personal name?"""
    word = token.text.casefold()
    return (
        token.capitalised
        and len(token.text) > 1
        and not token.possessive
        and not token.text.isupper()
        and word not in TITLES
        and word not in COMMON_WORDS
        and not word.endswith("ly")
    )


def other_given_name(tokens: Sequence[Token], first: int, last: int, known: set[int]) -> bool:
    """Is a lone surname flanked by another name-like word ("Lu Wei", "Heydar Aliyev")?

    A name written in capitals ("CLAIRE DUVAL", a transcript's speaker label) has a given name
    in capitals too: before a surname in capitals, a word in capitals counts as one.
    """
    before = first - 1
    if (
        tokens[first].joined
        and before >= 0
        and before not in known
        and (name_like(tokens[before]) or _capitals_given_name(tokens[before], tokens[first]))
    ):
        return True
    after = last + 1
    return (
        not tokens[last].possessive
        and after < len(tokens)
        and tokens[after].joined
        and after not in known
        and name_like(tokens[after])
    )


def lone_word_of_other_person(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    """Is a one-word Cyrillic name form next to another given name ("Гейдар Алиев")?

    A word before it does not count when it looks like a verb ("Выступила Мирзиёева") or
    follows a title, as a country in the genitive does ("Президент Ирана Раиси").
    """
    if hit.form.kind != "person" or hit.first != hit.last or hit.form.role is not Role.VARIANT:
        return False
    if scripts(tokens[hit.first].text) != {"CYRILLIC"}:
        return False
    before = hit.first - 1
    if before >= 0 and (
        _russian_verb(tokens[before]._replace(text=tokens[before].text.lower()))
        or lower_at(tokens, before - 1) in TITLES | ROLE_NOUNS
    ):
        known = known | {before}
    return other_given_name(tokens, hit.first, hit.last, known)


def apply_country_context(
    hits: Sequence[Hit], tokens: Sequence[Token], known: set[int]
) -> list[Hit]:
    """Drop capitals used as places and given-name-like countries next to other names."""
    capitals = [hit for hit in hits if hit.form.role is Role.CAPITAL]
    linked = {hit for hit in capitals if _capital_stands_for_state(hit, tokens, known)}
    linked -= _places_by_coordination(capitals, linked, tokens)
    linked |= _coordinated(capitals, linked, tokens)
    languages = language_names(hits, tokens)
    kept = []
    for hit in hits:
        if (hit.form.role is Role.CAPITAL and hit not in linked) or hit in languages:
            continue
        if (
            _given_name_country(hit, tokens, known)
            or _regional(hit, tokens)
            or _building(hit, tokens)
            or names_something_else(hit, tokens, known)
        ):
            continue
        kept.append(hit)
    return kept


def _regional(hit: Hit, tokens: Sequence[Token]) -> bool:
    """A demonym after a region word is the region's: "Latin American", "North American"."""
    before = hit.first - 1
    return (
        hit.form.role is Role.DEMONYM
        and tokens[hit.first].joined
        and tokens[before].capitalised
        and lower_at(tokens, before) in _REGION_WORDS
    )


def _places_by_coordination(
    capitals: Sequence[Hit], linked: set[Hit], tokens: Sequence[Token]
) -> set[Hit]:
    """A capital coordinated after a place is one too: "in Bishkek and Dushanbe" (both places)."""
    by_last = {hit.last: hit for hit in capitals}
    places = set()
    for hit in capitals:
        left = by_last.get(hit.first - 2)
        if (
            hit in linked
            and left is not None
            and left not in linked
            and _coordinator(tokens, hit.first - 1)
            and _near(tokens, left.first)
            and lower_at(tokens, left.first - 1) in _PLACE_PREPOSITIONS
        ):
            places.add(hit)
    return places


def _building(hit: Hit, tokens: Sequence[Token]) -> bool:
    """An institution named as its building: "the Akorda palace", "the Kremlin walls", "at
    the Akorda", "reçu à l'Élysée" (in Russian, "в Кремле заявили" is the state speaking)."""
    if hit.form.role is not Role.INSTITUTION:
        return False
    if spaced(tokens, hit.first) and lower_at(tokens, hit.first - 1).endswith(_BUILDING_HEADS):
        return True  # "the presidential palace Akorda", "im Präsidentenpalast Akorda"
    before = hit.first - 1
    if lower_at(tokens, before) in _LOCATION_ARTICLES and tokens[before].joined:
        before -= 1
    if (
        lower_at(tokens, before) in _LOCATION_PREPOSITIONS
        and tokens[before + 1].joined
        and scripts(tokens[hit.first].text) != {"CYRILLIC"}
        and lower_at(tokens, hit.last + 1) not in _INFINITIVE_MARKERS
    ):
        return True  # not "demandé à l'Élysée d'évoquer", where "à" marks whom one asks
    for index in (hit.last + 1, hit.last + 2):
        if not spaced(tokens, index) or not tokens[index].text.islower():
            return False
        if lower_at(tokens, index) in _BUILDING_NOUNS:
            return True
    return False


def _given_name_country(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    if hit.form.role is not Role.COUNTRY_NAME or hit.form.normal not in _NAME_LIKE_COUNTRIES:
        return False
    return other_given_name(tokens, hit.first, hit.last, known)


def _capital_stands_for_state(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    first, last = hit.first, hit.last
    if tokens[last].possessive:
        return True
    after = last + 1
    if spaced(tokens, after) and tokens[after].capitalised and after not in known:
        return False  # part of a longer name: "Washington Post", "Moscow State University"
    if (
        after < len(tokens)
        and tokens[after].gap_before in tuple(HYPHENS)
        and lower_at(tokens, after) in _METONYMIC_SUFFIXES
    ):
        return True  # "the Moscow-led bloc"
    if (hit.form.base or hit.form.normal) in _ALWAYS_METONYMIC_CITIES:
        before = first - 1
        return not (spaced(tokens, first) and before not in known and name_like(tokens[before]))
    if _near(tokens, first) and lower_at(tokens, first - 1) in _PLACE_PREPOSITIONS:
        return _is_related_to(tokens, first)  # "nobody in Astana believes": a place
    return _acts(tokens, last) or _is_related_to(tokens, first) or _opens_clause(hit, tokens)


def _acts(tokens: Sequence[Token], last: int) -> bool:
    """Is the capital the subject of a verb, possibly past one or two adverbs?"""
    index = last + 1
    for _ in range(3):
        if not _near(tokens, index):
            return False
        word = lower_at(tokens, index)
        if word in _VERBS or word in _FOREIGN_VERBS or _russian_verb(tokens[index]):
            return True
        if word in _AUXILIARIES and _near(tokens, index + 1):
            following = lower_at(tokens, index + 1)
            return following.endswith(_PARTICIPLE_ENDINGS) and tokens[index + 1].text.islower()
        if word not in _ADVERBS and not (word.endswith("ly") and tokens[index].text.islower()):
            return False
        index += 1
    return False


def _russian_verb(token: Token) -> bool:
    word = token.text
    return (
        word.islower()
        and len(word) >= _MIN_VERB_LETTERS
        and scripts(word) == {"CYRILLIC"}
        and word.endswith(_CYRILLIC_VERB_ENDINGS)
    )


def _opens_clause(hit: Hit, tokens: Sequence[Token]) -> bool:
    """A capital in the nominative right after "что" / "dass" is the clause's subject."""
    nominative = not hit.form.base
    return (
        nominative
        and _near(tokens, hit.first)
        and lower_at(tokens, hit.first - 1) in _SUBJECT_OPENERS
    )


def _is_related_to(tokens: Sequence[Token], first: int) -> bool:
    """Is the capital the party to a relation ("deal with Moscow", "loyal to Moscow")?"""
    before = first - 1
    if tokens[first].gap_before.strip() == "," and lower_at(tokens, before) in _APPOSITIVE_HEADS:
        return True
    if not _near(tokens, first):
        return False
    word = lower_at(tokens, before)
    if word in _RELATION_WORDS or word in _OBJECT_VERBS:
        return True
    head = lower_at(tokens, before - 1) if _near(tokens, before) else ""
    if word in _RELATION_PREPOSITIONS and head in _RELATIONAL_HEADS:
        return True
    # "An aggressive Moscow": cities take an indefinite article only as actors.
    return head in ARTICLES and tokens[before].text.islower()


def _coordinated(capitals: Sequence[Hit], linked: set[Hit], tokens: Sequence[Token]) -> set[Hit]:
    """Capitals joined by "and"/"or" to one that links ("Moscow and Beijing's dominance")."""
    by_first = {hit.first: hit for hit in capitals}
    by_last = {hit.last: hit for hit in capitals}
    extra = set()
    for hit in capitals:
        # The coordinator sits between the two capitals: token last+1 or token first-1.
        right = by_first.get(hit.last + 2)
        left = by_last.get(hit.first - 2)
        if hit not in linked and (
            (right in linked and _coordinator(tokens, hit.last + 1))
            or (left in linked and _coordinator(tokens, hit.first - 1))
        ):
            extra.add(hit)
    return extra


def _coordinator(tokens: Sequence[Token], index: int) -> bool:
    return (
        lower_at(tokens, index) in _COORDINATORS
        and _near(tokens, index)
        and _near(tokens, index + 1)
    )
