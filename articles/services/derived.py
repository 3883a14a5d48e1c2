"""Storing what the text pipeline derives from one article: quotes, facts, candidates.

Each function replaces the article's rows of its kind wholesale, so running it
again is always safe. Editorial data is never touched: a candidate's review
status stays the editor's.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from articles.models import Article, Fact, Person, PersonCandidate, Quote, QuoteCluster
from articles.pipeline.analysis import (
    BODY,
    STANDFIRST,
    TITLE,
    ArticleText,
    FoundQuote,
    article_quotes,
    quote_speakers,
)
from articles.pipeline.facts import extract_facts
from articles.pipeline.linking import Linker
from articles.pipeline.names import fold

from .memo import RunMemo

__all__ = ["quote_speakers"]  # re-exported: where the speakers' rule was first stored

PARTS = {TITLE: Quote.Part.TITLE, STANDFIRST: Quote.Part.STANDFIRST, BODY: Quote.Part.BODY}


def quotes_store(
    *,
    article: Article,
    mentions: Sequence,
    people: dict[str, int],
    linker: Linker,
    fresh: bool = False,
):
    """Replace the article's quotes, resolving each speaker to a person where possible."""
    found = article_quotes(article_text(article), mentions, linker)
    quotes_write(article=article, found=found, people=people, fresh=fresh)


def quotes_write(
    *, article: Article, found: Iterable[FoundQuote], people: dict[str, int], fresh: bool
) -> bool:
    """Replace the article's quotes with ``found`` (``article_quotes``' results).

    A new quote with the same text (or, failing that, the same position) as one it
    replaces keeps that quote's cluster until clusters are regrouped, so the regrouping
    knows which cluster each statement came from and can keep its key. The clusters the
    replaced quotes were in are marked stale: the next update regroups their members.
    ``fresh``: the article is new in this transaction and has no quotes to replace.
    ``people`` maps slugs to person keys; a speaker's slug missing from it is looked up.

    Returns whether anything changed: quotes the same as those stored (texts, places and
    speakers, in order; a re-link after names changed mostly finds these) are left as they
    are, in their clusters, so there is nothing to regroup.
    """
    stored = [] if fresh else list(article.quotes.order_by("pk").values_list(*QUOTE_FIELDS))
    previous = [(row[0], row[1], row[2], row[-1]) for row in stored]
    by_text = {text: cluster for text, _, _, cluster in previous if cluster}
    by_start = {(part, start): cluster for _, part, start, cluster in previous if cluster}
    rows = []
    for item in found:
        quote, part = item.quote, PARTS[item.part]
        rows.append(
            Quote(
                article=article,
                part=part,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                speaker_text=(quote.speaker or "")[:300],
                speaker_id=_person_id(item.speaker_slug, people),
                speaker_kind=item.speaker_kind,
                cluster_id=by_text.get(quote.text, by_start.get((part, quote.start))),
            )
        )
    if not fresh and [tuple(getattr(row, f) for f in QUOTE_FIELDS) for row in rows] == stored:
        return False
    if not fresh:
        article.quotes.all().delete()
        left = {cluster for _, _, _, cluster in previous if cluster}
        if left:
            QuoteCluster.objects.filter(pk__in=left).update(stale=True)
    Quote.objects.bulk_create(rows)
    return True


# What a stored quote is compared on with the one that would replace it (the cluster last).
QUOTE_FIELDS = (
    *("text", "part", "start", "end", "speaker_text", "speaker_id", "speaker_kind"),
    "cluster_id",
)


def _person_id(slug: str | None, people: dict[str, int]) -> int | None:
    if slug is None:
        return None
    if slug not in people:
        people.update(Person.objects.filter(slug=slug).values_list("slug", "pk"))
    return people.get(slug)


def article_text(article: Article) -> ArticleText:
    """What the text pipeline reads of ``article`` (``article_analyse``)."""
    return ArticleText(
        body=article.body,
        title=article.title,
        dek=article.dek,
        published=article.published,
        year=reference_year(
            published=article.published,
            collection_start=article.collection.start_date if article.collection_id else None,
        ),
    )


def facts_store(*, article: Article, fresh: bool = False) -> None:
    """Replace the article's facts (dates, figures...) with those found in its body."""
    text = article_text(article)
    facts_write(
        article=article,
        facts=extract_facts(text.body, year=text.year, published=text.published),
        fresh=fresh,
    )


def facts_write(*, article: Article, facts: Iterable, fresh: bool) -> None:
    """Replace the article's facts with ``facts`` (``extract_facts``' results)."""
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
        for f in facts
    )


def reference_year(
    *, published: datetime.date | None, collection_start: datetime.date | None
) -> int | None:
    """The year partial dates ("on February 24") belong to: the article's publication date,
    else the first day of its collection (an undated report of an event is about the event)."""
    if published is not None:
        return published.year
    return collection_start.year if collection_start is not None else None


def candidates_store(
    *, article: Article, candidates: Iterable, memo: RunMemo | None = None
) -> None:
    """Record names used like a person's that the linker could not match, for review.

    ``memo`` keeps the candidates a load has already read or written, so that each is
    looked up once per run rather than once per article naming it.
    """
    memo = memo if memo is not None else RunMemo()
    linked: dict[int, None] = {}
    for candidate in candidates:
        key = fold(candidate.name)[:200] or candidate.name.lower()[:200]
        role = getattr(candidate, "role", "")[:200]
        known = memo.get(("candidate", key))
        if known is None:
            row, created = PersonCandidate.objects.get_or_create(
                key=key,
                defaults={"name": candidate.name[:200], "context": candidate.context, "role": role},
            )
            known = (row.pk, bool(row.role))
            if not created and role and not row.role:
                known = _candidate_role(row.pk, role, candidate.context)
        elif role and not known[1]:
            known = _candidate_role(known[0], role, candidate.context)
        memo.put(("candidate", key), known)
        linked[known[0]] = None
    # The review status is the editor's: a dismissed candidate stays dismissed.
    through = PersonCandidate.articles.through
    through.objects.bulk_create(
        [through(personcandidate_id=pk, article_id=article.pk) for pk in linked],
        ignore_conflicts=True,
    )


def _candidate_role(pk: int, role: str, context: str) -> tuple[int, bool]:
    """A later article gives the role the first one did not: keep the sentence with it."""
    PersonCandidate.objects.filter(pk=pk).update(role=role, context=context)
    return pk, True
