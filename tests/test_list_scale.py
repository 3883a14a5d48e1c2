"""Lists that cost the same however many articles there are.

The article list, a source's page and the admin's changelist count their rows only so far
past the page shown (``COUNT_AHEAD``) and say "more than" when more follow; the facets count
the matching articles added most recently; a collection's timeline places a fixed number of
its articles; the admin's filters read their choices without visiting every article. Each
limit is made small here, and the pages must keep to it and say so, while the same pages
under it show what they always showed.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import articles.views.collections as collections_view
import articles.views.entities as entity_views
from articles.models import Article
from articles.selectors import collections as collection_selectors
from articles.selectors import paging
from articles.selectors.articles import article_languages
from articles.selectors.overview import estimated_count, stored_by_source
from tests.factories import (
    ArticleFactory,
    CollectionFactory,
    CountryFactory,
    ItineraryStopFactory,
    MentionFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

LIST = reverse("articles:list")


@pytest.fixture
def seven(db, settings, monkeypatch):
    """Seven articles, two to a page, counted at most four rows past the page's start."""
    settings.ARCHIVE_PAGE_SIZE = 2
    monkeypatch.setattr(paging, "COUNT_AHEAD", 4)
    source = SourceFactory(name="Kazinform", slug="kazinform")
    return [ArticleFactory(title=f"Talks {n}", source=source) for n in range(7)]


def test_the_list_counts_only_so_far_ahead_and_says_more_than(seven, client):
    response = client.get(LIST)
    page = response.context["page_obj"]
    assert (page.paginator.count, page.paginator.capped) == (4, True)
    html = response.content.decode()
    assert "Showing 1–2 of more than 4 articles" in html
    assert "Page 1 of 2 or more (4+ counted)" in html
    assert "Download every article:" in html
    # The last page offered leads on: walking reaches every article.
    second = client.get(LIST, {"page": 2}).context["page_obj"]
    assert second.has_next() and second.paginator.capped
    third = client.get(LIST, {"page": 3})
    assert (third.context["page_obj"].paginator.count, third.context["count_capped"]) == (7, False)
    assert "Showing 5–6 of 7 articles" in third.content.decode()
    last = client.get(LIST, {"page": 4}).context["page_obj"]
    assert [a.title for a in last.object_list] == ["Talks 0"]
    assert not last.has_next()


def test_a_page_past_the_end_is_the_last_one(seven, client):
    page = client.get(LIST, {"page": 40}).context["page_obj"]
    assert (page.number, page.paginator.count, page.paginator.capped) == (4, 7, False)


def test_under_the_limit_the_list_says_how_many_exactly(seven, client, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_AHEAD", 1000)
    response = client.get(LIST)
    html = response.content.decode()
    assert "Showing 1–2 of 7 articles" in html
    assert "Page 1 of 4 (7 in all)" in html
    assert "more than" not in html


def test_the_count_query_has_a_limit(seven, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(LIST)
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 5" in counts[0]


def test_facets_count_the_matches_added_most_recently(db, client, monkeypatch, settings):
    import articles.selectors.articles as selectors
    import articles.views.browse as browse

    monkeypatch.setattr(selectors, "FACET_SCOPE", 2)
    monkeypatch.setattr(browse, "FACET_SCOPE", 2)
    kz, fr = CountryFactory(code="KZ"), CountryFactory(code="FR")
    # Added last, published first: the facets follow the order of addition, not of dates.
    for slug, day, country in (("a", 9, kz), ("b", 2, fr), ("c", 1, fr)):
        MentionFactory(
            article=ArticleFactory(slug=slug, published=f"2023-03-0{day}"), country=country
        )
    response = client.get(LIST)
    (countries,) = [f for f in response.context["facets"] if f.param == "country"]
    assert [(o.value, o.count) for o in countries.options] == [("fr", 2)]
    assert "Counts below are for the 2 added to the archive most recently of the 3 matching" in (
        response.content.decode()
    )


def test_a_source_page_counts_ahead_and_names_from_its_newest(db, client, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_AHEAD", 3)
    monkeypatch.setattr(entity_views, "SOURCE_SCOPE", 2)
    source = SourceFactory(name="Kazinform", slug="kazinform")
    old, new = PersonFactory(name="Old Name"), PersonFactory(name="New Name")
    for day, person in ((1, old), (2, old), (3, new), (4, new)):
        article = ArticleFactory(source=source, published=f"2023-03-0{day}")
        MentionFactory(article=article, person=person)
    response = client.get(reverse("articles:source-detail", args=["kazinform"]))
    html = response.content.decode()
    assert [row["name"] for row in response.context["top_people"]] == ["New Name"]
    assert "People and countries counted in the newest 2 of its articles." in html
    assert "more than 3</a>" in html


def test_a_small_source_page_counts_everything(db, client):
    source = SourceFactory(name="Kazinform", slug="kazinform")
    ArticleFactory(source=source)
    html = client.get(reverse("articles:source-detail", args=["kazinform"])).content.decode()
    assert "counted in the newest" not in html
    assert "more than" not in html


def test_each_part_of_a_collection_timeline_shows_a_fixed_number(db, client, monkeypatch):
    monkeypatch.setattr(collection_selectors, "COLLECTION_SECTION_CARDS", 2)
    monkeypatch.setattr(collections_view, "COLLECTION_SECTION_CARDS", 2)
    collection = CollectionFactory(slug="astana-talks")
    ItineraryStopFactory(collection=collection, date="2023-03-05", place="Astana")
    for n, day in enumerate((3, 1, 2, 5, 5, 5, 7)):
        title = f"Day {day}" if day != 5 else f"Day 5, part {n}"
        ArticleFactory(collection=collection, title=title, published=f"2023-03-0{day}")
    ArticleFactory(collection=collection, title="Undated", published=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("articles:collection-detail", args=["astana-talks"]))
    coverage = response.context["coverage"]
    (stop,) = coverage.timeline
    assert [a.title for a in stop.before.articles] == ["Day 1", "Day 2"]
    assert (stop.before.total, stop.during.total, stop.after.total) == (3, 3, 1)
    assert [a.title for a in stop.after.articles] == ["Day 7"]
    assert [a.title for a in coverage.undated.articles] == ["Undated"]
    assert coverage.capped and coverage.total == 8
    html = response.content.decode()
    assert "Each part of the timeline shows its oldest articles, up to 2" in html
    # A capped part says so and links to the list of all its articles, oldest first.
    assert (
        'The first 2 of 3, oldest first; <a href="/articles/?collection=astana-talks'
        '&amp;published_before=2023-03-04&amp;sort=oldest">all of them in the article list</a>'
    ) in html
    assert "published_after=2023-03-05&amp;published_before=2023-03-05&amp;sort=oldest" in html
    assert "published_after=2023-03-06&amp;" not in html  # the last part is not capped
    # Two queries read the articles, whatever their number: every part's total, then the cards.
    article_reads = [q for q in captured if 'FROM "articles_article"' in q["sql"]]
    assert len(article_reads) == 2


def test_a_large_part_of_a_collection_timeline_is_counted_up_to_a_limit(db, client, monkeypatch):
    monkeypatch.setattr(collection_selectors, "COLLECTION_SECTION_CARDS", 1)
    monkeypatch.setattr(collection_selectors, "COLLECTION_SECTION_COUNTED", 2)
    collection = CollectionFactory(slug="astana-talks")
    for n in range(4):
        ArticleFactory(collection=collection, title=f"Piece {n}", published="2023-03-01")
    ArticleFactory(collection=collection, title="Undated", published=None)
    response = client.get(reverse("articles:collection-detail", args=["astana-talks"]))
    dated = response.context["coverage"].dated_without_stops
    assert ([a.title for a in dated.articles], dated.total, dated.more) == (["Piece 0"], 2, True)
    html = response.content.decode()
    assert "The first 1 of more than 2, oldest first;" in html
    # A part without date bounds links to the whole collection's list, and says so.
    assert 'sort=oldest">the collection’s article list</a> has every article' in html
    assert '<span class="count">1</span>' in html  # the undated part, counted exactly


def test_a_collection_under_the_limit_shows_every_article(db, client):
    collection = CollectionFactory(slug="astana-talks")
    ArticleFactory(collection=collection)
    response = client.get(reverse("articles:collection-detail", args=["astana-talks"]))
    assert not response.context["coverage"].capped
    html = response.content.decode()
    assert "Each part of the timeline" not in html and "all of them in the article" not in html


def test_home_counts_by_outlet_as_before(db):
    kaz, rfe = SourceFactory(name="Kazinform"), SourceFactory(name="Azattyq")
    for source in (kaz, kaz, rfe):
        ArticleFactory(source=source)
    ArticleFactory(source=None)
    assert stored_by_source() == [
        {"source__slug": kaz.slug, "source__name": "Kazinform", "count": 2},
        {"source__slug": rfe.slug, "source__name": "Azattyq", "count": 1},
        {"source__slug": None, "source__name": None, "count": 1},
    ]


def test_small_tables_are_counted_exactly(db, client):
    QuoteFactory()
    assert estimated_count(Article) == (1, False)
    assert client.get(reverse("articles:home")).context["overview"].quotes == 1


def test_languages_are_found_one_by_one(db):
    for language in ("ru", "en", "kk", "en"):
        ArticleFactory(language=language)
    assert article_languages() == ["en", "kk", "ru"]


@pytest.fixture
def admin_client_logged(client, db):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def test_the_admin_changelist_counts_ahead(admin_client_logged, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_AHEAD", 3)
    for language in ("en", "ru", "en", "kk", "en"):
        ArticleFactory(language=language)
    url = reverse("admin:articles_article_changelist")
    response = admin_client_logged.get(url)
    html = response.content.decode()
    assert "More than 3 articles (counted only this far past this page)" in html
    specs = response.context["cl"].filter_specs
    language = [f for f in specs if getattr(f, "parameter_name", "") == "language"]
    assert [code for code, _ in language[0].lookup_choices] == ["en", "kk", "ru"]
    narrowed = admin_client_logged.get(url, {"language": "ru"})
    assert "1 article\n" in narrowed.content.decode()
    assert list(narrowed.context["cl"].result_list.values_list("language", flat=True)) == ["ru"]


def _scans(plan: dict) -> list[tuple[str, str]]:
    """(node type, index name) of every scan of the stored entities in a JSON plan."""
    found = []
    if plan.get("Relation Name") == "articles_articleentity":
        found.append((plan["Node Type"], plan.get("Index Name", "")))
    for child in plan.get("Plans", ()):
        found += _scans(child)
    return found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans")
def test_facets_of_people_and_countries_read_the_stored_entities_from_an_index_alone(db):
    """A facet over the scope's keys reads each article's stored people (or countries) and
    their mentions from the index led by the article, with no visit to the table per row."""
    import json

    from django.test.utils import CaptureQueriesContext

    from articles.selectors.common import COUNTRY, PERSON, entities_top, keys_in

    kz, person = CountryFactory(code="KZ"), PersonFactory(name="Roman Vassilenko")
    scope = [ArticleFactory().pk for _ in range(3)]
    for pk in scope:
        MentionFactory(article_id=pk, person=person, start=0)
        MentionFactory(article_id=pk, country=kz, start=20)
    for kind in (PERSON, COUNTRY):
        with CaptureQueriesContext(connection) as captured:
            assert entities_top(kind, keys_in(scope))[0]["articles"] == 3
        (sql,) = [q["sql"] for q in captured.captured_queries]
        with connection.cursor() as cursor:
            # As on a large table: neither a whole scan nor a bitmap of the table's pages.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
        assert _scans(plan[0]["Plan"]) == [("Index Only Scan", "article_entity_article_idx")]
