"""Stored article totals per outlet, per collection and per (collection, outlet), kept by
every write of an article and always equal to what the articles say."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Collection, CollectionSourceCount, Source
from articles.selectors.overview import articles_by_source, stored_by_source
from articles.services.backup import editorial_backup, editorial_restore
from articles.services.counts import articles_delete
from articles.services.editorial import article_editor_save
from articles.services.outlet_counts import outlet_totals_drift, outlet_totals_refresh
from articles.services.outlets import source_delete
from tests.conftest import MigrationStep
from tests.factories import ArticleFactory, CollectionFactory, SourceFactory


def counted() -> tuple[Counter, Counter, Counter]:
    """(per collection, per outlet, per pair) computed from the articles alone."""
    collections, sources, pairs = Counter(), Counter(), Counter()
    for collection, source in Article.objects.values_list("collection_id", "source_id"):
        collections[collection] += 1
        if source is not None:
            sources[source] += 1
            pairs[(collection, source)] += 1
    return collections, sources, pairs


def stored() -> tuple[Counter, Counter, Counter]:
    return (
        Counter(
            dict(Collection.objects.filter(article_count__gt=0).values_list("pk", "article_count"))
        ),
        Counter(
            dict(Source.objects.filter(article_count__gt=0).values_list("pk", "article_count"))
        ),
        Counter(
            {
                (c, s): n
                for c, s, n in CollectionSourceCount.objects.filter(
                    article_count__gt=0
                ).values_list("collection_id", "source_id", "article_count")
            }
        ),
    )


def assert_totals_right() -> None:
    assert stored() == counted()
    assert outlet_totals_drift() == []


def test_a_load_stores_the_outlets_and_collections_totals(seeded):
    assert Article.objects.exists()
    assert_totals_right()
    assert Source.objects.filter(article_count__gt=0).exists()
    assert stored_by_source() == articles_by_source(Article.objects.all())


def test_loading_again_moves_nothing(seeded):
    before = stored()
    call_command("load_seeds", verbosity=0)
    assert stored() == before
    assert_totals_right()


def test_an_editor_changing_the_outlet_moves_the_totals(seeded):
    article = Article.objects.exclude(source=None).order_by("pk").first()
    old = article.source
    new = SourceFactory(name="Another Outlet")
    article.source = new
    article_editor_save(article=article, changed=["source"])
    assert_totals_right()
    assert Source.objects.get(pk=new.pk).article_count == 1
    assert Source.objects.get(pk=old.pk).article_count == counted()[1][old.pk]
    article.source = None
    article_editor_save(article=article, changed=["source"])
    assert_totals_right()
    assert Source.objects.get(pk=new.pk).article_count == 0


def test_the_admin_change_form_moves_the_totals(seeded, client):
    editor = get_user_model().objects.create_superuser("chief", password="pw")
    client.force_login(editor)
    article = Article.objects.exclude(source=None).order_by("pk").first()
    new = SourceFactory(name="Admin Outlet")
    form = {
        "title": article.title,
        "source": new.pk,
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
        "language": article.language,
        "article_tags-TOTAL_FORMS": "0",
        "article_tags-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), form)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).source_id == new.pk
    assert Source.objects.get(pk=new.pk).article_count == 1
    assert_totals_right()


def test_deleting_articles_takes_them_off_the_totals(seeded):
    doomed = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:2])
    assert articles_delete(articles=Article.objects.filter(pk__in=doomed)) == 2
    assert_totals_right()


def test_deleting_an_outlet_leaves_its_articles_unattributed_in_the_totals(seeded):
    editor = get_user_model().objects.create_superuser("chief", password="pw")
    source = Source.objects.filter(article_count__gt=0).order_by("pk").first()
    had = source.article_count
    unattributed = Article.objects.filter(source=None).count()
    source_delete(source=source, user=editor)
    assert_totals_right()
    rows = stored_by_source()
    assert rows == articles_by_source(Article.objects.all())
    assert [r["count"] for r in rows if r["source__slug"] is None] == [unattributed + had]


def test_a_restore_moves_the_totals_with_the_outlet_it_restores(seeded):
    article = Article.objects.exclude(source=None).order_by("pk").first()
    new = SourceFactory(name="Restored Outlet")
    article.source = new
    article_editor_save(article=article, changed=["source"])
    data = editorial_backup()
    # The editor's outlet is lost (the totals repaired to match), then restored.
    Article.objects.filter(pk=article.pk).update(source=None, edited_fields=[])
    outlet_totals_refresh()
    assert_totals_right()
    report = editorial_restore(data=data)
    assert report.problems == []
    assert Article.objects.get(pk=article.pk).source_id == new.pk
    assert Source.objects.get(pk=new.pk).article_count == 1
    assert_totals_right()


def test_a_total_that_drifts_is_found_and_refreshed(seeded):
    right = stored()
    source = Source.objects.filter(article_count__gt=0).order_by("pk").first()
    Source.objects.filter(pk=source.pk).update(article_count=source.article_count + 3)
    assert outlet_totals_drift() == [("source", source.pk)]
    outlet_totals_refresh()
    assert stored() == right
    assert outlet_totals_drift() == []


@pytest.fixture
def two_collections(db):
    kaz, rfe = SourceFactory(name="Kazinform"), SourceFactory(name="Azattyq")
    summit = CollectionFactory(slug="summit", title="Summit")
    visit = CollectionFactory(slug="visit", title="Visit")
    for collection, source in ((summit, kaz), (summit, kaz), (summit, rfe), (summit, None)):
        ArticleFactory(collection=collection, source=source)
    for source in (kaz, None, None):
        ArticleFactory(collection=visit, source=source)
    return kaz, rfe


def test_the_home_page_shows_the_stored_counts(two_collections, client):
    kaz, _ = two_collections
    overview = client.get(reverse("articles:home")).context["overview"]
    assert overview.articles == 7
    assert overview.unattributed == 3
    assert overview.by_source == [
        {"source__slug": kaz.slug, "source__name": "Kazinform", "count": 3},
        {"source__slug": None, "source__name": None, "count": 3},
        {"source__slug": two_collections[1].slug, "source__name": "Azattyq", "count": 1},
    ]
    assert_totals_right()


def test_a_collection_page_shows_its_outlets_from_the_stored_counts(two_collections, client):
    kaz, rfe = two_collections
    response = client.get(reverse("articles:collection-detail", args=["summit"]))
    coverage = response.context["coverage"]
    assert coverage.total == 4
    assert coverage.outlets == [
        {"source__slug": kaz.slug, "source__name": "Kazinform", "count": 2},
        {"source__slug": rfe.slug, "source__name": "Azattyq", "count": 1},
        {"source__slug": None, "source__name": None, "count": 1},
    ]
    listing = client.get(reverse("articles:collection-list")).context["collections"]
    assert {c.slug: c.article_count for c in listing} == {"summit": 4, "visit": 3}


BEFORE_OUTLET_TOTALS = ("articles", "0025_derived_state_indexes")


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_totals_of_articles_stored_before():
    step = MigrationStep(BEFORE_OUTLET_TOTALS)
    Source = step.model("Source")
    one, two, three = step.articles("one", "two", "three")
    kaz = Source.objects.create(name="Kazinform", slug="kazinform")
    Source.objects.create(name="Unused", slug="unused")
    for article in (one, two):
        article.source = kaz
        article.save()

    new = step.forward()
    sources = new.get_model("articles", "Source").objects.values_list("slug", "article_count")
    assert sorted(sources) == [("kazinform", 2), ("unused", 0)]
    collection = new.get_model("articles", "Collection").objects.get(slug="c")
    assert collection.article_count == 3
    pairs = new.get_model("articles", "CollectionSourceCount").objects.values_list(
        "collection__slug", "source__slug", "article_count"
    )
    assert list(pairs) == [("c", "kazinform", 2)]
