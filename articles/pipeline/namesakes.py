"""People who share a name form: relatives, namesakes and words that only look like surnames.

Rules (used by ``linking``):

* A one-word name form that several people share, or that another person named in full in the
  article ends with ("Бердымухамедов" of father and son; "Жапаров" after "Акылбек Жапаров"),
  belongs to the person the article names in full, the last one before it (else the first);
  when the article names none of them it stays with the owner whose spelling is strictly
  closest ("Мирзиёевым"), and is left open when they tie ("Бердымухамедов") or when a woman's
  form is also a man's genitive with no feminine verb beside it ("визит Мирзиёева").
* A lone surname after a title ("President Japarov") belongs to the one of the people named in
  the article whose role has that title, when exactly one has it.
* A lone surname refers to whom it last referred to: after "President Japarov" resolved it to
  Sadyr Japarov, a later "Japarov" is his even though "Akylbek Japarov" was named in between,
  unless that full name comes after the last resolved use.
* A full name matched only as a romanisation, with a word of four letters or fewer spelled
  otherwise and another word spelled the same, is someone else ("Li Qing" is not Li Qiang,
  "Donald Lee" not Donald Lu; "Yun Sok Yol" is Yoon Suk Yeol).
* A "surname" joined by a hyphen to a lower-case word before it is part of a compound word
  ("Mazar-i-Sharif"), not a name.
* The family name of a Chinese or Korean name in Latin letters comes first ("Xi" of "Xi
  Jinping", "Kim" of "Kim Min-seok"; ``surname_first_countries``); a lower-case part of a name
  ("in" of "Moon Jae-in") is never a surname. Such a family name alone ("Park", "Wang") links
  only once the article names the person in full.
* An initial before a surname ("S.Japarov", "Sh. Mirziyoyev", "С.Жапаров") picks the owner
  whose given name begins with it; a surname whose initials fit none of its owners is someone
  else's ("A.Japarov" is neither Sadyr Japarov nor anyone the gazetteer knows of that name),
  and a Latin surname is then left open later in the article too ("F. Aliyev ... Aliyev").
* Lone surnames that are common nouns, compass words or another person's given name, the
  office title before a lone surname, and full names that open a longer name:
  ``lone_surnames``.
* A lone surname after an office title ("Information Minister Umarov") is not a known person
  who holds no office (an analyst, a journalist) unless the article names them in full.
* A lone surname after a place noun and "of" ("the copper town of Satpayev") is a place, and
  one before a group noun ("the Haqqani network", "the Aliyev clan") names the group.
* A lone surname after a monarch's or cleric's title ("King Abdullah", "Pope Francis") is
  only a person whose role has that title: not Abdullah Abdullah.
* A Russian man's surname with a feminine "-а" next to a verb in the feminine past tense is a
  woman's ("Назарбаева заявила" is not Nursultan Nazarbayev; "визит Назарбаева" is), and so
  is one in a case only a woman's surname has ("с Алиевой", "Назарбаевой").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from articles.pipeline.context import (
    TITLES,
    lone_word_of_other_person,
    lower_at,
    spaced,
)
from articles.pipeline.lone_surnames import opens_longer_name
from articles.pipeline.mentions import PERSON, Hit, MatchMethod, Role
from articles.pipeline.names import HYPHENS, Token, latin_normal, scripts, tokenize
from articles.pipeline.wordlists import words

_FEMININE_VERB_ENDINGS = tuple(words("linking", "feminine_verb_endings"))
_MALE_SURNAME_ENDINGS = tuple(words("linking", "male_surname_endings"))
_SHORT_WORD = 4  # letters of a word of a name that no romanisation spells otherwise
_OFFICE_TITLES = words("linking", "office_titles")
_PLACE_NOUNS = words("linking", "place_nouns")
_MONARCH_TITLES = words("linking", "monarch_titles")
_GROUP_NOUNS = words("linking", "group_nouns")
_SURNAME_FIRST = frozenset(code.upper() for code in words("linking", "surname_first_countries"))


def surname_first(country: str | None) -> bool:
    """Do names of this country put the family name first ("Xi Jinping", "Kim Min-seok")?"""
    return (country or "").upper() in _SURNAME_FIRST


def surname_token(tokens: Sequence[Token], country: str | None) -> Token | None:
    """The family name of a name of several words: last, or first where that is the custom."""
    family = tokens[0] if surname_first(country) else tokens[-1]
    return family if family.capitalised else None


def _closeness(word: str, surface: str) -> float:
    return fuzz.ratio(latin_normal(word, stem=False), latin_normal(surface, stem=False))


def role_words(*titles: str) -> frozenset[str]:
    """The lower-case words of a person's role titles."""
    return frozenset(
        word.casefold() for title in titles for word in title.replace(",", " ").split()
    )


def shared_word_owners(
    kept: Sequence[Hit], hits: Sequence[Hit], tokens: Sequence[Token]
) -> list[Hit]:
    """``kept`` with each shared one-word name form given to the person the article names."""
    owners: dict[tuple[int, int], set[str]] = {}
    closest: dict[tuple[int, str], float] = {}  # (token, slug) -> best closeness of its forms
    for hit in hits:
        if hit.form.kind == PERSON and hit.first == hit.last:
            owners.setdefault((hit.first, hit.last), set()).add(hit.form.key)
            score = _closeness(tokens[hit.first].text, hit.form.surface)
            at = (hit.first, hit.form.key)
            closest[at] = max(closest.get(at, 0.0), score)
    full = [hit for hit in kept if hit.form.kind == PERSON and hit.last > hit.first]
    result = []
    for hit in kept:
        if hit.form.kind != PERSON or hit.first != hit.last or hit.form.role is not Role.VARIANT:
            result.append(hit)
            continue
        if feminine_of_male(hit, tokens):
            continue
        key = tokens[hit.first].key
        slugs = owners.get((hit.first, hit.last), {hit.form.key})
        named = [h for h in full if h.form.key in slugs or tokens[h.last].key == key]
        if named:
            before = [h for h in named if h.start < hit.start]
            slug = (before[-1] if before else named[0]).form.key
            result.append(dataclasses.replace(hit, form=dataclasses.replace(hit.form, key=slug)))
        elif len(slugs) == 1 or (
            all(
                closest[hit.first, hit.form.key] > closest[hit.first, slug]
                for slug in slugs - {hit.form.key}
            )
            and not male_genitive(hit, hits, tokens)
        ):
            result.append(hit)  # one owner, or a spelling strictly closest ("Мирзиёевым")
    return result


def given_names(spellings: Sequence[str], country: str | None) -> frozenset[str]:
    """The given names of a person's spellings of several words ("Sadyr" of "Sadyr Japarov")."""
    result = set()
    for spelling in spellings:
        tokens = [token for token in tokenize(spelling) if token.capitalised]
        if len(tokens) > 1:
            given = tokens[-1] if surname_first(country) else tokens[0]
            result.add(given.text.casefold())
    return frozenset(result)


def initials_before(tokens: Sequence[Token], first: int) -> str | None:
    """The initial written before a surname ("S" of "S.Japarov", "Sh" of "Sh. Mirziyoyev").

    One or two letters with a full stop; titles ("M. Tokaïev", "Dr. Lu") are no initials.
    """
    before = first - 1
    if before < 0 or tokens[first].gap_before.strip() != ".":
        return None
    initial = tokens[before].text
    if not (1 <= len(initial) <= 2 and initial[0].isupper() and initial.isalpha()):
        return None
    if before > 0 and tokens[before].gap_before == ".":
        return None  # the end of an abbreviation ("the U.S. Blinken"), not an initial
    if initial.casefold() in TITLES or (len(initial) == 2 and not initial[1].islower()):
        return None
    return initial.casefold()


def initials_owners(slugs: set[str], initial: str, given: Mapping[str, frozenset[str]]) -> set[str]:
    """The owners of a surname whose given name begins with the initial written before it."""
    return {slug for slug in slugs if any(name.startswith(initial) for name in given.get(slug, ()))}


def holds_office(role_words_of: frozenset[str]) -> bool:
    """Do a person's role words hold the title of an office ("minister", not "fellow")?"""
    return bool(role_words_of & _OFFICE_TITLES)


def title_allows(
    slugs: set[str],
    tokens: Sequence[Token],
    first: int,
    named: set[str],
    roles: Mapping[str, frozenset[str]],
) -> set[str]:
    """The owners of a lone surname that the title before it leaves possible.

    After a monarch's or cleric's title ("King Abdullah", "Emir Tamim", "Pope Francis") only
    an owner whose role has that title; after another office title ("Information Minister
    Umarov") only an owner who holds an office or whom the article names in full.
    """
    title = lower_at(tokens, first - 1) if spaced(tokens, first) else ""
    if title in _MONARCH_TITLES:
        return {slug for slug in slugs if title in roles[slug]}
    if title in _OFFICE_TITLES:
        return {slug for slug in slugs if slug in named or holds_office(roles[slug])}
    return set(slugs)


def named_after(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the surname the name of a place after "<place noun> of" ("the town of Satpayev") or
    of a group before a group noun ("the Haqqani network", "the Aliyev clan")?"""
    after = last + 1
    if (
        spaced(tokens, after)
        and tokens[after].text.islower()
        and lower_at(tokens, after) in _GROUP_NOUNS
        and not tokens[last].possessive
    ):
        return True
    return (
        spaced(tokens, first)
        and lower_at(tokens, first - 1) == "of"
        and lower_at(tokens, first - 2) in _PLACE_NOUNS
    )


def initial_owner(
    hit: Hit,
    tokens: Sequence[Token],
    owners: set[str],
    given: Mapping[str, frozenset[str]],
) -> Hit | None:
    """A one-word name form with an initial before it ("С.Жапаров"), given to the owner whose
    given name begins with it; None when the initial fits no owner ("А.Жапаров" is not Sadyr).
    """
    initial = initials_before(tokens, hit.first)
    if initial is None or hit.form.kind != PERSON or hit.first != hit.last:
        return hit
    fitting = initials_owners(owners | {hit.form.key}, initial, given)
    if not fitting:
        return None
    if len(fitting) > 1 or hit.form.key in fitting:
        return hit
    slug = next(iter(fitting))
    return dataclasses.replace(hit, form=dataclasses.replace(hit.form, key=slug))


def titled_owner(
    slugs: set[str],
    full_names: Sequence[Hit],
    tokens: Sequence[Token],
    first: int,
    roles: Mapping[str, frozenset[str]],
) -> str | None:
    """The one person named in the article whose role has the title before the surname."""
    if not spaced(tokens, first) or lower_at(tokens, first - 1) not in TITLES:
        return None
    title = lower_at(tokens, first - 1)
    named = {hit.form.key for hit in full_names if hit.form.key in slugs}
    if len(named) < 2:
        return None
    titled = [slug for slug in named if title in roles.get(slug, frozenset())]
    return titled[0] if len(titled) == 1 else None


def recent_owner(
    slugs: set[str], full_names: Sequence[Hit], start: int, recent: tuple[int, str] | None
) -> str | None:
    """Whom the surname last referred to, if no full name of theirs came since."""
    if recent is None or recent[1] not in slugs:
        return None
    named = [hit.start for hit in full_names if hit.form.key in slugs and hit.start < start]
    return recent[1] if not named or recent[0] > named[-1] else None


def inside_compound_word(tokens: Sequence[Token], first: int) -> bool:
    """Is the word hyphenated to a lower-case word before it ("Mazar-i-Sharif")?"""
    gap = tokens[first].gap_before
    return first > 0 and len(gap) == 1 and gap in HYPHENS and tokens[first - 1].text.islower()


def feminine_of_male(hit: Hit, tokens: Sequence[Token]) -> bool:
    """Is a Cyrillic man's surname written as a woman's: in a case only a woman's has
    ("Алиевой", "Назарбаевой"), or with "-а" next to a feminine verb?"""
    word = tokens[hit.first].text
    form = hit.form.surface.split()[-1]
    if scripts(word) != {"CYRILLIC"} or form.casefold().endswith(("а", "я")):
        return False
    if (
        form.casefold().endswith(_MALE_SURNAME_ENDINGS)
        and word.casefold() == form.casefold() + "ой"
    ):
        return True
    if word.casefold() != form.casefold() + "а":
        return False
    return _feminine_verb_beside(hit, tokens)


def _feminine_verb_beside(hit: Hit, tokens: Sequence[Token]) -> bool:
    return any(
        0 <= at < len(tokens)
        and tokens[at].text[1:].islower()
        and tokens[at].text.casefold().endswith(_FEMININE_VERB_ENDINGS)
        and scripts(tokens[at].text) == {"CYRILLIC"}
        for at in (hit.first - 1, hit.last + 1)
    )


def male_genitive(hit: Hit, hits: Sequence[Hit], tokens: Sequence[Token]) -> bool:
    """Is a woman's Cyrillic surname also another owner's surname in the genitive ("визит
    Мирзиёева": the daughter's "Мирзиёева" or the father's), with no feminine verb beside it
    to tell them apart? Its spelling then decides nothing."""
    word = tokens[hit.first].text.casefold()
    if hit.form.surface.split()[-1].casefold() != word or _feminine_verb_beside(hit, tokens):
        return False
    return any(
        other.first == hit.first
        and other.form.key != hit.form.key
        and word == other.form.surface.split()[-1].casefold() + "а"
        for other in hits
    )


def without_other_people(
    hits: Sequence[Hit], tokens: Sequence[Token], known: set[int]
) -> list[Hit]:
    """Drop one-word Cyrillic name forms that belong to someone else ("Гейдар Алиев"), and full
    names that open someone's longer name ("Javier Morales Ibáñez" is not Javier Morales).

    Once the article gives such a word another given name, it is left open everywhere in the
    article, unless the person it would link to is named in full.
    """
    others = {
        tokens[hit.first].key for hit in hits if lone_word_of_other_person(hit, tokens, known)
    }
    named = {hit.form.key for hit in hits if hit.form.kind == PERSON and hit.first != hit.last}
    return [
        hit
        for hit in hits
        if not (
            hit.form.kind == PERSON
            and hit.first == hit.last
            and tokens[hit.first].key in others
            and (hit.form.key not in named or lone_word_of_other_person(hit, tokens, known))
        )
        and not opens_longer_name(hit, tokens, known)
        and not short_word_differs(hit, tokens)
    ]


def short_word_differs(hit: Hit, tokens: Sequence[Token]) -> bool:
    """Is a full name matched only as a romanisation, with a short word spelled otherwise?

    When the other words are spelled the same, a word of a few letters is a name of its own,
    not a spelling of another ("Li Qing" is not Li Qiang, "Donald Lee" not Donald Lu, "Kim
    Min-sik" not Kim Min-seok). A romanisation that spells every word otherwise ("Yun Sok
    Yol" for Yoon Suk Yeol) is one system's spelling of the same name.
    """
    if hit.method is not MatchMethod.TRANSLITERATION or hit.form.kind != PERSON:
        return False
    span = tokens[hit.first : hit.last + 1]
    form = tokenize(hit.form.surface)
    if len(span) < 2 or len(form) != len(span):
        return False
    pairs = [
        (word.text, other.text)
        for word, other in zip(span, form, strict=True)
        if scripts(word.text) == scripts(other.text) == {"LATIN"}
    ]
    same = [latin_normal(word) == latin_normal(other) for word, other in pairs]
    return any(same) and any(
        not alike and min(len(word), len(other)) <= _SHORT_WORD
        for (word, other), alike in zip(pairs, same, strict=True)
    )
