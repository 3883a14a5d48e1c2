"""Articles never linked are found through their state's version index: every article has its
state from the transaction that created it, and the start of a run reads no other table."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles.migrations
from articles.models import Article, ArticleDerivedState
from articles.services import load as load_service
from articles.services.linking import linker_snapshot
from tests.conftest import load
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def backfill():
    """The data migration that gives the articles stored without a state theirs."""
    folder = Path(articles.migrations.__file__).parent
    (path,) = folder.glob("*_every_article_has_state.py")
    migration = importlib.import_module(f"articles.migrations.{path.stem}")
    migration.states_for_every_article(apps, None)


def test_every_loaded_article_is_stored_with_its_state(seeds_copy):
    load(seeds_copy)
    version = linker_snapshot().version
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("derived_state__linked_with", flat=True)) == {version}


def test_the_start_of_a_run_reads_the_states_version_index_only(seeds_copy):
    load(seeds_copy)
    article = Article.objects.get(seed_file="002_463e984fabd485a6.txt")
    ArticleDerivedState.objects.filter(article=article).update(linked_with="")
    version = linker_snapshot().version

    with CaptureQueriesContext(connection) as captured:
        stale = load_service._stale_articles(version)

    assert stale == {article.pk: ""}
    assert len(captured) == 1
    assert '"articles_article"' not in captured[0]["sql"]


def test_an_article_whose_state_says_never_linked_is_linked_by_the_next_run(seeds_copy):
    load(seeds_copy)
    article = Article.objects.get(seed_file="002_463e984fabd485a6.txt")
    mentions = list(article.mentions.values_list("start", "end", "person", "country"))
    assert mentions
    # As a run stopped between storing an article and linking it would leave it.
    article.mentions.all().delete()
    ArticleDerivedState.objects.filter(article=article).update(linked_with="")

    out, _, status = load(seeds_copy)

    assert "5 unchanged, 0 rejected; repaired: 1 article(s) re-linked." in out and status == 0
    assert list(article.mentions.values_list("start", "end", "person", "country")) == mentions
    assert ArticleDerivedState.objects.get(article=article).linked_with == linker_snapshot().version


def test_the_migration_marks_articles_stored_without_a_state_never_linked(db):
    without = ArticleFactory.create_batch(3)
    linked = ArticleFactory()
    ArticleDerivedState.objects.create(article=linked, linked_with="v1", quotes_clustered=True)

    backfill()

    states = {
        s.article_id: (s.linked_with, s.quotes_clustered) for s in ArticleDerivedState.objects.all()
    }
    assert states == {**{a.pk: ("", False) for a in without}, linked.pk: ("v1", True)}
    backfill()  # running it again changes nothing
    assert ArticleDerivedState.objects.count() == 4
    assert set(load_service._stale_articles("v2")) == {a.pk for a in [*without, linked]}
