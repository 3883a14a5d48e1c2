"""Compound adjectives of two countries: "German-Uzbek", "franco-ouzbek", "казахстанско-китайских".

The parts of such a compound are joined by a hyphen and each stands for a country: a demonym
or adjective the linker found (``German``, ``казахстанско`` keys like ``казахстанский``) or a
combining form that only occurs there (``Franco-``, ``Sino-``; ``combining_forms`` in
``data/linking.toml``). Every part is a mention of its own country with its own offsets, so an
article stores one mention per part and the second country of a compound is linked too
(``German`` to Germany and ``Uzbek`` to Uzbekistan). A combining form becomes a mention only
before a hyphen and a demonym: "Franco's Spain" and "the Indo-Pacific" name no country.
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
    """``hits`` (sorted, not overlapping) with a mention for each combining form of a compound.

    The demonyms of a compound keep their own hits; a combining form hyphenated right before a
    demonym ("Sino-" in "Sino-Kazakh") gets one, of the country it stands for.
    """
    taken = {index for hit in hits for index in range(hit.first, hit.last + 1)}
    result: list[Hit] = []
    for hit in sorted(hits, key=lambda hit: hit.first):
        prefix = _combining_prefix(tokens, hit)
        if prefix is not None and prefix not in taken:
            result.append(_prefix_hit(hit, tokens, prefix))
        result.append(hit)
    return result


def _adjective(hit: Hit) -> bool:
    # "China-Kazakhstan relations" joins two names, each its own mention already; only before
    # an adjective or demonym does a combining form make a compound word.
    return hit.form.kind == COUNTRY and hit.form.role is Role.DEMONYM


def _combining_prefix(tokens: Sequence[Token], hit: Hit) -> int | None:
    """The token of a combining form ("Franco") hyphenated right before a country hit."""
    before = hit.first - 1
    if not _adjective(hit) or not _hyphenated(tokens, hit.first):
        return None
    return before if normalise(tokens[before].text) in COMBINING_FORMS else None


def _prefix_hit(head: Hit, tokens: Sequence[Token], index: int) -> Hit:
    code = COMBINING_FORMS[normalise(tokens[index].text)]
    form = dataclasses.replace(
        head.form,
        key=code,
        role=Role.DEMONYM,
        surface=tokens[index].text,
        normal=normalise(tokens[index].text),
        capitalised=(tokens[index].capitalised,),
        base="",
    )
    return Hit(
        first=index,
        last=index,
        form=form,
        method=MatchMethod.DEMONYM,
        start=tokens[index].start,
        end=tokens[index].end,
    )
