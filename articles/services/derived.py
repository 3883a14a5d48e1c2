"""Storing what the text pipeline derives from one article: quotes, facts, candidates.

Each function replaces the article's rows of its kind wholesale, so running it
again is always safe. Editorial data is never touched: a candidate's review
status stays the editor's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from articles.models import Article, Fact, Person, PersonCandidate, Quote, QuoteCluster
from articles.pipeline.facts import extract_facts
from articles.pipeline.linking import Linker
from articles.pipeline.names import fold
from articles.pipeline.quotes import extract_headline_quotes, extract_quotes

from .slugs import slug_word


def quotes_store(
    *,
    article: Article,
    mentions: Sequence,
    people: dict[str, int],
    linker: Linker,
    fresh: bool = False,
):
    """Replace the article's quotes, resolving each speaker to a person where possible.

    A new quote with the same text (or, failing that, the same position) as one it
    replaces keeps that quote's cluster until clusters are regrouped, so the regrouping
    knows which cluster each statement came from and can keep its key. The clusters the
    replaced quotes were in are marked stale: the next update regroups their members.
    ``fresh``: the article is new in this transaction and has no quotes to replace.
    """
    fields = ("text", "part", "start", "cluster_id")
    previous = [] if fresh else list(article.quotes.values_list(*fields))
    by_text = {text: cluster for text, _, _, cluster in previous if cluster}
    by_start = {(part, start): cluster for _, part, start, cluster in previous if cluster}
    if not fresh:
        article.quotes.all().delete()
        left = {cluster for _, _, _, cluster in previous if cluster}
        if left:
            QuoteCluster.objects.filter(pk__in=left).update(stale=True)
    body_quotes = extract_quotes(article.body, article.title)
    parts = [(Quote.Part.BODY, q) for q in body_quotes]
    # Headline and standfirst quotes take their speaker from the body quote with their words.
    for part, text in ((Quote.Part.TITLE, article.title), (Quote.Part.STANDFIRST, article.dek)):
        parts += [(part, q) for q in extract_headline_quotes(text or "", body_quotes)]
    quotes = [q for _, q in parts]
    rows = []
    for (part, quote), slug in zip(parts, quote_speakers(quotes, mentions, linker), strict=True):
        kind = Quote.SpeakerKind.PERSON if slug else _speaker_kind(quote, linker)
        rows.append(
            Quote(
                article=article,
                part=part,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                speaker_text=(quote.speaker or "")[:300],
                speaker_id=_person_id(slug, people),
                speaker_kind=kind,
                cluster_id=by_text.get(quote.text, by_start.get((part, quote.start))),
            )
        )
    Quote.objects.bulk_create(rows)


def quote_speakers(quotes: Sequence, mentions: Sequence, linker: Linker) -> list[str | None]:
    """The slug of the person each quote is stored as said by (None where nobody is linked)."""
    person_spans = [(m.start, m.end, m.key) for m in mentions if m.kind == "person"]
    by_surname = {slug.rsplit("-", 1)[-1]: slug for slug in {key for _, _, key in person_spans}}
    return [_speaker_slug(quote, person_spans, by_surname, linker) for quote in quotes]


def _speaker_slug(quote, person_spans, by_surname, linker: Linker) -> str | None:
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
    return by_surname.get(slug_word(words[-1])) if words else None


def _speaker_kind(quote, linker: Linker) -> str:
    """A speaker that is a country's name ("Казахстан заявил") is an institution speaking."""
    if not quote.speaker:
        return Quote.SpeakerKind.NONE
    found = linker.link(quote.speaker)
    if any(m.kind == "country" and m.end - m.start == len(quote.speaker) for m in found):
        return Quote.SpeakerKind.INSTITUTION
    return quote.speaker_kind or Quote.SpeakerKind.PERSON


def _person_id(slug: str | None, people: dict[str, int]) -> int | None:
    if slug is None:
        return None
    if slug not in people:
        people.update(Person.objects.filter(slug=slug).values_list("slug", "pk"))
    return people.get(slug)


def facts_store(*, article: Article, fresh: bool = False) -> None:
    """Replace the article's facts (dates, figures...) with those found in its body."""
    if not fresh:
        article.facts.all().delete()
    Fact.objects.bulk_create(
        Fact(
            article=article,
            kind=str(f.kind),
            start=f.start,
            end=f.end,
            text=f.text[:300],
            value=f.value[:100],
            context=f.context,
            subject=f.subject[:200],
        )
        for f in extract_facts(
            article.body, year=_reference_year(article), published=article.published
        )
    )


def _reference_year(article: Article) -> int | None:
    """The year partial dates ("on February 24") belong to: the article's publication date,
    else the first day of its collection (an undated report of an event is about the event)."""
    if article.published is not None:
        return article.published.year
    start = article.collection.start_date if article.collection_id else None
    return start.year if start is not None else None


def candidates_store(*, article: Article, candidates: Iterable) -> None:
    """Record names used like a person's that the linker could not match, for review."""
    for candidate in candidates:
        key = fold(candidate.name)[:200] or candidate.name.lower()[:200]
        role = getattr(candidate, "role", "")[:200]
        row, created = PersonCandidate.objects.get_or_create(
            key=key,
            defaults={"name": candidate.name[:200], "context": candidate.context, "role": role},
        )
        if not created and role and not row.role:
            # A later article gives the role the first one did not: keep the sentence with it.
            row.role, row.context = role, candidate.context
            row.save(update_fields=["role", "context"])
        # The review status is the editor's: a dismissed candidate stays dismissed.
        row.articles.add(article)
