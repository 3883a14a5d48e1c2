"""What a figure is about, and dates given relative to the article's publication.

* ``fact_subject``: a short subject phrase from the figure's sentence, so that "a new aid of
  $20 million" and "$25 million ... last year" for another programme are two claims about two
  things, and two outlets giving different figures for the same subject can be flagged.
  The phrase is the noun after the figure ("$20 million in aid" → "aid", "41 percent of
  exports" → "exports") unless the figure follows "of", else the words just before it
  ("a new aid of $20 million" → "new aid", "trade reached $28 billion" → "trade"), without
  determiners, hedges and verbs.
* ``weekday_dates``: "on Wednesday", "last Friday" resolved from the publication date: the
  latest such day on or before it (news reports what happened), or the next one when the
  sentence speaks of the future ("will travel on Sunday", "next Monday").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .wordlists import words

_SUBJECT_MAX_WORDS = 4
_STOP = words("facts", "subject_stop_words")
_LINKS_AFTER = words("facts", "subject_links_after")
_FUTURE = words("facts", "future_markers")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WEEKDAY = re.compile(
    r"(?<!\w)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ll]ate[ \t]+on|[Ee]arly[ \t]+on)[ \t]+)"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def fact_subject(sentence: str, start: int, end: int) -> str:
    """The subject phrase of the figure at ``sentence[start:end]`` ("" when none is found)."""
    after = _WORD.findall(sentence[end : end + 60])
    of_before = re.search(r"(?<!\w)of[ \t]+$", sentence[max(0, start - 6) : start])
    if not of_before and after and after[0].casefold() in _LINKS_AFTER:
        phrase = _phrase(after[1:])
        if phrase:
            return phrase
    before = _WORD.findall(sentence[max(0, start - 80) : start])
    before.reverse()
    # Skip the hedges and links right before the figure ("of", "about", "reached").
    while before and before[0].casefold() in _STOP:
        before.pop(0)
    phrase = _phrase(before)
    return " ".join(reversed(phrase.split())) if phrase else ""


def _phrase(tokens: list[str]) -> str:
    kept = []
    for token in tokens:
        if token.casefold() in _STOP or len(kept) == _SUBJECT_MAX_WORDS:
            break
        kept.append(token.casefold())
    return " ".join(kept)


def weekday_dates(body: str, published: dt.date | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each weekday reference, resolved from ``published``."""
    if published is None:
        return []
    found = []
    for match in _WEEKDAY.finditer(body):
        target = _WEEKDAYS.index(match.group("day").lower())
        relative = " ".join(match.group("rel").lower().split())
        sentence_start = max(body.rfind(".", 0, match.start()), body.rfind("\n", 0, match.start()))
        lead = {w.casefold() for w in _WORD.findall(body[sentence_start + 1 : match.start()])}
        future = relative == "next" or bool(lead & _FUTURE)
        delta = (target - published.weekday()) % 7
        if future:
            day = published + dt.timedelta(days=delta or 7)
        else:
            day = published - dt.timedelta(days=(published.weekday() - target) % 7)
            if relative == "last" and day == published:
                day -= dt.timedelta(days=7)
        found.append((match.start(), match.end(), day.isoformat()))
    return found


def with_conflicts(groups: list) -> list:
    """``groups`` (``FactGroup``) with ``conflicts`` set: (subject, other value) for each other
    value another article gives for the same subject ("aid": USD 20000000 here, 25000000 there).

    Dates are left out: two dates in one sentence's subject slot are rarely the same claim.
    """
    by_subject: dict[tuple[str, str], list] = {}
    for group in groups:
        if group.kind == "date":
            continue
        for subject in {fact.subject for _, fact in group.facts if fact.subject}:
            by_subject.setdefault((group.kind, subject), []).append(group)
    result = []
    for group in groups:
        others: set[tuple[str, str]] = set()
        articles = set(group.articles)
        for subject in {fact.subject for _, fact in group.facts if fact.subject}:
            for other in by_subject.get((group.kind, subject), ()):
                if other.value != group.value and set(other.articles) - articles:
                    others.add((subject, other.value))
        if others:
            group = dataclasses.replace(group, conflicts=tuple(sorted(others)))
        result.append(group)
    return result
