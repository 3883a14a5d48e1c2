"""sitemap.xml (an index of sections) and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Collection, Mention, Person, Source, Tag

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url: str, tag: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [loc.text for loc in root.findall(f"s:{tag}/s:loc", NS)]


def every_url(client) -> list[str]:
    urls = []
    for section in locations(client, "/sitemap.xml", "sitemap"):
        urls += locations(client, section.removeprefix("http://testserver"), "url")
    return urls


def test_sitemap_index_lists_its_sections(client, seeded):
    sections = locations(client, "/sitemap.xml", "sitemap")
    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("pages", "collections", "articles", "people", "countries", "sources", "tags")
    ]


def test_sitemap_lists_articles_entities_and_pages(client, seeded):
    Tag.objects.create(name="Energy", slug="energy")
    urls = set(every_url(client))
    base = "http://testserver"
    assert {f"{base}{a.get_absolute_url()}" for a in Article.objects.all()} <= urls
    assert {f"{base}{p.get_absolute_url()}" for p in Person.objects.all()} <= urls
    assert {f"{base}{s.get_absolute_url()}" for s in Source.objects.all()} <= urls
    assert f"{base}/tags/energy/" in urls
    assert {f"{base}{c.get_absolute_url()}" for c in Collection.objects.all()} <= urls
    assert f"{base}/collections/" in urls
    assert {f"{base}/", f"{base}/articles/", f"{base}/people/", f"{base}/quotes/"} <= urls
    mentioned = set(Mention.objects.filter(country__isnull=False).values_list("country", flat=True))
    listing = f"{base}/countries/"
    countries = {u for u in urls if u.startswith(listing) and u != listing}
    assert countries == {f"{base}/countries/{code.lower()}/" for code in mentioned}
    assert not any("/admin/" in u or "/api/" in u for u in urls)


def test_article_entries_carry_their_last_change(client, seeded):
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)  # noqa: S314
    lastmods = root.findall("s:url/s:lastmod", NS)
    assert len(lastmods) == Article.objects.count()
    newest = max(Article.objects.values_list("updated_at", flat=True))
    assert newest.date().isoformat() in {node.text[:10] for node in lastmods}


def test_sitemap_queries_do_not_grow_with_articles(client, seeded):
    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get("/sitemap-articles.xml")
        return len(captured)

    before = count()
    collection = Collection.objects.get()
    for i in range(10):
        Article.objects.create(
            title=f"T{i}",
            slug=f"t-{i}",
            body="x",
            seed_file=f"t{i}.txt",
            provenance=f"t{i}.txt",
            collection=collection,
        )
    assert count() == before


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /articles/export.csv" in lines
