"""Reads behind old addresses: which article a former slug now belongs to."""

from __future__ import annotations

from articles.models import Article


def article_renamed_from(slug: str) -> Article | None:
    """The article that used to be at ``slug`` and is now at another one, if any."""
    return Article.objects.filter(slug_aliases__slug=slug).exclude(slug=slug).only("slug").first()
