"""The seed articles as the pipeline sees them, and the gold quote annotations, shared by the
pipeline tests (quotes, facts, clusters).

Speakers are resolved to people the way the loader does when it stores a quote
(``articles.services.linking``): through the article's own person mentions, then the speaker's
name linked on its own, then its surname among the people the article mentions.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from articles.pipeline.decoding import decode_document
from articles.pipeline.gazetteer import all_countries, load_gazetteer
from articles.pipeline.linking import Linker, Mention
from articles.pipeline.parsing import parse_document
from articles.pipeline.quotes import Quote, extract_quotes

ROOT = Path(__file__).resolve().parent.parent
GOLD_PATH = Path(__file__).resolve().parent / "gold" / "quotes.toml"


@cache
def seed_bodies() -> dict[str, str]:
    """Seed number ("000") → article body, through the real decoder and parser."""
    bodies = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        bodies[path.name[:3]] = parse_document(decode_document(path.read_bytes()).text).body
    return bodies


@cache
def seed_quotes() -> dict[str, list[Quote]]:
    return {seed: extract_quotes(body) for seed, body in seed_bodies().items()}


@cache
def gold() -> dict:
    return tomllib.loads(GOLD_PATH.read_text(encoding="utf-8"))


def find_quote(seed: str, prefix: str) -> tuple[int, Quote] | None:
    """The (index, quote) in the seed's extracted quotes whose text starts with prefix."""
    hits = [(i, q) for i, q in enumerate(seed_quotes()[seed]) if q.text.startswith(prefix)]
    assert len(hits) <= 1, f"gold prefix {prefix!r} is ambiguous in {seed}"
    return hits[0] if hits else None


@cache
def seed_linker() -> Linker:
    """A linker over the seed gazetteer, as ``load_seeds`` builds the database's."""
    data = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    return Linker(data.people, all_countries(data.countries))


@cache
def seed_mentions(seed: str) -> tuple[Mention, ...]:
    return tuple(seed_linker().link(seed_bodies()[seed]))


def speaker_key(seed: str, quote: Quote) -> str | None:
    """The slug of the person the app stores as the quote's speaker, or None."""
    from articles.services.derived import quote_speakers

    return quote_speakers([quote], seed_mentions(seed), seed_linker())[0]
