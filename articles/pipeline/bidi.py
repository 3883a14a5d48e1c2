"""Bidirectional controls: the characters a hostile name uses to reorder the text around it."""

import re

# LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and LRI, RLI, FSI, PDI (U+2066-U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """The text without bidirectional embedding, override and isolate characters."""
    return BIDI_CONTROLS.sub("", text)
