"""Downloads of what a reader filtered: articles as CSV or JSON Lines, a quote cluster as CSV.

Responses stream: rows are read from the database in chunks (``iterator(chunk_size=...)``)
and written out one by one, so an export of 100,000 articles never sits in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse

from articles.filters import ArticleFilter
from articles.models import Quote
from articles.selectors.quotes import quote_cluster_rows
from articles.services.exporting import EXPORT_KEYS, article_record

CHUNK_SIZE = 500
CSV = "text/csv; charset=utf-8"
# A cell starting with one of these is a formula to a spreadsheet; prefix it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

QUOTE_COLUMNS = (
    "cluster_key",
    "cluster_speaker",
    "article_slug",
    "article_title",
    "source",
    "published",
    "article_url",
    "speaker",
    "speaker_text",
    "text",
    "part",
    "start",
    "end",
)


class _Echo:
    """A file-like object whose ``write`` hands the line back, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([spreadsheet_safe(value) for value in row])


def _download(lines: Iterator[str], *, content_type: str, filename: str):
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filtered_articles(request):
    """The articles ``/articles/`` shows for this query string, or the reasons it cannot."""
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        return None, ["Parameters must not contain NUL characters."]
    filterset = ArticleFilter(request.GET, request=request)
    if not filterset.is_valid():
        return None, [
            f"{field}: {message}" if field else message for field, message in filterset.refusals()
        ]
    return filterset.qs.for_export(), []


def _refused(errors: list[str]):
    text = "The download was not made; these filters could not be used:\n" + "\n".join(errors)
    return HttpResponseBadRequest(text + "\n", content_type="text/plain; charset=utf-8")


def _records(articles) -> Iterator[dict]:
    for article in articles.iterator(chunk_size=CHUNK_SIZE):
        yield article_record(article)


def _csv_cell(value):
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # quotes: keep speaker and text together
            return json.dumps(value, ensure_ascii=False)
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def article_export_csv(request):
    """``/articles/export.csv?<filters>``: the export keys as columns, lists joined by ``; ``."""
    articles, errors = _filtered_articles(request)
    if errors:
        return _refused(errors)
    rows = ([_csv_cell(record[key]) for key in EXPORT_KEYS] for record in _records(articles))
    return _download(csv_lines(EXPORT_KEYS, rows), content_type=CSV, filename="articles.csv")


def article_export_jsonl(request):
    """``/articles/export.jsonl?<filters>``: one ``export_archive`` record per line."""
    articles, errors = _filtered_articles(request)
    if errors:
        return _refused(errors)
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in _records(articles))
    return _download(
        lines, content_type="application/x-ndjson; charset=utf-8", filename="articles.jsonl"
    )


def quote_cluster_export_csv(request, key: str):
    """``/quotes/<key>/export.csv``: every article's report of one statement."""
    cluster, quotes = quote_cluster_rows(key)
    if cluster is None:
        raise Http404("No such quote cluster.")
    speaker = cluster.speaker.name if cluster.speaker_id else ""

    def rows():
        for quote in quotes.iterator(chunk_size=CHUNK_SIZE):
            article = quote.article
            yield (
                cluster.key,
                speaker,
                article.slug,
                article.title,
                article.source.name if article.source_id else "",
                article.published.isoformat() if article.published else "",
                request.build_absolute_uri(article.get_absolute_url()),
                quote.speaker.name if quote.speaker_id else "",
                quote.speaker_text,
                quote.text,
                Quote.Part(quote.part).name.lower(),
                quote.start,
                quote.end,
            )

    return _download(
        csv_lines(QUOTE_COLUMNS, rows()),
        content_type=CSV,
        filename=f"quote-{cluster.key}.csv",
    )
