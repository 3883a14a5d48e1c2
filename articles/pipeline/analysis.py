"""Everything the archive derives from one article's text, as plain data.

``article_analyse`` runs the linker, the quote finder (with each quote's speaker resolved
to a person's slug where the article or the linker names one), the fact finder and the
unknown-person candidates over an article's title, standfirst and body. It touches no
database, so a load can run it in worker processes and store the results in file order;
``services/linking.py`` writes what it returns.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .facts import Fact, extract_facts
from .linking import Linker
from .mentions import Candidate, Mention
from .quotes import Quote, extract_headline_quotes, extract_quotes

# Where a quote was found, in the order the archive stores them.
TITLE, STANDFIRST, BODY = "title", "standfirst", "body"
# The kinds of speaker a stored quote can have (the values of ``Quote.SpeakerKind``).
SPEAKER_PERSON, SPEAKER_INSTITUTION, SPEAKER_NONE = "person", "institution", ""


@dataclass(frozen=True)
class ArticleText:
    """What the analysis reads of an article: equal texts give equal analyses."""

    body: str
    title: str
    dek: str
    published: datetime.date | None
    year: int | None  # the year partial dates belong to (see ``services/derived.py``)


@dataclass(frozen=True)
class FoundQuote:
    """A quote as the archive stores it: where, what, and who said it."""

    part: str  # TITLE, STANDFIRST or BODY
    quote: Quote
    speaker_slug: str | None  # the linked person, when one is
    speaker_kind: str


@dataclass(frozen=True)
class Analysis:
    text: ArticleText
    mentions: tuple[Mention, ...]
    quotes: tuple[FoundQuote, ...]
    facts: tuple[Fact, ...]
    candidates: tuple[Candidate, ...]


def article_analyse(text: ArticleText, linker: Linker) -> Analysis:
    """Mentions, quotes, facts and candidates of one article, linked with ``linker``."""
    mentions = linker.link(text.body)
    return Analysis(
        text=text,
        mentions=tuple(mentions),
        quotes=tuple(article_quotes(text, mentions, linker)),
        facts=tuple(extract_facts(text.body, year=text.year, published=text.published)),
        candidates=tuple(linker.candidates(text.body, mentions)),
    )


def article_quotes(text: ArticleText, mentions: Sequence[Mention], linker: Linker):
    """The body's quotes, then the headline's and standfirst's, each with its speaker."""
    known = {m.text for m in mentions if m.kind == "person"}
    body_quotes = extract_quotes(text.body, text.title, sorted(known))
    parts = [(BODY, q) for q in body_quotes]
    # Headline and standfirst quotes take their speaker from the body quote with their words.
    for part, words in ((TITLE, text.title), (STANDFIRST, text.dek)):
        parts += [(part, q) for q in extract_headline_quotes(words or "", body_quotes, text.body)]
    slugs = quote_speakers([q for _, q in parts], mentions, linker)
    return [
        FoundQuote(part, quote, slug, SPEAKER_PERSON if slug else _speaker_kind(quote, linker))
        for (part, quote), slug in zip(parts, slugs, strict=True)
    ]


def quote_speakers(quotes: Sequence, mentions: Sequence, linker: Linker) -> list[str | None]:
    """The slug of the person each quote is stored as said by (None where nobody is linked)."""
    person_spans = [(m.start, m.end, m.key) for m in mentions if m.kind == "person"]
    # The last word of each linked person's slug; one that two people share ("zardari" of
    # Asif Ali Zardari and Bilawal Bhutto Zardari) names neither.
    by_surname: dict[str, str | None] = {}
    for slug in sorted({key for _, _, key in person_spans}):
        surname = slug.rsplit("-", 1)[-1]
        by_surname[surname] = None if surname in by_surname else slug
    return [_speaker_slug(quote, person_spans, by_surname, linker) for quote in quotes]


def _speaker_slug(
    quote, person_spans, by_surname: dict[str, str | None], linker: Linker
) -> str | None:
    """Resolve a quote's speaker through the article's own mentions, then its name alone."""
    if quote.speaker_start is not None and quote.speaker_end is not None:
        for start, end, key in person_spans:
            if start < quote.speaker_end and quote.speaker_start < end:
                return key
    if not quote.speaker:
        return None
    standalone = [m.key for m in linker.link(quote.speaker) if m.kind == "person"]
    if standalone:
        return standalone[0]
    words = quote.speaker.replace(".", " ").split()  # "С.Лавров": the surname after the initial
    if len(words) > 1:
        surname = [m.key for m in linker.link(words[-1]) if m.kind == "person"]
        if surname and surname[0] in by_surname.values():
            return surname[0]
    if not words:
        return None
    # "Bhutto Zardari": the one linked person whose slug ends with all the speaker's words.
    tail = slug_word(" ".join(words))
    ending = {key for _, _, key in person_spans if key == tail or key.endswith("-" + tail)}
    if len(ending) == 1:
        return ending.pop()
    owner = by_surname.get(slug_word(words[-1]))
    if owner and len(words) > 1 and not _given_name_fits(words[0], owner):
        return None  # "Nawaz Sharif" is not the article's Shehbaz Sharif
    return owner


def _given_name_fits(given: str, slug: str) -> bool:
    """Whether a speaker's first word may be the given name (or its initial) of ``slug``."""
    word = slug_word(given)
    parts = slug.split("-")[:-1]
    return not word or word in parts or (len(word) == 1 and word[0] == slug[0])


def _speaker_kind(quote, linker: Linker) -> str:
    """A speaker that is a country's name ("Казахстан заявил") is an institution speaking."""
    if not quote.speaker:
        return SPEAKER_NONE
    found = linker.link(quote.speaker)
    if any(m.kind == "country" and m.end - m.start == len(quote.speaker) for m in found):
        return SPEAKER_INSTITUTION
    return quote.speaker_kind or SPEAKER_PERSON


def slug_word(text: str) -> str:
    """``text`` as a slug fragment, as the archive's slugs are made (ASCII, lower case,
    hyphens), e.g. a surname to compare with the end of a person's slug."""
    value = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")
