"""Lone surnames that are something else, and the title before a lone surname.

Rules (used by ``linking`` and ``namesakes``):

* A lone surname after a determiner and before punctuation or a function word ("the West
  and", "the West.") is a common noun unless the article names the person in full; before a
  noun it is the person's ("the Biden administration").
* A lone surname that is a compass word ("open to East and West") or the given name of another
  person the article names in full ("Emomali" after "Emomali Rahmon") links only once the
  article names its owner in full.
* The words of an office title before a lone surname ("President Berdimuhamedov", "Foreign
  Minister Wang") must be words of the owner's role: when the owner the article points to
  lacks them and exactly one other owner has them, the surname is that one's; when several
  have them it is left open.
* A full name followed on its line by one more name word ("Javier Morales Ibáñez") is the
  start of someone else's longer name, not the person of the shorter one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from articles.pipeline.context import COMMON_WORDS, TITLES, lower_at, name_like, spaced
from articles.pipeline.mentions import PERSON, Hit
from articles.pipeline.names import Token
from articles.pipeline.wordlists import words

_DETERMINERS = words("linking", "surname_determiners")
_COMPASS_WORDS = words("linking", "compass_words")
_COORDINATORS = words("linking", "coordinators")
_ORGANISATION_WORDS = words("linking", "organisation_words")
_OFFICE_TITLES = words("linking", "office_titles")
_MAX_TITLE_WORDS = 3  # "Deputy Prime Minister"
# The words of an office's title; not honorifics ("Mr President Japarov": "president").
_TITLE_WORDS = TITLES & (_OFFICE_TITLES | words("linking", "role_modifiers"))


def after_determiner(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Is the word a noun after "the", "a" or "an" ("the West and", "the West.")?

    Used attributively before a noun it is the person's: "the Biden administration".
    """
    if not spaced(tokens, first) or lower_at(tokens, first - 1) not in _DETERMINERS:
        return False
    after = last + 1
    return not spaced(tokens, after) or (
        tokens[after].text.islower() and lower_at(tokens, after) in COMMON_WORDS
    )


def only_after_full_name(
    tokens: Sequence[Token], first: int, last: int, full_names: Sequence[Hit]
) -> bool:
    """Does a lone surname link only once the article names its owner in full?

    So does a noun after a determiner ("the West."; ``after_determiner``), a compass word paired
    with another ("open to East and West" is not Thomas West) and the given name of another
    person the article names in full ("Emomali" after "Emomali Rahmon" is not Rustam Emomali).
    """
    word = tokens[first]
    if after_determiner(tokens, first, last) or _compass_pair(tokens, first):
        return True
    return any(hit.last > hit.first and tokens[hit.first].key == word.key for hit in full_names)


def title_owner(
    slug: str | None,
    slugs: set[str],
    tokens: Sequence[Token],
    first: int,
    roles: Mapping[str, frozenset[str]],
) -> str | None:
    """The owner of a lone surname that the office title before it points to.

    The title's words ("President", "Foreign Minister") must all be words of the owner's role:
    when the owner the article points to lacks them and exactly one other owner has them, the
    surname is that one's ("President Berdimuhamedov" after the father, the National Leader,
    is the son; "Foreign Minister Wang" after the spokesman Wang Wenbin is Wang Yi); when
    several have them it is left open. An owner whom the article leaves open is the one owner
    the title fits ("President Japarov").
    """
    title: set[str] = set()
    at = first - 1
    while at >= 0 and spaced(tokens, at + 1) and lower_at(tokens, at) in _TITLE_WORDS:
        title.add(lower_at(tokens, at))
        if len(title) == _MAX_TITLE_WORDS:
            break
        at -= 1
    if lower_at(tokens, first - 1) not in _OFFICE_TITLES or not spaced(tokens, first):
        return slug
    if slug is not None and title <= roles.get(slug, frozenset()):
        return slug
    fits = [owner for owner in sorted(slugs) if title <= roles.get(owner, frozenset())]
    if not fits:
        return slug
    return fits[0] if len(fits) == 1 else None


def _compass_pair(tokens: Sequence[Token], first: int) -> bool:
    """Is the word a compass word joined to another by "and" or "or" ("East and West")?"""
    if lower_at(tokens, first) not in _COMPASS_WORDS:
        return False
    return any(
        lower_at(tokens, link) in _COORDINATORS and lower_at(tokens, other) in _COMPASS_WORDS
        for link, other in ((first - 1, first - 2), (first + 1, first + 2))
    )


def opens_longer_name(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    """Is a full name followed by one more name word on the same line ("Javier Morales Ibáñez")?

    Not a word the linker found, an organisation's word ("the Heydar Aliyev Foundation"), a
    title or a common word ("Vladimir Putin Tuesday"), nor after a possessive.
    """
    after = hit.last + 1
    return (
        hit.form.kind == PERSON
        and hit.last > hit.first
        and spaced(tokens, after)
        and after not in known
        and not tokens[hit.last].possessive
        and not tokens[after].sentence_initial
        and name_like(tokens[after])
        and lower_at(tokens, after) not in _ORGANISATION_WORDS
    )
