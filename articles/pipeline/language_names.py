"""Demonyms that name a language or an ethnic group, not a country: "spoke in Russian",
"signed in Kazakh, Uzbek and Russian", "на русском и китайском языках", "en ouzbek",
"auf Kasachisch".

Rule (used by ``context``): a demonym is a language when a language preposition or a verb of
speaking stands right before it, or before a list of capitalised words and demonyms that it
ends or belongs to ("in Urdu, Russian and Chinese"), and the list is not followed by a noun
it qualifies: after the list comes the end of the text, punctuation, a lower-case function
word ("with", "and", "et"), an adverb in "-ly" or a noun meaning "language". A Cyrillic list
must be followed by such a noun ("на русском языке"; "на российском рынке" is the market).
A hyphen after the list makes a compound ("in Russian-held areas"), which stays the country;
so does a demonym with a noun after it ("in Russian hands", "in Chinese money").
A lower-case demonym after French or Spanish "en" is a language whatever follows ("en
français était assurée"), and any demonym right before a noun meaning "language" is one
whatever comes before it ("to know the Russian language", "русский язык"); so is a lower-case
demonym right after a French article ("parle le russe", "traduit du kazakh"), since there an
adjective comes after its noun ("le ministre russe"), unless a name follows ("le kazakh
Kassym-Jomart Tokaïev"); Spanish "el ruso" is as often the Russian man, so it stays. A
demonym after a word meaning "ethnic" names the group, not the state ("ethnic Koreans",
"этнических узбеков"). A demonym that names a language service ("the Kazakh service") is
not read here: it has no preposition of language before it. The word lists are in
``data/linking.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from articles.pipeline.mentions import Hit, Role
from articles.pipeline.names import HYPHENS, Token, scripts
from articles.pipeline.wordlists import words

_PREPOSITIONS = words("linking", "language_prepositions")
_LANGUAGE_ONLY_PREPOSITIONS = words("linking", "language_only_prepositions")
_SPEECH_VERBS = words("linking", "speech_verbs")
_LANGUAGE_NOUNS = tuple(words("linking", "language_nouns"))
_ETHNIC_WORDS = words("linking", "ethnic_words")
_COORDINATORS = words("linking", "coordinators")
_FUNCTION_WORDS = words("linking", "common_words")


def language_names(hits: Sequence[Hit], tokens: Sequence[Token]) -> set[Hit]:
    """The one-word demonym hits of ``hits`` that name a language."""
    demonyms = {
        hit.first for hit in hits if hit.form.role is Role.DEMONYM and hit.first == hit.last
    }
    return {
        hit
        for hit in hits
        if hit.first in demonyms
        and (
            _after_language_only_preposition(tokens, hit.first)
            or _before_language_noun(tokens, hit.first)
            or (_spaced(tokens, hit.first) and _lower(tokens, hit.first - 1) in _ETHNIC_WORDS)
            or (_opened(tokens, hit.first, demonyms) and _closed(tokens, hit.first, demonyms))
        )
    }


def _after_language_only_preposition(tokens: Sequence[Token], index: int) -> bool:
    """A lower-case demonym after French or Spanish "en" or a French article is a language
    ("traduit en français était", "en ruso", "parle le russe"): those languages put an
    adjective after its noun."""
    return (
        _spaced(tokens, index)
        and tokens[index].text.islower()
        and _lower(tokens, index - 1) in _LANGUAGE_ONLY_PREPOSITIONS
        # "le kazakh Kassym-Jomart Tokaïev" is the Kazakh president.
        and not (_spaced(tokens, index + 1) and tokens[index + 1].capitalised)
    )


def _before_language_noun(tokens: Sequence[Token], index: int) -> bool:
    """ "the Russian language", "русский язык": the demonym qualifies the word "language"."""
    return (
        not tokens[index].possessive
        and _spaced(tokens, index + 1)
        and _lower(tokens, index + 1).startswith(_LANGUAGE_NOUNS)
    )


def _lower(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].text.casefold() if 0 <= index < len(tokens) else ""


def _spaced(tokens: Sequence[Token], index: int) -> bool:
    return 0 < index < len(tokens) and tokens[index].joined and not tokens[index].gap_before.strip()


def _comma(tokens: Sequence[Token], index: int) -> bool:
    return 0 < index < len(tokens) and tokens[index].gap_before.strip() == ","


def _element(tokens: Sequence[Token], index: int, demonyms: set[int]) -> bool:
    """Can the token be one item of a list of languages ("Urdu", "Russian", "китайском")?"""
    if not 0 <= index < len(tokens) or tokens[index].possessive:
        return False
    return index in demonyms or (tokens[index].capitalised and tokens[index].text.isalpha())


def _opened(tokens: Sequence[Token], index: int, demonyms: set[int]) -> bool:
    """Does a language preposition or verb of speaking open the list that holds the word?"""
    while index > 0:
        before = index - 1
        if _spaced(tokens, index) and _lower(tokens, before) in _PREPOSITIONS | _SPEECH_VERBS:
            return True
        if _comma(tokens, index) and _element(tokens, before, demonyms):
            index = before
        elif (
            _spaced(tokens, index)
            and _lower(tokens, before) in _COORDINATORS
            and _spaced(tokens, before)
            and _element(tokens, before - 1, demonyms)
        ):
            index = before - 1
        else:
            return False
    return False


def _closed(tokens: Sequence[Token], index: int, demonyms: set[int]) -> bool:
    """Does the list that holds the word end without a noun it would qualify?"""
    while True:
        after = index + 1
        if _comma(tokens, after) and _element(tokens, after, demonyms):
            index = after
        elif (
            _spaced(tokens, after)
            and _lower(tokens, after) in _COORDINATORS
            and _spaced(tokens, after + 1)
            and _element(tokens, after + 1, demonyms)
        ):
            index = after + 1
        else:
            break
    after = index + 1
    word = _lower(tokens, after)
    if scripts(tokens[index].text) == {"CYRILLIC"}:
        return _spaced(tokens, after) and word.startswith(_LANGUAGE_NOUNS)
    if after >= len(tokens):
        return True
    gap = tokens[after].gap_before.strip()
    if gap:
        return gap not in HYPHENS
    if tokens[index].possessive:
        return False
    return word.startswith(_LANGUAGE_NOUNS) or (
        tokens[after].text.islower() and (word in _FUNCTION_WORDS or word.endswith("ly"))
    )
