"""Citation downloads for one article: BibTeX and CSL-JSON, for reference managers."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from articles import citations
from articles.selectors.articles import articles_all


def _citation(request, slug: str) -> citations.Citation:
    article = get_object_or_404(articles_all().for_list(), slug=slug)
    return citations.article_citation(
        article,
        authors=article.authors.all(),
        tags=article.tags.all(),
        permalink=request.build_absolute_uri(article.get_absolute_url()),
    )


def _attachment(content: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def cite_bib(request, slug: str):
    citation = _citation(request, slug)
    return _attachment(
        citations.bibtex(citation),
        content_type="application/x-bibtex; charset=utf-8",
        filename=f"{citations.bibtex_key(citation)}.bib",
    )


def cite_json(request, slug: str):
    citation = _citation(request, slug)
    return _attachment(
        json.dumps([citations.csl_json(citation)], ensure_ascii=False, indent=2) + "\n",
        content_type="application/vnd.citationstyles.csl+json; charset=utf-8",
        filename=f"{citations.bibtex_key(citation)}.json",
    )
