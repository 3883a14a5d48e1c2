"""Country words inside the names of other things: seas, deltas, other places, past peoples.

Used by ``context``; the word lists are in ``data/linking.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from articles.pipeline.mentions import Hit, Role
from articles.pipeline.names import Token
from articles.pipeline.wordlists import words

_HISTORIC_WORDS = words("linking", "historic_words")
_GEOGRAPHIC_FEATURES = words("linking", "geographic_features")
_PLACE_NAME_PREFIXES = words("linking", "place_name_prefixes")
_STATE_LIKE_COUNTRIES = words("linking", "state_like_countries")
_IDIOMS = frozenset(
    tuple(pair.split(":", 1)) for pair in words("linking", "country_idioms") if ":" in pair
)


def _lower_at(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].text.casefold() if 0 <= index < len(tokens) else ""


def _spaced(tokens: Sequence[Token], index: int) -> bool:
    return 0 < index < len(tokens) and tokens[index].joined and not tokens[index].gap_before.strip()


def names_something_else(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    """A country word inside the name of something else.

    A people of the past ("the Ottoman Turks"), a geographic feature ("the Indian Ocean", "the
    Niger Delta"), another place's name ("New Mexico") or a US state after its city ("Atlanta,
    Georgia", "the state of Georgia"; not after a country or capital the linker found,
    "Armenia, Georgia"), or an idiom ("Indian summer", "Guinea pig").
    """
    role = hit.form.role
    before, after = hit.first - 1, hit.last + 1
    if (
        hit.first == hit.last
        and _spaced(tokens, after)
        and (_lower_at(tokens, hit.first), _lower_at(tokens, after)) in _IDIOMS
    ):
        return True  # "Indian summer", "Guinea pig"
    if (
        role is Role.DEMONYM
        and _spaced(tokens, hit.first)
        and tokens[before].capitalised
        and _lower_at(tokens, before) in _HISTORIC_WORDS
    ):
        return True
    if (
        role in (Role.DEMONYM, Role.COUNTRY_NAME, Role.COUNTRY_ALT)
        and _spaced(tokens, after)
        and _lower_at(tokens, after) in _GEOGRAPHIC_FEATURES
        and not tokens[hit.last].possessive
    ):
        return True
    if role not in (Role.COUNTRY_NAME, Role.COUNTRY_ALT):
        return False
    if (
        _spaced(tokens, hit.first)
        and tokens[before].capitalised
        and before not in known
        and _lower_at(tokens, before) in _PLACE_NAME_PREFIXES
    ):
        return True
    if (
        hit.form.normal in _STATE_LIKE_COUNTRIES
        and _lower_at(tokens, before) == "of"
        and _lower_at(tokens, before - 1) == "state"
    ):
        return True  # "the state of Georgia"
    return (
        hit.form.normal in _STATE_LIKE_COUNTRIES
        and tokens[hit.first].gap_before.strip() == ","
        and before >= 0
        and before not in known
        and tokens[before].capitalised
        and not tokens[before].sentence_initial
    )
