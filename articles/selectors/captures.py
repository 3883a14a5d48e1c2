"""Reads for saved pages: an article's original capture, and who may add coverage."""

from __future__ import annotations

from articles.models import Capture

EDITORS_GROUP = "Editors"
ADD_COVERAGE_PERMISSION = "articles.add_article"


def article_capture(*, slug: str) -> Capture | None:
    """The original capture of the article with this slug, with its bytes; None if it has none."""
    return Capture.objects.select_related("article").filter(article__slug=slug).first()


def user_may_add_coverage(user) -> bool:
    """Editors (the Editors group) and anyone allowed to add articles."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(ADD_COVERAGE_PERMISSION) or user.groups.filter(name=EDITORS_GROUP).exists()
