"""The counts stored beside an article's mentions: its people, countries and mentions.

``article_link`` replaces an article's mentions and calls ``article_entities_store`` in the
same transaction, so the rows the lists count (``ArticleEntity``) and the article's
``mention_count``, ``people_count`` and ``country_count`` always describe the mentions
stored. ``article_counts_refresh`` recomputes them from the mentions (a repair, and what
migration 0018 did for articles linked before the counts existed); ``article_counts_drift``
names the articles whose stored counts disagree with their mentions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, ArticleEntity, Mention

COUNT_FIELDS = ("mention_count", "people_count", "country_count")
Key = tuple[str, int | None, str | None]  # (kind, person id, country code)


def _tally(rows: Iterable[Key]) -> Counter:
    return Counter(rows)


def _counts(tally: Counter) -> dict[str, int]:
    return {
        "mention_count": sum(tally.values()),
        "people_count": sum(1 for kind, _, _ in tally if kind == Mention.Kind.PERSON),
        "country_count": sum(1 for kind, _, _ in tally if kind == Mention.Kind.COUNTRY),
    }


def _entity_rows(article_id: int, tally: Counter) -> list[ArticleEntity]:
    return [
        ArticleEntity(
            article_id=article_id, kind=kind, person_id=person, country_id=country, mentions=n
        )
        for (kind, person, country), n in tally.items()
    ]


def article_entities_store(*, article: Article, mentions: Iterable[Mention], fresh: bool) -> None:
    """Store the people and countries ``mentions`` name, and the article's counts.

    Called with the article's new mentions, in the transaction that wrote them. ``fresh``:
    the article was created in this transaction and has no rows to replace.
    """
    tally = _tally((m.kind, m.person_id, m.country_id) for m in mentions)
    if not fresh:
        ArticleEntity.objects.filter(article=article).delete()
    ArticleEntity.objects.bulk_create(_entity_rows(article.pk, tally))
    counts = _counts(tally)
    Article.objects.filter(pk=article.pk).update(**counts)
    for name, value in counts.items():
        setattr(article, name, value)


def _from_mentions(ids: list[int]) -> dict[int, Counter]:
    """Per article id: (kind, person, country) -> mentions, read from the mentions."""
    found: dict[int, Counter] = {pk: Counter() for pk in ids}
    rows = (
        Mention.objects.filter(article__in=ids)
        .order_by()
        .values_list("article", "kind", "person", "country")
    )
    for article_id, kind, person, country in rows:
        found[article_id][(kind, person, country)] += 1
    return found


def _stored(ids: list[int]) -> dict[int, Counter]:
    found: dict[int, Counter] = {pk: Counter() for pk in ids}
    rows = ArticleEntity.objects.filter(article__in=ids).values_list(
        "article", "kind", "person", "country", "mentions"
    )
    for article_id, kind, person, country, n in rows:
        found[article_id][(kind, person, country)] = n
    return found


def _batches(articles, size: int = 500):
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def article_counts_refresh(*, articles=None) -> int:
    """Recompute the stored entities and counts of ``articles`` (all when None) from their
    mentions, in batches of one transaction each; returns how many articles."""
    done = 0
    for ids in _batches(articles if articles is not None else Article.objects.all()):
        with transaction.atomic():
            expected = _from_mentions(ids)
            ArticleEntity.objects.filter(article__in=ids).delete()
            ArticleEntity.objects.bulk_create(
                row for pk, tally in expected.items() for row in _entity_rows(pk, tally)
            )
            for pk, tally in expected.items():
                Article.objects.filter(pk=pk).update(**_counts(tally))
        done += len(ids)
    return done


def article_counts_drift(*, articles=None) -> list[int]:
    """Primary keys of the articles whose stored entities or counts disagree with their
    mentions (an empty list when every count is right)."""
    drifted = []
    for ids in _batches(articles if articles is not None else Article.objects.all()):
        expected, stored = _from_mentions(ids), _stored(ids)
        counts = {
            pk: dict(zip(COUNT_FIELDS, values, strict=True))
            for pk, *values in Article.objects.filter(pk__in=ids).values_list("pk", *COUNT_FIELDS)
        }
        drifted += [
            pk
            for pk in ids
            if stored[pk] != expected[pk] or counts.get(pk) != _counts(expected[pk])
        ]
    return drifted
