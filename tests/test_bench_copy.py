"""The benchmark's copied size: every article copied in SQL with what belongs to it, and the
figures page saying the size was copied, not loaded."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.models import Article, ArticleEntity, Mention, Quote
from articles.services.counts import entity_totals_drift, entity_totals_refresh
from benchmarks.copy_tenfold import copy_statements
from benchmarks.pages import PageFigures
from benchmarks.report import render
from benchmarks.scale import SizeFigures
from tests.factories import ArticleFactory

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the copy is PostgreSQL SQL"
)


@postgresql_only
def test_copy_multiplies_articles_and_what_they_hold(seeded):
    before = {
        "articles": Article.objects.count(),
        "mentions": Mention.objects.count(),
        "entities": ArticleEntity.objects.count(),
        "quotes": Quote.objects.count(),
    }
    clusters = set(Quote.objects.values_list("cluster", flat=True))
    with connection.cursor() as cursor:
        for statement in copy_statements(3):
            cursor.execute(statement)
    entity_totals_refresh()

    assert Article.objects.count() == 3 * before["articles"]
    assert Mention.objects.count() == 3 * before["mentions"]
    assert ArticleEntity.objects.count() == 3 * before["entities"]
    assert Quote.objects.count() == 3 * before["quotes"]
    # Copies join the same clusters, and every slug stays unique.
    assert set(Quote.objects.values_list("cluster", flat=True)) == clusters
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    assert not entity_totals_drift()
    # A new article after the copy gets an id past every copy.
    last = max(Article.objects.values_list("pk", flat=True))
    assert ArticleFactory(slug="after").pk > last


def _size(articles: int, copied_from: int = 0) -> SizeFigures:
    page = PageFigures(name="home", url="/", queries=11, p50_ms=20.0, p95_ms=30.0)
    return SizeFigures(
        articles=articles,
        load={"added": 1000, "seconds": 50.0, "peak_mb": 150.0},
        reload={"seconds": 9.0},
        pages=[page],
        rates_note="wrk is not installed",
        copied_from=copied_from,
    )


def test_report_says_a_copied_size_was_copied():
    section = render("2 cores", "PostgreSQL 15", [], [_size(1000), _size(101000, 1000)])
    assert "| 101,000 (copied) | 1,000 | 50.0 | 20.0 | 150 MB |" in section
    assert "the 1,000 loaded articles were copied 100 times in SQL" in section
    assert "an archive of 100,000" in section
