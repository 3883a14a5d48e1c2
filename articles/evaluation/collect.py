"""Running the real loader over a gold split and reading back what it stored.

``split_evaluate`` loads the split's ``.txt`` documents with ``load_seeds`` (the command the
site's own loading goes through) inside a transaction that is always rolled back, reads the
stored rows into the plain records of ``scoring``, and scores them. The database is left as it
was; articles already stored under the same file names are set aside for the run only.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Prefetch

from articles.models import Article, Collection, Mention, Origin, Quote

from .gold import GoldSplit
from .scoring import (
    PredArticle,
    PredCountry,
    PredPerson,
    PredQuote,
    SplitScore,
    score_split,
)

EVALUATION_COLLECTION = "evaluation"


@dataclass(frozen=True)
class SplitRun:
    score: SplitScore
    loader_output: str  # what load_seeds printed (warnings and rejections)


def split_evaluate(*, split: GoldSplit) -> SplitRun:
    """Load, read back and score one split, leaving the database untouched."""
    names = [path.name for path in split.documents]
    output = io.StringIO()
    with transaction.atomic():
        Article.objects.filter(seed_file__in=names).delete()
        # A collection of its own, rolled back with everything else.
        Collection.objects.get_or_create(slug=EVALUATION_COLLECTION, defaults={"title": "Gold"})
        try:
            # Explicit .txt paths: the loader never sees the gold files beside them.
            call_command(
                "load_seeds",
                *[str(path) for path in split.documents],
                collection=EVALUATION_COLLECTION,
                verbosity=0,
                stdout=output,
                stderr=output,
            )
        except CommandError as error:  # some files were rejected; the rest are stored
            output.write(f"{error}\n")
        predicted = articles_read(names=names)
        transaction.set_rollback(True)
    return SplitRun(score=score_split(split, predicted), loader_output=output.getvalue())


def articles_read(*, names: list[str]) -> dict[str, PredArticle]:
    """The stored articles with these file names, as plain records keyed by file name."""
    articles = (
        Article.objects.filter(seed_file__in=names)
        .select_related("source")
        .prefetch_related(
            "authors",
            "source__aliases",
            "person_candidates",
            "facts",
            Prefetch("mentions", queryset=Mention.objects.select_related("person")),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        )
    )
    return {article.seed_file: _record(article) for article in articles}


def _named_speaker(quote: Quote) -> str | None:
    """The speaker as written, unless it is stored as an institution or an unnamed person:
    then the quote has no named speaker, which is what a gold speaker "" asks for."""
    if quote.speaker_kind in (Quote.SpeakerKind.INSTITUTION, Quote.SpeakerKind.ANONYMOUS):
        return None
    return quote.speaker_text or None


def _record(article: Article) -> PredArticle:
    mentions = sorted(article.mentions.all(), key=lambda m: m.start)
    linked: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.kind == Mention.Kind.PERSON:
            linked.setdefault(mention.person_id, []).append(mention)
    people = [
        PredPerson(
            name=rows[0].person.name,
            source="mention",
            gazetteer=rows[0].person.origin == Origin.GAZETTEER,
            mentions=tuple(m.text for m in rows),
        )
        for rows in linked.values()
    ]
    people += [PredPerson(name=c.name, source="candidate") for c in article.person_candidates.all()]
    authors = [a.name for a in article.authors.all()]
    people += [PredPerson(name=name, source="author") for name in authors]
    return PredArticle(
        file=article.seed_file,
        title=article.title,
        outlet=article.source.name if article.source_id else None,
        outlet_aliases=tuple(a.name for a in article.source.aliases.all())
        if article.source_id
        else (),
        published=article.published.isoformat() if article.published else None,
        authors=tuple(authors),
        dek=article.dek,
        body=article.body,
        people=tuple(people),
        countries=tuple(
            PredCountry(m.text, m.country_id, m.start, m.end)
            for m in mentions
            if m.kind == Mention.Kind.COUNTRY
        ),
        quotes=tuple(
            PredQuote(
                text=q.text,
                speaker=q.speaker.name if q.speaker_id else _named_speaker(q),
                cluster=q.cluster_id,
            )
            for q in sorted(article.quotes.all(), key=lambda q: q.start)
        ),
        facts=tuple(f.text for f in sorted(article.facts.all(), key=lambda f: f.start)),
    )
