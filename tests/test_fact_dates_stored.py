"""Partial dates in stored facts: the article's date first, else its collection's."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.services.derived import facts_store
from tests.factories import ArticleFactory, CollectionFactory

pytestmark = pytest.mark.django_db

BODY = "The vote was held last year on February 24.\n\nThe talks resume on March 3."


def stored_dates(article) -> list[str]:
    return list(article.facts.filter(kind="date").order_by("start").values_list("value", flat=True))


def test_a_dated_article_resolves_partial_dates_from_its_own_date() -> None:
    event = CollectionFactory(slug="visit-2025", start_date=dt.date(2025, 5, 1))
    article = ArticleFactory(body=BODY, published=dt.date(2023, 3, 1), collection=event)
    facts_store(article=article)
    assert stored_dates(article) == ["2022-02-24", "2023-03-03"]


def test_an_undated_article_resolves_them_from_its_collection() -> None:
    event = CollectionFactory(slug="visit-2023", start_date=dt.date(2023, 2, 28))
    article = ArticleFactory(body=BODY, published=None, collection=event)
    facts_store(article=article)
    assert stored_dates(article) == ["2022-02-24", "2023-03-03"]


def test_with_no_date_anywhere_partial_dates_stay_unresolved() -> None:
    event = CollectionFactory(slug="undated-event", start_date=None)
    article = ArticleFactory(body=BODY, published=None, collection=event)
    facts_store(article=article)
    assert stored_dates(article) == ["--02-24", "--03-03"]
