"""Template filter for text that cannot be wrapped in <bdi>: page titles, <option> labels.

Elsewhere templates isolate names and titles with <bdi>; where markup is not
allowed, the explicit embedding, override and isolate controls are removed so a
hostile title cannot reorder the text around it.
"""

import re

from django import template

register = template.Library()

# LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and LRI, RLI, FSI, PDI (U+2066-U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@register.filter
def strip_bidi(value):
    """The text without bidirectional embedding, override and isolate characters."""
    return BIDI_CONTROLS.sub("", str(value))
