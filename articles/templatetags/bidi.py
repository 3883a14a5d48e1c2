"""Template filter for text that cannot be wrapped in <bdi>: page titles, <option> labels.

Elsewhere templates isolate names and titles with <bdi>; where markup is not
allowed, the explicit embedding, override and isolate controls are removed so a
hostile title cannot reorder the text around it.
"""

from django import template

from articles.pipeline import bidi

register = template.Library()


@register.filter
def strip_bidi(value):
    """The text without bidirectional embedding, override and isolate characters."""
    return bidi.strip_bidi(str(value))
