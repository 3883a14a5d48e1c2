"""Small helpers for the archive's templates.

Paging links use Django's built-in ``{% querystring %}``; ``{% filter_query %}`` covers the
case it cannot: a parameter whose *name* is a variable, as in the shared facet list.
"""

from django import template
from django.conf.locale import LANG_INFO

from articles.models import Fact

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_query(context, param: str, value=None) -> str:
    """The current query string with ``param`` set to ``value`` (removed if None), page reset.

    A new filter changes the result, so the page number is dropped rather than kept pointing
    past the end.
    """
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None or value == "":
        params.pop(param, None)
    else:
        params[param] = value
    return f"?{params.urlencode()}" if params else "?"


@register.filter
def language_name(code: str) -> str:
    """The English name of a language code ("en" → "English"); the code itself if unknown."""
    info = LANG_INFO.get((code or "").lower()) or LANG_INFO.get((code or "").split("-")[0].lower())
    return info["name"] if info and "name" in info else code or "Unknown"


@register.filter
def fact_kind_label(kind: str) -> str:
    """The name shown for a kind of fact ("vote" → "Vote count"); the kind itself if unknown."""
    return dict(Fact.Kind.choices).get(kind, kind)
