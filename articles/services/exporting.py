"""The export contract: one record per article with exactly ``EXPORT_KEYS``.

Researchers' scripts read these keys; extend the record only by adding keys
in a new release note, never by renaming or removing one.
"""

from collections.abc import Iterator

from django.db.models import Prefetch

from articles.models import Article, Mention, Quote

EXPORT_KEYS = (
    "seed_file",
    "slug",
    "url",
    "title",
    "title_derived",
    "source",
    "authors",
    "published",
    "language",
    "people",
    "countries",
    "tags",
    "quotes",
    "body",
    "source_kind",
    "source_country",
    "collection",
    "capture_url",
    "capture_sha256",
)


def export_records() -> Iterator[dict]:
    """Every article as an export record, in a fixed number of queries."""
    articles = (
        Article.objects.order_by("seed_file", "collection__slug", "provenance")
        .select_related("source", "collection")
        .prefetch_related(
            "authors",
            "tags",
            Prefetch("mentions", queryset=Mention.objects.select_related("person")),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        )
    )
    for article in articles:
        yield article_record(article)


def article_record(article: Article) -> dict:
    mentions = list(article.mentions.all())
    return {
        "seed_file": article.seed_file,
        "slug": article.slug,
        "url": article.get_absolute_url(),
        "title": article.title,
        "title_derived": article.title_derived,
        "source": article.source.name if article.source else None,
        "authors": [person.name for person in article.authors.all()],
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "people": _unique(m.person.name for m in mentions if m.person_id),
        "countries": _unique(m.country_id for m in mentions if m.country_id),
        "tags": sorted(tag.name for tag in article.tags.all()),
        "quotes": [
            {"speaker": q.speaker.name if q.speaker_id else None, "text": q.text}
            for q in article.quotes.all()
        ],
        "body": article.body,
        "source_kind": (article.source.kind or None) if article.source else None,
        "source_country": article.source.country_id if article.source else None,
        "collection": article.collection.slug,
        # A saved page's provenance: where it was captured and the SHA-256 of the bytes kept.
        "capture_url": article.capture_url or None,
        "capture_sha256": article.capture_sha256 or None,
    }


def _unique(values) -> list:
    """Distinct values in order of first appearance."""
    return list(dict.fromkeys(values))
