"""A body of many distinct words, up to the loader's 2 MB limit, is saved and searchable."""

from __future__ import annotations

import itertools
import string

import pytest
from django.urls import reverse

from articles.search import SEARCH_BODY_CHARS
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def distinct_words(characters: int) -> str:
    """About ``characters`` characters of words that are all different (aaaaa, aaaab, ...)."""
    words, size = [], 0
    for letters in itertools.product(string.ascii_lowercase, repeat=5):
        word = "q" + "".join(letters)
        words.append(word)
        size += len(word) + 1
        if size >= characters:
            break
    return " ".join(words)


def test_a_two_megabyte_body_of_distinct_words_is_saved_and_found(client):
    # Unbounded, this body's tsvector is about three times PostgreSQL's 1 MB limit.
    body = "Opening talks in Astana. " + distinct_words(1_900_000)
    article = ArticleFactory(title="A very long record", slug="very-long-record", body=body)
    assert len(article.body) > SEARCH_BODY_CHARS
    response = client.get(reverse("articles:list"), {"q": "qaaaab"})
    assert [a.slug for a in response.context["articles"]] == ["very-long-record"]


def test_only_the_indexed_part_of_a_long_body_is_searched_on_postgresql(client):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 index has no size limit and indexes the whole body")
    body = "Opening talks in Astana. " + distinct_words(SEARCH_BODY_CHARS + 50_000)
    last = body.rsplit(" ", 1)[1]
    ArticleFactory(title="Long record", slug="long-record", body=body)
    found = client.get(reverse("articles:list"), {"q": last}).context["articles"]
    assert [a.slug for a in found] == []
    found = client.get(reverse("articles:list"), {"q": "Astana"}).context["articles"]
    assert [a.slug for a in found] == ["long-record"]
