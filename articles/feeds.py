"""Atom feeds: the newest articles in the archive, and for one person, country, source or tag.

Atom needs an ``updated`` time on every entry. An article's is its publication date when the
archive knows it; when the date is unknown the entry carries no ``published`` element and
its ``updated`` time is when the archive loaded the article (``created_at``), which is the
only honest time there is.

Atom also needs an author for every entry. Entries name the article's credited authors; the
feed itself names the archive as its author (it compiled the feed), which is what Atom falls
back to for articles with no byline. No byline is made up.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import Article, Country, Person, Source, Tag
from articles.selectors.articles import articles_all

FEED_SIZE = 50
SUMMARY_LENGTH = 500
# Characters XML 1.0 cannot carry at all; captured text sometimes has them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("", value or "")


def _published_at(article: Article) -> datetime | None:
    if article.published is None:
        return None
    return datetime.combine(article.published, time.min, tzinfo=UTC)


class ArchiveFeed(Feed):
    """The newest articles in the whole archive."""

    feed_type = Atom1Feed
    title = "Diplomatic coverage archive: newest articles"
    subtitle = "Articles in the archive, newest first; undated articles last."
    author_name = "Diplomatic coverage archive"

    def link(self, obj=None) -> str:
        return reverse("articles:list")

    def feed_url(self, obj=None) -> str:
        return reverse("articles:feed")

    def articles(self, obj):
        return articles_all()

    def items(self, obj=None):
        return self.articles(obj).for_list().newest()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return xml_text(item.title)

    def item_description(self, item: Article) -> str:
        """Plain text, escaped: Atom marks the summary as HTML, and article text is not HTML."""
        summary = item.dek or next(iter(item.paragraphs), "")
        if len(summary) > SUMMARY_LENGTH:
            summary = summary[: SUMMARY_LENGTH - 1].rstrip() + "…"
        return escape(xml_text(summary))

    def item_author_name(self, item: Article) -> str | None:
        names = [xml_text(person.name) for person in item.authors.all()]
        return ", ".join(names) or None

    def item_pubdate(self, item: Article) -> datetime | None:
        return _published_at(item)

    def item_updateddate(self, item: Article) -> datetime:
        return _published_at(item) or item.created_at

    def item_categories(self, item: Article) -> list[str]:
        categories = [xml_text(tag.name) for tag in item.tags.all()]
        if item.source_id:
            categories.append(xml_text(item.source.name))
        return categories


class EntityFeed(ArchiveFeed):
    """The newest articles about one record: ``model`` found by the URL's ``url_kwarg``."""

    subtitle = None
    model: type[Person | Country | Source | Tag]
    url_name: str
    url_kwarg = "slug"
    wording: str  # what the articles have to do with the record, for the title

    def get_object(self, request, **kwargs):
        return get_object_or_404(self.model, slug=self.slug_of(kwargs[self.url_kwarg]))

    def slug_of(self, value: str) -> str:
        return value

    def title(self, obj) -> str:
        return xml_text(f"Diplomatic coverage archive: articles {self.wording} {obj.name}")

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj) -> str:
        return reverse(f"articles:{self.url_name}", kwargs={self.url_kwarg: obj.slug})


class PersonFeed(EntityFeed):
    model, url_name, wording = Person, "person-feed", "mentioning"

    def articles(self, obj: Person):
        return articles_all().mentioning_person(obj)


class CountryFeed(EntityFeed):
    model, url_name, url_kwarg, wording = Country, "country-feed", "code", "mentioning"

    def slug_of(self, value: str) -> str:
        return value.lower()

    def articles(self, obj: Country):
        return articles_all().mentioning_country(obj)


class SourceFeed(EntityFeed):
    model, url_name, wording = Source, "source-feed", "from"

    def articles(self, obj: Source):
        return articles_all().filter(source=obj)


class TagFeed(EntityFeed):
    model, url_name, wording = Tag, "tag-feed", "tagged"

    def articles(self, obj: Tag):
        return articles_all().tagged(obj)
