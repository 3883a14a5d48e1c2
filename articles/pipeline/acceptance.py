"""Whether a folded key match stands: the spelling rules of the linker (see ``linking``).

A match of a gazetteer form found on folded keys is accepted, and given a ``MatchMethod``,
when the spelling in the text is the form itself, differs only in case and accents, or is a
close enough romanisation of it; country forms must be capitalised where the form is, be in
the form's script, and a lower-case adjective must be spelled as the form is. A Latin word
never matches a surname taken from a name in another script, and a function word ("Pero",
"Mais") matches a surname or a country only as its own spelling.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rapidfuzz import fuzz

from articles.pipeline.mentions import Form, Hit, MatchMethod, Role
from articles.pipeline.names import Token, has_han, latin_normal, normalise, script_normal, scripts
from articles.pipeline.wordlists import words

# Similarity (rapidfuzz ratio, 0-100) a folded-only match must still have with the gazetteer
# spelling. Folding is deliberately coarse; these floors stop a short capitalised word that folds
# alike ("Patton" ~ "Putin") from linking. Single words need more evidence than full names;
# country names most ("Granada", the Spanish city, is 86 from "Grenada").
_MIN_SIMILARITY_NAME = 60.0
_MIN_SIMILARITY_WORD = 70.0
_MIN_SIMILARITY_COUNTRY = 88.0
# Across scripts (a Cyrillic word against a Latin spelling) the romanised forms must agree more
# closely: России romanises near the French Raïssi, Блинкен exactly to Blinken.
_MIN_SIMILARITY_CROSS_SCRIPT = 75.0
_MIN_FOLDED_LETTERS = 4  # shorter words must match exactly (modulo case and accents)
# Function words of the coverage's languages ("Pero", "Mais", "Aber"), which open sentences
# with a capital: they are never another spelling of a name.
_FUNCTION_WORDS = words("linking", "common_words")


def accept(form: Form, text: str, tokens: Sequence[Token], first: int, last: int) -> Hit | None:
    """Decide whether the folded match of ``form`` at ``first..last`` stands, and how."""
    start, end = tokens[first].start, tokens[last].end
    surface = text[start:end]
    # ``_method`` reads the form, the surface and the capitals of the span's tokens, nothing
    # else, and the same names recur in every article: decisions are memoised on those. A
    # one-token span is its surface, so its capital is the surface's. The entry holds the form,
    # so that no other form can take its ``id`` while the entry lives.
    if last > first:
        key = (id(form), surface, *(tokens[i].capitalised for i in range(first, last + 1)))
    else:
        key = (id(form), surface)
    entry = _DECISIONS.get(key)
    if entry is not None and entry[0] is form:
        method = entry[1]
    else:
        method = _method(form, surface, tokens[first : last + 1])
        if len(_DECISIONS) >= _MAX_DECISIONS:
            _DECISIONS.clear()
        _DECISIONS[key] = (form, method)
    return None if method is None else Hit(first, last, form, method, start, end)


_DECISIONS: dict[tuple, tuple[Form, MatchMethod | None]] = {}
_MAX_DECISIONS = 100_000  # a bound on the memo's memory; it starts again when full


def _method(form: Form, surface: str, span: Sequence[Token]) -> MatchMethod | None:
    exact = surface == form.surface
    if form.role is Role.ABBREVIATION:
        return MatchMethod.ABBREVIATION if exact else None
    same = normalise(surface) == form.normal
    if not same and (has_han(surface) or has_han(form.surface)):
        return None  # Chinese characters romanise lossily: only the same characters match
    cased = len(span) == len(form.capitalised) and all(
        token.capitalised or not needed
        for token, needed in zip(span, form.capitalised, strict=True)
    )
    if form.role in (Role.NAME, Role.VARIANT):
        if len(span) == 1 and word_scripts(surface) != word_scripts(form.surface):
            # A one-word form in another script ("Алиев" for "Aliyev") would bypass the
            # surname rules; Latin text reaches the person through the Latin surnames.
            return None
        if exact:
            return MatchMethod.EXACT if form.role is Role.NAME else MatchMethod.VARIANT
        if same:
            return MatchMethod.NORMALIZED
        floor = _MIN_SIMILARITY_NAME if len(span) > 1 else _MIN_SIMILARITY_WORD
        return MatchMethod.TRANSLITERATION if cased and _similar(surface, form, floor) else None
    if not cased:
        return None
    if form.role is Role.SURNAME:
        if word_scripts(surface) == {"LATIN"} != word_scripts(form.surface):
            # A surname taken from a Cyrillic form ("Маас", "Уэст") would let a Latin word
            # that romanises near it ("Mais", "East", "l'Ouest") in; Latin text reaches the
            # person through the surnames of the Latin names.
            return None
        ok = same or (
            surface.casefold() not in _FUNCTION_WORDS
            and _similar(surface, form, _MIN_SIMILARITY_WORD)
        )
        return MatchMethod.SURNAME if ok else None
    if word_scripts(surface) != word_scripts(form.surface):
        return None  # each script has its own country names (CLDR): Россия, not Rossi
    if not any(form.capitalised):
        # A lower-case adjective ("français", "казахстанский") is a word of one language:
        # only its own spelling, accents, case and Russian case endings aside, stands.
        if latin_normal(surface) != latin_normal(form.surface):
            return None
    elif not (same or _similar(surface, form, _MIN_SIMILARITY_COUNTRY)):
        return None
    elif not same and surface.casefold() in _FUNCTION_WORDS:
        return None  # Spanish "Pero" is no romanisation of the French "Pérou"
    return _country_method(form, exact, same)


@functools.lru_cache(maxsize=16_384)
def word_scripts(text: str) -> frozenset[str]:
    """The scripts of ``text`` read as ``fold`` reads it (look-alike letters mapped)."""
    return frozenset().union(*(scripts(script_normal(word)) for word in text.split()))


def _country_method(form: Form, exact: bool, same: bool) -> MatchMethod:
    if form.role is Role.DEMONYM:
        return MatchMethod.DEMONYM
    if form.role in (Role.CAPITAL, Role.INSTITUTION):
        return MatchMethod.CAPITAL
    if exact:
        return MatchMethod.EXACT if form.role is Role.COUNTRY_NAME else MatchMethod.VARIANT
    return MatchMethod.NORMALIZED if same else MatchMethod.TRANSLITERATION


def _similar(surface: str, form: Form, floor: float) -> bool:
    """Folded keys agree; is the spelling itself still close enough to count?

    Both spellings are compared in Latin letters, so ``Блинкен`` is as close to ``Blinken`` as
    ``Blinken`` itself.
    """
    normal = latin_normal(surface)
    if sum(char.isalpha() for char in normal) < _MIN_FOLDED_LETTERS:
        return False
    if not surface.isascii() and scripts(surface) != scripts(form.surface):
        floor = max(floor, _MIN_SIMILARITY_CROSS_SCRIPT)
    return fuzz.ratio(normal, latin_normal(form.surface)) >= floor
