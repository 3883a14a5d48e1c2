"""Every public page runs the same number of SQL queries for 3 articles as for 30.

The archive grows between the two measurements: more articles, each with several authors,
tags, person and country mentions, clustered quotes, shared figures and editorial links, and
more mentions, quotes and links on the article whose page is measured.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticleTag, Fact
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    EditorialLinkFactory,
    FactFactory,
    ItineraryStopFactory,
    MentionFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
    SourceFactory,
    TagFactory,
)

BODY = "Blinken met Tokayev in Astana and spoke about Kazakhstan and Russia. " * 40


class World:
    """A growing archive around one hub article, person, country, source and tag."""

    def __init__(self):
        self.countries = [CountryFactory(code=code) for code in ("KZ", "UZ", "RU", "US")]
        self.people = [
            PersonFactory(name=f"Person {i}", country=self.countries[0]) for i in range(5)
        ]
        self.authors = [PersonFactory(name=f"Author {i}") for i in range(3)]
        self.source = SourceFactory(slug="outlet", country=self.countries[0])
        self.tags = [TagFactory(name=f"Tag {i}") for i in range(4)]
        self.cluster = QuoteClusterFactory(key="cluster", representative="We support.")
        self.hub = ArticleFactory(slug="hub", body=BODY, source=self.source)
        for day in ("2023-03-02", "2023-03-10"):
            ItineraryStopFactory(
                collection=self.hub.collection, date=day, country=self.countries[0]
            )
        self.offsets = itertools.count(0, 10)  # free, distinct starts in the hub's body
        self.made = 0

    def grow(self, count: int) -> None:
        for _ in range(count):
            self.made += 1
            article = ArticleFactory(
                slug=f"article-{self.made}",
                body=BODY,
                source=self.source if self.made % 3 else None,
                published=f"2023-03-{1 + self.made % 28:02d}" if self.made % 4 else None,
                authors=self.authors,
                tags=self.tags[:3],
            )
            for i, person in enumerate(self.people[:3]):
                self.mention(article, 20 * i, person=person)
            for i, country in enumerate(self.countries[:3]):
                self.mention(article, 100 + 20 * i, country=country)
            self.quote(article, 300)
            self.quote(article, 400)
            FactFactory(article=article, start=500, text="$25m", value="25000000")
            EditorialLinkFactory(from_article=article, to_article=self.hub)
            # The hub gains mentions and quotes as the archive grows.
            self.mention(self.hub, next(self.offsets), person=self.people[self.made % 5])
            self.mention(self.hub, next(self.offsets), country=self.countries[self.made % 4])
            self.quote(self.hub, next(self.offsets))
        ArticleTag.objects.get_or_create(article=self.hub, tag=self.tags[0])
        Fact.objects.get_or_create(
            article=self.hub, kind="money", start=2000, end=2004, text="$25m", value="25000000"
        )

    def mention(self, article, start, *, person=None, country=None):
        MentionFactory(article=article, person=person, country=country, start=start, text="Name")

    def quote(self, article, start):
        QuoteFactory(article=article, start=start, text="We support", cluster=self.cluster)


# Page: (URL, the most queries it may run), measured on SQLite and PostgreSQL alike.
PAGES = {
    # Home: one query more for the collections (listed). A list's collection facet is counted
    # with the outlet facets, in one count per outlet and collection.
    "home": (reverse("articles:home"), 12),
    "list": (reverse("articles:list"), 9),
    # A search reads the people's names once (for the mentions of a person the query names and
    # for the box offering that person's page) and looks its words up once; a search alone is
    # counted from the matches it keeps (tests/test_search_scale.py).
    "list-search": (reverse("articles:list") + "?q=Blinken", 14),
    "list-filtered": (
        reverse("articles:list") + "?person=person-0&country=kz&tag=tag-0&source=outlet",
        15,
    ),
    "list-unattributed-by-mentions": (
        reverse("articles:list") + "?source=unattributed&sort=mentions&page=2",
        11,
    ),
    "list-by-outlet": (
        reverse("articles:list") + "?source_kind=unknown&source_country=KZ",
        12,
    ),
    "list-in-collection": (reverse("articles:list") + "?collection=test-collection", 12),
    "collection-list": (reverse("articles:collection-list"), 1),
    "collection-detail": (reverse("articles:collection-detail", args=["test-collection"]), 9),
    "quotes-in-collection": (reverse("articles:quote-list") + "?collection=test-collection", 12),
    "facts-in-collection": (reverse("articles:fact-list") + "?collection=test-collection", 8),
    # The two matrices share their row headings and unattributed articles (read once).
    "coverage-in-collection": (
        reverse("articles:coverage-matrix") + "?collection=test-collection",
        12,
    ),
    "list-search-page-2": (reverse("articles:list") + "?q=Tokayev&sort=title&page=2", 14),
    # The cross-coverage pages count over the newest articles (a bounded scope, read once).
    # The scope, one count per statement, the page's statements and their first reports, and
    # the three filter lists.
    "quotes": (reverse("articles:quote-list"), 7),
    "quotes-by-speaker-and-outlet": (
        reverse("articles:quote-list") + "?speaker=person-0&outlet=outlet",
        7,
    ),
    # The scope, the groups, their first reports, and the conflicting figures when any.
    "facts": (reverse("articles:fact-list"), 4),
    "facts-of-a-kind": (reverse("articles:fact-list") + "?kind=money&page=2", 4),
    "coverage": (reverse("articles:coverage-matrix"), 10),
    "coverage-by-kind": (reverse("articles:coverage-matrix") + "?by=kind", 10),
    # Related coverage reads the article's own people, countries, tags, quotes and figures,
    # then its candidates (a bounded list per item), before scoring them: two more than a
    # single aggregate over every article, which grew with the archive.
    "detail": (reverse("articles:detail", args=["hub"]), 10),
    "person-list": (reverse("articles:person-list"), 2),
    "person-list-named": (reverse("articles:person-list") + "?q=Person", 2),
    # Two more than the other entity pages: the person's quotes ("What they said") and offices.
    "person-detail": (reverse("articles:person-detail", args=["person-0"]), 13),
    "country-list": (reverse("articles:country-list") + "?all=1", 1),
    "country-detail": (reverse("articles:country-detail", args=["kz"]), 12),
    "source-list": (reverse("articles:source-list"), 2),
    "source-detail": (reverse("articles:source-detail", args=["outlet"]), 8),
    "tag-list": (reverse("articles:tag-list"), 1),
    "tag-detail": (reverse("articles:tag-detail", args=["tag-0"]), 6),
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_the_archive(
    client, db, name, django_assert_max_num_queries
):
    url, most = PAGES[name]
    world = World()
    world.grow(3)
    small = queries_for(client, url)
    world.grow(27)
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200
    large = queries_for(client, url)
    print(f"{name}: {small} queries with 3 articles, {large} with 30")
    assert small == large


def test_staff_pages_stay_constant_too(client, db, django_user_model):
    staff = django_user_model.objects.create_superuser("chief", password="pw")
    client.force_login(staff)
    world = World()
    world.grow(3)
    urls = [
        reverse("articles:detail", args=["hub"]),
        reverse("articles:tag-detail", args=["tag-0"]),
    ]
    small = [queries_for(client, url) for url in urls]
    world.grow(27)
    assert [queries_for(client, url) for url in urls] == small
