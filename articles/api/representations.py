"""Model rows turned into the API's dictionaries (the shapes are in ``schemas``).

Empty text fields come out as ``null``: unknown stays visibly unknown.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from articles.models import Article, Country, Person, Quote, Source, Tag


def _or_none(value: str) -> str | None:
    return value or None


def person_ref(person: Person | None) -> dict | None:
    return {"slug": person.slug, "name": person.name} if person else None


def country_ref(country: Country | None) -> dict | None:
    return {"code": country.code, "name": country.name} if country else None


def source_ref(source: Source | None) -> dict | None:
    return {"slug": source.slug, "name": source.name} if source else None


def tag_ref(tag: Tag) -> dict:
    return {"slug": tag.slug, "name": tag.name}


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def article_api_url(request: HttpRequest, slug: str) -> str:
    return absolute(request, reverse("api:article", kwargs={"slug": slug}))


def article_summary(request: HttpRequest, article: Article) -> dict:
    """Needs ``source`` selected and ``authors`` and ``tags`` prefetched (``for_list()``)."""
    return {
        "slug": article.slug,
        "title": article.title,
        "title_derived": article.title_derived,
        "source": source_ref(article.source),
        "authors": [person_ref(person) for person in article.authors.all()],
        "published": article.published,
        "language": article.language,
        "original_url": _or_none(article.url),
        "tags": [tag_ref(tag) for tag in article.tags.all()],
        "html_url": absolute(request, article.get_absolute_url()),
        "api_url": article_api_url(request, article.slug),
    }


def quote_out(quote: Quote) -> dict:
    return {
        "part": Quote.Part(quote.part).name.lower(),
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": person_ref(quote.speaker),
        "speaker_text": _or_none(quote.speaker_text),
        "speaker_kind": quote.speaker_kind or None,
        "cluster_key": quote.cluster.key if quote.cluster_id else None,
    }


# Each list of an article's record carries at most this many items: a long document has tens
# of thousands of mentions. ``offset`` reads the next ones (``items_next``).
ITEMS_PER_RECORD = 1000


def article_detail(request: HttpRequest, article: Article, *, offset: int = 0) -> dict:
    """The summary plus body and, from ``offset``, at most ``ITEMS_PER_RECORD`` mentions,
    quotes and facts each, in text order, with how many of each there are (a count and a
    slice per list)."""
    window = slice(offset, offset + ITEMS_PER_RECORD)
    mentions = article.mentions.select_related("person", "country").order_by("start", "pk")
    quotes = article.quotes.select_related("speaker", "cluster").order_by("part", "start", "pk")
    facts = article.facts.order_by("start", "pk")
    totals = {
        "mentions_total": mentions.count(),
        "quotes_total": quotes.count(),
        "facts_total": facts.count(),
    }
    more = offset + ITEMS_PER_RECORD < max(totals.values())
    params = request.GET.copy()
    params["offset"] = str(offset + ITEMS_PER_RECORD)
    return {
        **article_summary(request, article),
        "dek": _or_none(article.dek),
        "body": article.body,
        "notes": _or_none(article.notes),
        "capture_url": _or_none(article.capture_url),
        "capture_sha256": _or_none(article.capture_sha256),
        "mentions": [
            {
                "kind": mention.kind,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "person": person_ref(mention.person),
                "country": country_ref(mention.country),
            }
            for mention in mentions[window]
        ],
        "quotes": [quote_out(quote) for quote in quotes[window]],
        "facts": [
            {
                "kind": fact.kind,
                "start": fact.start,
                "end": fact.end,
                "text": fact.text,
                "value": fact.value,
                "context": fact.context,
            }
            for fact in facts[window]
        ],
        "items_offset": offset,
        **totals,
        "items_next": absolute(request, f"{request.path}?{params.urlencode()}") if more else None,
    }


def list_url(request: HttpRequest, param: str, value: str) -> str:
    """The API's article list filtered to one entity."""
    return absolute(request, f"{reverse('api:articles')}?{param}={value}")


def collection_out(request: HttpRequest, collection) -> dict:
    return {
        "slug": collection.slug,
        "title": collection.title,
        "summary": collection.summary,
        "start_date": collection.start_date,
        "end_date": collection.end_date,
        "places": [country.code for country in collection.places.all()],
        "participants": [person.slug for person in collection.participants.all()],
        "article_count": collection.article_count,
        "html_url": absolute(request, collection.get_absolute_url()),
        "articles_url": list_url(request, "collection", collection.slug),
    }


def person_out(request: HttpRequest, person: Person) -> dict:
    return {
        "slug": person.slug,
        "name": person.name,
        "role": _or_none(person.role),
        "country": country_ref(person.country),
        "article_count": person.article_count,
        "html_url": absolute(request, person.get_absolute_url()),
        "articles_url": list_url(request, "person", person.slug),
    }


def country_out(request: HttpRequest, country: Country) -> dict:
    return {
        "code": country.code,
        "name": country.name,
        "official_name": _or_none(country.official_name),
        "article_count": country.article_count,
        "html_url": absolute(request, country.get_absolute_url()),
        "articles_url": list_url(request, "country", country.slug),
    }


def source_out(request: HttpRequest, source: Source) -> dict:
    return {
        "slug": source.slug,
        "name": source.name,
        "label": source.label,
        "kind": _or_none(source.kind),
        "owner": _or_none(source.owner),
        "city": _or_none(source.city),
        "homepage": _or_none(source.homepage),
        "country": country_ref(source.country),
        "languages": list(source.languages),
        "article_count": source.article_count,
        "html_url": absolute(request, source.get_absolute_url()),
        "articles_url": list_url(request, "source", source.slug),
    }


# The quotes list carries each statement's first reports only: a statement reported by
# thousands of articles is read a record at a time from its own address (``reports_next``).
REPORTS_PER_CLUSTER = 20


def cluster_out(request: HttpRequest, cluster, *, offset: int = 0, reports=None) -> dict:
    """A statement with ``reports`` (by default its ``first_reports``), which start at
    ``offset`` of its ``report_count`` reports, and the address of the record with the next
    ones while there are more (``reports_next``)."""
    reports = cluster.first_reports if reports is None else reports
    following = offset + len(reports)
    reports_next = None
    if following < cluster.report_count:
        path = reverse("api:quote", kwargs={"key": cluster.key})
        reports_next = absolute(request, f"{path}?offset={following}")
    return {
        "key": cluster.key,
        "speaker": person_ref(cluster.speaker),
        "representative": cluster.representative,
        "article_count": cluster.article_count,
        "html_url": absolute(request, cluster.get_absolute_url()),
        "reports": [
            {
                "article": quote.article.slug,
                "title": quote.article.title,
                "source": source_ref(quote.article.source),
                "published": quote.article.published,
                "text": quote.text,
                "speaker_text": _or_none(quote.speaker_text),
                "start": quote.start,
                "end": quote.end,
                "api_url": article_api_url(request, quote.article.slug),
            }
            for quote in reports
        ],
        "report_count": cluster.report_count,
        "reports_offset": offset,
        "reports_next": reports_next,
    }
