"""Compound adjectives of two countries: "German-Uzbek", "franco-ouzbek", "казахстанско-китайских".

The parts of such a compound are joined by a hyphen and each stands for a country: a demonym
or adjective the linker found (``German``, ``казахстанско`` keys like ``казахстанский``) or a
combining form that only occurs there (``Franco-``, ``Sino-``; ``combining_forms`` in
``data/linking.toml``). The compound is one mention, of the first part's country, spanning the
whole word, so that the text links as written; the other parts lose their own mention (an
article names one mention per start).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from articles.pipeline.mentions import COUNTRY, Hit, MatchMethod, Role
from articles.pipeline.names import HYPHENS, Token, normalise
from articles.pipeline.wordlists import words

COMBINING_FORMS = {
    normalise(part): code.upper()
    for part, _, code in (item.partition(":") for item in words("linking", "combining_forms"))
}


def _hyphenated(tokens: Sequence[Token], index: int) -> bool:
    """Is token ``index`` joined to the previous one by a hyphen (and nothing else)?"""
    if not 0 < index < len(tokens):
        return False
    gap = tokens[index].gap_before
    return len(gap) == 1 and gap in HYPHENS


def join_compounds(hits: Sequence[Hit], tokens: Sequence[Token]) -> list[Hit]:
    """``hits`` (sorted, not overlapping) with each country compound made one hit."""
    by_first = {hit.first: hit for hit in hits}
    result: list[Hit] = []
    ordered = sorted(hits, key=lambda hit: hit.first)
    used: set[int] = set()
    for hit in ordered:
        if id(hit) in used:
            continue
        head = hit
        first = hit.first
        prefix = _combining_prefix(tokens, hit)
        if prefix is not None:
            first = prefix
        parts = [hit]
        while _adjective(parts[-1]) and _hyphenated(tokens, parts[-1].last + 1):
            following = by_first.get(parts[-1].last + 1)
            if following is None or not _adjective(following):
                break
            parts.append(following)
        if not _adjective(head) or (len(parts) == 1 and prefix is None):
            result.append(hit)
            continue
        used.update(id(part) for part in parts)
        result.append(_compound(head, tokens, first, parts[-1].last, prefix is not None))
    return result


def _adjective(hit: Hit) -> bool:
    # "China-Kazakhstan relations" joins two names, each its own mention; only adjectives and
    # demonyms make one compound word.
    return hit.form.kind == COUNTRY and hit.form.role is Role.DEMONYM


def _combining_prefix(tokens: Sequence[Token], hit: Hit) -> int | None:
    """The token of a combining form ("Franco") hyphenated right before a country hit."""
    before = hit.first - 1
    if not _adjective(hit) or not _hyphenated(tokens, hit.first):
        return None
    return before if normalise(tokens[before].text) in COMBINING_FORMS else None


def _compound(head: Hit, tokens: Sequence[Token], first: int, last: int, prefixed: bool) -> Hit:
    form = head.form
    if prefixed:
        code = COMBINING_FORMS[normalise(tokens[first].text)]
        form = dataclasses.replace(form, key=code, role=Role.DEMONYM)
    return Hit(
        first=first,
        last=last,
        form=form,
        method=MatchMethod.DEMONYM if prefixed else head.method,
        start=tokens[first].start,
        end=tokens[last].end,
    )
