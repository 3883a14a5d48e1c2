"""Slugs for URLs: ASCII, cut between words, unique within their model.

One helper for every place that names a new row (articles, outlets, people,
tags), so slugs look the same whoever created the row.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify

# Room for a "-NN" suffix when the plain slug is taken.
SUFFIX_ROOM = 4


def shorten(slug: str, max_length: int) -> str:
    """At most ``max_length`` characters, cut between words when that keeps half of it."""
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= max_length // 2 else slug[:max_length].rstrip("-")


def slug_word(text: str) -> str:
    """``text`` as a slug fragment, e.g. a surname to compare with the end of a person's slug."""
    return slugify(text)


def unique_slug(
    model: type[models.Model], text: str, *, fallback: str, max_length: int | None = None
) -> str:
    """An ASCII slug for ``text`` that no row of ``model`` uses yet (``-2``, ``-3``... if taken).

    ``max_length`` defaults to the model's slug field length.
    """
    field_length = model._meta.get_field("slug").max_length
    limit = min(max_length or field_length, field_length)
    base = shorten(slugify(text), limit).strip("-") or fallback
    stem = base[: limit - SUFFIX_ROOM].rstrip("-")
    taken = set(model._default_manager.filter(slug__startswith=stem).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{stem}-{n}"
    return slug
