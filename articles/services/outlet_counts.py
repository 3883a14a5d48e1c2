"""The article totals stored per outlet, per collection and per (collection, outlet).

``Source.article_count``, ``Collection.article_count`` and ``CollectionSourceCount`` let
the home page and a collection page show how many articles each outlet and collection
holds from a few rows instead of one index entry per article. Whatever creates, deletes
or re-assigns an article moves them in the same transaction with ``outlet_totals_move``:
the loader (collected per batch, like the people's totals), an editor's change of outlet,
``articles_delete`` and a backup restore. An article is placed by its (collection id,
outlet id) key; an unattributed article (outlet None) counts only towards its collection,
so deleting an outlet (its articles become unattributed) needs no move.
``outlet_totals_refresh`` recomputes every total (a repair, and what migration 0026 did);
``outlet_totals_drift`` names the totals that disagree with the articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Value, When
from django.db.models.functions import Greatest

from articles.models import Article, Collection, CollectionSourceCount, Source

Place = tuple[int, int | None]  # (collection id, outlet id or None)


@dataclass(frozen=True)
class OutletMove:
    """An article's place before and after a write (None: it did not exist / is deleted)."""

    before: Place | None
    after: Place | None


def _change(moves: Iterable[OutletMove]) -> Counter:
    change: Counter = Counter()
    for move in moves:
        if move.before == move.after:
            continue
        if move.before is not None:
            change[move.before] -= 1
        if move.after is not None:
            change[move.after] += 1
    return change


def _add(model, field: str, deltas: dict) -> None:
    deltas = {key: n for key, n in deltas.items() if n}
    if not deltas:
        return
    cases = Case(
        *(When(pk=pk, then=Value(n)) for pk, n in deltas.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    # Never below zero: rows written some other way leave totals the drift check reports.
    model.objects.filter(pk__in=sorted(deltas)).update(**{field: Greatest(F(field) + cases, 0)})


def outlet_totals_move(*, moves: Iterable[OutletMove]) -> None:
    """Move the stored totals by these articles' changes of place: at most one UPDATE per
    table and, for (collection, outlet) pairs an article joins, one INSERT of the missing."""
    change = _change(moves)
    collections: Counter = Counter()
    sources: Counter = Counter()
    pairs: dict[Place, int] = {}
    for (collection, source), n in change.items():
        collections[collection] += n
        if source is not None:
            sources[source] += n
            if n:
                pairs[(collection, source)] = n
    _add(Collection, "article_count", collections)
    _add(Source, "article_count", sources)
    if not pairs:
        return
    joined = [key for key, n in pairs.items() if n > 0]
    if joined:
        # A pair's row exists before it is moved (an outlet deleted meanwhile has none).
        CollectionSourceCount.objects.bulk_create(
            [CollectionSourceCount(collection_id=c, source_id=s) for c, s in sorted(joined)],
            ignore_conflicts=True,
        )
    when = [
        When(collection_id=c, source_id=s, then=Value(n)) for (c, s), n in sorted(pairs.items())
    ]
    rows = CollectionSourceCount.objects.filter(
        collection_id__in={c for c, _ in pairs}, source_id__in={s for _, s in pairs}
    )
    rows.update(
        article_count=Greatest(
            F("article_count") + Case(*when, default=Value(0), output_field=IntegerField()), 0
        )
    )


def article_places(ids: Iterable[int]) -> dict[int, Place]:
    """Article id -> its (collection id, outlet id), as stored."""
    return {
        pk: (collection, source)
        for pk, collection, source in Article.objects.filter(pk__in=list(ids))
        .order_by()
        .values_list("pk", "collection_id", "source_id")
    }


def _counted() -> tuple[Counter, Counter, Counter]:
    rows = (
        Article.objects.order_by().values_list("collection_id", "source_id").annotate(n=Count("pk"))
    )
    collections: Counter = Counter()
    sources: Counter = Counter()
    pairs: Counter = Counter()
    for collection, source, n in rows:
        collections[collection] += n
        if source is not None:
            sources[source] += n
            pairs[(collection, source)] = n
    return collections, sources, pairs


def _stored() -> tuple[Counter, Counter, Counter]:
    collections = Counter(
        dict(Collection.objects.filter(article_count__gt=0).values_list("pk", "article_count"))
    )
    sources = Counter(
        dict(Source.objects.filter(article_count__gt=0).values_list("pk", "article_count"))
    )
    pairs = Counter(
        {
            (c, s): n
            for c, s, n in CollectionSourceCount.objects.filter(article_count__gt=0).values_list(
                "collection_id", "source_id", "article_count"
            )
        }
    )
    return collections, sources, pairs


@transaction.atomic
def outlet_totals_refresh() -> None:
    """Recompute every outlet's, collection's and pair's total from the articles (a repair)."""
    collections, sources, pairs = _counted()
    Collection.objects.update(article_count=0)
    Source.objects.update(article_count=0)
    CollectionSourceCount.objects.all().delete()
    for model, counted in ((Collection, collections), (Source, sources)):
        for pk, n in counted.items():
            model.objects.filter(pk=pk).update(article_count=n)
    CollectionSourceCount.objects.bulk_create(
        CollectionSourceCount(collection_id=c, source_id=s, article_count=n)
        for (c, s), n in sorted(pairs.items())
    )


def outlet_totals_drift() -> list[tuple[str, object]]:
    """("collection", id), ("source", id) and ("pair", (collection, source)) of every total
    that disagrees with the articles (an empty list when every total is right)."""
    drifted = []
    for name, counted, stored in zip(
        ("collection", "source", "pair"), _counted(), _stored(), strict=True
    ):
        drifted += [
            (name, key) for key in sorted(set(counted) | set(stored)) if counted[key] != stored[key]
        ]
    return drifted
