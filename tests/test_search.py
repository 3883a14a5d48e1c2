"""Full-text search through the article list: matching, ranking, highlighted snippets, safety."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import Archive, build_archive, slugs

LIST = reverse("articles:list")

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="web-search syntax is read by PostgreSQL"
)


@pytest.fixture
def archive(db) -> Archive:
    return build_archive()


def highlighted(article) -> list[str]:
    return [text for text, marked in article.snippet if marked]


def test_plain_word_finds_the_articles_containing_it(client, archive):
    response = client.get(LIST, {"q": "Tokayev"})
    assert slugs(response) == ["blinken-meets-tokayev"]
    response = client.get(LIST, {"q": "Mirziyoyev"})
    assert slugs(response) == ["blinken-in-tashkent"]


def test_words_match_their_inflections(client, archive):
    response = client.get(LIST, {"q": "sanction"})
    assert set(slugs(response)) == {"blinken-meets-tokayev", "blinken-in-tashkent"}


def test_several_words_must_all_match(client, archive):
    response = client.get(LIST, {"q": "sanctions Tashkent"})
    assert slugs(response) == ["blinken-in-tashkent"]


def test_no_match_says_so(client, archive):
    response = client.get(LIST, {"q": "zeppelin"})
    assert slugs(response) == []
    assert "No articles match these filters." in response.content.decode()


def test_relevance_puts_the_weakest_match_last(client, archive):
    response = client.get(LIST, {"q": "Blinken"})
    assert response.context["sort"] == "relevance"
    ranked = slugs(response)
    assert len(ranked) == 3 and ranked[-1] == "we-do-not-need-protection"
    ranks = [article.search_rank for article in response.context["articles"]]
    assert ranks == sorted(ranks, reverse=True)


def test_search_combines_with_filters_and_other_sorts(client, archive):
    response = client.get(LIST, {"q": "Blinken", "source": "asian-lite"})
    assert slugs(response) == ["blinken-in-tashkent"]
    response = client.get(LIST, {"q": "Blinken", "sort": "oldest"})
    assert slugs(response) == [
        "blinken-in-tashkent",
        "blinken-meets-tokayev",
        "we-do-not-need-protection",
    ]


def test_facets_count_within_the_search_result(client, archive):
    response = client.get(LIST, {"q": "Mirziyoyev"})
    (people,) = [f for f in response.context["facets"] if f.param == "person"]
    assert {o.value: o.count for o in people.options} == {
        "antony-blinken": 1,
        "shavkat-mirziyoyev": 1,
    }


def test_snippets_highlight_the_words_searched(client, archive):
    response = client.get(LIST, {"q": "Mirziyoyev"})
    (article,) = response.context["articles"]
    assert [word.lower() for word in highlighted(article)] == ["mirziyoyev"]
    assert "<mark>Mirziyoyev</mark>" in response.content.decode()


def test_snippets_are_escaped(client, archive):
    response = client.get(LIST, {"q": "protected"})
    assert slugs(response) == ["we-do-not-need-protection"]
    content = response.content.decode()
    assert "<script>alert" not in content
    # The same on every database: the text is kept, as plain text the template escapes.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_the_query_is_escaped_where_it_is_shown(client, archive):
    response = client.get(LIST, {"q": '<img src=x onerror=alert(1)> "Blinken'})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_only_the_rows_on_the_page_get_snippets(client, archive, settings):
    settings.ARCHIVE_PAGE_SIZE = 1
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"q": "Blinken"})
    (article,) = response.context["articles"]
    assert highlighted(article)
    windows = [q["sql"] for q in queries if "WITH folded AS" in q["sql"]]
    assert len(windows) == 1
    assert f"IN ({article.pk})" in windows[0]
    assert not [q["sql"] for q in queries if "ts_headline" in q["sql"]]


@pytest.mark.parametrize("query", ["-", '""', "or", "-Blinken", "()"])
def test_queries_without_a_word_to_find_match_nothing(client, archive, query):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert slugs(response) == []
    assert response.context["sort"] == "newest"


def test_a_blank_query_lists_everything(client, archive):
    assert len(slugs(client.get(LIST, {"q": "   "}))) == 3


@postgresql_only
def test_phrase_search(client, archive):
    response = client.get(LIST, {"q": '"sovereignty of Kazakhstan"'})
    assert set(slugs(response)) == {"blinken-meets-tokayev", "blinken-in-tashkent"}
    response = client.get(LIST, {"q": '"Kazakhstan sovereignty"'})
    assert slugs(response) == []


@postgresql_only
def test_or_search(client, archive):
    response = client.get(LIST, {"q": "Tokayev or Mirziyoyev"})
    assert set(slugs(response)) == {"blinken-meets-tokayev", "blinken-in-tashkent"}


@postgresql_only
def test_excluded_word(client, archive):
    response = client.get(LIST, {"q": "Blinken -Tokayev"})
    assert set(slugs(response)) == {"blinken-in-tashkent", "we-do-not-need-protection"}


def test_snippets_mark_only_the_word_searched(client, archive):
    response = client.get(LIST, {"q": "Kazakhstan"})
    for article in response.context["articles"]:
        assert highlighted(article), article.slug
        assert all(word == "Kazakhstan" for word in highlighted(article))
