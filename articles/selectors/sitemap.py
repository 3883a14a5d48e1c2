"""What the sitemap lists: every public page meant to last, in a stable order."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from articles.models import Article, Collection, Country, Mention, Person, Source, Tag


def sitemap_articles() -> QuerySet[Article]:
    return Article.objects.only("slug", "updated_at").order_by("pk")


def sitemap_people() -> QuerySet[Person]:
    return Person.objects.only("slug").order_by("pk")


def sitemap_countries() -> QuerySet[Country]:
    """Countries with coverage: a page of a country nobody mentions is empty."""
    mentioned = Exists(Mention.objects.filter(country=OuterRef("pk")))
    return Country.objects.filter(mentioned).only("slug").order_by("pk")


def sitemap_sources() -> QuerySet[Source]:
    return Source.objects.only("slug").order_by("pk")


def sitemap_tags() -> QuerySet[Tag]:
    return Tag.objects.only("slug").order_by("pk")


def sitemap_collections() -> QuerySet[Collection]:
    return Collection.objects.only("slug").order_by("pk")
