"""Changing an article's slug without breaking its old address.

The loader keeps an article's slug on every reload, and the admin shows it read-only, so a slug
changes only here. The old slug is kept as an ``ArticleSlugAlias``: ``/articles/<old>/`` and
its sub-pages answer 301 with the new address.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from articles.models import Article, ArticleSlugAlias


@transaction.atomic
def article_slug_change(*, article: Article, slug: str) -> Article:
    """Give ``article`` the slug ``slug``; its current slug redirects to the new one."""
    slug = slug.strip()
    validate_slug(slug)
    max_length = Article._meta.get_field("slug").max_length
    if len(slug) > max_length:
        raise ValidationError(f"A slug has at most {max_length} characters.")
    old = article.slug
    if slug == old:
        return article
    if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
        raise ValidationError(f"Another article already uses the slug “{slug}”.")
    # The new slug is now a live address: no alias may send it elsewhere.
    ArticleSlugAlias.objects.filter(slug=slug).delete()
    ArticleSlugAlias.objects.update_or_create(slug=old, defaults={"article": article})
    article.slug = slug
    article.save(update_fields=["slug", "updated_at"])
    return article
