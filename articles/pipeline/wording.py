"""Word-level differences between two reports of the same statement.

Text in, HTML out. Outlets quote the same sentence with small changes ("risk or threat" /
"risks or threats"); this module marks them word by word with ``<ins>`` and ``<del>`` on top of
``difflib.SequenceMatcher`` over word tokens. The texts come from archived articles and are
hostile: every token is escaped, and nothing but the ``<ins>``/``<del>`` tags is added.

Words are compared loosely: case, and punctuation stuck to the start or end of a word
("Russia," / "Russia"), do not count as a difference; each side keeps its own spelling when
shown. Texts longer than ``MAX_WORDS`` words are not compared (the matcher is quadratic) and
come back escaped, unmarked.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

MAX_WORDS = 1500

_TOKEN = re.compile(r"\S+")
_PUNCTUATION = string.punctuation + "“”‘’«»„‚‹›—–…"


@dataclass(frozen=True)
class Piece:
    """A run of words: on both sides (``same``), only the old one's (``del``) or the new's."""

    op: str
    text: str  # the new side's words (the old side's for ``del``)
    old: str = ""  # for ``same``: the old side's spelling of the same words


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text``, punctuation attached."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text or ""))


def _key(word: str) -> str:
    stripped = word.strip(_PUNCTUATION)
    return (stripped or word).casefold()


def word_diff(old: str, new: str) -> list[Piece] | None:
    """The pieces that turn ``old`` into ``new``, adjacent runs of one kind merged.

    ``None`` when either text is longer than ``MAX_WORDS`` words.
    """
    old_words, new_words = words(old), words(new)
    if len(old_words) > MAX_WORDS or len(new_words) > MAX_WORDS:
        return None
    matcher = SequenceMatcher(
        None, [_key(w) for w in old_words], [_key(w) for w in new_words], autojunk=False
    )
    pieces: list[tuple[str, list[str], list[str]]] = []

    def add(op: str, run: list[str], old_run: list[str] = ()) -> None:
        if not run:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1][1].extend(run)
            pieces[-1][2].extend(old_run)
        else:
            pieces.append((op, list(run), list(old_run)))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", new_words[j1:j2], old_words[i1:i2])
        else:
            add("del", old_words[i1:i2])
            add("ins", new_words[j1:j2])
    return [Piece(op, " ".join(run), " ".join(old_run)) for op, run, old_run in pieces]


def similarity(old: str, new: str) -> float:
    """Share of words the two texts have in common, 0 to 1 (1 for two empty texts)."""
    pieces = word_diff(old, new)
    if pieces is None:
        return 0.0
    counts = {"same": 0, "del": 0, "ins": 0}
    for piece in pieces:
        counts[piece.op] += len(piece.text.split())
    total = 2 * counts["same"] + counts["del"] + counts["ins"]
    return 2 * counts["same"] / total if total else 1.0


def _render(pieces: list[Piece], shown: tuple[str, ...], *, old_side: bool = False) -> str:
    out = []
    for piece in pieces:
        if piece.op not in shown:
            continue
        text = html.escape(piece.old if old_side and piece.op == "same" else piece.text)
        out.append(text if piece.op == "same" else f"<{piece.op}>{text}</{piece.op}>")
    return " ".join(out)


def diff_inline(old: str, new: str) -> str:
    """``new`` as HTML, with the words it adds in ``<ins>`` and those it drops in ``<del>``."""
    pieces = word_diff(old, new)
    if pieces is None:
        return html.escape(new or "")
    return _render(pieces, ("same", "del", "ins"))


def diff_sides(a: str, b: str) -> tuple[str, str]:
    """Both texts as HTML for two columns: words only ``a`` has in ``<del>``, only ``b``'s in
    ``<ins>``."""
    pieces = word_diff(a, b)
    if pieces is None:
        return html.escape(a or ""), html.escape(b or "")
    return _render(pieces, ("same", "del"), old_side=True), _render(pieces, ("same", "ins"))
