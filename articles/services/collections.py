"""Writes for collections: sync one from its ``collection.toml``, resolve the one to load into.

A load always goes into one collection. It is named by the caller (``--collection``),
else by a ``collection.toml`` in the folder loaded; with neither the run stops
before writing anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from articles.models import Collection, Country, ItineraryStop, Person
from articles.pipeline.catalog import MAX_CATALOG_BYTES, CatalogError
from articles.pipeline.collection_file import COLLECTION_FILE, CollectionSpec, read_collection_file
from articles.pipeline.decoding import DocumentError

NO_COLLECTION = (
    "no collection named: pass --collection SLUG, or add a collection.toml "
    "(slug and title) to the folder loaded"
)


class CollectionError(ValueError):
    """The collection to load into cannot be told or read; nothing was written."""


@dataclass(frozen=True)
class CollectionChoice:
    """The collection a run loads into: its slug, and its description when a file gave one."""

    slug: str
    spec: CollectionSpec | None = None


def collection_files(paths: Sequence[Path]) -> list[Path]:
    """The ``collection.toml`` of each folder given (a file's own folder for a file)."""
    folders = dict.fromkeys(p if p.is_dir() else p.parent for p in paths)
    return [f / COLLECTION_FILE for f in folders if os.path.lexists(f / COLLECTION_FILE)]


def collection_choose(*, paths: Sequence[Path], slug: str | None = None) -> CollectionChoice:
    """The collection to load ``paths`` into: ``slug`` if given, else the folder's file.

    Raises CollectionError (one line) when neither names one, when a file cannot be
    read, when folders' files disagree, or when ``slug`` names no collection and no
    file describes it.
    """
    from .documents import display_path, read_limited  # noqa: PLC0415 - no cycle
    from .loading import one_line  # noqa: PLC0415 - no cycle

    specs: list[CollectionSpec] = []
    for path in collection_files(paths):
        try:
            specs.append(read_collection_file(read_limited(path, MAX_CATALOG_BYTES)))
        except (DocumentError, CatalogError) as error:
            raise CollectionError(f"{display_path(path)}: {one_line(error)}") from None
    if slug:
        spec = next((s for s in specs if s.slug == slug), None)
        if spec is None and not Collection.objects.filter(slug=slug).exists():
            raise CollectionError(
                f"no collection {slug!r}: add a collection.toml with slug = {slug!r} to the folder"
            )
        return CollectionChoice(slug, spec)
    slugs = sorted({s.slug for s in specs})
    if len(slugs) > 1:
        raise CollectionError(
            f"the folders belong to different collections ({', '.join(slugs)}): "
            "load them separately or pass --collection SLUG"
        )
    if not specs:
        raise CollectionError(NO_COLLECTION)
    return CollectionChoice(specs[0].slug, specs[0])


@transaction.atomic
def collection_sync(*, spec: CollectionSpec) -> Collection:
    """Create or update the collection ``spec`` describes; its itinerary is replaced.

    Places and participants the database does not know (yet) are left out.
    """
    described = {
        "title": spec.title,
        "summary": spec.summary,
        "start_date": spec.start_date,
        "end_date": spec.end_date,
    }
    collection, created = Collection.objects.get_or_create(slug=spec.slug, defaults=described)
    changed = [name for name, value in described.items() if getattr(collection, name) != value]
    if changed and not created:
        # Only a real change is written: an unchanged reload leaves cached pages valid.
        for name in changed:
            setattr(collection, name, described[name])
        collection.save(update_fields=changed)
    codes = {*spec.places, *(s.country for s in spec.itinerary if s.country)}
    countries = {c.pk: c for c in Country.objects.filter(pk__in=codes)}
    collection.places.set([countries[c] for c in spec.places if c in countries])
    collection.participants.set(Person.objects.filter(slug__in=spec.participants))
    wanted = [
        (s.date, s.time, s.place, s.country if s.country in countries else None, s.what)
        for s in spec.itinerary
    ]
    current = [
        (s.date, s.time, s.place, s.country_id, s.description)
        for s in collection.itinerary.order_by("pk")
    ]
    if wanted != current:
        collection.itinerary.all().delete()
        ItineraryStop.objects.bulk_create(
            ItineraryStop(
                collection=collection,
                date=date,
                time=time,
                place=place,
                country_id=country,
                description=what,
            )
            for date, time, place, country, what in wanted
        )
    return collection
