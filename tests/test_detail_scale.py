"""Detail pages whose lists grow with the archive or with one long document are cut or paged.

A statement's own page shows its reports a page at a time; the article page's "Show all"
lists at most a fixed number; the comparison lists at most a fixed number of rows of each
kind; the API's record of an article gives its mentions, quotes and figures a thousand at a
time. Each cap is made small here, and each page must show what is inside it, say so, and
make as many queries with many rows as with few.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.api import representations
from articles.views import browse
from articles.views import coverage as coverage_views
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    FactFactory,
    MentionFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def reported():
    """One statement reported by seven articles, each from its own outlet (A to G, added in
    that order)."""
    speaker = PersonFactory(name="Aigerim Tulegenova", slug="aigerim-tulegenova")
    cluster = QuoteClusterFactory(key="we-agree", representative="We agree.", speaker=speaker)
    for letter in "ABCDEFG":
        article = ArticleFactory(
            title=f"Talks in {letter}",
            source=SourceFactory(name=f"Outlet {letter}", slug=f"outlet-{letter.lower()}"),
        )
        QuoteFactory(article=article, start=0, text="We agree.", speaker=speaker, cluster=cluster)
    return cluster


def test_a_statement_page_shows_its_reports_a_page_at_a_time(client, reported, monkeypatch):
    monkeypatch.setattr(coverage_views, "CLUSTER_REPORTS_PER_PAGE", 3)
    url = reverse("articles:quote-cluster", args=[reported.key])
    first = client.get(url)
    html = first.content.decode()
    assert "Aigerim Tulegenova, as reported by 7 articles" in html
    assert (
        "7 reports, 3 a page, those of the articles added most recently first; "
        "the download has every one." in html
    )
    assert "7 reports, 1 to 3 shown" in html
    shown = [quote.article.source.name for quote in first.context["reports"]]
    assert shown == ["Outlet G", "Outlet F", "Outlet E"]  # the articles added last first
    last = client.get(url, {"page": 3})
    assert [quote.article.source.name for quote in last.context["reports"]] == ["Outlet A"]
    assert "7 reports, 7 to 7 shown" in last.content.decode()


def test_a_statement_page_makes_as_many_queries_for_many_reports_as_for_few(client, reported):
    url = reverse("articles:quote-cluster", args=[reported.key])
    few = _queries(client, url)
    for number in range(60):  # more than a page
        QuoteFactory(
            article=ArticleFactory(title=f"More talks {number}"),
            start=0,
            text="We agree.",
            cluster=reported,
        )
    assert _queries(client, url) == few
    response = client.get(url)
    assert len(response.context["reports"]) == coverage_views.CLUSTER_REPORTS_PER_PAGE
    assert "as reported by 67 articles" in response.content.decode()


def test_a_statement_page_on_one_page_has_no_paging_note(client, reported):
    html = client.get(reverse("articles:quote-cluster", args=[reported.key])).content.decode()
    assert "a page, those of the articles" not in html
    assert "· 7 reports</span>" in html
    assert html.count('class="reported-quote"') == 7


@pytest.fixture
def quoted():
    """An article with five quotes of one person."""
    speaker = PersonFactory(name="Daniyar Serikbayev", slug="daniyar-serikbayev")
    article = ArticleFactory(title="Five statements", body="x" * 200)
    for number in range(5):
        QuoteFactory(
            article=article, start=number * 20, text=f"Statement number {number}.", speaker=speaker
        )
    return article


def test_show_all_lists_at_most_a_fixed_number_of_quotes_and_says_so(client, quoted, monkeypatch):
    monkeypatch.setattr(browse, "QUOTES_LISTED", 2)
    monkeypatch.setattr(browse, "ALL_LISTED", 3)
    url = quoted.get_absolute_url()
    html = client.get(url).content.decode()
    assert "The first 2 of 5 quotes" in html
    assert "Show the first 3</a>" in html
    response = client.get(url, {"all": "1"})
    html = response.content.decode()
    assert [q.text for q in response.context["quotes_listed"]] == [
        "Statement number 0.",
        "Statement number 1.",
        "Statement number 2.",
    ]
    assert "The first 3 of 5 quotes" in html
    assert "No more than 3 are listed on one page." in html
    # Links to the quotes not listed still land in the section.
    for quote in response.context["quotes_unlisted"]:
        assert f'id="quote-{quote.pk}"' in html


def test_show_all_lists_every_quote_under_the_cap(client, quoted, monkeypatch):
    monkeypatch.setattr(browse, "QUOTES_LISTED", 2)
    html = client.get(quoted.get_absolute_url()).content.decode()
    assert "Show all 5</a>" in html
    response = client.get(quoted.get_absolute_url(), {"all": "1"})
    assert len(response.context["quotes_listed"]) == 5
    assert "of 5 quotes" not in response.content.decode()


def test_the_comparison_lists_at_most_a_fixed_number_of_each_and_says_so(client, monkeypatch):
    monkeypatch.setattr(coverage_views, "COMPARE_LISTED", 2)
    person = PersonFactory(name="Aliya Nurpeisova", slug="aliya-nurpeisova")
    a = ArticleFactory(title="Many quotes", slug="many-quotes")
    b = ArticleFactory(title="Few quotes", slug="few-quotes")
    for number in range(4):
        QuoteFactory(article=a, start=number * 20, text=f"Only here {number}.", speaker=person)
        FactFactory(
            article=a, start=number * 20, text=f"${number + 1} million", value=f"USD {number}"
        )
    for start in (0, 30, 60):
        MentionFactory(article=a, person=person, start=start, text="Aliya")
    MentionFactory(article=b, person=person, start=0, text="Aliya")
    response = client.get(reverse("articles:compare"), {"a": a.slug, "b": b.slug})
    html = response.content.decode()
    assert "The first 2 of 4 quotes, in the order of the text" in html
    assert "The first 2 of 4 figures, in the order of the text" in html
    assert "Only here 1." in html and "Only here 2." not in html
    # Mentions are counted per person in the database, not one by one.
    assert response.context["comparison"].shared_people == [(person, 3, 1)]


def test_the_comparison_makes_as_many_queries_for_a_long_article_as_for_a_short_one(client):
    person = PersonFactory(name="Aliya Nurpeisova", slug="aliya-nurpeisova")
    a = ArticleFactory(title="Growing", slug="growing")
    b = ArticleFactory(title="Other", slug="other")
    cluster = QuoteClusterFactory(key="shared", speaker=person)
    for article in (a, b):
        QuoteFactory(article=article, start=0, speaker=person, cluster=cluster)
        MentionFactory(article=article, person=person, start=0, text="Aliya")
        MentionFactory(article=article, country=CountryFactory(), start=50, text="Kazakhstan")
    url = f"{reverse('articles:compare')}?a={a.slug}&b={b.slug}"
    few = _queries(client, url)
    for number in range(80):
        MentionFactory(article=a, person=PersonFactory(), start=100 + number * 10, text="Name")
        QuoteFactory(article=a, start=100 + number * 10, speaker=person, cluster=cluster)
        FactFactory(article=a, start=number * 10, value=f"USD {number}")
    assert _queries(client, url) == few


@pytest.fixture
def long_record():
    """An article with five mentions, three quotes and one figure."""
    article = ArticleFactory(title="Long record", slug="long-record", body="y" * 300)
    person = PersonFactory(name="Nurlan Abenov", slug="nurlan-abenov")
    for number in range(5):
        MentionFactory(article=article, person=person, start=number * 10, text="Nurlan")
    for number in range(3):
        QuoteFactory(article=article, start=100 + number * 20, text=f"Quote {number}.")
    FactFactory(article=article, start=200)
    return article


def test_the_api_record_gives_each_list_a_fixed_number_at_a_time(client, long_record, monkeypatch):
    monkeypatch.setattr(representations, "ITEMS_PER_RECORD", 2)
    url = reverse("api:article", kwargs={"slug": long_record.slug})
    data = client.get(url).json()
    assert data["body"] == "y" * 300
    assert (data["mentions_total"], data["quotes_total"], data["facts_total"]) == (5, 3, 1)
    assert [m["start"] for m in data["mentions"]] == [0, 10]
    assert [q["text"] for q in data["quotes"]] == ["Quote 0.", "Quote 1."]
    assert len(data["facts"]) == 1
    assert data["items_offset"] == 0
    starts, quotes, pages = [], [], 0
    while url:
        data = client.get(url).json()
        starts += [m["start"] for m in data["mentions"]]
        quotes += [q["text"] for q in data["quotes"]]
        url, pages = data["items_next"], pages + 1
    assert starts == [0, 10, 20, 30, 40]
    assert quotes == ["Quote 0.", "Quote 1.", "Quote 2."]
    assert pages == 3
    assert data["items_offset"] == 4


def test_the_api_record_refuses_a_negative_offset(client, long_record):
    url = reverse("api:article", kwargs={"slug": long_record.slug})
    assert client.get(url, {"offset": "-1"}).status_code == 400


def test_the_api_record_makes_as_many_queries_for_many_items_as_for_few(client, long_record):
    url = reverse("api:article", kwargs={"slug": long_record.slug})
    few = _queries(client, url)
    person = PersonFactory()
    for number in range(50):
        MentionFactory(article=long_record, person=person, start=1000 + number * 10)
    assert _queries(client, url) == few
    assert client.get(url).json()["items_next"] is None


def test_the_coverage_page_makes_the_same_queries_with_blind_spots_as_without(client):
    state = SourceFactory(name="State Daily", slug="state-daily", kind="state_owned")
    private = SourceFactory(name="Private Post", slug="private-post", kind="private")
    everyone = PersonFactory(name="Aigerim Both", slug="aigerim-both")
    for source in (state, private):
        article = ArticleFactory(title=f"Talks in {source.name}", source=source)
        MentionFactory(article=article, person=everyone, start=0, text="Aigerim")
    url = reverse("articles:coverage-matrix")
    none = _queries(client, url)
    assert client.get(url).context["blind_spots"].people == []
    one_sided = ArticleFactory(title="Only the state says", source=state)
    MentionFactory(
        article=one_sided, person=PersonFactory(name="Berik Once", slug="berik-once"), start=0
    )
    cluster = QuoteClusterFactory(key="only-state")
    QuoteFactory(article=one_sided, start=20, cluster=cluster)
    spots = client.get(url).context["blind_spots"]
    assert [spot.label for spot in spots.people] == ["Berik Once"]
    assert len(spots.quotes) == 1
    assert _queries(client, url) == none


@pytest.fixture
def shared_person(monkeypatch):
    """A hub article naming one person, and a tag; each shared item's list cut at 2."""
    from articles.models import ArticleTag
    from articles.selectors import coverage as related_selectors
    from tests.factories import TagFactory

    monkeypatch.setattr(related_selectors, "RELATED_PER_ITEM", 2)
    person, tag = PersonFactory(name="Mukhtar Tileuberdi"), TagFactory(name="Water")
    hub = ArticleFactory(slug="hub", title="Hub")
    MentionFactory(article=hub, person=person, start=0)
    ArticleTag.objects.create(article=hub, tag=tag)
    return hub, person, tag


def test_related_coverage_looks_at_each_items_newest_and_scores_them_on_everything(
    client, shared_person
):
    """An older article beyond the person's newest two is found through the tag it shares,
    and then counted on everything it shares; one that shares only the person is not found."""
    from articles.models import ArticleTag

    hub, person, tag = shared_person
    oldest, older, newer, newest = (ArticleFactory(title=f"Visit {n}") for n in range(4))
    for other in (oldest, older, newer, newest):
        MentionFactory(article=other, person=person, start=0)
    ArticleTag.objects.create(article=oldest, tag=tag)

    response = client.get(hub.get_absolute_url())
    related = [(item.article, item.reasons) for item in response.context["related"]]
    assert related == [
        (oldest, "1 person, 1 tag in common"),
        (newer, "1 person in common"),
        (newest, "1 person in common"),
    ]
    assert (
        "Chosen among the 2 articles added most recently that share each of its people, "
        "countries, tags, quotes and figures."
    ) in response.content.decode()


def test_an_article_reporting_a_statement_twice_takes_one_place_in_its_list(client, shared_person):
    """Each item's list holds its newest articles, each once: an article quoting the same
    statement twice does not push an older one out of the statement's two."""
    hub, _, _ = shared_person
    cluster = QuoteClusterFactory(key="we-agree", representative="We agree.")
    QuoteFactory(article=hub, start=0, text="We agree.", cluster=cluster)
    older, newer = ArticleFactory(title="Earlier report"), ArticleFactory(title="Later report")
    QuoteFactory(article=older, start=0, text="We agree.", cluster=cluster)
    for start in (0, 100):
        QuoteFactory(article=newer, start=start, text="We agree.", cluster=cluster)

    related = [
        (item.article, item.reasons)
        for item in client.get(hub.get_absolute_url()).context["related"]
    ]
    assert related == [(older, "1 quote in common"), (newer, "1 quote in common")]


def _scan_rows(sql: str) -> int:
    """Rows PostgreSQL's scans read for ``sql`` (index entries and table rows), by EXPLAIN
    ANALYZE with sequential scans priced out, as on a table too large to read whole."""
    import json

    def rows(node: dict) -> int:
        own = node["Actual Rows"] * node["Actual Loops"] if "Scan" in node["Node Type"] else 0
        return own + sum(rows(child) for child in node.get("Plans", ()))

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        cursor.execute("SET LOCAL enable_seqscan = on")
    return rows(plan[0]["Plan"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans")
def test_related_coverage_reads_no_more_rows_when_more_articles_share_an_item(
    client, shared_person
):
    """Related coverage reads each item's newest articles and then the candidates' own rows:
    with five times as many articles naming the person, the article page's statements read
    the same number of rows (an uncut list of the person's articles would read them all)."""
    hub, person, _ = shared_person

    def page_rows() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(hub.get_absolute_url()).status_code == 200
        statements = [q["sql"] for q in captured.captured_queries]
        selects = [sql for sql in statements if sql.lstrip("( ").startswith("SELECT")]
        return len(statements), sum(_scan_rows(sql) for sql in selects)

    for number in range(3):
        MentionFactory(article=ArticleFactory(title=f"Visit {number}"), person=person, start=0)
    few = page_rows()
    for number in range(12):
        MentionFactory(article=ArticleFactory(title=f"Tour {number}"), person=person, start=0)
    assert page_rows() == few
