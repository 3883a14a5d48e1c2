"""Small helpers for the archive's templates.

Paging links use Django's built-in ``{% querystring %}``; ``{% filter_query %}`` covers the
case it cannot: a parameter whose *name* is a variable, as in the shared facet list.
"""

from django import template
from django.conf.locale import LANG_INFO
from django.utils.safestring import mark_safe

from articles.models import Fact
from articles.pipeline import fact_labels, wording

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


@register.simple_tag
def fact_label(kind: str, value: str, text: str | None = None) -> str:
    """How a fact's normalised value reads ("USD 25000000" → "$25 million"); ``text`` is one
    article's wording of it, for the spelling of nouns. Escaped by the template."""
    return fact_labels.fact_label(kind, value, text=text)


@register.filter
def fact_group_label(group) -> str:
    """The label of a group of facts (kind, value and the first report's wording)."""
    text = group.facts[0][1].text if group.facts else None
    return fact_labels.fact_label(group.kind, group.value, text=text)


@register.simple_tag
def word_diff(old: str, new: str) -> str:
    """``new`` with the words it adds to ``old`` in <ins> and those it drops in <del>.

    Safe: ``articles.pipeline.wording`` escapes every word and adds only those two tags.
    """
    return mark_safe(wording.diff_inline(old, new))  # noqa: S308 - escaped word by word


@register.simple_tag
def word_diff_sides(a: str, b: str) -> tuple[str, str]:
    """Both texts for two columns, marked against each other; use with ``as``."""
    left, right = wording.diff_sides(a, b)
    return mark_safe(left), mark_safe(right)  # noqa: S308 - escaped word by word


@register.filter
def unattributed_key(article) -> str:
    """A short, stable name for an article with no known outlet, to tell such articles apart.

    The numeric prefix of its file name ("001" for ``001_ac4287f27224b710.txt``), else its slug.
    """
    stem = (getattr(article, "seed_file", "") or "").rsplit(".", 1)[0]
    prefix = stem.split("_", 1)[0]
    return prefix if prefix.isdigit() else article.slug
