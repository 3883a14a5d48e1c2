"""Candidate people: names the text introduces like a person, whom the gazetteer lacks.

Rules: a run of capitalised words holding an organisation, building, event, prize or region
word ("Trend News Agency", "Mao Memorial Hall", "Central Asia") or opening with an article of
another language ("Le Monde"), a run that is one hyphenated word ("Samruk-Kazyna"), one that
goes on after a linked country word ("Uzbekiston Temir Yollari"), one after a particle of a
longer name ("Tamim bin Hamad Al Thani") and one before a lower-case role noun ("Carnegie
Endowment fellow") are no person, and a role noun opening a sentence
is no first name ("Политолог X Y"); a role word or title just before the name ("Kazakh
Deputy Foreign Minister Roman Vassilenko", "analyst X Y"), a reporting verb just before or
after it ("said X Y", "X Y said"), or an apposition that opens like a job description ("X Y,
a political analyst at ...") makes a candidate. Their word lists are in
``data/linking.toml``.
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterable, Sequence

from articles.pipeline.context import (
    ARTICLES,
    ROLE_NOUNS,
    TITLES,
    lower_at,
    name_like,
    spaced,
)
from articles.pipeline.mentions import PERSON, Candidate, Mention
from articles.pipeline.names import HYPHENS, Token, cyrillic_stem, normalise, scripts, tokenize
from articles.pipeline.text import Sentences
from articles.pipeline.wordlists import words

_APPOSITION_OPENERS = words("linking", "apposition_openers")
_REPORTING_VERBS = words("linking", "reporting_verbs")
_CREDITS = words("linking", "credits")
_AGENT_PARTICIPLES = words("linking", "agent_participles")
_CANDIDATE_WINDOW = 8  # tokens after "Name Surname," searched for a role noun
_CANDIDATE_MAX_WORDS = 3
_ROLE_MAX_WORDS = 5  # words of a role before a name ("Kazakh Deputy Foreign Minister")
_ROLE_MODIFIERS = words("linking", "role_modifiers")
_OF_WORDS = frozenset({"of", "de", "du", "von", "des", "del"})
_KINSHIP_NOUNS = words("linking", "kinship_nouns")
_NOT_NAME_SYLLABLES = words("linking", "not_name_syllables")
_COORDINATORS = words("linking", "coordinators")
_SOURCE_PHRASES = frozenset(
    tuple(phrase.split("_")) for phrase in words("linking", "source_phrases")
)
_MAX_SYLLABLE_LETTERS = 5  # "Keon-hee", "Tae-hyo", "Jae-myung": a lower-case part of a name
_ROLE_BEFORE_COMMA = 5  # tokens before ", X Y," searched for a role noun
_ORGANISATION_WORDS = words("linking", "organisation_words")
_NAME_PARTICLES = words("linking", "name_particles")
_OBLIQUE_ENDINGS = ("а", "у", "ым", "ом", "е", "ой")  # a Russian surname's other cases
_NAME_OPENERS = (
    words("linking", "name_articles")
    | words("linking", "place_name_prefixes")
    | words("linking", "saint_prefixes")
)


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
    """Runs of two or three name-like, joined, capitalised words that no mention covers.

    A role noun opening a sentence ("Политолог Асель Жумабекова") is the role, not the name's
    first word.
    """
    index = 0
    while index < len(tokens):
        end = index
        while (
            end < len(tokens)
            and end not in covered
            and name_like(tokens[end])
            and (end == index or tokens[end].joined)
            and not (end == index and lower_at(tokens, end) in ROLE_NOUNS)
        ):
            end += 1
            while end < len(tokens) and end not in covered and _name_syllable(tokens, end):
                end += 1  # "Kim Keon-hee": a hyphenated lower-case syllable of the name
        if (
            index < end < len(tokens)
            and end not in covered
            and tokens[end].joined
            and tokens[end].possessive
            and name_like(_not_possessive(tokens[end]))
        ):
            end += 1  # "President Emmanuel Macron's visit": the name ends with the 's
        words_in_run = sum(1 for at in range(index, end) if tokens[at].capitalised)
        if 2 <= words_in_run <= _CANDIDATE_MAX_WORDS and words_in_run == end - index - _syllables(
            tokens, index, end
        ):
            yield index, end - 1
        index = max(end, index + 1)


def _name_syllable(tokens: Sequence[Token], index: int) -> bool:
    """A short lower-case word hyphenated to a capitalised one: "hee" in "Keon-hee"."""
    token = tokens[index]
    return (
        token.gap_before in HYPHENS
        and len(token.gap_before) == 1
        and token.text.isalpha()
        and token.text.islower()
        and len(token.text) <= _MAX_SYLLABLE_LETTERS
        and token.text not in _NOT_NAME_SYLLABLES
        and tokens[index - 1].capitalised
    )


def _syllables(tokens: Sequence[Token], index: int, end: int) -> int:
    return sum(1 for at in range(index + 1, end) if _name_syllable(tokens, at))


def listed_with_person(tokens: Sequence[Token], first: int, last: int, people: set[int]) -> bool:
    """Is the name in a list with a linked person ("Ding Xuexiang, Wang Yi and He Lifeng")?

    A comma joins the two only in a list that an "and" closes: "Radio Azattyq, Temur Umarov, a
    fellow" is no list of people.
    """
    after = last + 1
    if after in people and tokens[after].gap_before.strip() == ",":
        end = after
        while end + 1 in people and tokens[end + 1].joined:
            end += 1
        return lower_at(tokens, end + 1) in _COORDINATORS and spaced(tokens, end + 1)
    if lower_at(tokens, after) in _COORDINATORS and spaced(tokens, after) and after + 1 in people:
        return spaced(tokens, after + 1)
    before = first - 1
    if before in people and tokens[first].gap_before.strip() == ",":
        return lower_at(tokens, after) in _COORDINATORS and spaced(tokens, after)
    return (
        lower_at(tokens, before) in _COORDINATORS
        and spaced(tokens, first)
        and spaced(tokens, before)
        and before - 1 in people
    )


def _not_possessive(token: Token) -> Token:
    return token._replace(possessive=False)


def introduced_as_person(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the name introduced like a quoted person: "said X Y", "analyst X Y", "X Y, a ..."?"""
    return candidate_role(tokens, first, last) is not None


def find_candidates(
    text: str, mentions: Sequence[Mention], surnames: Container[str] = frozenset()
) -> list[Candidate]:
    """Unknown people named like "said X Y, a political analyst" or "X Y, director of".

    ``surnames`` are the keys of the surnames the linker knows (see ``_noun_and_surname``).
    """
    tokens = tokenize(text)
    covered = covered_tokens(tokens, mentions)
    people = covered_tokens(tokens, [m for m in mentions if m.kind == PERSON])
    seen: set[str] = set()
    result = []
    sentences = Sentences(text)
    for first, last in name_runs(tokens, covered):
        if (
            organisation_name(tokens, first, last)
            or _one_compound(tokens, first, last)
            or _after_particle(tokens, first)
            or _before_role_noun(tokens, last)
            or _noun_and_surname(tokens, first, last, surnames)
        ):
            continue
        role = candidate_role(tokens, first, last, covered)
        if role is None and listed_with_person(tokens, first, last, people):
            role = ""  # "Ding Xuexiang, Wang Yi and He Lifeng": listed with a person
        if role is None:
            continue
        name = text[tokens[first].start : tokens[last].end]
        if normalise(name) in seen:
            continue
        seen.add(normalise(name))
        start, end = tokens[first].start, tokens[last].end
        result.append(Candidate(name, sentences.sentence(start, end), start, end, role))
    return result


def _noun_and_surname(
    tokens: Sequence[Token], first: int, last: int, surnames: Container[str]
) -> bool:
    """Is a Russian run a noun opening the sentence and a known surname in another case
    ("Переговоры Токаева и Мирзиёева")? A given name agrees with its surname in case, so it
    ends as the surname does ("Гейдара Алиева", "Дарига Назарбаева").
    """
    word, surname = tokens[first].text.casefold(), tokens[last].text.casefold()
    return (
        last == first + 1
        and tokens[first].sentence_initial
        and scripts(tokens[last].text) == {"CYRILLIC"}
        and tokens[last].key in surnames
        and surname.endswith(_OBLIQUE_ENDINGS)
        and word[-1:] != surname[-1:]
    )


def _before_role_noun(tokens: Sequence[Token], last: int) -> bool:
    """Does a lower-case role noun follow the run ("Carnegie Endowment fellow X Y")? The run
    names the employer; the person comes after the role (not after a possessive: "President X
    Y's envoy")."""
    after = last + 1
    return (
        not tokens[last].possessive
        and spaced(tokens, after)
        and tokens[after].text.islower()
        and lower_at(tokens, after) in ROLE_NOUNS
    )


def _after_particle(tokens: Sequence[Token], first: int) -> bool:
    """Does the run end a longer name after a particle ("Tamim bin Hamad Al Thani")?"""
    return (
        spaced(tokens, first)
        and spaced(tokens, first - 1)
        and tokens[first - 1].text in _NAME_PARTICLES
        and tokens[first - 2].capitalised
    )


def _one_compound(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the run one hyphenated word ("Samruk-Kazyna")? A full name has two spaced words."""
    return all(not spaced(tokens, at) for at in range(first + 1, last + 1))


def organisation_name(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Does a run of capitalised words name an organisation ("Trend News Agency", "Radio
    Azattyq", "the Samarkand Declaration") or a newspaper or place that opens with an article
    of another language ("Le Monde", "Die Welt"), "New" or a saint ("New York", "Saint
    Petersburg") rather than a person?"""
    if lower_at(tokens, first) in _NAME_OPENERS:
        return True
    return any(lower_at(tokens, at) in _ORGANISATION_WORDS for at in range(first, last + 1))


def candidate_role(
    tokens: Sequence[Token], first: int, last: int, covered: set[int] | frozenset[int] = frozenset()
) -> str | None:
    """The role the text gives a name introduced like a person, "" when it gives none.

    ``None`` when the name is not introduced like a person. Rules: a role word or title just
    before it ("Kazakh Deputy Foreign Minister Roman Vassilenko", "analyst X Y"), a reporting
    verb just before or after it ("said X Y", "X Y said"), or an apposition that opens like a
    job description ("X Y, a political analyst at ..."). A country the linker found may
    stand between the role and the name ("President of Kyrgyzstan Sadyr Japarov", "президент
    Киргизии Садыр Жапаров"): ``covered`` are the indices of linked tokens. Without a role
    before it, a linked capitalised word right before the run makes the run the rest of a
    longer name ("Uzbekiston Temir Yollari said"), not a person.
    """
    place = first - 1
    if place in covered and spaced(tokens, first):
        role_at = place - 2 if lower_at(tokens, place - 1) in _OF_WORDS else place - 1
        # One word may stand between the role and the country: "представитель МИД Казахстана".
        for at in (role_at, role_at - 1):
            if at >= 0 and _is_role_head(lower_at(tokens, at)):
                return " ".join(token.text for token in tokens[at:first])
        if tokens[place].capitalised and not tokens[place].possessive:
            return None  # the run goes on a name that holds a country: "Uzbekiston Temir Yollari"
    if spaced(tokens, first):
        word = lower_at(tokens, first - 1)
        if _is_role_head(word):
            return _role_before(tokens, first)
        kin = _hyphenated_word_before(tokens, first)
        if kin in _KINSHIP_NOUNS:
            return kin  # "his son-in-law Timur Kulibayev", "my friend X Y"
        if word in _REPORTING_VERBS:
            return _apposition_role(tokens, last) or ""
        if _after_source_phrase(tokens, first):
            return _apposition_role(tokens, last) or ""
        if word == "by" and lower_at(tokens, first - 2) in _CREDITS | _AGENT_PARTICIPLES:
            return ""  # "(Reporting by X Y; Editing by Z W)", "a delegation led by X Y"
    after = last + 1
    if spaced(tokens, after) and lower_at(tokens, after) in _REPORTING_VERBS:
        return _apposition_role(tokens, last) or ""
    return _apposition_role(tokens, last) or _role_before_comma(tokens, first, last)


def _after_source_phrase(tokens: Sequence[Token], first: int) -> bool:
    """Does "according to", "selon" or "по словам" stand right before the name?"""
    for phrase in _SOURCE_PHRASES:
        size = len(phrase)
        at = first - size
        if at >= 0 and all(
            lower_at(tokens, at + i) == word and (i == 0 or spaced(tokens, at + i))
            for i, word in enumerate(phrase)
        ):
            return True
    return False


def _hyphenated_word_before(tokens: Sequence[Token], first: int) -> str:
    """The lower-case word before ``first`` with its hyphenated parts ("son-in-law")."""
    start = first - 1
    while start > 0 and tokens[start].gap_before in HYPHENS and len(tokens[start].gap_before) == 1:
        start -= 1
    return "-".join(lower_at(tokens, at) for at in range(start, first))


def _role_before_comma(tokens: Sequence[Token], first: int, last: int) -> str | None:
    """A name in apposition after its role: "China's ambassador to France, Lu Shaye, said"."""
    if tokens[first].gap_before.strip() != "," or tokens[first].sentence_initial:
        return None
    after = last + 1
    closes = after >= len(tokens) or tokens[after].gap_before.strip() in {",", ".", ";"}
    if not closes:
        return None
    for at in range(first - 1, max(first - 1 - _ROLE_BEFORE_COMMA, -1), -1):
        if at < first - 1 and "," in tokens[at + 1].gap_before:
            return None
        if _is_role_head(lower_at(tokens, at)) and lower_at(tokens, at) in ROLE_NOUNS:
            start = at
            while (
                start > 0
                and spaced(tokens, start)
                and (
                    lower_at(tokens, start - 1) in _ROLE_MODIFIERS
                    or lower_at(tokens, start - 1) in TITLES
                )
            ):
                start -= 1
            return " ".join(token.text for token in tokens[start:first])
        if tokens[at].sentence_initial:
            return None
    return None


def _is_role_head(word: str) -> bool:
    # "Minister", "analyst"; not a modifier alone ("Institute of Foreign Policy Studies").
    # A Russian role may be declined: "пресс-секретарь президента".
    word = cyrillic_stem(word)
    return word in ROLE_NOUNS or (word in TITLES and word not in _ROLE_MODIFIERS)


def _role_before(tokens: Sequence[Token], first: int) -> str:
    # Extend left over titles, role nouns and their modifiers ("Kazakh Deputy Foreign Minister").
    start = first - 1
    while (
        start - 1 >= 0
        and spaced(tokens, start)
        and first - start < _ROLE_MAX_WORDS
        and not tokens[start].sentence_initial
        and (
            lower_at(tokens, start - 1) in ROLE_NOUNS
            or lower_at(tokens, start - 1) in TITLES
            or lower_at(tokens, start - 1) in _ROLE_MODIFIERS
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
    # A possessive opens one too: "X Y, Azerbaijan's first vice-president, said".
    owner = tokens[after].possessive and tokens[after].capitalised
    if opening not in _APPOSITION_OPENERS and opening not in ROLE_NOUNS and not owner:
        return None
    for index in range(after, min(after + _CANDIDATE_WINDOW, len(tokens))):
        if index > after and (tokens[index].sentence_initial or "," in tokens[index].gap_before):
            return None
        if lower_at(tokens, index) in ROLE_NOUNS:
            start = after + 1 if lower_at(tokens, after) in ARTICLES | {"the"} else after
            return " ".join(token.text for token in tokens[start : index + 1])
    return None
