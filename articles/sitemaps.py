"""The sitemap: fixed pages, then every collection, article, person, country with coverage,
source and tag.

Quote cluster pages are left out: their keys are derived from the text and may change when
quotes are re-clustered, and a sitemap should only list addresses meant to last.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from articles.selectors.sitemap import (
    sitemap_articles,
    sitemap_collections,
    sitemap_countries,
    sitemap_people,
    sitemap_sources,
    sitemap_tags,
)


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "articles:home",
            "articles:collection-list",
            "articles:list",
            "articles:person-list",
            "articles:country-list",
            "articles:source-list",
            "articles:tag-list",
            "articles:quote-list",
            "articles:fact-list",
            "articles:coverage-matrix",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(Sitemap):
    def items(self):
        return sitemap_articles()

    def lastmod(self, item: Article):
        return item.updated_at


class PersonSitemap(Sitemap):
    def items(self):
        return sitemap_people()


class CountrySitemap(Sitemap):
    def items(self):
        return sitemap_countries()


class SourceSitemap(Sitemap):
    def items(self):
        return sitemap_sources()


class TagSitemap(Sitemap):
    def items(self):
        return sitemap_tags()


class CollectionSitemap(Sitemap):
    def items(self):
        return sitemap_collections()


SITEMAPS = {
    "pages": PageSitemap,
    "collections": CollectionSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "countries": CountrySitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
}
