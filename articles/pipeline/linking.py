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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum

import ahocorasick
from rapidfuzz import fuzz

from articles.pipeline.gazetteer import CountryEntry, PersonEntry
from articles.pipeline.names import Token, normalise, tokenize
from articles.pipeline.text import Sentences


class MatchMethod(StrEnum):
    EXACT = "exact"
    VARIANT = "variant"
    NORMALIZED = "normalized"
    TRANSLITERATION = "transliteration"
    SURNAME = "surname"
    ABBREVIATION = "abbreviation"
    DEMONYM = "demonym"
    CAPITAL = "capital"


@dataclass(frozen=True)
class Mention:
    start: int  # offsets into the original text; text == original[start:end]
    end: int
    text: str
    kind: str  # "person" or "country"
    key: str  # person slug or country alpha-2 code
    method: MatchMethod


@dataclass(frozen=True)
class Candidate:
    """A person the text names who is not in the gazetteer, for an editor to review."""

    name: str
    context: str  # the sentence it occurs in
    start: int
    end: int


PERSON = "person"
COUNTRY = "country"


def _words(text: str) -> frozenset[str]:
    """A word list written as running text, so the long lists below stay readable."""
    return frozenset(text.split())


# Similarity (rapidfuzz ratio, 0-100) a folded-only match must still have with the gazetteer
# spelling. Folding is deliberately coarse; these floors stop a short capitalised word that folds
# alike ("Patton" ~ "Putin") from linking. Single words need more evidence than full names.
_MIN_SIMILARITY_NAME = 60.0
_MIN_SIMILARITY_WORD = 65.0
_MIN_SIMILARITY_COUNTRY = 85.0
_MIN_FOLDED_LETTERS = 4  # shorter words must match exactly (modulo case and accents)
_MIN_DISTINCTIVE_SURNAME = 4  # shorter surnames need the full name in the article

# Words that may stand before or after a surname without being a different given name.
TITLES = _words(
    """
    president vice prime minister foreign deputy secretary state under assistant ambassador envoy
    senator governor mayor general gen colonel col lieutenant captain commander chief head
    chairman chairwoman chair chancellor premier king queen prince princess sheikh emir sultan
    pope patriarch speaker spokesman spokeswoman spokesperson director adviser advisor analyst
    professor prof dr mr mrs ms miss sir lord lady dame leader defence defense affairs interior
    economy finance trade justice
    """
)

# Capitalised words that open sentences and are not names.
COMMON_WORDS = _words(
    """
    a an the this that these those it its he she they we i you his her their our my your me us
    them who whom whose which what when where why how whether if then than there here so yet but
    and or nor not no yes also still even only just both all each every any some many most much
    several such other another more less few one two three first last next later earlier now
    today yesterday tomorrow tonight meanwhile however moreover furthermore nevertheless instead
    indeed thus therefore hence although though while whilst after before since until unless
    because as at by for from in into of on onto over under with within without about above
    across against along amid among around behind below beneath beside between beyond despite
    during except inside near off outside per through throughout toward towards upon via like
    unlike according asked speaking meeting answering do does did is are was were be been has
    have had will would can could may might must should shall
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
)

_ADVERBS = _words(
    "still also now already not never long too then once again even just always often thus "
    "so further soon later earlier today yesterday"
)

# Verbs (and auxiliaries) that make a preceding capital the actor: "Moscow said".
_VERBS = _words(
    """
    is was has had have will would can could may might must should shall does did
    said says say told tells announced announces considers considered sees saw views viewed
    regards regarded treats treated wants wanted insists insisted argues argued believes believed
    claims claimed accuses accused denies denied rejects rejected responded responds reacted
    reacts warned warns demands demanded hopes hoped fears feared cares cared aspires aspired
    exploited exploits ignored ignores provides provided offers offered urged urges refused
    refuses condemned condemns criticized criticised criticizes criticises welcomed welcomes
    sought seeks threatened threatens uses used tries tried continues continued pressured
    pressures recognizes recognized recognises recognised expects expected knows knew
    understands understood needs needed plans planned intends intended supports supported backs
    backed opposes opposed sanctioned imposed imposes launched launches invaded invades agreed
    agrees signed signs pledged pledges promised promises approved approves allowed allows
    blocked blocks vowed vows sent sends asked asks called calls decided decides declared
    declares retaliated remains remained became becomes seems seemed appears appeared began
    begins started starts stands stood plays played dominates dominated controls controlled
    wields insisted maintains maintained
    """
)

# "<head> to/from/on/towards Moscow": the capital is the state the relation is with.
_RELATION_PREPOSITIONS = frozenset({"to", "from", "on", "toward", "towards"})
_RELATIONAL_HEADS = _words(
    """
    loyal tied close closer closest ties allied subordinate hostile friendly beholden answerable
    dependence dependent reliance reliant pressure demands orders threats independence sanctions
    support aid attitude policy stance distanced distance
    """
)
_RELATION_WORDS = frozenset({"with", "against", "between", "by"})
_COORDINATORS = frozenset({"and", "or"})
_APPOSITIVE_HEADS = _words(
    "partner partners ally allies rival rivals neighbour neighbor adversary backer patron"
)
_ARTICLES = frozenset({"a", "an"})
_ALWAYS_METONYMIC_CITIES = frozenset({"washington"})
# Country names that are also given names or surnames.
_NAME_LIKE_COUNTRIES = frozenset({"chad", "jordan", "georgia", "israel", "india", "kenya"})

# Candidate people: role nouns after "Name Surname," and before "analyst Name Surname".
_ROLE_NOUNS = _words(
    """
    analyst analysts expert experts fellow director professor researcher specialist scientist
    economist journalist commentator spokesman spokeswoman spokesperson adviser advisor
    lecturer head chairman chairwoman founder editor correspondent official diplomat member
    scholar historian lawyer activist politician deputy ambassador
    """
)
_APPOSITION_OPENERS = frozenset({"a", "an", "the", "former", "senior", "chief", "deputy", "lead"})
_REPORTING_VERBS = frozenset({"said", "says", "told", "wrote", "writes", "added", "explained"})
_CANDIDATE_WINDOW = 8  # tokens after "Name Surname," searched for a role noun
_CANDIDATE_MAX_WORDS = 3


class _Role(Enum):
    NAME = "name"
    VARIANT = "variant"
    SURNAME = "surname"
    COUNTRY_NAME = "country name"
    COUNTRY_ALT = "other country name"
    ABBREVIATION = "abbreviation"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class _Form:
    """One indexed spelling of an entity, as the gazetteer gives it."""

    kind: str
    key: str
    surface: str
    role: _Role
    normal: str
    capitalised: tuple[bool, ...]  # per token: must the text's token be capitalised?


@dataclass(frozen=True)
class _Hit:
    """A form accepted at tokens ``first``..``last`` (inclusive)."""

    first: int
    last: int
    form: _Form
    method: MatchMethod
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


# Among overlapping hits of equal length, the more certain method wins.
_METHOD_RANK = {
    method: rank
    for rank, method in enumerate(
        (
            MatchMethod.EXACT,
            MatchMethod.VARIANT,
            MatchMethod.NORMALIZED,
            MatchMethod.ABBREVIATION,
            MatchMethod.DEMONYM,
            MatchMethod.CAPITAL,
            MatchMethod.TRANSLITERATION,
            MatchMethod.SURNAME,
        )
    )
}


class Linker:
    """Links people and countries in texts; build once, call ``link`` for many texts."""

    def __init__(self, people: Iterable[PersonEntry], countries: Iterable[CountryEntry]):
        # pattern -> its forms; a dict used as an ordered set, so adding stays O(1).
        self._index: dict[str, dict[_Form, None]] = defaultdict(dict)
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
        for spelling, role in [(person.name, _Role.NAME)] + [
            (variant, _Role.VARIANT) for variant in person.variants
        ]:
            self._add(PERSON, person.slug, spelling, role)
            tokens = tokenize(spelling)
            if len(tokens) > 1:
                surname = spelling[tokens[-1].start : tokens[-1].end]
                if self._add(PERSON, person.slug, surname, _Role.SURNAME):
                    self._surname_owners[tokens[-1].key].add(person.slug)

    def _add_country(self, country: CountryEntry) -> None:
        self._add(COUNTRY, country.code, country.name, _Role.COUNTRY_NAME)
        for name in country.names:
            role = _Role.ABBREVIATION if is_abbreviation(name) else _Role.COUNTRY_ALT
            self._add(COUNTRY, country.code, name, role)
        for demonym in country.demonyms:
            self._add(COUNTRY, country.code, demonym, _Role.DEMONYM)
        for capital in country.capitals:
            # "the Kremlin": an institution, always the state; the article is optional in text.
            if capital.casefold().startswith("the "):
                self._add(COUNTRY, country.code, capital[4:].strip(), _Role.INSTITUTION)
            else:
                self._add(COUNTRY, country.code, capital, _Role.CAPITAL)

    def _add(self, kind: str, key: str, spelling: str, role: _Role) -> bool:
        tokens = tokenize(spelling)
        if not tokens or not all(token.key for token in tokens):
            return False  # nothing indexable (e.g. a script the folding does not cover)
        form = _Form(
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
            if form.role is not _Role.SURNAME
            and (hit := _accept(form, text, tokens, first, last)) is not None
        ]
        resolved = _resolve(hits)
        known = {i for hit in resolved for i in range(hit.first, hit.last + 1)}
        kept = _apply_country_context(resolved, tokens, known)
        surnames = self._link_surnames(text, tokens, matches, kept, known)
        mentions = [_mention(hit, text) for hit in [*kept, *surnames]]
        return sorted(mentions, key=lambda m: m.start)

    def _scan(self, tokens: Sequence[Token]) -> list[tuple[int, int, _Form]]:
        """Every (first token, last token, form) whose key occurs in the key text."""
        key_text, token_at = _key_text(tokens)
        matches = []
        for end, (length, size, forms) in self._automaton.iter(key_text):
            first = token_at[end - length + 1]
            matches.extend((first, first + size - 1, form) for form in forms)
        return matches

    def _link_surnames(
        self,
        text: str,
        tokens: Sequence[Token],
        matches: Sequence[tuple[int, int, _Form]],
        linked: Sequence[_Hit],
        known: set[int],
    ) -> list[_Hit]:
        full_names = [hit for hit in linked if hit.form.kind == PERSON]
        occupied = {i for hit in linked for i in range(hit.first, hit.last + 1)}
        by_span: dict[tuple[int, int], list[_Hit]] = defaultdict(list)
        for first, last, form in matches:
            if form.role is _Role.SURNAME and not occupied.intersection(range(first, last + 1)):
                hit = _accept(form, text, tokens, first, last)
                if hit is not None:
                    by_span[first, last].append(hit)
        result = []
        for (first, last), hits in sorted(by_span.items()):
            if _other_given_name(tokens, first, last, known):
                continue
            slug = self._surname_target(hits, full_names, tokens[first].key)
            if slug is not None:
                result.append(next(hit for hit in hits if hit.form.key == slug))
        return result

    def _surname_target(
        self, hits: Sequence[_Hit], full_names: Sequence[_Hit], surname_key: str
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
        covered = _covered_tokens(tokens, mentions)
        seen: set[str] = set()
        result = []
        sentences = Sentences(text)
        for first, last in _name_runs(tokens, covered):
            if not _introduced_as_person(tokens, first, last):
                continue
            name = text[tokens[first].start : tokens[last].end]
            if normalise(name) in seen:
                continue
            seen.add(normalise(name))
            start, end = tokens[first].start, tokens[last].end
            result.append(Candidate(name, sentences.sentence(start, end), start, end))
        return result


# -- module helpers ------------------------------------------------------------------------------


def is_abbreviation(name: str) -> bool:
    """US, U.S., USA, PRC: short all-capital names, matched case-sensitively."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _key_text(tokens: Sequence[Token]) -> tuple[str, dict[int, int]]:
    """Join token keys: " k1 k2 | k3 ", and map each key's leading space to its token index.

    Every key is wrapped in spaces, so a pattern built the same way can only match whole tokens;
    "|" stands for any separator other than a space or a hyphen.
    """
    parts = [" "]
    length = 1
    token_at: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if index and not token.joined:
            parts.append("| ")
            length += 2
        token_at[length - 1] = index
        parts.append(token.key + " ")
        length += len(token.key) + 1
    return "".join(parts), token_at


def _accept(form: _Form, text: str, tokens: Sequence[Token], first: int, last: int) -> _Hit | None:
    """Decide whether the folded match of ``form`` at ``first..last`` stands, and how."""
    start, end = tokens[first].start, tokens[last].end
    surface = text[start:end]
    method = _method(form, surface, tokens[first : last + 1])
    return None if method is None else _Hit(first, last, form, method, start, end)


def _method(form: _Form, surface: str, span: Sequence[Token]) -> MatchMethod | None:
    exact = surface == form.surface
    if form.role is _Role.ABBREVIATION:
        return MatchMethod.ABBREVIATION if exact else None
    same = normalise(surface) == form.normal
    cased = len(span) == len(form.capitalised) and all(
        token.capitalised or not needed
        for token, needed in zip(span, form.capitalised, strict=True)
    )
    if form.role in (_Role.NAME, _Role.VARIANT):
        if exact:
            return MatchMethod.EXACT if form.role is _Role.NAME else MatchMethod.VARIANT
        if same:
            return MatchMethod.NORMALIZED
        floor = _MIN_SIMILARITY_NAME if len(span) > 1 else _MIN_SIMILARITY_WORD
        return MatchMethod.TRANSLITERATION if cased and _similar(surface, form, floor) else None
    if not cased:
        return None
    if form.role is _Role.SURNAME:
        ok = same or _similar(surface, form, _MIN_SIMILARITY_WORD)
        return MatchMethod.SURNAME if ok else None
    if not (same or _similar(surface, form, _MIN_SIMILARITY_COUNTRY)):
        return None
    return _country_method(form, exact, same)


def _country_method(form: _Form, exact: bool, same: bool) -> MatchMethod:
    if form.role is _Role.DEMONYM:
        return MatchMethod.DEMONYM
    if form.role in (_Role.CAPITAL, _Role.INSTITUTION):
        return MatchMethod.CAPITAL
    if exact:
        return MatchMethod.EXACT if form.role is _Role.COUNTRY_NAME else MatchMethod.VARIANT
    return MatchMethod.NORMALIZED if same else MatchMethod.TRANSLITERATION


def _similar(surface: str, form: _Form, floor: float) -> bool:
    """Folded keys agree; is the spelling itself still close enough to count?"""
    normal = normalise(surface)
    if sum(char.isalpha() for char in normal) < _MIN_FOLDED_LETTERS:
        return False
    return fuzz.ratio(normal, form.normal) >= floor


def _resolve(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the longest hits that do not overlap; ties go to the surer method, then the earlier."""
    ranked = sorted(hits, key=lambda h: (-h.length, _METHOD_RANK[h.method], h.start))
    kept = []
    taken: set[int] = set()
    for hit in ranked:
        span = set(range(hit.first, hit.last + 1))
        if not taken & span:
            kept.append(hit)
            taken |= span
    return sorted(kept, key=lambda h: h.start)


def _mention(hit: _Hit, text: str) -> Mention:
    return Mention(
        start=hit.start,
        end=hit.end,
        text=text[hit.start : hit.end],
        kind=hit.form.kind,
        key=hit.form.key,
        method=hit.method,
    )


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


def _other_given_name(tokens: Sequence[Token], first: int, last: int, known: set[int]) -> bool:
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


def _apply_country_context(
    hits: Sequence[_Hit], tokens: Sequence[Token], known: set[int]
) -> list[_Hit]:
    """Drop capitals used as places and given-name-like countries next to other names."""
    capitals = [hit for hit in hits if hit.form.role is _Role.CAPITAL]
    linked = {hit for hit in capitals if _capital_stands_for_state(hit, tokens, known)}
    linked |= _coordinated(capitals, linked, tokens)
    kept = []
    for hit in hits:
        if hit.form.role is _Role.CAPITAL and hit not in linked:
            continue
        if _given_name_country(hit, tokens, known):
            continue
        kept.append(hit)
    return kept


def _given_name_country(hit: _Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    if hit.form.role is not _Role.COUNTRY_NAME or hit.form.normal not in _NAME_LIKE_COUNTRIES:
        return False
    return _other_given_name(tokens, hit.first, hit.last, known)


def _capital_stands_for_state(hit: _Hit, tokens: Sequence[Token], known: set[int]) -> bool:
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


def _coordinated(capitals: Sequence[_Hit], linked: set[_Hit], tokens: Sequence[Token]) -> set[_Hit]:
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


def _covered_tokens(tokens: Sequence[Token], mentions: Iterable[Mention]) -> set[int]:
    """Indices of the tokens that overlap any mention (both are sorted by offset)."""
    ends = [token.end for token in tokens]
    covered = set()
    for mention in mentions:
        index = bisect.bisect_right(ends, mention.start)
        while index < len(tokens) and tokens[index].start < mention.end:
            covered.add(index)
            index += 1
    return covered


def _name_runs(tokens: Sequence[Token], covered: set[int]) -> Iterable[tuple[int, int]]:
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
        if 2 <= end - index <= _CANDIDATE_MAX_WORDS:
            yield index, end - 1
        index = max(end, index + 1)


def _introduced_as_person(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the name introduced like a quoted person: "said X Y", "analyst X Y", "X Y, a ..."?"""
    if _spaced(tokens, first):
        word = _lower(tokens, first - 1)
        if word in _REPORTING_VERBS or word in _ROLE_NOUNS:
            return True
    after = last + 1
    if after >= len(tokens) or tokens[after].gap_before.strip() != ",":
        return False
    # The apposition must open like a job description ("a fellow", "director of"): anything
    # else after the comma starts another name, a list or a new clause ("Radio Azattyq, Temur
    # Umarov, a fellow"; "the Carnegie Endowment, agreed with analyst ...").
    opening = tokens[after].text
    if opening not in _APPOSITION_OPENERS and opening not in _ROLE_NOUNS:
        return False
    for index in range(after, min(after + _CANDIDATE_WINDOW, len(tokens))):
        if index > after and (tokens[index].sentence_initial or "," in tokens[index].gap_before):
            return False
        if _lower(tokens, index) in _ROLE_NOUNS:
            return True
    return False
