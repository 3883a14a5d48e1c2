"""Generating and loading a synthetic corpus: ``generate_corpus`` calls ``corpus_generate``.

The text comes from ``articles.corpus`` (no Django there); this module feeds it the
gazetteer and outlets the archive loads, writes the files, loads each collection's
folder with ``archive_load`` (the path real documents take) and then does what an
editor would: tags some articles and links some follow-ups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from articles.corpus import CorpusDocument, corpus_documents, corpus_inputs, corpus_write
from articles.models import Article, EditorialLink
from articles.pipeline.gazetteer import load_gazetteer

from .editorial import article_tag_add, editorial_link_create
from .load import LoadProgress, LoadReport, archive_load
from .outlets import read_sources

EDITOR_NAME = "corpus-editor"
CHUNK = 2000


@dataclass
class CorpusReport:
    folder: Path
    documents: int = 0
    loads: list[LoadReport] = field(default_factory=list)
    tags: int = 0
    links: int = 0


def corpus_generate(
    *,
    folder: Path,
    articles: int,
    seed: int = 1,
    collections: int = 1,
    load: bool = True,
    written: Callable[[int], None] | None = None,
    progress: Callable[[LoadProgress], None] | None = None,
) -> CorpusReport:
    """Write ``articles`` documents under ``folder`` (one sub-folder per collection) and load them.

    Each collection's folder is loaded as its own run of ``archive_load``, into the
    collection (event) its ``collection.toml`` describes.
    """
    gazetteer_path = settings.SEEDS_DIR / "gazetteer.toml"
    people, places, outlets = corpus_inputs(load_gazetteer(gazetteer_path), read_sources())
    documents = corpus_documents(
        people=people,
        places=places,
        outlets=outlets,
        count=articles,
        seed=seed,
        collections=collections,
    )
    docs = corpus_write(folder, documents, progress=written)
    report = CorpusReport(folder=folder, documents=len(docs))
    if not load:
        return report
    events = {doc.event.folder: doc.event for doc in docs}
    for name, event in sorted(events.items()):
        event_folder = folder / name
        collection_toml = corpus_collection_file(event)
        (event_folder / "collection.toml").write_text(collection_toml, encoding="utf-8")
        report.loads.append(
            archive_load(paths=[event_folder], gazetteer=gazetteer_path, progress=progress)
        )
    report.tags, report.links = corpus_editorial(docs)
    return report


def corpus_collection_file(event) -> str:
    """The synthetic event as a collection: slug, title and its one day."""
    return (
        f'slug = "synthetic-{event.folder}"\n'
        f'title = "Synthetic event {event.number}: {event.tag}"\n'
        f"start_date = {event.day.isoformat()}\n"
        f"end_date = {event.day.isoformat()}\n"
    )


def corpus_editorial(docs: list[CorpusDocument]) -> tuple[int, int]:
    """Tags and follow-up links as an editor would add them; already present ones are kept."""
    user, _ = get_user_model().objects.get_or_create(username=EDITOR_NAME)
    wanted = [doc for doc in docs if doc.tags or doc.follows is not None]
    tags = links = 0
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        t, n = _editorial_chunk(chunk, docs, user)
        tags, links = tags + t, links + n
    return tags, links


def _editorial_chunk(wanted: list[CorpusDocument], docs: list[CorpusDocument], user):
    names = {doc.filename for doc in wanted} | {
        docs[doc.follows].filename for doc in wanted if doc.follows is not None
    }
    by_file = {a.seed_file: a for a in Article.objects.filter(seed_file__in=names)}
    tags = links = 0
    for doc in wanted:
        article = by_file.get(doc.filename)
        if article is None:
            continue
        for name in doc.tags:
            article_tag_add(article=article, tag_name=name, user=user)
            tags += 1
        earlier = by_file.get(docs[doc.follows].filename) if doc.follows is not None else None
        if earlier is not None:
            try:
                editorial_link_create(
                    from_article=article,
                    to_article=earlier,
                    relation=EditorialLink.Relation.FOLLOW_UP,
                    user=user,
                )
                links += 1
            except ValidationError:
                pass  # linked by an earlier run
    return tags, links
