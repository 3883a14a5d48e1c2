"""Atom feeds for the archive and per person, country, source and tag, linked from the pages."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleTag, Collection, Person, Source, Tag

ATOM = "application/atom+xml"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(ATOM)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_slugs(feed) -> set[str]:
    return {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries}


def test_archive_feed_lists_every_article_with_valid_atom(client, seeded):
    feed = parse(client, "/feeds/articles/")
    assert entry_slugs(feed) == set(Article.objects.values_list("slug", flat=True))
    assert feed.feed.link == "http://testserver/articles/"
    assert feed.feed.author == "Diplomatic coverage archive"  # Atom's fallback author
    for entry in feed.entries:
        assert entry.title and entry.id and entry.updated_parsed


def test_undated_articles_fall_back_to_the_load_time(client, seeded):
    article = Article.objects.order_by("slug").first()
    assert article.published is None
    entry = next(e for e in parse(client, "/feeds/articles/").entries if article.slug in e.link)
    assert "published" not in entry  # no invented publication date
    loaded = article.created_at.astimezone(dt.UTC).replace(microsecond=0)
    assert dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC) == loaded


def test_dated_articles_carry_their_publication_date(client, seeded):
    article = Article.objects.order_by("slug").first()
    article.published = dt.date(2023, 2, 28)
    article.save()
    feed = parse(client, "/feeds/articles/")
    entry = feed.entries[0]  # newest first: the only dated article
    assert article.slug in entry.link
    assert entry.published_parsed[:3] == (2023, 2, 28)
    assert entry.updated_parsed[:3] == (2023, 2, 28)


def test_entries_carry_authors_and_categories(client, seeded):
    article = Article.objects.get(slug__startswith="blinkens-visit-to-central-asia")
    tag = Tag.objects.create(name="C5+1", slug="c5-1")
    ArticleTag.objects.create(article=article, tag=tag)
    entry = next(e for e in parse(client, "/feeds/articles/").entries if article.slug in e.link)
    assert entry.author == "Kanat Altynbayev, Rustam Temirov"
    assert {t.term for t in entry.tags} == {"C5+1", "Caravanserai"}
    assert entry.summary


def test_control_characters_in_text_still_give_valid_xml(client, seeded):
    article = Article.objects.first()
    article.title = "Bad\x0bbytes\x01 in a title"
    article.dek = "A dek with a form feed\x0c."
    article.save()
    entry = next(e for e in parse(client, "/feeds/articles/").entries if article.slug in e.link)
    assert entry.title == "Badbytes in a title"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/people/antony-blinken/feed/",
            lambda: Article.objects.mentioning_person(Person.objects.get(slug="antony-blinken")),
        ),
        ("/countries/kz/feed/", lambda: Article.objects.mentioning_country("KZ")),
        ("/countries/KZ/feed/", lambda: Article.objects.mentioning_country("KZ")),
        (
            "/sources/caravanserai/feed/",
            lambda: Article.objects.filter(source__slug="caravanserai"),
        ),
    ],
)
def test_entity_feeds_list_that_entitys_articles(client, seeded, url, expected):
    feed = parse(client, url)
    slugs = set(expected().values_list("slug", flat=True))
    assert slugs and entry_slugs(feed) == slugs


def test_tag_feed_lists_tagged_articles(client, seeded):
    tag = Tag.objects.create(name="Energy", slug="energy")
    article = Article.objects.first()
    ArticleTag.objects.create(article=article, tag=tag)
    feed = parse(client, "/tags/energy/feed/")
    assert entry_slugs(feed) == {article.slug}
    assert feed.feed.title == "Diplomatic coverage archive: articles tagged Energy"


@pytest.mark.parametrize(
    "url", ["/people/nobody/feed/", "/countries/zz/feed/", "/sources/x/feed/", "/tags/x/feed/"]
)
def test_unknown_entity_feeds_are_404(client, seeded, url):
    assert client.get(url).status_code == 404


def _alternate(html: str) -> list[str]:
    pattern = r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"'
    return re.findall(pattern, html)


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feeds/articles/"),
        ("/articles/", "/feeds/articles/"),
        ("/people/antony-blinken/", "/people/antony-blinken/feed/"),
        ("/countries/kz/", "/countries/kz/feed/"),
        ("/sources/caravanserai/", "/sources/caravanserai/feed/"),
    ],
)
def test_pages_link_their_feed(client, seeded, page, feed):
    html = client.get(page).content.decode()
    assert _alternate(html) == [feed]
    assert client.get(feed).status_code == 200


def test_tag_page_links_its_feed(client, seeded):
    Tag.objects.create(name="Energy", slug="energy")
    assert _alternate(client.get("/tags/energy/").content.decode()) == ["/tags/energy/feed/"]


def test_feed_queries_do_not_grow_with_articles(client, seeded):
    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get("/feeds/articles/")
        return len(captured)

    before = count()
    source = Source.objects.first()
    collection = Collection.objects.get()
    for i in range(10):
        article = Article.objects.create(
            title=f"More {i}",
            slug=f"more-{i}",
            body="Text.",
            seed_file=f"m{i}.txt",
            provenance=f"m{i}.txt",
            source=source,
            collection=collection,
        )
        article.authors.add(Person.objects.first())
    assert count() == before


def test_article_text_is_never_markup_in_a_feed(client, seeded):
    article = Article.objects.first()
    article.dek = '<img src=x onerror="alert(1)"> & more'
    article.save()
    content = client.get("/feeds/articles/").content.decode()
    assert "<img" not in content and "&lt;img" not in content
    assert "&amp;lt;img src=x" in content  # escaped text inside an HTML summary
    entry = next(e for e in parse(client, "/feeds/articles/").entries if article.slug in e.link)
    assert entry.summary == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more"
