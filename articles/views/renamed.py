"""Old article addresses keep working: a renamed article's old URLs answer 301."""

from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from articles.selectors.redirects import article_renamed_from


def follows_renamed_slug(view):
    """Wrap an ``/articles/<slug>/...`` view: a former slug redirects to the same page."""

    @wraps(view)
    def wrapped(request, *args, slug: str, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            if request.method not in ("GET", "HEAD"):
                raise
            article = article_renamed_from(slug)
            if article is None:
                raise
        match = request.resolver_match
        location = reverse(match.view_name, args=args, kwargs={**kwargs, "slug": article.slug})
        if query := request.META.get("QUERY_STRING"):
            location = f"{location}?{query}"
        return HttpResponsePermanentRedirect(location)

    return wrapped
