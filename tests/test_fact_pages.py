"""/facts/ and /quotes/ a page at a time, each group with its first reports, in fixed queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Fact
from articles.selectors.facts import FACT_GROUPS_PER_PAGE, FACT_REPORTS_SHOWN, fact_group_page
from tests.factories import ArticleFactory, FactFactory

pytestmark = pytest.mark.django_db


def test_groups_are_paginated_and_reports_capped_with_the_full_count(client):
    widely = [ArticleFactory() for _ in range(FACT_REPORTS_SHOWN + 5)]
    for article in widely:
        FactFactory(article=article, value="USD 25000000", text="$25 million")
    for n in range(FACT_GROUPS_PER_PAGE + 3):
        FactFactory(kind=Fact.Kind.PERCENT, value=f"{n + 1}%", text=f"{n + 1}%")
    first = client.get(reverse("articles:fact-list"))
    groups = first.context["groups"]
    assert len(groups) == FACT_GROUPS_PER_PAGE
    top = groups[0]
    assert (top.value, top.article_count, len(top.facts)) == (
        "USD 25000000",
        FACT_REPORTS_SHOWN + 5,
        FACT_REPORTS_SHOWN,
    )
    html = first.content.decode()
    assert f"· {FACT_REPORTS_SHOWN + 5} articles</span>" in html
    assert "5 more articles report this value" in html
    # Percentages in numeric order after the money group, continued on page 2.
    assert [g.value for g in groups[1:4]] == ["1%", "2%", "3%"]
    second = client.get(reverse("articles:fact-list"), {"page": 2}).context["groups"]
    assert [g.value for g in second] == [f"{n}%" for n in range(FACT_GROUPS_PER_PAGE, 34)]


def test_query_count_does_not_grow_with_facts(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("articles:fact-list")).status_code == 200
        return len(captured)

    FactFactory()
    few = queries()
    for n in range(60):
        FactFactory(value=f"USD {n}000000", text=f"${n} million")
        FactFactory(kind=Fact.Kind.PERCENT, value=f"{n}%", text=f"{n}%")
    assert queries() == few


def test_quote_list_caps_reports_per_statement_and_its_page_shows_all(client):
    from articles.views.coverage import QUOTE_REPORTS_SHOWN
    from tests.factories import QuoteClusterFactory, QuoteFactory

    cluster = QuoteClusterFactory(key="widely", representative="We support the talks.")
    for _ in range(QUOTE_REPORTS_SHOWN + 5):
        QuoteFactory(cluster=cluster)
    listed = client.get(reverse("articles:quote-list"))
    (shown,) = listed.context["clusters"]
    assert len(shown.quotes.all()) == QUOTE_REPORTS_SHOWN
    html = listed.content.decode()
    assert f"{QUOTE_REPORTS_SHOWN + 5} reports, the first {QUOTE_REPORTS_SHOWN} shown" in html
    own = client.get(reverse("articles:quote-cluster", args=["widely"])).content.decode()
    assert own.count('class="reported-quote"') == QUOTE_REPORTS_SHOWN + 5
    assert f"{QUOTE_REPORTS_SHOWN + 5} reports</span>" in own


def test_a_value_shows_the_reports_of_the_articles_added_most_recently(client, monkeypatch):
    """Each value's shown reports are those of the articles added last (read from the value's
    index, not every report sorted), listed by outlet; the page says which they are."""
    from articles.selectors import facts as fact_selectors
    from tests.factories import SourceFactory

    monkeypatch.setattr(fact_selectors, "FACT_REPORTS_SHOWN", 2)
    outlets = [SourceFactory(name=f"Outlet {letter}") for letter in "ABCD"]
    for outlet in outlets:  # added A, B, C, D: the last two added are C and D
        FactFactory(article=ArticleFactory(source=outlet), value="USD 25000000", text="$25m")
    response = client.get(reverse("articles:fact-list"))
    (group,) = response.context["groups"]
    assert [fact.article.source.name for _, fact in group.facts] == ["Outlet C", "Outlet D"]
    assert (
        "The reports of the articles added most recently are shown; 2 more articles report "
        "this value." in response.content.decode()
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans")
def test_the_figures_of_a_scope_are_counted_from_an_index_alone():
    """The figures page's count of each value over the scope's keys reads each article's
    figures from the index led by the article, with no visit to the table per figure."""
    import json

    from articles.selectors.common import article_scope

    for n in range(3):
        FactFactory(article=ArticleFactory(), value=f"USD {n + 1}000000", text="$1m")
    scope = article_scope(None, limit=2)  # fewer than the archive holds: counted by key
    assert scope.capped
    with CaptureQueriesContext(connection) as captured:
        fact_group_page(articles=scope)
    (sql,) = [q["sql"] for q in captured.captured_queries if "COUNT(DISTINCT" in q["sql"]]
    with connection.cursor() as cursor:
        # As on a large table: neither a whole scan nor a bitmap of the table's pages.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan

    def scans(node: dict) -> list[tuple[str, str]]:
        own = [(node["Node Type"], node.get("Index Name", ""))]
        found = own if node.get("Relation Name") == "articles_fact" else []
        return found + [scan for child in node.get("Plans", ()) for scan in scans(child)]

    assert scans(plan[0]["Plan"]) == [("Index Only Scan", "fact_article_idx")]
