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
      ("Russia's") makes it someone else ("Lu Wei", "Heydar Aliyev"). Given names alone are not
      indexed, so "Vladimir Nabokov" and "Donald Trump" never link to Putin or Donald Lu.

Countries
    * Names and official names must be capitalised (so "china" the porcelain never links);
      pycountry supplies them for every country, the gazetteer adds common names.
    * Abbreviations (US, U.S., USA, PRC) match case-sensitively and exactly, so the pronoun "us"
      never links. Organisations are not countries: UN, U.N., EU, CIS and CSTO are not in the
      gazetteer and the Soviet Union, a historic state, is not in pycountry's current list.
    * Demonyms (Kazakh, Americans, Russian) always link, whatever the sense (nationality,
      ethnicity, language: "Kazakh service"); "Central Asian" is no demonym of any country.
    * Capitals and metonyms (CAPITAL):
        - Institution metonyms, written in the gazetteer with a leading "the" ("the Kremlin",
          "the White House"), always link; the article is optional in the text.
        - "Washington" always links, unless it is part of a longer name ("Washington Post",
          "George Washington").
        - Any other capital links only where it stands for the state or its government:
          possessive ("Moscow's", "Astana's pledge"); subject of a verb, possibly after one or
          two adverbs ("Moscow said", "Moscow still considers", "Moscow immediately exploited",
          "Moscow is becoming"); object of a relation ("with/against/between/by Moscow",
          "loyal to Moscow", "tied to Moscow", "independence from Moscow", "demands from
          Moscow"); after an indefinite article and adjective ("An aggressive Moscow"); in
          apposition to a partner noun ("Moscow's partner, Beijing"); or coordinated with a
          capital that links ("Moscow and Beijing's dominance").
        - Otherwise a capital is a place and does not link: "visited Astana", "talks in
          Tashkent", "an analyst based in Tashkent, the Uzbek capital", datelines.
        - A capital followed by another capitalised word is part of a longer name and never
          links ("Moscow State University").
    * Countries that are also given names (Georgia, Jordan, Chad...) do not link when next to
      another capitalised name-like word ("Michael Jordan").
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence

from articles.pipeline.mentions import Hit, Mention, Role
from articles.pipeline.names import Token
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
_ARTICLES = _list("indefinite_articles")
_ALWAYS_METONYMIC_CITIES = _list("always_metonymic_cities")
_NAME_LIKE_COUNTRIES = _list("name_like_countries")
_ROLE_NOUNS = _list("role_nouns")
_APPOSITION_OPENERS = _list("apposition_openers")
_REPORTING_VERBS = _list("reporting_verbs")
_CANDIDATE_WINDOW = 8  # tokens after "Name Surname," searched for a role noun
_CANDIDATE_MAX_WORDS = 3
_ROLE_MAX_WORDS = 5  # words of a role before a name ("Kazakh Deputy Foreign Minister")
_ROLE_MODIFIERS = _list("role_modifiers")
_OF_WORDS = frozenset({"of", "de", "du", "von", "des", "del"})


# -- context rules -------------------------------------------------------------------------------


def _lower(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].text.casefold() if 0 <= index < len(tokens) else ""


def _spaced(tokens: Sequence[Token], index: int) -> bool:
    """Is token ``index`` separated from the previous one by spaces only (no hyphen)?"""
    return 0 < index < len(tokens) and tokens[index].joined and not tokens[index].gap_before.strip()


def _name_like(token: Token) -> bool:
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
    """Is a lone surname flanked by another name-like word ("Lu Wei", "Heydar Aliyev")?"""
    before = first - 1
    if tokens[first].joined and before >= 0 and before not in known and _name_like(tokens[before]):
        return True
    after = last + 1
    return (
        not tokens[last].possessive
        and after < len(tokens)
        and tokens[after].joined
        and after not in known
        and _name_like(tokens[after])
    )


def apply_country_context(
    hits: Sequence[Hit], tokens: Sequence[Token], known: set[int]
) -> list[Hit]:
    """Drop capitals used as places and given-name-like countries next to other names."""
    capitals = [hit for hit in hits if hit.form.role is Role.CAPITAL]
    linked = {hit for hit in capitals if _capital_stands_for_state(hit, tokens, known)}
    linked |= _coordinated(capitals, linked, tokens)
    kept = []
    for hit in hits:
        if hit.form.role is Role.CAPITAL and hit not in linked:
            continue
        if _given_name_country(hit, tokens, known):
            continue
        kept.append(hit)
    return kept


def _given_name_country(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    if hit.form.role is not Role.COUNTRY_NAME or hit.form.normal not in _NAME_LIKE_COUNTRIES:
        return False
    return other_given_name(tokens, hit.first, hit.last, known)


def _capital_stands_for_state(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    first, last = hit.first, hit.last
    if tokens[last].possessive:
        return True
    after = last + 1
    if _spaced(tokens, after) and tokens[after].capitalised and after not in known:
        return False  # part of a longer name: "Washington Post", "Moscow State University"
    if hit.form.normal in _ALWAYS_METONYMIC_CITIES:
        before = first - 1
        return not (_spaced(tokens, first) and before not in known and _name_like(tokens[before]))
    return _acts(tokens, last) or _is_related_to(tokens, first)


def _acts(tokens: Sequence[Token], last: int) -> bool:
    """Is the capital the subject of a verb, possibly past one or two adverbs?"""
    index = last + 1
    for _ in range(3):
        if not _spaced(tokens, index):
            return False
        word = _lower(tokens, index)
        if word in _VERBS:
            return True
        if word not in _ADVERBS and not (word.endswith("ly") and tokens[index].text.islower()):
            return False
        index += 1
    return False


def _is_related_to(tokens: Sequence[Token], first: int) -> bool:
    """Is the capital the party to a relation ("deal with Moscow", "loyal to Moscow")?"""
    before = first - 1
    if tokens[first].gap_before.strip() == "," and _lower(tokens, before) in _APPOSITIVE_HEADS:
        return True
    if not _spaced(tokens, first):
        return False
    word = _lower(tokens, before)
    if word in _RELATION_WORDS:
        return True
    head = _lower(tokens, before - 1) if _spaced(tokens, before) else ""
    if word in _RELATION_PREPOSITIONS and head in _RELATIONAL_HEADS:
        return True
    # "An aggressive Moscow": cities take an indefinite article only as actors.
    return head in _ARTICLES and tokens[before].text.islower()


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
        _lower(tokens, index) in _COORDINATORS
        and _spaced(tokens, index)
        and _spaced(tokens, index + 1)
    )


# -- candidate helpers ---------------------------------------------------------------------------


def covered_tokens(tokens: Sequence[Token], mentions: Iterable[Mention]) -> set[int]:
    """Indices of the tokens that overlap any mention (both are sorted by offset)."""
    ends = [token.end for token in tokens]
    covered = set()
    for mention in mentions:
        index = bisect.bisect_right(ends, mention.start)
        while index < len(tokens) and tokens[index].start < mention.end:
            covered.add(index)
            index += 1
    return covered


def name_runs(tokens: Sequence[Token], covered: set[int]) -> Iterable[tuple[int, int]]:
    """Runs of two or three name-like, joined, capitalised words that no mention covers."""
    index = 0
    while index < len(tokens):
        end = index
        while (
            end < len(tokens)
            and end not in covered
            and _name_like(tokens[end])
            and (end == index or tokens[end].joined)
        ):
            end += 1
        if (
            index < end < len(tokens)
            and end not in covered
            and tokens[end].joined
            and tokens[end].possessive
            and _name_like(_not_possessive(tokens[end]))
        ):
            end += 1  # "President Emmanuel Macron's visit": the name ends with the 's
        if 2 <= end - index <= _CANDIDATE_MAX_WORDS:
            yield index, end - 1
        index = max(end, index + 1)


def _not_possessive(token: Token) -> Token:
    return dataclasses.replace(token, possessive=False)


def introduced_as_person(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the name introduced like a quoted person: "said X Y", "analyst X Y", "X Y, a ..."?"""
    return candidate_role(tokens, first, last) is not None


def candidate_role(
    tokens: Sequence[Token], first: int, last: int, covered: set[int] | frozenset[int] = frozenset()
) -> str | None:
    """The role the text gives a name introduced like a person, "" when it gives none.

    ``None`` when the name is not introduced like a person. Rules: a role word or title just
    before it ("Kazakh Deputy Foreign Minister Roman Vassilenko", "analyst X Y"), a reporting
    verb just before or after it ("said X Y", "X Y said"), or an apposition that opens like a
    job description ("X Y, a political analyst at ..."). A country the linker found may
    stand between the role and the name ("President of Kyrgyzstan Sadyr Japarov", "президент
    Киргизии Садыр Жапаров"): ``covered`` are the indices of linked tokens.
    """
    place = first - 1
    if place in covered and _spaced(tokens, first):
        role_at = place - 2 if _lower(tokens, place - 1) in _OF_WORDS else place - 1
        if role_at >= 0 and _is_role_head(_lower(tokens, role_at)):
            return " ".join(token.text for token in tokens[role_at:first])
    if _spaced(tokens, first):
        word = _lower(tokens, first - 1)
        if _is_role_head(word):
            return _role_before(tokens, first)
        if word in _REPORTING_VERBS:
            return _apposition_role(tokens, last) or ""
    after = last + 1
    if _spaced(tokens, after) and _lower(tokens, after) in _REPORTING_VERBS:
        return _apposition_role(tokens, last) or ""
    return _apposition_role(tokens, last)


def _is_role_head(word: str) -> bool:
    # "Minister", "analyst"; not a modifier alone ("Institute of Foreign Policy Studies").
    return word in _ROLE_NOUNS or (word in TITLES and word not in _ROLE_MODIFIERS)


def _role_before(tokens: Sequence[Token], first: int) -> str:
    # Extend left over titles, role nouns and their modifiers ("Kazakh Deputy Foreign Minister").
    start = first - 1
    while (
        start - 1 >= 0
        and _spaced(tokens, start)
        and first - start < _ROLE_MAX_WORDS
        and not tokens[start].sentence_initial
        and (
            _lower(tokens, start - 1) in _ROLE_NOUNS
            or _lower(tokens, start - 1) in TITLES
            or _lower(tokens, start - 1) in _ROLE_MODIFIERS
        )
    ):
        start -= 1
    return " ".join(token.text for token in tokens[start:first])


def _apposition_role(tokens: Sequence[Token], last: int) -> str | None:
    after = last + 1
    if after >= len(tokens) or tokens[after].gap_before.strip() != ",":
        return None
    # The apposition must open like a job description ("a fellow", "director of"): anything
    # else after the comma starts another name, a list or a new clause ("Radio Azattyq, Temur
    # Umarov, a fellow"; "the Carnegie Endowment, agreed with analyst ...").
    opening = tokens[after].text
    if opening not in _APPOSITION_OPENERS and opening not in _ROLE_NOUNS:
        return None
    for index in range(after, min(after + _CANDIDATE_WINDOW, len(tokens))):
        if index > after and (tokens[index].sentence_initial or "," in tokens[index].gap_before):
            return None
        if _lower(tokens, index) in _ROLE_NOUNS:
            start = after + 1 if _lower(tokens, after) in _ARTICLES | {"the"} else after
            return " ".join(token.text for token in tokens[start : index + 1])
    return None
