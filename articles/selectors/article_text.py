"""Reads for one article's text: its mentions and quotes, built for a long document.

An article of 2 MB names the same few people tens of thousands of times and quotes them
thousands of times: each read is one query, and each person, country and cluster is built
once and shared by its mentions and quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Value

from articles.models import Article, Country, Mention, Person, Quote, QuoteCluster
from articles.selectors.common import COUNTRY, PERSON, count_distinct


def _field_names(model) -> list[str]:
    """Every column of ``model``, in the order ``Model.from_db`` takes their values."""
    return [field.attname for field in model._meta.concrete_fields]


@dataclass(slots=True)
class ArticleMention:
    """One mention as an article's text shows it: where it is and whom it names."""

    kind: str
    start: int
    end: int
    entity: Person | Country
    url: str = ""

    @property
    def ref(self) -> ArticleMention:
        """What the mention's span refers to (``rendering.Span``): a mention is its own span."""
        return self


def article_mentions(article: Article) -> list[ArticleMention]:
    """The article's mentions in text order, in one query.

    A long document names the same few people thousands of times: each person and country
    is built once and shared, not once per mention as ``select_related`` would.
    """
    kinds = {PERSON: Person, COUNTRY: Country}
    names = {kind: _field_names(model) for kind, model in kinds.items()}
    columns = {kind: [f"{kind}__{name}" for name in names[kind]] for kind in kinds}
    rows = article.mentions.order_by("start").values_list(
        "kind", "start", "end", *columns[PERSON], *columns[COUNTRY]
    )
    split = 3 + len(columns[PERSON])
    entities: dict[tuple[str, object], Person | Country] = {}
    mentions = []
    for row in rows:
        kind = row[0]
        values = row[3:split] if kind == PERSON else row[split:]
        if kind not in kinds or values[0] is None:
            continue  # a mention whose person or country is gone
        entity = entities.get((kind, values[0]))
        if entity is None:
            entity = kinds[kind].from_db(Mention.objects.db, names[kind], values)
            entities[kind, values[0]] = entity
        mentions.append(ArticleMention(kind, row[1], row[2], entity))
    return mentions


@dataclass
class Tally:
    entity: Person | Country
    count: int


def mentions_tally(mentions: Iterable[ArticleMention]) -> tuple[list[Tally], list[Tally]]:
    """People and countries named in the mentions, most-mentioned first."""
    people: Counter = Counter()
    countries: Counter = Counter()
    entities = {}
    for mention in mentions:
        # Counted by key: hashing model instances costs more than the count itself.
        key = mention.entity.pk
        entities[mention.kind, key] = mention.entity
        (people if mention.kind == PERSON else countries)[key] += 1

    def ranked(counter: Counter, kind: str) -> list[Tally]:
        tallies = [Tally(entities[kind, key], count) for key, count in counter.items()]
        return sorted(tallies, key=lambda tally: (-tally.count, tally.entity.name))

    return ranked(people, PERSON), ranked(countries, COUNTRY)


def article_quotes(article: Article, *, reports: bool = True) -> list[Quote]:
    """The article's quotes with speaker, cluster and (``reports``) how many articles report
    the cluster (``cluster_reports``; 0 without ``reports``).

    One query, like ``select_related``, but each speaker and cluster is built once and
    shared by its quotes (a long document quotes the same few people thousands of times).
    """
    if reports:
        reported = count_distinct(Quote.objects.filter(cluster=OuterRef("cluster")), "article")
    else:
        reported = Value(0)
    related = {"speaker": Person, "cluster": QuoteCluster}
    own = _field_names(Quote)
    names = {name: _field_names(model) for name, model in related.items()}
    columns = {name: [f"{name}__{field}" for field in names[name]] for name in related}
    rows = (
        article.quotes.annotate(cluster_reports=reported)
        .order_by("start")
        .values_list("cluster_reports", *own, *columns["speaker"], *columns["cluster"])
    )
    db = Quote.objects.db
    shared: dict[tuple[str, int], object] = {}
    quotes = []
    for row in rows:
        quote = Quote.from_db(db, own, row[1 : 1 + len(own)])
        quote.cluster_reports = row[0]
        at = 1 + len(own)
        for name, model in related.items():
            values = row[at : at + len(columns[name])]
            at += len(values)
            key = (name, values[0])
            if values[0] is not None and key not in shared:
                shared[key] = model.from_db(db, names[name], values)
            Quote._meta.get_field(name).set_cached_value(quote, shared.get(key))
        quotes.append(quote)
    return quotes
