"""Keeping the original bytes of a saved page beside its article."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from articles.models import Article, Capture

if TYPE_CHECKING:
    from .loading import LoadedDocument


def capture_store(
    *, article: Article, path: Path, document: LoadedDocument, created: bool = False
) -> None:
    """Store (or replace) the article's capture; a document that is not a capture has none.

    ``created``: the article is new, so it has no capture to replace.
    """
    if document.capture is None:
        if not created:
            Capture.objects.filter(article=article).delete()
        return
    Capture.objects.update_or_create(
        article=article,
        defaults={
            "content": document.capture,
            "sha256": document.decoded.sha256,
            "size": len(document.capture),
            "media_type": "text/html",
            "file_name": path.name,
            "record": document.record,
        },
    )
