"""Candidate people: names the text introduces like a person, whom the gazetteer lacks.

Rules: a role word or title just before the name ("Kazakh Deputy Foreign Minister Roman
Vassilenko", "analyst X Y"), a reporting verb just before or after it ("said X Y", "X Y said"),
or an apposition that opens like a job description ("X Y, a political analyst at ..."). Their
word lists are in ``data/linking.toml``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from articles.pipeline.context import (
    ARTICLES,
    ROLE_NOUNS,
    TITLES,
    lower_at,
    name_like,
    spaced,
)
from articles.pipeline.mentions import Mention
from articles.pipeline.names import Token, cyrillic_stem
from articles.pipeline.wordlists import words

_APPOSITION_OPENERS = words("linking", "apposition_openers")
_REPORTING_VERBS = words("linking", "reporting_verbs")
_CREDITS = words("linking", "credits")
_CANDIDATE_WINDOW = 8  # tokens after "Name Surname," searched for a role noun
_CANDIDATE_MAX_WORDS = 3
_ROLE_MAX_WORDS = 5  # words of a role before a name ("Kazakh Deputy Foreign Minister")
_ROLE_MODIFIERS = words("linking", "role_modifiers")
_OF_WORDS = frozenset({"of", "de", "du", "von", "des", "del"})


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
            and name_like(tokens[end])
            and (end == index or tokens[end].joined)
        ):
            end += 1
        if (
            index < end < len(tokens)
            and end not in covered
            and tokens[end].joined
            and tokens[end].possessive
            and name_like(_not_possessive(tokens[end]))
        ):
            end += 1  # "President Emmanuel Macron's visit": the name ends with the 's
        if 2 <= end - index <= _CANDIDATE_MAX_WORDS:
            yield index, end - 1
        index = max(end, index + 1)


def _not_possessive(token: Token) -> Token:
    return token._replace(possessive=False)


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
    if place in covered and spaced(tokens, first):
        role_at = place - 2 if lower_at(tokens, place - 1) in _OF_WORDS else place - 1
        # One word may stand between the role and the country: "представитель МИД Казахстана".
        for at in (role_at, role_at - 1):
            if at >= 0 and _is_role_head(lower_at(tokens, at)):
                return " ".join(token.text for token in tokens[at:first])
    if spaced(tokens, first):
        word = lower_at(tokens, first - 1)
        if _is_role_head(word):
            return _role_before(tokens, first)
        if word in _REPORTING_VERBS:
            return _apposition_role(tokens, last) or ""
        if word == "by" and lower_at(tokens, first - 2) in _CREDITS:
            return ""  # "(Reporting by X Y; Editing by Z W)"
    after = last + 1
    if spaced(tokens, after) and lower_at(tokens, after) in _REPORTING_VERBS:
        return _apposition_role(tokens, last) or ""
    return _apposition_role(tokens, last)


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
    if opening not in _APPOSITION_OPENERS and opening not in ROLE_NOUNS:
        return None
    for index in range(after, min(after + _CANDIDATE_WINDOW, len(tokens))):
        if index > after and (tokens[index].sentence_initial or "," in tokens[index].gap_before):
            return None
        if lower_at(tokens, index) in ROLE_NOUNS:
            start = after + 1 if lower_at(tokens, after) in ARTICLES | {"the"} else after
            return " ".join(token.text for token in tokens[start : index + 1])
    return None
