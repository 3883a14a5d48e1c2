"""The read-only JSON API: filters as on /articles/, cursors, 400s, schema, docs, throttling."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from model_bakery import baker

from articles.models import (
    Article,
    ArticleTag,
    Country,
    Mention,
    Person,
    Quote,
    QuoteCluster,
    Source,
    Tag,
)

ARTICLES = "/api/v1/articles/"


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The throttle counts live in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def walk(client, url, **params):
    """Every row of a list, following ``next`` links."""
    rows, page = [], get_json(client, url, **params)
    rows.extend(page["results"])
    while page["next"]:
        page = get_json(client, page["next"])
        rows.extend(page["results"])
    return rows


def web_list_slugs(client, query: dict) -> list[str]:
    """What the HTML article list shows for the same query string, across all its pages."""
    slugs, number = [], 1
    while True:
        response = client.get(reverse("articles:list"), {**query, "page": number})
        slugs.extend(article.slug for article in response.context["articles"])
        if not response.context["page_obj"].has_next():
            return slugs
        number += 1


# --- Articles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"person": "antony-blinken"},
        {"country": "KZ"},
        {"source": "caravanserai"},
        {"source": "unattributed"},
        {"q": "Ukraine"},
        {"q": "Tokayev", "sort": "title"},
        {"sort": "mentions"},
        {"sort": "oldest", "country": "uz"},
    ],
)
def test_article_list_applies_the_article_list_filters(client, seeded, query):
    expected = web_list_slugs(client, query)
    rows = walk(client, ARTICLES, page_size=2, **query)
    assert [row["slug"] for row in rows] == expected


def test_article_list_filters_by_tag_and_dates(client, seeded):
    tag = Tag.objects.create(name="C5+1", slug="c5-1")
    tagged, dated = Article.objects.order_by("slug")[:2]
    ArticleTag.objects.create(article=tagged, tag=tag)
    dated.published = "2023-02-28"
    dated.save()
    assert [r["slug"] for r in walk(client, ARTICLES, tag="c5-1")] == [tagged.slug]
    rows = walk(client, ARTICLES, published_after="2023-02-28", published_before="2023-02-28")
    assert [r["slug"] for r in rows] == [dated.slug]
    assert rows[0]["published"] == "2023-02-28"
    assert [r["slug"] for r in walk(client, ARTICLES, published_after="2023-03-01")] == []


def test_article_rows_carry_what_the_list_shows(client, seeded):
    article = Article.objects.get(slug__startswith="blinkens-visit-to-central-asia")
    row = next(r for r in walk(client, ARTICLES) if r["slug"] == article.slug)
    assert row["title"] == article.title
    assert row["source"] == {"slug": article.source.slug, "name": article.source.name}
    assert [a["name"] for a in row["authors"]] == ["Kanat Altynbayev", "Rustam Temirov"]
    assert row["published"] is None  # unknown stays unknown
    assert row["original_url"] is None
    assert row["html_url"] == f"http://testserver/articles/{article.slug}/"
    assert row["api_url"] == f"http://testserver/api/v1/articles/{article.slug}/"


def test_cursor_pages_cover_every_article_once_and_go_back(client, seeded):
    first = get_json(client, ARTICLES, page_size=2)
    assert first["previous"] is None and len(first["results"]) == 2
    second = get_json(client, first["next"])
    assert "page_size=2" in first["next"]
    assert {r["slug"] for r in second["results"]}.isdisjoint(r["slug"] for r in first["results"])
    back = get_json(client, second["previous"])
    assert back["results"] == first["results"]
    rows = walk(client, ARTICLES, page_size=2)
    assert len(rows) == Article.objects.count() == len({r["slug"] for r in rows})


def test_next_link_keeps_the_filters(client, seeded):
    page = get_json(client, ARTICLES, page_size=1, person="antony-blinken", sort="title")
    assert "person=antony-blinken" in page["next"] and "sort=title" in page["next"]


def test_article_detail_has_body_mentions_quotes_and_facts(client, seeded):
    article = Article.objects.get(slug__startswith="blinken-was-told-in-astana")
    data = get_json(client, f"{ARTICLES}{article.slug}/")
    assert data["body"] == article.body
    assert len(data["mentions"]) == article.mentions.count() > 0
    for mention in data["mentions"]:
        assert article.body[mention["start"] : mention["end"]] == mention["text"]
        entity = mention["person"] if mention["kind"] == "person" else mention["country"]
        assert entity is not None
    blinken = [m for m in data["mentions"] if (m["person"] or {}).get("slug") == "antony-blinken"]
    assert blinken
    quotes = list(article.quotes.select_related("speaker", "cluster").order_by("start"))
    assert [q["text"] for q in data["quotes"]] == [q.text for q in quotes]
    assert [q["cluster_key"] for q in data["quotes"]] == [
        q.cluster.key if q.cluster_id else None for q in quotes
    ]
    assert [(q["speaker"] or {}).get("slug") for q in data["quotes"]] == [
        q.speaker.slug if q.speaker_id else None for q in quotes
    ]
    assert any(q["cluster_key"] for q in data["quotes"])
    assert [(f["kind"], f["value"]) for f in data["facts"]] == list(
        article.facts.order_by("start").values_list("kind", "value")
    )


def test_article_detail_hides_server_provenance(client, seeded):
    article = Article.objects.first()
    response = client.get(f"{ARTICLES}{article.slug}/")
    for key in ("seed_file", "content_hash", "encoding", "edited_fields"):
        assert key not in response.json()
    assert article.seed_file not in response.content.decode()
    assert article.content_hash not in response.content.decode()


def test_unknown_article_is_a_json_404(client, seeded):
    assert get_json(client, f"{ARTICLES}no-such-article/", status=404)["detail"]


# --- Bad parameters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"q": "Blinken\x00"}, "q"),
        ({"person": "\x00"}, "person"),
        ({"source": "caravan\x00serai"}, "source"),
        ({"published_after": "\x00"}, "published_after"),
        ({"cursor": "\x00"}, "cursor"),
        ({"published_after": "2023-02-30"}, "published_after"),
        ({"published_before": "yesterday"}, "published_before"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"page_size": str(10**9)}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"sort": "random"}, "sort"),
        ({"person": "nobody-at-all"}, "person"),
        ({"country": "zz"}, "country"),
        ({"published_after": "2023-03-02", "published_before": "2023-03-01"}, "filters"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, seeded, params, param):
    data = get_json(client, ARTICLES, status=400, **params)
    assert data["detail"] == "Some parameters could not be used."
    assert param in [error["param"] for error in data["errors"]]
    assert all(error["message"] for error in data["errors"])


@pytest.mark.parametrize("url", ["/api/v1/people/", "/api/v1/quotes/", "/api/v1/countries/"])
@pytest.mark.parametrize("page_size", ["0", "-1", str(10**9)])
def test_every_list_refuses_impossible_page_sizes(client, seeded, url, page_size):
    data = get_json(client, url, status=400, page_size=page_size)
    assert [error["param"] for error in data["errors"]] == ["page_size"]


def test_a_cursor_is_bound_to_its_list(client, seeded):
    people_next = get_json(client, "/api/v1/people/", page_size=1)["next"]
    cursor = people_next.split("cursor=")[1].split("&")[0]
    data = get_json(client, f"{ARTICLES}?cursor={cursor}", status=400)
    assert data["errors"][0]["param"] == "cursor"
    next_link = get_json(client, ARTICLES, page_size=1)["next"]
    tampered = next_link.replace("cursor=eyJvIjox", "cursor=eyJvIjoy")  # offset 1 -> 2
    assert tampered != next_link
    assert get_json(client, tampered, status=400)["errors"][0]["param"] == "cursor"


def test_nul_in_an_article_path_is_a_json_400(client, seeded):
    data = get_json(client, f"{ARTICLES}%00/", status=400)
    assert data["errors"] == [{"param": "path", "message": "contains a NUL byte"}]


# --- People, countries, sources, quotes -------------------------------------------------


def test_people_list_every_person_with_counts(client, seeded):
    rows = walk(client, "/api/v1/people/", page_size=7)
    assert [r["slug"] for r in rows] == list(
        Person.objects.order_by("name", "pk").values_list("slug", flat=True)
    )
    blinken = next(r for r in rows if r["slug"] == "antony-blinken")
    expected = Article.objects.mentioning_person(Person.objects.get(slug="antony-blinken"))
    assert blinken["article_count"] == expected.count() > 0
    assert blinken["html_url"] == "http://testserver/people/antony-blinken/"
    listed = walk(client, blinken["articles_url"])
    assert len(listed) == blinken["article_count"]


def test_countries_list_those_mentioned_unless_all(client, seeded):
    rows = walk(client, "/api/v1/countries/", page_size=100)
    mentioned = set(Mention.objects.filter(country__isnull=False).values_list("country", flat=True))
    assert {r["code"] for r in rows} == mentioned
    kz = next(r for r in rows if r["code"] == "KZ")
    assert kz["article_count"] == Article.objects.mentioning_country("KZ").count()
    everything = walk(client, "/api/v1/countries/", page_size=100, all="true")
    assert len(everything) == Country.objects.count() > len(rows)


def test_sources_list_outlets_with_counts(client, seeded):
    rows = walk(client, "/api/v1/sources/")
    assert [r["name"] for r in rows] == list(
        Source.objects.order_by("name").values_list("name", flat=True)
    )
    counts = {r["slug"]: r["article_count"] for r in rows}
    # The seeds' three outlets have one article each; the other records have none yet.
    assert sorted(slug for slug, n in counts.items() if n) == sorted(
        Source.objects.filter(articles__isnull=False).values_list("slug", flat=True)
    )
    assert set(counts.values()) == {0, 1}
    current_time = next(r for r in rows if r["slug"] == "current-time")
    assert current_time["kind"] == "state_funded_international"
    assert current_time["label"] == Source.objects.get(slug="current-time").label


def test_quotes_list_clusters_with_their_reports(client, seeded):
    rows = walk(client, "/api/v1/quotes/", page_size=2)
    assert len(rows) == QuoteCluster.objects.count() > 0
    for row in rows:
        cluster = QuoteCluster.objects.get(key=row["key"])
        reports = cluster.quotes.select_related("article")
        assert sorted(r["text"] for r in row["reports"]) == sorted(q.text for q in reports)
        assert {r["article"] for r in row["reports"]} == {q.article.slug for q in reports}
        assert row["article_count"] == len({q.article_id for q in reports})
        assert row["report_count"] == reports.count() == len(row["reports"])
    by_blinken = walk(client, "/api/v1/quotes/", speaker="antony-blinken")
    assert by_blinken and all(r["speaker"]["slug"] == "antony-blinken" for r in by_blinken)
    assert get_json(client, "/api/v1/quotes/", status=400, speaker="nobody")["errors"]


# --- Query counts -----------------------------------------------------------------------


def _grow(count: int, start: int) -> None:
    country = Country.objects.get_or_create(code="KZ", defaults={"slug": "kz", "name": "KZ"})[0]
    person = Person.objects.get_or_create(slug="hub-person", defaults={"name": "Hub"})[0]
    source = Source.objects.get_or_create(slug="outlet", defaults={"name": "Outlet"})[0]
    tag = Tag.objects.get_or_create(slug="tag", defaults={"name": "Tag"})[0]
    for i in range(start, start + count):
        article = baker.make(Article, slug=f"a-{i}", source=source, body="Blinken in Astana. " * 5)
        article.authors.add(baker.make(Person, slug=f"author-{i}"), person)
        ArticleTag.objects.create(article=article, tag=tag)
        Mention.objects.create(
            article=article, kind="person", person=person, start=0, end=7, text="Blinken", method=""
        )
        Mention.objects.create(
            article=article,
            kind="country",
            country=country,
            start=11,
            end=17,
            text="Astana",
            method="t",
        )
        cluster = QuoteCluster.objects.create(key=f"c-{i}", speaker=person, representative="Hi")
        Quote.objects.create(article=article, start=20, end=30, text="Hi", cluster=cluster)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/?page_size={n}",
        "/api/v1/articles/?page_size={n}&person=hub-person&sort=mentions",
        "/api/v1/people/?page_size={n}",
        "/api/v1/countries/?page_size={n}&all=1",
        "/api/v1/sources/?page_size={n}",
        "/api/v1/quotes/?page_size={n}",
    ],
)
def test_queries_do_not_grow_with_the_page_size(client, db, url):
    _grow(50, 0)
    for i in range(50):
        code = f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        Country.objects.get_or_create(code=code, defaults={"slug": code.lower(), "name": code})
    few = _queries(client, url.format(n=5))
    many = _queries(client, url.format(n=50))
    assert few == many


def test_article_detail_queries_do_not_grow_with_mentions(client, db):
    _grow(1, 0)
    few = _queries(client, f"{ARTICLES}a-0/")
    article = Article.objects.get(slug="a-0")
    for i in range(30):
        Mention.objects.create(
            article=article,
            kind="person",
            person=baker.make(Person, slug=f"p-{i}"),
            start=40 + i,
            end=41 + i,
            text="x",
            method="t",
        )
    assert _queries(client, f"{ARTICLES}a-0/") == few


# --- Schema, docs, throttling -----------------------------------------------------------


def test_openapi_schema_describes_every_endpoint_and_filter(client, db):
    schema = get_json(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in ("articles/", "articles/{slug}/", "people/", "countries/", "sources/", "quotes/"):
        assert f"/api/v1/{path}" in paths
    params = {p["name"] for p in paths["/api/v1/articles/"]["get"]["parameters"]}
    assert {
        "q",
        "collection",
        "source",
        "person",
        "country",
        "tag",
        "published_after",
        "published_before",
        "sort",
        "cursor",
        "page_size",
    } <= params


def test_docs_page_uses_bundled_assets_only(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "<script>" not in html  # no inline script: the settings are a JSON data block
    static = client.get("/static/ninja/swagger-ui-bundle.js")
    assert static.status_code == 200


def test_anonymous_requests_are_throttled(client, db, settings):
    settings.API_ANON_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/sources/").status_code == 200
    response = client.get("/api/v1/sources/")
    assert response.status_code == 429
    assert json.loads(response.content)["detail"].startswith("Too many requests")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_signed_in_users_are_not_throttled(client, db, settings):
    settings.API_ANON_RATE = "1/min"
    client.force_login(baker.make(User))
    assert [client.get("/api/v1/sources/").status_code for _ in range(3)] == [200, 200, 200]


def test_collections_list_events_with_places_participants_and_counts(client, seeded):
    rows = walk(client, "/api/v1/collections/")
    assert [r["slug"] for r in rows] == ["blinken-central-asia-2023"]
    event = rows[0]
    assert (event["start_date"], event["end_date"]) == ("2023-02-28", "2023-03-01")
    assert event["places"] == ["KZ", "UZ"]
    assert "antony-blinken" in event["participants"]
    assert event["article_count"] == Article.objects.count() == 5
    assert event["articles_url"].endswith("/api/v1/articles/?collection=blinken-central-asia-2023")


def test_collections_list_queries_do_not_grow_with_the_rows(client, seeded):
    from articles.models import Collection

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_json(client, "/api/v1/collections/", page_size=50)
        return len(captured)

    few = queries()
    for n in range(6):
        event = Collection.objects.create(slug=f"event-{n}", title=f"Event {n}")
        event.places.set(Country.objects.filter(code__in=["KZ", "UZ"]))
    cache.clear()  # the anonymous rate limit counts in the cache
    assert queries() == few
