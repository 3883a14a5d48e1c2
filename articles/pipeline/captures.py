"""Saved web pages: the article's main text and the metadata the page carries.

trafilatura separates the article from the page around it (navigation, cookie
notices, related-article rails, comment threads) and reads the title, site
name, byline and canonical URL from Open Graph, JSON-LD and the markup;
htmldate reads the publication date from the page's metadata only, never
guessing it from dates that happen to be in the text. The result is plain
text shaped like a document (headline, then paragraphs), so it goes through
the same parser as a ``.txt`` file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import trafilatura
from htmldate import find_date

from .catalog import is_web_url
from .decoding import DocumentError
from .language import normalise_language

# Less than this is not an article: a cookie notice, a menu, a "page not found".
MIN_ARTICLE_WORDS = 40
_AUTHOR_MAX_CHARS = 80
_AUTHOR_MAX_WORDS = 5
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
_COMMENT_COUNTER = re.compile(r"\d+\s+(?:comments?|replies|reply)", re.IGNORECASE)
_NAMESPACES = {"xml": "http://www.w3.org/XML/1998/namespace"}
_LANG_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    "//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content",
    "//meta[@property='og:locale']/@content",
)


@dataclass(frozen=True)
class ExtractedPage:
    """What a captured page says. Every metadata value is None (or empty) when it does not."""

    text: str  # the headline (if any) and the main text, one paragraph a line
    title: str | None
    site_name: str | None
    hostname: str | None
    authors: tuple[str, ...]
    published: dt.date | None
    url: str | None
    language: str | None
    comments: tuple[str, ...]


def extract_page(raw: bytes, *, url: str | None = None) -> ExtractedPage:
    """The article in ``raw`` HTML; DocumentError when the page has no article text.

    ``url`` is where the page was captured from (a WARC record's target), used when
    the page names no canonical URL of its own.
    """
    tree = trafilatura.load_html(raw)
    if tree is None:
        raise DocumentError("not an HTML page that can be read")
    language = _page_language(tree)
    published = _published(tree)
    document = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=True,
        include_tables=True,
        deduplicate=False,
    )
    body = _paragraphs(getattr(document, "text", None) or "")
    if not body:
        raise DocumentError("no article text could be extracted from the page")
    if sum(len(p.split()) for p in body) < MIN_ARTICLE_WORDS:
        raise DocumentError(
            "no article text: the page has only furniture (navigation, notices, links)"
        )
    title = _clean(document.title)
    if title and body and body[0].casefold() == title.casefold():
        body = body[1:]  # the headline printed again at the top of the article
    canonical = _web_url(document.url) or _web_url(url)
    text = "\n".join(([title] if title else []) + body) + "\n"
    return ExtractedPage(
        text=text,
        title=title,
        site_name=_clean(document.sitename),
        hostname=_clean(document.hostname),
        authors=_authors(document.author),
        published=published,
        url=canonical,
        language=language,
        comments=tuple(
            p for p in _paragraphs(document.comments or "") if not _COMMENT_COUNTER.fullmatch(p)
        ),
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _web_url(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if is_web_url(value) else None


def _authors(value: str | None) -> tuple[str, ...]:
    """The byline's names; anything that does not read as a name is left out."""
    names = []
    for name in _AUTHOR_SEPARATOR.split(value or ""):
        name = " ".join(name.split())
        fits = name and len(name) <= _AUTHOR_MAX_CHARS and len(name.split()) <= _AUTHOR_MAX_WORDS
        if fits and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return tuple(names)


def _published(tree) -> dt.date | None:
    """The original publication date from the page's metadata, or None."""
    try:
        found = find_date(tree, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None


def _page_language(tree) -> str | None:
    for xpath in _LANG_XPATHS:
        for value in tree.xpath(xpath, namespaces=_NAMESPACES):
            code = normalise_language(str(value))
            if code:
                return code
    return None
