"""Downloads of a filtered list (CSV, JSON Lines) and of a quote cluster (CSV), streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Person, QuoteCluster
from articles.services.exporting import EXPORT_KEYS
from articles.views import downloads


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def command_records() -> dict[str, dict]:
    out = io.StringIO()
    call_command("export_archive", stdout=out)
    records = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return {record["slug"]: record for record in records}


def test_jsonl_rows_are_export_archive_records_for_the_filter(client, seeded):
    response = client.get("/articles/export.jsonl", {"person": "antony-blinken", "sort": "title"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="articles.jsonl"' in response["Content-Disposition"]
    rows = [json.loads(line) for line in body(response).splitlines()]
    blinken = Person.objects.get(slug="antony-blinken")
    expected = list(
        Article.objects.mentioning_person(blinken).order_by("title").values_list("slug", flat=True)
    )
    assert [row["slug"] for row in rows] == expected and expected
    by_command = command_records()
    for row in rows:
        assert tuple(row) == EXPORT_KEYS
        assert row == by_command[row["slug"]]


def test_unfiltered_jsonl_matches_the_whole_export(client, seeded):
    rows = [json.loads(line) for line in body(client.get("/articles/export.jsonl")).splitlines()]
    assert {row["slug"]: row for row in rows} == command_records()


def test_csv_has_the_export_keys_as_columns(client, seeded):
    response = client.get("/articles/export.csv", {"source": "caravanserai"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="articles.csv"' in response["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(body(response)))
    assert tuple(reader.fieldnames) == EXPORT_KEYS
    (row,) = list(reader)
    article = Article.objects.get(source__slug="caravanserai")
    assert row["slug"] == article.slug
    assert row["title"] == article.title
    assert row["source"] == "Caravanserai"
    assert row["authors"] == "Kanat Altynbayev; Rustam Temirov"
    assert row["published"] == ""  # unknown stays empty
    assert row["body"] == article.body
    quotes = json.loads(row["quotes"])
    assert [q["text"] for q in quotes] == list(
        article.quotes.order_by("start").values_list("text", flat=True)
    )


def test_csv_cells_cannot_become_spreadsheet_formulas(client, seeded):
    article = Article.objects.get(source__slug="caravanserai")
    article.title = '=HYPERLINK("http://evil.example","click")'
    article.save()
    response = client.get("/articles/export.csv", {"source": "caravanserai"})
    (row,) = list(csv.DictReader(io.StringIO(body(response))))
    assert row["title"] == "'" + article.title


def test_exports_stream_in_chunks(client, seeded, monkeypatch):
    monkeypatch.setattr(downloads, "CHUNK_SIZE", 2)
    total = Article.objects.count()
    response = client.get("/articles/export.jsonl")
    with CaptureQueriesContext(connection) as captured:
        lines = body(response).splitlines()
    assert len(lines) == total == 5
    author_queries = [q for q in captured if "articles_article_authors" in q["sql"]]
    assert len(author_queries) == 3  # one prefetch per chunk of two: the rows arrive in chunks


def test_queries_per_export_do_not_grow_with_rows_in_a_chunk(client, seeded):
    def count(query):
        with CaptureQueriesContext(connection) as captured:
            body(client.get("/articles/export.csv", query))
        return len(captured)

    assert count({"source": "caravanserai"}) == count({"person": "antony-blinken"})


@pytest.mark.parametrize("url", ["/articles/export.csv", "/articles/export.jsonl"])
@pytest.mark.parametrize(
    "query",
    [
        {"person": "nobody"},
        {"published_after": "2023-02-30"},
        {"sort": "random"},
    ],
)
def test_bad_filters_refuse_the_download(client, seeded, url, query):
    response = client.get(url, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "could not be used" in response.content.decode()


@pytest.mark.parametrize("url", ["/articles/export.csv", "/articles/export.jsonl"])
@pytest.mark.parametrize("query", [{"q": "Blinken\x00"}, {"country": "\x00"}])
def test_nul_bytes_refuse_the_download_before_any_query(
    client, seeded, url, query, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(url, query)
    assert response.status_code == 400


def test_list_page_links_downloads_with_the_active_filters(client, seeded):
    html = client.get("/articles/", {"person": "antony-blinken", "sort": "title"}).content.decode()
    assert 'href="/articles/export.csv?person=antony-blinken&amp;sort=title"' in html
    assert 'href="/articles/export.jsonl?person=antony-blinken&amp;sort=title"' in html
    assert 'href="/api/v1/articles/?person=antony-blinken&amp;sort=title"' in html


def test_list_page_offers_no_download_for_refused_filters(client, seeded):
    html = client.get("/articles/", {"person": "nobody"}).content.decode()
    assert "/articles/export.csv" not in html


def test_quote_cluster_csv_has_every_report(client, seeded):
    cluster = QuoteCluster.objects.filter(speaker__slug="antony-blinken").first()
    response = client.get(f"/quotes/{cluster.key}/export.csv")
    assert response.status_code == 200
    assert f'filename="quote-{cluster.key}.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    quotes = cluster.quotes.select_related("article")
    assert sorted(r["text"] for r in rows) == sorted(q.text for q in quotes)
    assert {r["article_slug"] for r in rows} == {q.article.slug for q in quotes}
    assert all(r["cluster_key"] == cluster.key for r in rows)
    assert all(r["cluster_speaker"] == "Antony Blinken" for r in rows)
    assert all(r["article_url"].startswith("http://testserver/articles/") for r in rows)


def test_quote_cluster_page_links_its_csv(client, seeded):
    cluster = QuoteCluster.objects.first()
    html = client.get(cluster.get_absolute_url()).content.decode()
    assert f'href="/quotes/{cluster.key}/export.csv"' in html


def test_unknown_cluster_download_is_404(client, seeded):
    assert client.get("/quotes/no-such-key/export.csv").status_code == 404
