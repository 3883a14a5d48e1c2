"""Writing one loaded document's article: its fields, outlet, authors and links.

``article_save_loaded`` is what ``document_save`` runs inside the file's savepoint: it sets
the fields the document gives (never one an editor corrected), finds or creates the outlet
and the bylines' people (through the load's ``RunMemo``, so each is looked up once per
run), analyses the text before the article is saved so that its counts are saved with it,
and stores the mentions, quotes, facts and candidates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from articles.models import Article, Person, PersonName, Source
from articles.pipeline.analysis import Analysis
from articles.pipeline.captures import ExtractedPage
from articles.pipeline.catalog import CatalogEntry
from articles.pipeline.language import detect_language
from articles.pipeline.metadata import ArticleMetadata, article_metadata

from .capture_store import capture_store
from .derived import article_text
from .documents import SEED_FILE_MAX
from .linking import LinkerSnapshot, article_link, article_link_plan
from .memo import RunMemo
from .outlet_counts import OutletMove, outlet_totals_move
from .outlets import source_for_name
from .slugs import unique_slug

if TYPE_CHECKING:
    from .loading import LoadedDocument

UNKNOWN_LANGUAGE = "und"  # ISO 639-2 "undetermined": no origin says, and detection could not tell
SLUG_MAX = 80
PEOPLE_ADDED = "people added"  # a RunMemo key: a byline added a person to the archive
# RunMemo keys: (LINKED, article key) is the analysis the run stored for an article, kept
# for the first LINKED_KEPT articles (the LINKED_COUNT so far), so memory stays bounded.
LINKED, LINKED_COUNT, LINKED_KEPT = "linked", "linked count", 2000


@dataclass(frozen=True)
class Link:
    """How ``_save_article`` links the article: with which linker, and what the load shares."""

    snapshot: LinkerSnapshot | None
    analysis: Analysis | None
    memo: RunMemo
    totals: list | None  # where the totals' moves go; None: move them at once
    reference: dt.date | None = None  # the collection's date (``collection_reference``)


def article_save_loaded(
    article: Article, path: Path, document: LoadedDocument, catalog: CatalogEntry, link: Link
) -> Article:
    decoded, parsed, page = document.decoded, document.parsed, document.page
    memo = link.memo
    metadata = document_metadata(document, catalog, link.reference)
    if article.pk is None:
        article.slug = article_slug(metadata.title)
    article.seed_file = _seed_file(path, document.capture_url)
    previous_source = article.source_id
    loaded = {
        "title": metadata.title,
        "source": _source(metadata.source, page, memo),
        "published": metadata.published,
        "url": metadata.url,
        "language": metadata.language or UNKNOWN_LANGUAGE,
    }
    origin = dict(metadata.origin)
    if loaded["source"] is not None and "source" not in origin:
        origin["source"] = "capture"  # the page's host is a known outlet's domain
    # Fields an editor corrected stay as the editor left them.
    for name, value in loaded.items():
        if name not in article.edited_fields:
            setattr(article, name, value)
        else:
            origin[name] = "editor"
    if "title" not in article.edited_fields:
        article.title_derived = parsed.title_derived and origin.get("title") == "derived"
    article.dek = parsed.dek or ""
    article.body = parsed.body
    article.captions = list(parsed.captions)
    article.reader_comments = list(parsed.comments) + list(page.comments if page else ())
    article.notes = catalog.notes
    article.content_hash = decoded.sha256
    article.encoding = decoded.encoding
    article.capture_url = document.capture_url
    article.capture_sha256 = decoded.sha256 if document.capture is not None else ""
    article.metadata_origin = origin
    plan = None
    if link.snapshot is not None:
        # Analysed before the article is saved, so its counts are saved with it.
        analysis = link.analysis
        if analysis is not None and analysis.text != article_text(article):
            analysis = None  # an editor's title or date: analysed again as the article is
        plan = article_link_plan(
            article=article,
            # Built (once) only when a worker did not analyse the document already.
            linker=link.snapshot.linker if analysis is None else None,
            analysis=analysis,
            people=link.snapshot.people,
        )
        for name, value in plan.counts.items():
            setattr(article, name, value)
    created = article.pk is None
    before = None if created else (article.collection_id, previous_source)
    article.save()
    move = OutletMove(before=before, after=(article.collection_id, article.source_id))
    if link.totals is None:
        outlet_totals_move(moves=[move])
    else:
        link.totals.append(move)  # moved with the people's totals, before the batch commits
    capture_store(article=article, path=path, document=document, created=created)
    if "authors" not in article.edited_fields:
        authors = [_author(name, memo) for name in metadata.authors]
        if created:
            article.authors.add(*authors)  # nothing to compare with yet
        else:
            article.authors.set(authors)
    pruned = previous_source and previous_source != article.source_id
    if pruned and source_prune(source_id=previous_source):
        memo.forget(lambda key, value: isinstance(value, Source) and value.pk == previous_source)
    if plan is not None:
        article_link(
            article=article,
            version=link.snapshot.version,
            fresh=created,
            plan=plan,
            totals=link.totals,
            memo=memo,
            counts_saved=True,
        )
        if memo.get(LINKED_COUNT, 0) < LINKED_KEPT:
            # If a later byline makes this article stale, the end of the run compares.
            memo.put((LINKED, article.pk), plan.analysis)
            memo.put(LINKED_COUNT, memo.get(LINKED_COUNT, 0) + 1)
    return article


def collection_reference(collection) -> dt.date | None:
    """The date that dates a dateline without a year: the collection's last day, else its first."""
    if collection is None:
        return None
    return collection.end_date or collection.start_date


def document_metadata(
    document: LoadedDocument, catalog: CatalogEntry, reference: dt.date | None = None
) -> ArticleMetadata:
    """What the document and its catalog entry say of the article: title, outlet, date...
    ``reference`` is the collection's date (``collection_reference``)."""
    parsed, page = document.parsed, document.page
    return article_metadata(
        parsed=parsed,
        catalog=catalog,
        page=page,
        reference=reference,
        detected_language=None
        if catalog.language or (page and page.language)
        else detect_language(parsed.body),
    )


def source_prune(*, source_id: int) -> bool:
    """Delete an outlet no article refers to any more, unless editors own it.

    Editors own an outlet they described (homepage, country, notes) or that the
    audit trail shows they created or changed. Returns whether it was deleted.
    """
    source = Source.objects.filter(pk=source_id, articles__isnull=True).first()
    if source is None or source.homepage or source.country_id or source.notes:
        return False
    edited = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Source), object_id=str(source.pk)
    ).exists()
    if edited:
        return False
    source.delete()
    return True


def article_slug(title: str) -> str:
    return unique_slug(Article, title, fallback="article", max_length=SLUG_MAX)


def _seed_file(path: Path, capture_url: str) -> str:
    """The file an article came from; a WARC record adds a short key of its URL."""
    if not capture_url:
        return path.name
    key = hashlib.sha256(capture_url.encode()).hexdigest()[:16]
    return f"{path.name[: SEED_FILE_MAX - len(key) - 1]}#{key}"


def _source(name: str | None, page: ExtractedPage | None, memo: RunMemo) -> Source | None:
    """The outlet named; else a known outlet whose domain the captured page is on."""
    if name:
        source = memo.get(("source", name))
        if source is None:
            source = source_for_name(name=name)
            memo.put(("source", name), source)
        return source
    if page is not None and page.hostname:
        host = page.hostname.lower().removeprefix("www.")
        return Source.objects.named(host).first()
    return None


def _author(name: str, memo: RunMemo) -> Person:
    """The person a byline names: by canonical name, then by a known variant, else a new one."""
    person = memo.get(("author", name))
    if person is not None:
        return person
    person = Person.objects.filter(name__iexact=name).first()
    if person is None:
        variant = PersonName.objects.select_related("person").filter(name__iexact=name).first()
        person = variant.person if variant else None
    if person is None:
        person = Person.objects.create(
            name=name,
            slug=unique_slug(Person, name, fallback="unnamed", max_length=SLUG_MAX),
            role="Author",
        )
        memo.put(PEOPLE_ADDED, True)
    memo.put(("author", name), person)
    return person
