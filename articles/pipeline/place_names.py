"""Country words inside the names of other things: seas, deltas, other places, past peoples,
currencies and organisations.

Used by ``context``; the word lists are in ``data/linking.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from articles.pipeline.mentions import Hit, Role
from articles.pipeline.names import HYPHENS, Token
from articles.pipeline.wordlists import words

_HISTORIC_WORDS = words("linking", "historic_words")
_GEOGRAPHIC_FEATURES = words("linking", "geographic_features")
_PLACE_NAME_PREFIXES = words("linking", "place_name_prefixes")
_STATE_LIKE_COUNTRIES = words("linking", "state_like_countries")
_CURRENCY_NOUNS = words("linking", "currency_nouns")
_ORGANISATION_HEADS = words("linking", "organisation_heads")
_ORGANISATION_TAILS = words("linking", "organisation_tails")
_STATE_NOUNS = words("linking", "state_nouns")
_SAINT_PREFIXES = words("linking", "saint_prefixes")
_OF = frozenset({"of", "de", "du", "des"})
_MAX_NAME_WORDS = 3  # capitalised words between a country word and an organisation's last word
_IDIOMS = frozenset(
    tuple(pair.split(":", 1)) for pair in words("linking", "country_idioms") if ":" in pair
)
_IDIOMS_AFTER = frozenset(
    tuple(pair.split(":", 1)) for pair in words("linking", "country_idioms_after") if ":" in pair
)
_ROUTE_PREFIXES = words("linking", "route_prefixes")
_COMPASS_WORDS = words("linking", "compass_words")
_TITLE_HEADS = words("linking", "title_heads")
_OPENING_QUOTES = tuple("«\"“„'‘")
_CLOSING_QUOTES = tuple("»\"”“'’")


def _lower_at(tokens: Sequence[Token], index: int) -> str:
    return tokens[index].text.casefold() if 0 <= index < len(tokens) else ""


def _spaced(tokens: Sequence[Token], index: int) -> bool:
    return 0 < index < len(tokens) and tokens[index].joined and not tokens[index].gap_before.strip()


def names_something_else(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    """A country word inside the name of something else.

    A people of the past ("the Ottoman Turks"), a geographic feature ("the Indian Ocean", "the
    Niger Delta"), another place's name ("New Mexico") or a US state after its city ("Atlanta,
    Georgia", "the state of Georgia"; not after a country or capital the linker found,
    "Armenia, Georgia"), a region named with a compass word ("East Kazakhstan"; not at a
    sentence's start, where "Western" may be an adjective), a route across it ("the
    trans-Afghan railway"), a state of the past ("Soviet Kazakhstan", but "post-Soviet
    Kazakhstan"), or an idiom ("Indian summer", "Guinea pig", "Russian dolls", "una montaña
    rusa").
    """
    role = hit.form.role
    before, after = hit.first - 1, hit.last + 1
    if inside_organisation_name(hit, tokens, known) or after_saint(tokens, hit.first):
        return True
    if (
        hit.form.normal in _STATE_LIKE_COUNTRIES
        and _spaced(tokens, after)
        and not tokens[hit.last].possessive
        and _lower_at(tokens, after) in _STATE_NOUNS
    ):
        return True  # "two Georgia congressmen"
    if (
        hit.first == hit.last
        and _spaced(tokens, after)
        and (_lower_at(tokens, hit.first), _lower_at(tokens, after)) in _IDIOMS
    ):
        return True  # "Indian summer", "Guinea pig"
    if (
        hit.first == hit.last
        and _spaced(tokens, hit.first)
        and (_lower_at(tokens, before), _lower_at(tokens, hit.first)) in _IDIOMS_AFTER
    ):
        return True  # "una montaña rusa", "la roulette russe"
    if (
        hit.first > 0
        and tokens[hit.first].gap_before in tuple(HYPHENS)
        and _lower_at(tokens, before) in _ROUTE_PREFIXES
    ):
        return True  # "the trans-Afghan railway", "Trans-Caspian"
    if (
        role in (Role.DEMONYM, Role.COUNTRY_NAME, Role.COUNTRY_ALT)
        and _spaced(tokens, hit.first)
        and tokens[before].capitalised
        and _lower_at(tokens, before) in _HISTORIC_WORDS
        and not (before > 0 and tokens[before].gap_before in tuple(HYPHENS))
    ):
        return True  # "the Ottoman Turks", "Soviet Kazakhstan"; "post-Soviet Kazakhstan" is today's
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
        and not tokens[before].sentence_initial
        and before not in known
        and _lower_at(tokens, before) in _COMPASS_WORDS
    ):
        return True  # "East Kazakhstan", a region
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


def inside_organisation_name(hit: Hit, tokens: Sequence[Token], known: set[int]) -> bool:
    """A country word naming a currency or inside an organisation's name or a title.

    "US dollars", "Kazakh tenge"; after a head noun and "of" ("Bank of China", "the Industrial
    and Commercial Bank of China", "университет Узбекистана"); before capitalised words that
    end a company's name ("China Southern Airlines", "Kazakhstan Temir Zholy"); opening the
    quoted title of a newspaper after its noun (газете «Казахстанская правда») or a quoted name
    of at most three words that a demonym opens (для «Казахстанской правды»).
    """
    after = hit.last + 1
    if (
        _spaced(tokens, after)
        and not tokens[hit.last].possessive
        and _lower_at(tokens, after) in _CURRENCY_NOUNS
    ):
        return True
    if (
        hit.first > 0
        and tokens[hit.first].gap_before.strip().endswith(_OPENING_QUOTES)
        and _lower_at(tokens, hit.first - 1) in _TITLE_HEADS
    ):
        return True  # газете «Казахстанская правда»
    if _opens_short_title(hit, tokens):
        return True  # для «Казахстанской правды»
    head = hit.first - 1
    if _spaced(tokens, hit.first) and _lower_at(tokens, head) in _OF:
        head -= 1
    if (
        _spaced(tokens, head + 1)
        and head not in known
        and _lower_at(tokens, head) in _ORGANISATION_HEADS
        and hit.form.role in (Role.COUNTRY_NAME, Role.COUNTRY_ALT, Role.ABBREVIATION)
    ):
        return True
    if tokens[hit.last].possessive:
        return False
    for index in range(after, min(after + _MAX_NAME_WORDS, len(tokens))):
        if not _spaced(tokens, index) or not tokens[index].capitalised or index in known:
            return False
        if _lower_at(tokens, index) in _ORGANISATION_TAILS:
            return True
        if tokens[index].possessive:
            return False
    return False


def _opens_short_title(hit: Hit, tokens: Sequence[Token]) -> bool:
    """A demonym right after an opening quote whose closing quote comes within three words: the
    quoted name of a newspaper or a company («Казахстанской правды», "Uzbek Railways")."""
    if hit.form.role is not Role.DEMONYM or hit.first == 0:
        return False
    if not tokens[hit.first].gap_before.strip().endswith(_OPENING_QUOTES):
        return False
    for index in range(hit.last + 1, min(hit.last + 1 + _MAX_NAME_WORDS, len(tokens))):
        gap = tokens[index].gap_before.strip()
        if gap.startswith(_CLOSING_QUOTES):
            return True
        if gap:
            return False
    return False


def after_saint(tokens: Sequence[Token], first: int) -> bool:
    """Is the word part of a saint's place name ("boulevard Saint-Germain")?"""
    gap = tokens[first].gap_before if first > 0 else ""
    return (
        first > 0
        and tokens[first].joined
        and (gap in HYPHENS or not gap.strip())
        and tokens[first - 1].capitalised
        and _lower_at(tokens, first - 1) in _SAINT_PREFIXES
    )
