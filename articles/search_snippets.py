"""Search snippets: a bounded window of each listed article's body, marked in Python.

The search list shows, under each article of the page, about ``SNIPPET_WIDTH`` characters of
its body around the first word searched, with the words searched highlighted. The work per
article is bounded whatever the body's length or the number of matches:

- one query for the page's rows (``snippet_sql``): the database finds where the first of the
  query's words starts in each body (a plain substring of the lower-cased text, within the
  characters the search indexes, ``SEARCH_BODY_CHARS``) and returns only ``SNIPPET_READ``
  characters from just before it (from the start when no word is found: a match in the title
  or standfirst only, or through a person's mention);
- Python (``snippet_segments``) finds the words in that window on word starts, the way a
  stemmed match reads to a person (``sanction`` finds ``sanctions``), cuts it to
  ``SNIPPET_WIDTH`` characters starting after a space, and returns plain (text, highlighted)
  segments. Nothing in the text is read as markup: the template escapes every segment.

The same SQL runs on PostgreSQL and SQLite (only the position, least and greatest functions
are named differently). SQLite's ``lower`` folds ASCII letters only: there a word in another
script is found in a window only when typed in the same case as in the text.
"""

from __future__ import annotations

import re

from articles.search import SEARCH_BODY_CHARS, highlight_words

SNIPPET_WIDTH = 240
# Context shown before the first word found.
SNIPPET_BEFORE = SNIPPET_WIDTH // 3
# What the database returns per article: the context, the width, and one character more to
# know whether the text goes on past the window.
SNIPPET_READ = SNIPPET_BEFORE + SNIPPET_WIDTH + 1
# The query's distinct words looked for, at most (each is one pass over the text).
MAX_SNIPPET_WORDS = 8
# "Not found" for the position of a word (no body reaches it: the search indexes less).
_NOT_FOUND = SEARCH_BODY_CHARS + 1
_FUNCTIONS = {  # vendor: (position of a substring, least of values, greatest of values)
    "postgresql": ("strpos", "least", "greatest"),
    "sqlite": ("instr", "min", "max"),
}


def snippet_stems(query: str) -> list[str]:
    """The beginnings of the query's positive words a snippet looks for, lower-cased: a
    word of more than four letters loses its last (``officials`` → ``official``)."""
    stems = [word[:-1] if len(word) > 4 else word for word in highlight_words(query)]
    return list(dict.fromkeys(stem.lower() for stem in stems if stem))[:MAX_SNIPPET_WORDS]


def snippet_sql(vendor: str, stems: list[str], keys: list[int]) -> tuple[str, list]:
    """(SQL, params) reading, for each article of ``keys``, its key, where its window starts
    (from 1) and the window (``SNIPPET_READ`` characters of the body at most).

    Only fixed text and ``%s`` placeholders are joined; the stems and keys are parameters.
    Each body is lower-cased once (a materialized step), each stem looked for once.
    """
    position, least, greatest = _FUNCTIONS.get(vendor, _FUNCTIONS["postgresql"])
    found = ", ".join(
        f"coalesce(nullif({position}(folded.text, %s), 0), {_NOT_FOUND})" for _ in stems
    ) or str(_NOT_FOUND)
    keys_placeholders = ", ".join(["%s"] * len(keys))
    # Where the window starts: before the first word found, or at the start of the body.
    start = (
        f"CASE WHEN located.first = {_NOT_FOUND} THEN 1 "
        f"ELSE {greatest}(1, located.first - {SNIPPET_BEFORE}) END"
    )
    sql = (
        "WITH folded AS MATERIALIZED ("  # noqa: S608 (fixed text and placeholders only)
        f"SELECT id, lower(substr(body, 1, {SEARCH_BODY_CHARS})) AS text "
        f"FROM articles_article WHERE id IN ({keys_placeholders})"
        "), located AS MATERIALIZED ("
        f"SELECT id, {least}({_NOT_FOUND}, {found}) AS first FROM folded"
        f") SELECT located.id, {start}, substr(articles_article.body, {start}, {SNIPPET_READ}) "
        "FROM located JOIN articles_article ON articles_article.id = located.id"
    )
    return sql, [*keys, *stems]


def snippet_segments(
    window: str, at: int, query: str, width: int = SNIPPET_WIDTH
) -> list[tuple[str, bool]]:
    """(text, highlighted) segments of the snippet cut from ``window``, the body's text from
    character ``at`` (from 1) on, as ``snippet_sql`` read it.

    The snippet starts ``SNIPPET_BEFORE`` characters before the first word found (after the
    next space, when that space comes before the word), is ``width`` characters long, and
    says "… " before and " …" after when the body goes on that way.
    """
    stems = [re.escape(stem) for stem in snippet_stems(query)]
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE) if stems else None
    first = pattern.search(window) if pattern else None
    begin = 0 if first is None else max(0, first.start() - SNIPPET_BEFORE)
    if at > 1 or begin:
        space = window.find(" ", begin)
        limit = first.start() if first is not None else len(window)
        begin = space + 1 if 0 <= space < limit else begin
    text = window[begin : begin + width]
    goes_on = begin + width < len(window) or len(window) >= SNIPPET_READ
    segments: list[tuple[str, bool]] = [("… ", False)] if at > 1 or begin else []
    reached = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > reached:
            segments.append((text[reached : match.start()], False))
        segments.append((match.group(0), True))
        reached = match.end()
    if reached < len(text):
        segments.append((text[reached:], False))
    if goes_on:
        segments.append((" …", False))
    return segments
