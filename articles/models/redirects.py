"""Old addresses that still work: an article's previous slugs redirect to its page."""

from django.db import models

from .coverage import Article


class ArticleSlugAlias(models.Model):
    """A slug an article used to have: ``/articles/<slug>/`` answers 301 to its current page."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "former article slug"

    def __str__(self) -> str:
        return f"{self.slug} -> {self.article_id}"
