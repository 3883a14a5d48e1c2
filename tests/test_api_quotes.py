"""``/api/v1/quotes/`` and a statement's record: at most a few reports per statement on the
list, with the statement's full count and the address of the record that pages on."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.api import entities
from articles.api.representations import REPORTS_PER_CLUSTER
from articles.models import QuoteClusterAlias
from tests.factories import ArticleFactory, QuoteClusterFactory, QuoteFactory, SourceFactory

QUOTES = "/api/v1/quotes/"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    return response.json()


def statement(key: str, reports: int, *, repeated_in: int = 0):
    """A statement reported once by each of ``reports`` articles, and a second time by the
    first ``repeated_in`` of them."""
    cluster = QuoteClusterFactory(key=key, representative=f"Statement {key}.")
    source = SourceFactory()
    quotes = []
    for n in range(reports):
        article = ArticleFactory(source=source, title=f"{key} report {n}")
        quotes.append(QuoteFactory(article=article, cluster=cluster, start=10, text=f"{key} {n}"))
        if n < repeated_in:
            quotes.append(QuoteFactory(article=article, cluster=cluster, start=90, text="again"))
    return cluster, quotes


def newest_first(quotes) -> list[tuple[str, int]]:
    """The order the API gives a statement's reports: the articles added last first."""
    ordered = sorted(quotes, key=lambda q: (-q.article_id, q.start, q.pk))
    return [(q.article.slug, q.start) for q in ordered]


def shown(rows) -> list[tuple[str, int]]:
    return [(row["article"], row["start"]) for row in rows]


def test_the_list_carries_a_statements_first_reports_with_its_count_and_next_record(client, db):
    cluster, quotes = statement("wide", REPORTS_PER_CLUSTER + 5, repeated_in=3)
    small, few = statement("narrow", 2)

    rows = {row["key"]: row for row in get_json(client, QUOTES)["results"]}

    wide = rows["wide"]
    assert shown(wide["reports"]) == newest_first(quotes)[:REPORTS_PER_CLUSTER]
    assert wide["report_count"] == REPORTS_PER_CLUSTER + 8
    assert wide["article_count"] == REPORTS_PER_CLUSTER + 5
    assert wide["reports_offset"] == 0
    assert (
        wide["reports_next"]
        == f"http://testserver/api/v1/quotes/wide/?offset={REPORTS_PER_CLUSTER}"
    )
    narrow = rows["narrow"]
    assert shown(narrow["reports"]) == newest_first(few)
    assert (narrow["report_count"], narrow["article_count"]) == (2, 2)
    assert narrow["reports_next"] is None


def test_a_statements_record_pages_through_every_report_once(client, db, monkeypatch):
    monkeypatch.setattr(entities, "REPORTS_PER_RECORD", 7)
    cluster, quotes = statement("wide", 30, repeated_in=2)
    statement("other", 3)

    record = get_json(client, f"{QUOTES}wide/")
    assert (record["key"], record["report_count"], record["article_count"]) == ("wide", 32, 30)
    seen, offsets = shown(record["reports"]), [record["reports_offset"]]
    while record["reports_next"]:
        record = get_json(client, record["reports_next"])
        seen += shown(record["reports"])
        offsets.append(record["reports_offset"])
    assert seen == newest_first(quotes)
    assert offsets == [0, 7, 14, 21, 28]
    # Following the list's link goes on where the list stopped.
    listed = next(r for r in get_json(client, QUOTES)["results"] if r["key"] == "wide")
    assert shown(get_json(client, listed["reports_next"])["reports"]) == seen[20:27]


def test_a_statements_record_of_an_unknown_or_merged_key(client, db):
    cluster, _ = statement("kept", 2)
    QuoteClusterAlias.objects.create(key="merged", cluster=cluster)

    assert get_json(client, f"{QUOTES}nothing/", status=404) == {"detail": "Not Found"}
    moved = client.get(f"{QUOTES}merged/")
    assert (moved.status_code, moved["Location"]) == (301, f"{QUOTES}kept/")
    assert get_json(client, f"{QUOTES}kept/", status=400, offset=-1)["errors"]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_queries_do_not_grow_with_a_statements_reports(client, db):
    statement("a", 3)
    statement("b", 2)
    before = queries(client, QUOTES), queries(client, f"{QUOTES}a/")
    statement("c", 3 * REPORTS_PER_CLUSTER)
    statement("d", 2 * REPORTS_PER_CLUSTER, repeated_in=REPORTS_PER_CLUSTER)

    assert (queries(client, QUOTES), queries(client, f"{QUOTES}c/")) == before
    counts = {
        row["key"]: (len(row["reports"]), row["report_count"])
        for row in get_json(client, QUOTES)["results"]
    }
    assert counts == {
        "a": (3, 3),
        "b": (2, 2),
        "c": (REPORTS_PER_CLUSTER, 3 * REPORTS_PER_CLUSTER),
        "d": (REPORTS_PER_CLUSTER, 3 * REPORTS_PER_CLUSTER),
    }
