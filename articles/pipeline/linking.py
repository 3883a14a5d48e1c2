"""Find the people and countries an article mentions.

How it works
------------
The text is split into word tokens (``names.tokenize``), each token is reduced to its phonetic
key (``names.fold_word``) and the keys are joined into one *key text*; tokens separated by
anything other than a space or a hyphen are kept apart by a ``|`` so that no name matches across
a comma or a full stop. Every gazetteer name, variant, surname, country name, abbreviation,
demonym and capital is keyed the same way and put into one Aho-Corasick automaton, so the text
is scanned once whatever the size of the gazetteer; a one-word Cyrillic country form is
indexed with its Russian case forms (``names.russian_forms``). Every key match is only a
candidate: it is mapped back to the original characters and accepted, and given a
``MatchMethod``, by the spelling rules of ``acceptance``. Overlapping candidates are resolved
longest first.

The rules that accept or drop a candidate by its context are in ``context``, the combining
forms of compound adjectives (``Sino-``) are linked in ``compounds``, and unknown people are
proposed by ``candidates``; their word lists are in ``data/linking.toml``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence

import ahocorasick
from rapidfuzz import fuzz

from articles.pipeline.acceptance import accept
from articles.pipeline.candidates import find_candidates
from articles.pipeline.compounds import join_compounds
from articles.pipeline.context import (
    apply_country_context,
    other_given_name,
)
from articles.pipeline.gazetteer import CountryEntry, PersonEntry
from articles.pipeline.lone_surnames import only_after_full_name, title_owner
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
    russian_forms,
    scripts,
    tokenize,
)
from articles.pipeline.namesakes import (
    feminine_of_male,
    given_names,
    initial_owner,
    initials_before,
    initials_owners,
    inside_compound_word,
    male_genitive,
    named_after,
    recent_owner,
    role_words,
    shared_word_owners,
    surname_first,
    surname_token,
    title_allows,
    titled_owner,
    without_other_people,
)

__all__ = ["COUNTRY", "PERSON", "Candidate", "Linker", "MatchMethod", "Mention", "is_abbreviation"]

_MIN_DISTINCTIVE_SURNAME = 4  # shorter surnames need the full name in the article


class Linker:
    """Links people and countries in texts; build once, call ``link`` for many texts."""

    def __init__(self, people: Iterable[PersonEntry], countries: Iterable[CountryEntry]):
        # pattern -> its forms; a dict used as an ordered set, so adding stays O(1).
        self._index: dict[str, dict[Form, None]] = defaultdict(dict)
        self._surname_owners: dict[str, set[str]] = defaultdict(set)
        self._latin_surname_owners: dict[str, set[str]] = defaultdict(set)
        self._roles: dict[str, frozenset[str]] = {}
        self._given: dict[str, frozenset[str]] = {}
        self._family_first: set[str] = set()  # their family names are shared by millions
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
        self._roles[person.slug] = role_words(person.role, *(r.title for r in person.roles))
        self._given[person.slug] = given_names([person.name, *person.variants], person.country)
        if surname_first(person.country):
            self._family_first.add(person.slug)
        full_name = len(tokenize(person.name)) > 1
        for spelling, role in [(person.name, Role.NAME)] + [
            (variant, Role.VARIANT) for variant in person.variants
        ]:
            tokens = tokenize(spelling)
            if full_name and len(tokens) == 1 and scripts(spelling) == {"LATIN"}:
                # A one-word Latin variant ("Raïssi", "Aliev") is a surname: it follows the
                # surname rules, so "Mario Rossi" or "Heydar Aliyev" never links to Raisi or
                # Ilham Aliyev. (In Russian text a capitalised word before a surname is often
                # no given name, "Президент Ирана Раиси", so Cyrillic ones stay full variants.)
                self._add_surname(person.slug, spelling, tokens[0].key)
                continue
            self._add(PERSON, person.slug, spelling, role)
            # A Chinese name's last character is no surname (the surname comes first).
            if len(tokens) > 1 and not has_han(spelling):
                family = surname_token(tokens, person.country)
                if family is not None:
                    surname = spelling[family.start : family.end]
                    self._add_surname(person.slug, surname, family.key)

    def _add_surname(self, slug: str, surname: str, key: str) -> None:
        if self._add(PERSON, slug, surname, Role.SURNAME):
            self._surname_owners[key].add(slug)
            # A Latin surname matches only Latin surnames (acceptance): its owners are those.
            if scripts(surname) == {"LATIN"}:
                self._latin_surname_owners[key].add(slug)

    def _add_country(self, country: CountryEntry) -> None:
        self._add_declined(country.code, country.name, Role.COUNTRY_NAME)
        for name in country.names:
            if is_abbreviation(name):
                self._add(COUNTRY, country.code, name, Role.ABBREVIATION)
            else:
                self._add_declined(country.code, name, Role.COUNTRY_ALT)
        for demonym in country.demonyms:
            self._add_declined(country.code, demonym, Role.DEMONYM)
        for capital in country.capitals:
            # "the Kremlin": an institution, always the state; the article is optional in text.
            if capital.casefold().startswith("the "):
                self._add_declined(country.code, capital[4:].strip(), Role.INSTITUTION)
            else:
                self._add_declined(country.code, capital, Role.CAPITAL)

    def _add_declined(self, code: str, spelling: str, role: Role) -> None:
        """A country form and, for a one-word Cyrillic form, its Russian case forms."""
        self._add(COUNTRY, code, spelling, role)
        for form in russian_forms(spelling):
            self._add(COUNTRY, code, form, role, base=normalise(spelling))

    def _add(self, kind: str, key: str, spelling: str, role: Role, base: str = "") -> bool:
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
            base=base,
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
            and (hit := accept(form, text, tokens, first, last)) is not None
        ]
        resolved = _resolve(hits, text)
        known = {i for hit in resolved for i in range(hit.first, hit.last + 1)}
        kept = join_compounds(apply_country_context(resolved, tokens, known), tokens)
        kept = without_other_people(kept, tokens, known)
        kept = shared_word_owners(kept, hits, tokens)
        kept = [
            fitted
            for hit in kept
            if (
                fitted := initial_owner(
                    hit, tokens, self._surname_owners.get(tokens[hit.first].key, set()), self._given
                )
            )
            is not None
        ]
        # A country name that the context rules dropped ("Jordan" of "Jordan Mitchell") is free
        # to be another given name before a surname; a capital dropped as a place is not.
        linked = {i for hit in kept for i in range(hit.first, hit.last + 1)}
        free = {
            i
            for hit in resolved
            if hit.form.role is not Role.CAPITAL
            for i in range(hit.first, hit.last + 1)
            if i not in linked
        }
        surnames = self._link_surnames(text, tokens, matches, kept, known - free)
        mentions = [_mention(hit, text) for hit in [*kept, *surnames]]
        return sorted(mentions, key=lambda m: m.start)

    def occurs_in(self, text: str) -> bool:
        """Whether any name this linker knows occurs in ``text`` as whole tokens. Every
        decision about a person starts from such an occurrence, so a text where none of a
        linker's people occurs is linked the same with and without them."""
        tokens = tokenize(text)
        if not tokens or not self._index:
            return False
        return next(self._automaton.iter(_key_text(tokens)[0]), None) is not None

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
                hit = accept(form, text, tokens, first, last)
                if hit is not None:
                    by_span[first, last].append(hit)
        result = []
        # A surname written after another given name ("Sanjar Nazarov") belongs to someone
        # else: on its own later in the article ("Nazarov added") it is left open too.
        others: dict[str, int] = {}
        for first, last in sorted(by_span):
            if other_given_name(tokens, first, last, known):
                others.setdefault(tokens[first].key, first)
        recent: dict[str, tuple[int, str]] = {}  # surname key -> (start, slug) last resolved
        for (first, last), hits in sorted(by_span.items()):
            if other_given_name(tokens, first, last, known) or inside_compound_word(tokens, first):
                continue
            if any(feminine_of_male(h, tokens) or male_genitive(h, hits, tokens) for h in hits):
                continue
            if first > others.get(tokens[first].key, len(tokens)):
                continue
            slugs = {hit.form.key for hit in hits}
            initial = initials_before(tokens, first)
            if initial is not None:
                slugs = initials_owners(slugs, initial, self._given)
                if not slugs:  # "F. Aliyev": someone else of that surname, nor a later one
                    others.setdefault(tokens[first].key, first)
                    continue
                hits = [hit for hit in hits if hit.form.key in slugs]
            named = {h.form.key for h in full_names}
            allowed = title_allows(slugs, tokens, first, named, self._roles)
            if not allowed:  # "Information Minister Umarov", "King Abdullah": nor a later one
                key = tokens[first].key
                others[key] = min(first, others.get(key, first))
            if not allowed or named_after(tokens, first, last):
                continue
            unnamed = not any(h.form.key in slugs for h in full_names)
            if unnamed and (
                slugs <= self._family_first or only_after_full_name(tokens, first, last, full_names)
            ):
                continue  # "Park", "Wang", "the West", "to East and West": after the full name
            slug = (
                (next(iter(slugs)) if initial is not None and len(slugs) == 1 else None)
                or titled_owner(slugs, full_names, tokens, first, self._roles)
                or recent_owner(slugs, full_names, hits[0].start, recent.get(tokens[first].key))
                or self._surname_target(hits, full_names, tokens[first].key, text)
            )
            slug = title_owner(slug, slugs, tokens, first, self._roles)
            if slug is not None and slug in allowed:
                result.append(next(hit for hit in hits if hit.form.key == slug))
                recent[tokens[first].key] = (hits[0].start, slug)
        return result

    def _surname_target(
        self, hits: Sequence[Hit], full_names: Sequence[Hit], surname_key: str, text: str
    ) -> str | None:
        """The person a lone surname refers to, or None when the article leaves it open."""
        slugs = {hit.form.key for hit in hits}
        named = [hit for hit in full_names if hit.form.key in slugs]
        if named:
            position = hits[0].start
            before = [hit for hit in named if hit.start < position]
            return (before[-1] if before else named[0]).form.key
        if len(slugs) > 1:
            # Russian case endings make Мирзиёевым key like Мирзиёев and Мирзиёева: a spelling
            # strictly closest to the text decides; equal spellings leave it open.
            ranked = sorted(hits, key=lambda hit: -_closeness(hit, text))
            best = [hit for hit in ranked if _closeness(hit, text) == _closeness(ranked[0], text)]
            if len({hit.form.key for hit in best}) > 1:
                return None
            slugs = owners = {best[0].form.key}
        else:
            latin = scripts(text[hits[0].start : hits[0].end]) == {"LATIN"}
            by_key = self._latin_surname_owners if latin else self._surname_owners
            owners = by_key.get(surname_key, set())
        letters = sum(char.isalpha() for char in hits[0].form.surface)
        if len(slugs) == 1 and owners == slugs and letters >= _MIN_DISTINCTIVE_SURNAME:
            return next(iter(slugs))
        return None

    # -- candidates ----------------------------------------------------------------------------

    def candidates(self, text: str, mentions: list[Mention]) -> list[Candidate]:
        """Unknown people named like "said X Y, a political analyst" or "X Y, director of"."""
        return find_candidates(text, mentions, self._surname_owners)


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
