"""The counts stored beside an article's mentions: its people, countries and mentions.

``article_link`` replaces an article's mentions and calls ``article_entities_store`` in the
same transaction, so the rows the lists count (``ArticleEntity``) and the article's
``mention_count``, ``people_count`` and ``country_count`` always describe the mentions
stored. ``article_counts_refresh`` recomputes them from the mentions (a repair, and what
migration 0018 did for articles linked before the counts existed); ``article_counts_drift``
names the articles whose stored counts disagree with their mentions.

Each person and country also stores its totals over those rows: ``article_count`` (articles
naming it) and ``mention_count``. Whatever replaces or deletes an article's rows moves the
totals by the difference in the same transaction (``_totals_move``), so the home page reads
the most named from a few rows instead of counting every article's. ``entity_totals_refresh``
recomputes them; ``entity_totals_drift`` names the people and countries whose totals are off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest

from articles.models import Article, ArticleEntity, Country, Mention, Person, QuoteCluster

from .outlet_counts import OutletMove, article_places, outlet_totals_move

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


def article_entities_store(
    *,
    article: Article,
    mentions: Iterable[Mention],
    fresh: bool,
    totals: list[tuple[Counter, Counter]] | None = None,
    counts_saved: bool = False,
) -> None:
    """Store the people and countries ``mentions`` name, and the article's counts.

    Called with the article's new mentions, in the transaction that wrote them. ``fresh``:
    the article was created in this transaction and has no rows to replace. ``totals``: a
    list the (rows before, rows after) of the people's and countries' totals are added to,
    for the caller to move with ``entity_totals_move`` before its transaction ends (a load
    moves them once for many articles); without it they are moved here. ``counts_saved``:
    the article was saved with ``article_counts(mentions)`` already, so they are not written
    again.
    """
    tally = _tally((m.kind, m.person_id, m.country_id) for m in mentions)
    before = Counter()
    if not fresh:
        before = _stored([article.pk])[article.pk]
        ArticleEntity.objects.filter(article=article).delete()
    ArticleEntity.objects.bulk_create(_entity_rows(article.pk, tally))
    if totals is None:
        _totals_move(before=[before], after=[tally])
    else:
        totals.append((before, tally))
    counts = _counts(tally)
    if not counts_saved:
        Article.objects.filter(pk=article.pk).update(**counts)
    for name, value in counts.items():
        setattr(article, name, value)


def article_counts(mentions: Iterable[Mention]) -> dict[str, int]:
    """The article's ``mention_count``, ``people_count`` and ``country_count`` for these
    mentions (what ``article_entities_store`` stores)."""
    return _counts(_tally((m.kind, m.person_id, m.country_id) for m in mentions))


def entity_totals_move(*, moves: Iterable[tuple[Counter, Counter]]) -> None:
    """Move the totals by the (rows before, rows after) ``article_entities_store`` collected,
    and the outlets' and collections' by the ``OutletMove`` a load collected with them."""
    moves = list(moves)
    outlet_totals_move(moves=[m for m in moves if isinstance(m, OutletMove)])
    moves = [m for m in moves if not isinstance(m, OutletMove)]
    _totals_move(before=[b for b, _ in moves], after=[a for _, a in moves])


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
            expected, before = _from_mentions(ids), _stored(ids)
            ArticleEntity.objects.filter(article__in=ids).delete()
            _totals_move(before=before.values(), after=expected.values())
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


# --- Per person and country totals -------------------------------------------------------

TOTALS = {Mention.Kind.PERSON: (Person, 1), Mention.Kind.COUNTRY: (Country, 2)}


def _totals_move(*, before: Iterable[Counter], after: Iterable[Counter]) -> None:
    """Move the people's and countries' totals from the rows ``before`` to those ``after``
    (each a tally of one article's rows): one UPDATE per kind, only for what changed."""
    change: dict[Key, list[int]] = {}
    for sign, tallies in ((-1, before), (1, after)):
        for tally in tallies:
            for key, n in tally.items():
                moved = change.setdefault(key, [0, 0])
                moved[0] += sign
                moved[1] += sign * n
    for kind, (model, position) in TOTALS.items():
        moved = {
            key[position]: values
            for key, values in change.items()
            if key[0] == kind and values != [0, 0]
        }
        if not moved:
            continue

        def by_key(index: int, moved=moved):
            return Case(
                *(When(pk=pk, then=Value(values[index])) for pk, values in moved.items()),
                default=Value(0),
                output_field=IntegerField(),
            )

        # Never below zero: rows written some other way (a bulk copy, a fixture) leave totals
        # that ``entity_totals_drift`` reports, not a relink that fails on them.
        model.objects.filter(pk__in=sorted(moved)).update(
            article_count=Greatest(F("article_count") + by_key(0), 0),
            mention_count=Greatest(F("mention_count") + by_key(1), 0),
        )


@transaction.atomic
def articles_delete(*, articles) -> int:
    """Delete ``articles`` (a queryset) and take them and their rows off the totals (the
    people's, countries', outlets' and collections'); returns how many."""
    places = article_places(articles.order_by().values_list("pk", flat=True))
    ids = list(places)
    before = _stored(ids)
    outlet_totals_move(moves=[OutletMove(before=place, after=None) for place in places.values()])
    _totals_move(before=before.values(), after=[])
    # The clusters these articles' quotes leave are regrouped by the next cluster update.
    QuoteCluster.objects.filter(quotes__article_id__in=ids).update(stale=True)
    Article.objects.filter(pk__in=ids).delete()
    return len(ids)


def _computed(kind: str):
    rows = ArticleEntity.objects.filter(**{kind: OuterRef("pk")}).order_by().values(kind)
    return (
        Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0),
        Coalesce(Subquery(rows.annotate(n=Sum("mentions")).values("n")), 0),
    )


def entity_totals_refresh() -> None:
    """Recompute every person's and country's totals from the stored rows (a repair)."""
    with transaction.atomic():
        for kind, (model, _) in TOTALS.items():
            articles, mentions = _computed(kind)
            model.objects.update(article_count=articles, mention_count=mentions)


def entity_totals_drift() -> list[tuple[str, str]]:
    """(kind, key) of the people and countries whose stored totals disagree with the rows."""
    drifted = []
    for kind, (model, _) in TOTALS.items():
        articles, mentions = _computed(kind)
        rows = (
            model.objects.annotate(counted_articles=articles, counted_mentions=mentions)
            .exclude(article_count=F("counted_articles"), mention_count=F("counted_mentions"))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        drifted += [(kind, str(pk)) for pk in rows]
    return drifted
