"""Search knows people: a query naming a known person finds their mentions, offers their page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.search import people_named
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    PersonFactory,
    PersonNameFactory,
    mention_all,
    slugs,
)

LIST = reverse("articles:list")


@pytest.fixture
def tileuberdi(db):
    kz = CountryFactory(code="KZ")
    person = PersonFactory(
        name="Mukhtar Tileuberdi", slug="mukhtar-tileuberdi", role="Foreign Minister", country=kz
    )
    for variant in ("Mukhtar Tleuberdi", "Tleuberdi", "Тлеуберди"):
        PersonNameFactory(person=person, name=variant)
    spellings = {
        "tileuberdi-en": "Foreign Minister Tileuberdi welcomed the delegation.",
        "tleuberdi-en": "Minister Tleuberdi spoke to reporters in Astana.",
        "tleuberdi-ru": "Министр Тлеуберди встретился с делегацией.",
    }
    for slug, body in spellings.items():
        article = ArticleFactory(title=slug, slug=slug, body=body)
        mention_all(article, body, person)
    ArticleFactory(title="other", slug="other", body="Nobody of note was named here.")
    return person


@pytest.mark.parametrize("query", ["Tleuberdi", "Tileuberdi", "Тлеуберди", "mukhtar tleuberdi"])
def test_a_query_naming_a_person_finds_every_spelling(client, tileuberdi, query):
    response = client.get(LIST, {"q": query})
    assert set(slugs(response)) == {"tileuberdi-en", "tleuberdi-en", "tleuberdi-ru"}


def test_text_matches_rank_above_mention_only_matches(client, tileuberdi):
    response = client.get(LIST, {"q": "Tleuberdi", "sort": "relevance"})
    assert slugs(response)[0] == "tleuberdi-en"


def test_the_person_is_offered_above_the_results(client, tileuberdi):
    content = client.get(LIST, {"q": "Tleuberdi"}).content.decode()
    offer = content.index('<aside class="person-suggestion"')
    assert '<a href="/people/mukhtar-tileuberdi/">Mukhtar Tileuberdi</a>' in content[offer:]
    assert offer < content.index('href="/articles/tleuberdi-en/"')


def test_a_query_naming_nobody_offers_nobody(client, tileuberdi):
    response = client.get(LIST, {"q": "delegation"})
    assert response.context["people_searched"] == []
    assert "person-suggestion" not in response.content.decode()
    assert slugs(response) == ["tileuberdi-en"]


def test_query_count_is_fixed_whether_or_not_a_person_is_named(client, tileuberdi):
    counts = []
    for query in ("Tleuberdi", "delegation"):
        with CaptureQueriesContext(connection) as captured:
            client.get(LIST, {"q": query})
        counts.append(len(captured))
    for index in range(20):
        article = ArticleFactory(title=f"more {index}", body="Tleuberdi again.")
        mention_all(article, "Tleuberdi again.", tileuberdi)
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST, {"q": "Tleuberdi"})
    assert len(captured) == counts[0] <= counts[1] + 1


def test_the_api_search_finds_the_mentions_too(client, tileuberdi):
    assert Article.objects.search("Тлеуберди").count() == 3


ROWS = [
    (1, "Donald Lu"),
    (2, "Wang Yi"),
    (3, "Wang Wenbin"),
    (4, "Mukhtar Tileuberdi"),
    (4, "Tleuberdi"),
    (5, "Ilham Aliyev"),
    (6, "Heydar Aliyev"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tleuberdi", {4}),
        ("Тлеуберди", {4}),
        ("Wang Yi", {2}),
        ("Wang Wenbin", {3}),
        ("Lu", set()),  # too short to name anyone
        ("Lu Wei", set()),
        ("Aliyev", set()),  # two people's surname
        ("Ilham Aliyev", {5}),
        ("trade talks", set()),
        ("-Tleuberdi", set()),
        ("Tleuberdi -Astana", set()),
        ("Tleuberdi or Wang Yi", set()),
        ("Tleuberdi sanctions trade talks Astana", set()),
    ],
)
def test_people_named(query, expected):
    assert people_named(query, ROWS) == expected
