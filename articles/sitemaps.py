"""The sitemap: fixed pages, then every article, person, country with coverage, source and tag.

Quote cluster pages are left out: their keys are derived from the text and may change when
quotes are re-clustered, and a sitemap should only list addresses meant to last.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from articles.models import Article, Country, Mention, Person, Source, Tag


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "articles:home",
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
        return Article.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Article):
        return item.updated_at


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.only("slug").order_by("pk")


class CountrySitemap(Sitemap):
    def items(self):
        mentioned = Exists(Mention.objects.filter(country=OuterRef("pk")))
        return Country.objects.filter(mentioned).only("slug").order_by("pk")


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.only("slug").order_by("pk")


class TagSitemap(Sitemap):
    def items(self):
        return Tag.objects.only("slug").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "countries": CountrySitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
}
