"""How to cite an article: Highwire meta tags, schema.org JSON-LD, BibTeX, CSL-JSON and text.

Every format is built from one ``Citation``. What the archive does not know (authors, date,
outlet, original URL) is left out of every format, never filled with a guess. The permalink
is this archive's copy; the original URL, when known, is where it was first published.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

ARCHIVE_NAME = "Diplomatic coverage archive"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Inside <script>, these could end the element or start markup; as JSON escapes they are inert.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Citation:
    slug: str
    title: str
    authors: tuple[str, ...]
    outlet: str | None
    outlet_url: str | None
    published: date | None
    language: str | None
    original_url: str | None
    permalink: str
    description: str | None = None
    keywords: tuple[str, ...] = ()


def _clean(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


def _http_url(url: str | None) -> str | None:
    """Only http(s) URLs, and without characters that could break out of a field."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")) or re.search(r"[\s{}\\\"<>]", url):
        return None
    return url


def article_citation(article, *, authors, permalink: str, tags=()) -> Citation:
    """The citation of ``article`` (with ``source`` loaded); ``authors`` and ``tags`` given."""
    source = article.source if article.source_id else None
    return Citation(
        slug=article.slug,
        title=_clean(article.title),
        authors=tuple(_clean(person.name) for person in authors if _clean(person.name)),
        outlet=_clean(source.name) if source else None,
        outlet_url=_http_url(source.homepage) if source else None,
        published=article.published,
        language=_clean(article.language) or None,
        original_url=_http_url(article.url),
        permalink=permalink,
        description=_clean(article.dek) or None,
        keywords=tuple(_clean(tag.name) for tag in tags),
    )


# --- Highwire Press meta tags (Zotero, Google Scholar) ----------------------------------


def highwire_tags(citation: Citation) -> list[tuple[str, str]]:
    tags = [("citation_title", citation.title)]
    tags += [("citation_author", name) for name in citation.authors]
    if citation.published:
        tags.append(("citation_publication_date", citation.published.strftime("%Y/%m/%d")))
    if citation.outlet:
        tags.append(("citation_journal_title", citation.outlet))
    if citation.language:
        tags.append(("citation_language", citation.language))
    tags.append(("citation_public_url", citation.permalink))
    tags.append(("citation_fulltext_html_url", citation.permalink))
    return tags


# --- schema.org NewsArticle ---------------------------------------------------------------


def json_ld(citation: Citation) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": citation.title,
        "url": citation.permalink,
        "mainEntityOfPage": citation.permalink,
    }
    if citation.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in citation.authors]
    if citation.published:
        data["datePublished"] = citation.published.isoformat()
    if citation.outlet:
        publisher = {"@type": "Organization", "name": citation.outlet}
        if citation.outlet_url:
            publisher["url"] = citation.outlet_url
        data["publisher"] = publisher
    if citation.language:
        data["inLanguage"] = citation.language
    if citation.original_url:
        data["isBasedOn"] = citation.original_url
    if citation.description:
        data["description"] = citation.description
    if citation.keywords:
        data["keywords"] = list(citation.keywords)
    return data


def json_ld_script(citation: Citation) -> SafeString:
    """The JSON-LD in a ``<script type="application/ld+json">`` data block, safely escaped."""
    payload = json.dumps(json_ld(citation), ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


# --- Text, BibTeX, CSL-JSON -------------------------------------------------------------


def _join_names(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def formatted(citation: Citation) -> str:
    """A plain-text reference: authors, “title”, outlet, date, original URL, archived copy."""
    parts = []
    if citation.authors:
        parts.append(f"{_join_names(citation.authors)}.")
    parts.append(f"“{citation.title.rstrip('.')}.”")
    where = [citation.outlet or ""]
    if citation.published:
        where.append(f"{citation.published.day} {citation.published:%B %Y}")
    where_text = ", ".join(part for part in where if part)
    if where_text:
        parts.append(f"{where_text}.")
    if citation.original_url:
        parts.append(f"{citation.original_url}.")
    parts.append(f"Archived in the {ARCHIVE_NAME}: {citation.permalink}.")
    return " ".join(parts)


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex_key(citation: Citation) -> str:
    key = re.sub(r"[^A-Za-z0-9-]", "", citation.slug)[:60].strip("-")
    return key or "article"


def bibtex(citation: Citation) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_text(citation.title) + "}")]
    if citation.authors:
        fields.append(("author", " and ".join(_bibtex_text(name) for name in citation.authors)))
    if citation.outlet:
        fields.append(("journal", _bibtex_text(citation.outlet)))
    if citation.published:
        fields.append(("year", str(citation.published.year)))
        fields.append(("month", MONTHS[citation.published.month - 1]))
        fields.append(("date", citation.published.isoformat()))
    if citation.language:
        fields.append(("language", _bibtex_text(citation.language)))
    fields.append(("url", citation.original_url or citation.permalink))
    fields.append(("note", f"Archived in the {ARCHIVE_NAME}: \\url{{{citation.permalink}}}"))
    entry_type = "article" if citation.outlet else "misc"
    lines = [f"@{entry_type}{{{bibtex_key(citation)},"]
    for name, value in fields:
        rendered = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name} = {rendered},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def csl_json(citation: Citation) -> dict:
    item: dict = {
        "id": citation.slug,
        "type": "article-newspaper",
        "title": citation.title,
        "URL": citation.original_url or citation.permalink,
        "archive": ARCHIVE_NAME,
        "archive_location": citation.permalink,
    }
    if citation.authors:
        # Names are kept whole: splitting "given" from "family" would be a guess.
        item["author"] = [{"literal": name} for name in citation.authors]
    if citation.outlet:
        item["container-title"] = citation.outlet
    if citation.published:
        day = citation.published
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if citation.language:
        item["language"] = citation.language
    if citation.description:
        item["abstract"] = citation.description
    return item
