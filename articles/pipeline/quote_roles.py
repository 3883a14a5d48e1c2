"""Which person a role descriptor stands for: "the Kazakh president", "the Russian leader",
"le président français", "узбекский лидер" (used by ``quote_document``).

The holder is a person the text introduced with that role (a "leader" is also a president,
a chancellor or a premier); words of the descriptor that are not the office ("Russian",
"français") must share a stem with the words of that introduction ("Russian President X",
"Президент Узбекистана X"), or the introduction must name no country at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from .quote_patterns import ROLE_WORDS, WORD, SpeakerMention
from .wordlists import words as _words

if TYPE_CHECKING:
    from .quote_document import Document

# "the Russian leader" stands for a president, a chancellor or a premier as well.
_LEADER_ROLES = ("leader", *sorted(_words("quotes", "leader_roles")))
# Words of a descriptor that say which office, not which country ("the foreign minister").
_NOT_CUES = ROLE_WORDS | _words("quotes", "descriptor_fillers")
_ARTICLE_FIRST = {"le", "la", "el", "the", "der", "die"}
_ROMANCE_ARTICLES = {"le", "la", "el"}
# "le président français": in French and Spanish the adjective follows the role.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def descriptor_cues(doc: Document, text: str, start: int) -> frozenset[str]:
    """The words of a descriptor that tell which country's holder it means: "Russian" in
    "the Russian leader", "français" in "le président français", "узбекский"."""
    found = WORD.findall(text.lower())[:-1]
    if found and found[0] in _ARTICLE_FIRST:
        if found[0] in _ROMANCE_ARTICLES:
            after = _NEXT_WORD.match(doc.masked, start + len(text))
            if after and after.group(1).islower():
                found.append(after.group(1))
        found = found[1:]
    return frozenset(w for w in found if is_cue(w))


def is_cue(word: str) -> bool:
    return len(word) >= 4 and word not in _NOT_CUES


def _shares_cue(cues: frozenset[str], words: frozenset[str]) -> bool:
    # "Kyrgyz" and "Kyrgyzstan", "français" and "France", "узбекский" and "Узбекистана".
    return any(c[:4] == w[:4] for c in cues for w in words if len(w) >= 4)


def latest_with_role(
    doc: Document, role: str, pos: int, cues: frozenset[str] = frozenset()
) -> SpeakerMention | None:
    """Of the persons introduced with ``role`` before ``pos``, the one the text last spoke
    of ("Tokayev proposed ... '...,' the Kazakh president said"), else the latest introduced.

    With ``cues`` ("Russian" of "the Russian leader"), only a person introduced with a word
    of the same stem; none, when nobody was.
    """
    found: list[tuple[int, SpeakerMention]] = []
    for name in _LEADER_ROLES if role == "leader" else (role,):
        starts, mentions = doc.by_role.get(name, ((), ()))
        index = bisect_left(starts, pos)
        low = max(0, index - 20)
        found.extend(zip(starts[low:index], mentions[low:index], strict=True))
    found.sort(key=lambda item: item[0])
    if cues:
        # A holder introduced with a word of the same stem; else one whose introduction
        # names no country at all ("Министр иностранных дел Иван Петров" for "Российский
        # министр"), never "Kyrgyz President Sadyr Japarov" for "the Tajik leader".
        none: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        same = [(s, m) for s, m in found if _shares_cue(cues, doc.cues.get(s, none)[0])]
        found = same or [(s, m) for s, m in found if not doc.cues.get(s, none)[1]]
    if not found:
        return None
    holders = {m.text.lower() for _, m in found}
    event = bisect_left(doc.events, pos, key=lambda item: item[0])
    for _, mention in reversed(doc.events[max(0, event - 20) : event]):
        if mention.text.lower() in holders:
            return mention
    return found[-1][1]
