"""Find the people and countries an article mentions.

How it works
------------
The text is split into word tokens (``names.tokenize``), each token is reduced to its phonetic
key (``names.fold_word``) and the keys are joined into one *key text*; tokens separated by
anything other than a space or a hyphen are kept apart by a ``|`` so that no name matches across
a comma or a full stop. Every gazetteer name, variant, surname, country name, abbreviation,
demonym and capital is keyed the same way and put into one Aho-Corasick automaton, so the text
is scanned once whatever the size of the gazetteer. Every key match is only a candidate: it is
mapped back to the original characters and accepted, and given a ``MatchMethod``, by the rules
below. Overlapping candidates are resolved longest first.

The rules that accept or drop a candidate by its context are in ``context``; their word
lists are in ``data/linking.toml``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence

import ahocorasick
from rapidfuzz import fuzz

from articles.pipeline.context import (
    apply_country_context,
    candidate_role,
    covered_tokens,
    name_runs,
    other_given_name,
)
from articles.pipeline.gazetteer import CountryEntry, PersonEntry
from articles.pipeline.mentions import (
    COUNTRY,
    METHOD_RANK,
    PERSON,
    Candidate,
    Form,
    Hit,
    MatchMethod,
    Mention,
    Role,
)
from articles.pipeline.names import (
    Token,
    has_han,
    latin_normal,
    normalise,
    scripts,
    tokenize,
)
from articles.pipeline.text import Sentences

__all__ = ["COUNTRY", "PERSON", "Candidate", "Linker", "MatchMethod", "Mention", "is_abbreviation"]

# Similarity (rapidfuzz ratio, 0-100) a folded-only match must still have with the gazetteer
# spelling. Folding is deliberately coarse; these floors stop a short capitalised word that folds
# alike ("Patton" ~ "Putin") from linking. Single words need more evidence than full names.
_MIN_SIMILARITY_NAME = 60.0
_MIN_SIMILARITY_WORD = 70.0
_MIN_SIMILARITY_COUNTRY = 85.0
# Across scripts (a Cyrillic word against a Latin spelling) the romanised forms must agree more
# closely: России romanises near the French Raïssi, Блинкен exactly to Blinken.
_MIN_SIMILARITY_CROSS_SCRIPT = 75.0
_MIN_FOLDED_LETTERS = 4  # shorter words must match exactly (modulo case and accents)
_MIN_DISTINCTIVE_SURNAME = 4  # shorter surnames need the full name in the article


class Linker:
    """Links people and countries in texts; build once, call ``link`` for many texts."""

    def __init__(self, people: Iterable[PersonEntry], countries: Iterable[CountryEntry]):
        # pattern -> its forms; a dict used as an ordered set, so adding stays O(1).
        self._index: dict[str, dict[Form, None]] = defaultdict(dict)
        self._surname_owners: dict[str, set[str]] = defaultdict(set)
        for person in people:
            self._add_person(person)
        for country in countries:
            self._add_country(country)
        self._automaton = ahocorasick.Automaton()
        for pattern, forms in self._index.items():
            size = len(tokenize(next(iter(forms)).surface))
            self._automaton.add_word(pattern, (len(pattern), size, tuple(forms)))
        if self._index:
            self._automaton.make_automaton()

    # -- building ------------------------------------------------------------------------------

    def _add_person(self, person: PersonEntry) -> None:
        for spelling, role in [(person.name, Role.NAME)] + [
            (variant, Role.VARIANT) for variant in person.variants
        ]:
            self._add(PERSON, person.slug, spelling, role)
            tokens = tokenize(spelling)
            # A Chinese name's last character is no surname (the surname comes first).
            if len(tokens) > 1 and not has_han(spelling):
                surname = spelling[tokens[-1].start : tokens[-1].end]
                if self._add(PERSON, person.slug, surname, Role.SURNAME):
                    self._surname_owners[tokens[-1].key].add(person.slug)

    def _add_country(self, country: CountryEntry) -> None:
        self._add(COUNTRY, country.code, country.name, Role.COUNTRY_NAME)
        for name in country.names:
            role = Role.ABBREVIATION if is_abbreviation(name) else Role.COUNTRY_ALT
            self._add(COUNTRY, country.code, name, role)
        for demonym in country.demonyms:
            self._add(COUNTRY, country.code, demonym, Role.DEMONYM)
        for capital in country.capitals:
            # "the Kremlin": an institution, always the state; the article is optional in text.
            if capital.casefold().startswith("the "):
                self._add(COUNTRY, country.code, capital[4:].strip(), Role.INSTITUTION)
            else:
                self._add(COUNTRY, country.code, capital, Role.CAPITAL)

    def _add(self, kind: str, key: str, spelling: str, role: Role) -> bool:
        tokens = tokenize(spelling)
        if not tokens or not all(token.key for token in tokens):
            return False  # nothing indexable (e.g. a script the folding does not cover)
        form = Form(
            kind=kind,
            key=key,
            surface=spelling,
            role=role,
            normal=normalise(spelling),
            capitalised=tuple(token.capitalised for token in tokens),
        )
        self._index[_key_text(tokens)[0]][form] = None
        return True

    # -- linking -------------------------------------------------------------------------------

    def link(self, text: str) -> list[Mention]:
        """Mentions in ``text``, sorted by start and non-overlapping."""
        tokens = tokenize(text)
        if not tokens or not self._index:
            return []
        matches = self._scan(tokens)
        hits = [
            hit
            for first, last, form in matches
            if form.role is not Role.SURNAME
            and (hit := _accept(form, text, tokens, first, last)) is not None
        ]
        resolved = _resolve(hits, text)
        known = {i for hit in resolved for i in range(hit.first, hit.last + 1)}
        kept = apply_country_context(resolved, tokens, known)
        surnames = self._link_surnames(text, tokens, matches, kept, known)
        mentions = [_mention(hit, text) for hit in [*kept, *surnames]]
        return sorted(mentions, key=lambda m: m.start)

    def _scan(self, tokens: Sequence[Token]) -> list[tuple[int, int, Form]]:
        """Every (first token, last token, form) whose key occurs in the key text."""
        key_text, token_at = _key_text(tokens)
        matches = []
        for end, (length, size, forms) in self._automaton.iter(key_text):
            first = bisect_left(token_at, end - length + 1)
            matches.extend((first, first + size - 1, form) for form in forms)
        return matches

    def _link_surnames(
        self,
        text: str,
        tokens: Sequence[Token],
        matches: Sequence[tuple[int, int, Form]],
        linked: Sequence[Hit],
        known: set[int],
    ) -> list[Hit]:
        full_names = [hit for hit in linked if hit.form.kind == PERSON]
        occupied = {i for hit in linked for i in range(hit.first, hit.last + 1)}
        by_span: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        for first, last, form in matches:
            if form.role is Role.SURNAME and not occupied.intersection(range(first, last + 1)):
                hit = _accept(form, text, tokens, first, last)
                if hit is not None:
                    by_span[first, last].append(hit)
        result = []
        for (first, last), hits in sorted(by_span.items()):
            if other_given_name(tokens, first, last, known):
                continue
            slug = self._surname_target(hits, full_names, tokens[first].key)
            if slug is not None:
                result.append(next(hit for hit in hits if hit.form.key == slug))
        return result

    def _surname_target(
        self, hits: Sequence[Hit], full_names: Sequence[Hit], surname_key: str
    ) -> str | None:
        """The person a lone surname refers to, or None when the article leaves it open."""
        slugs = {hit.form.key for hit in hits}
        named = [hit for hit in full_names if hit.form.key in slugs]
        if named:
            position = hits[0].start
            before = [hit for hit in named if hit.start < position]
            return (before[-1] if before else named[0]).form.key
        owners = self._surname_owners.get(surname_key, set())
        letters = sum(char.isalpha() for char in hits[0].form.surface)
        if len(slugs) == 1 and owners == slugs and letters >= _MIN_DISTINCTIVE_SURNAME:
            return next(iter(slugs))
        return None

    # -- candidates ----------------------------------------------------------------------------

    def candidates(self, text: str, mentions: list[Mention]) -> list[Candidate]:
        """Unknown people named like "said X Y, a political analyst" or "X Y, director of"."""
        tokens = tokenize(text)
        covered = covered_tokens(tokens, mentions)
        seen: set[str] = set()
        result = []
        sentences = Sentences(text)
        for first, last in name_runs(tokens, covered):
            role = candidate_role(tokens, first, last, covered)
            if role is None:
                continue
            name = text[tokens[first].start : tokens[last].end]
            if normalise(name) in seen:
                continue
            seen.add(normalise(name))
            start, end = tokens[first].start, tokens[last].end
            result.append(Candidate(name, sentences.sentence(start, end), start, end, role))
        return result


# -- module helpers ------------------------------------------------------------------------------


def is_abbreviation(name: str) -> bool:
    """US, U.S., USA, PRC: short all-capital names, matched case-sensitively."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _key_text(tokens: Sequence[Token]) -> tuple[str, array[int]]:
    """Join token keys: " k1 k2 | k3 ", and list the offset of each key's leading space.

    Every key is wrapped in spaces, so a pattern built the same way can only match whole tokens;
    "|" stands for any separator other than a space or a hyphen. The offsets are increasing, so
    token ``i``'s leading space is ``offsets[i]`` and a match start is found by bisection (an
    array of machine integers: a dict here was the largest object a long document made).
    """
    parts = [" "]
    length = 1
    token_at = array("q")
    for index, token in enumerate(tokens):
        if index and not token.joined:
            parts.append("| ")
            length += 2
        token_at.append(length - 1)
        parts.append(token.key + " ")
        length += len(token.key) + 1
    return "".join(parts), token_at


def _accept(form: Form, text: str, tokens: Sequence[Token], first: int, last: int) -> Hit | None:
    """Decide whether the folded match of ``form`` at ``first..last`` stands, and how."""
    start, end = tokens[first].start, tokens[last].end
    surface = text[start:end]
    method = _method(form, surface, tokens[first : last + 1])
    return None if method is None else Hit(first, last, form, method, start, end)


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
        if exact:
            return MatchMethod.EXACT if form.role is Role.NAME else MatchMethod.VARIANT
        if same:
            return MatchMethod.NORMALIZED
        floor = _MIN_SIMILARITY_NAME if len(span) > 1 else _MIN_SIMILARITY_WORD
        return MatchMethod.TRANSLITERATION if cased and _similar(surface, form, floor) else None
    if not cased:
        return None
    if form.role is Role.SURNAME:
        ok = same or _similar(surface, form, _MIN_SIMILARITY_WORD)
        return MatchMethod.SURNAME if ok else None
    if not (same or _similar(surface, form, _MIN_SIMILARITY_COUNTRY)):
        return None
    return _country_method(form, exact, same)


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


def _resolve(hits: Iterable[Hit], text: str) -> list[Hit]:
    """Keep the longest hits that do not overlap.

    Ties go to the surer method, then to the spelling closest to the text (Russian case
    endings make ``Мирзиёевым`` key like both Мирзиёев and Мирзиёева), then to the earlier.
    """
    ranked = sorted(
        hits,
        key=lambda h: (-h.length, METHOD_RANK[h.method], -_closeness(h, text), h.start),
    )
    kept = []
    taken: set[int] = set()
    for hit in ranked:
        span = set(range(hit.first, hit.last + 1))
        if not taken & span:
            kept.append(hit)
            taken |= span
    return sorted(kept, key=lambda h: h.start)


def _closeness(hit: Hit, text: str) -> float:
    surface = latin_normal(text[hit.start : hit.end], stem=False)
    return fuzz.ratio(surface, latin_normal(hit.form.surface, stem=False))


def _mention(hit: Hit, text: str) -> Mention:
    return Mention(
        start=hit.start,
        end=hit.end,
        text=text[hit.start : hit.end],
        kind=hit.form.kind,
        key=hit.form.key,
        method=hit.method,
    )
