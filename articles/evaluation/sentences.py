"""Which furniture lines the parser kept and which real body sentences it dropped (no Django)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .matching import normalise, sentences

if TYPE_CHECKING:
    from .gold import GoldArticle
    from .scoring import PredArticle

# A line naming an author with at most this many words is the byline, not a body sentence.
BYLINE_MAX_WORDS = 12


def furniture_kept(furniture, pred: PredArticle) -> list[tuple[str, bool]]:
    """Each gold furniture line and whether it is still a line of the title, standfirst or body.

    Captions and reader comments are stored apart from the body, so lines moved there count
    as removed.
    """
    shown = {normalise(line) for line in f"{pred.dek}\n{pred.body}".split("\n") if line.strip()}
    shown.add(normalise(pred.title))
    return [(line, normalise(line) in shown) for line in furniture if line.strip()]


def body_sentences_dropped(gold: GoldArticle, pred: PredArticle) -> tuple[int, list[str]]:
    """(number of real body sentences in the gold text, those missing from standfirst and body)."""
    furniture = {normalise(line) for line in gold.furniture or ()}
    authors = [normalise(a) for a in gold.authors or ()]
    title = normalise(gold.title or "")
    lines = []
    for raw in (gold.text or "").split("\n"):
        line = normalise(raw)
        # The headline, and any repeat of it, is a heading rather than a body sentence.
        if not line or line in furniture or line == title:
            continue
        if any(a in line for a in authors) and len(line.split()) <= BYLINE_MAX_WORDS:
            continue
        lines.append(raw.strip())
    kept = normalise(f"{pred.dek} {pred.body}")
    found = sentences(" ".join(lines))
    return len(found), [s for s in found if normalise(s) not in kept]
