"""A search page's cost at scale: its words are looked up once, the people's names read once.

The article list keeps the ``SEARCH_SCOPE`` matches added most recently. Their keys are read
in one statement; the count, the ranked rows and the facets then read those keys instead of
running the full-text lookup again, and the people the query names are read once for the
matches and for the box offering their pages. So a page runs the same statements however many
articles match, and each reads at most the scope's rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.filters import ArticleListFilter
from articles.search import search_condition
from tests.factories import ArticleFactory, PersonFactory, PersonNameFactory, mention_all, slugs

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")
# The start of the statement that looks the words up, on each database (the rank is another
# expression, read per listed row).
LOOKUP = {
    "postgresql": "SELECT id FROM articles_article WHERE search_vector @@",
    "sqlite": "SELECT rowid FROM articles_article_fts WHERE",
}


def _statements(client, params) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def _lookups(statements: list[str]) -> int:
    return sum(LOOKUP[connection.vendor] in sql for sql in statements)


@pytest.fixture
def talks(db):
    """Six articles saying "officials", the newest with the highest keys; one that does not."""
    made = [
        ArticleFactory(title=f"Talks {day}", slug=f"talks-{day}", body="Officials met again.")
        for day in range(6)
    ]
    ArticleFactory(title="Weather", slug="weather", body="Rain fell on the steppe.")
    return made


@pytest.mark.parametrize(
    "params",
    [
        {"q": "officials"},
        {"q": "officials", "sort": "title"},
        {"q": "officials", "sort": "newest", "page": "2"},
        {"q": "officials", "sort": "mentions", "published_after": "2000-01-01"},
    ],
)
def test_a_search_page_looks_its_words_up_once(client, talks, params):
    response, statements = _statements(client, params)
    assert _lookups(statements) == 1
    assert response.context["page_obj"].paginator.count == 6


def test_the_lookup_keeps_the_matches_added_most_recently(client, talks, monkeypatch):
    monkeypatch.setattr(ArticleListFilter, "search_limit", 4)
    response, statements = _statements(client, {"q": "officials", "sort": "title"})
    assert _lookups(statements) == 1
    assert slugs(response) == ["talks-2", "talks-3", "talks-4", "talks-5"]
    assert response.context["page_obj"].paginator.count == 4
    facets = {facet.param: facet for facet in response.context["facets"]}
    assert sum(option.count for option in facets["source"].options) == 4
    assert "4 or more articles match" in response.content.decode()


def test_a_search_matching_nothing_runs_the_lookup_once_and_lists_nothing(client, talks):
    response, statements = _statements(client, {"q": "sanctions"})
    assert _lookups(statements) == 1
    assert response.context["page_obj"].paginator.count == 0
    assert "No articles matching <q>sanctions</q>" in response.content.decode()


def test_the_peoples_names_are_read_once_for_a_search_naming_someone(client):
    person = PersonFactory(name="Mukhtar Tileuberdi", slug="mukhtar-tileuberdi")
    PersonNameFactory(person=person, name="Тлеуберди")
    said = "Министр Тлеуберди встретился с делегацией."
    mention_all(ArticleFactory(title="Встреча", slug="vstrecha", body=said), said, person)
    ArticleFactory(title="Tileuberdi abroad", slug="abroad", body="Tileuberdi flew to Rome.")
    response, statements = _statements(client, {"q": "Tileuberdi"})
    names_read = [sql for sql in statements if "articles_personname" in sql]
    assert len(names_read) == 1
    assert [found.slug for found in response.context["people_searched"]] == [person.slug]
    # The mention-only match (the Russian spelling) is found through the same single read.
    assert sorted(slugs(response)) == ["abroad", "vstrecha"]


def test_a_search_runs_the_same_statements_however_many_articles_match(client, talks):
    _, before = _statements(client, {"q": "officials"})
    for index in range(30):
        ArticleFactory(title=f"More {index}", slug=f"more-{index}", body="Officials met once more.")
    response, after = _statements(client, {"q": "officials"})
    assert response.context["page_obj"].paginator.count == 36
    assert len(after) == len(before)


def test_each_configurations_reading_is_one_query_matched_once():
    """PostgreSQL: the readings under every configuration are OR-ed into one tsquery, so an
    article's vector is matched once (one ``@@``), not once per configuration."""
    ids, params, _, _ = search_condition("postgresql", '"closed doors" or officials')
    assert ids.count("@@") == 1
    assert ids.count("websearch_to_tsquery(") == len(params) == 6


def test_a_search_alone_is_counted_from_its_kept_matches_without_a_count_query(client, talks):
    response, statements = _statements(client, {"q": "officials"})
    assert response.context["page_obj"].paginator.count == 6
    assert not [sql for sql in statements if "COUNT(*)" in sql.upper()]
    assert "of 6 articles matching <q>officials</q>" in response.content.decode()


def test_a_search_with_another_filter_counts_what_both_keep(client, talks):
    source = talks[0].source
    response, statements = _statements(client, {"q": "officials", "source": source.slug})
    assert response.context["page_obj"].paginator.count == 1
    assert slugs(response) == ["talks-0"]
    assert [sql for sql in statements if "COUNT(*)" in sql.upper()]
