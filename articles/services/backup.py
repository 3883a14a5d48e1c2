"""Editorial backup: everything editors made, as one JSON document keyed by natural keys.

What the loader derives from the seed files (articles, mentions, quotes, gazetteer names) can
be rebuilt with ``load_seeds``; what editors made cannot. ``editorial_backup`` collects the
latter: tags, tags on articles, editorial links, editor name variants, editor-made people,
reviewed person candidates, corrected article fields, edited outlets and editor aliases, and
former article slugs. Rows refer to each other by stable keys (article and person slugs,
country codes, outlet and tag slugs, usernames), never by database ids, so a backup restores
into a freshly built database. ``editorial_restore`` puts it back in one transaction; running
it twice changes nothing the second time. What it cannot place (an article slug no article
has, a username no account has) is reported, one line each, and the rest is restored.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q

from articles.models import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleSlugAlias,
    ArticleTag,
    CountryName,
    EditorialLink,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    Source,
    SourceAlias,
    Tag,
)

from .backup_restore import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    BackupFormatError,
    RestoreReport,
    editorial_restore,
)

# Outlet fields a backup carries besides those the data file sets.
SOURCE_EXTRA_FIELDS = ("homepage", "notes")
PERSON_FIELDS = ("name", "role", "description")

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "BackupFormatError",
    "RestoreReport",
    "editorial_backup",
    "editorial_restore",
]


def _when(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _usernames(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {pk for pk in ids if pk is not None}
    user_model = get_user_model()
    return dict(
        user_model._default_manager.filter(pk__in=wanted).values_list(
            "pk", user_model.USERNAME_FIELD
        )
    )


def editorial_backup() -> dict:
    """Every editor-owned row, as plain JSON-ready data (see the module docstring)."""
    tags = list(Tag.objects.order_by("slug"))
    article_tags = list(
        ArticleTag.objects.select_related("article", "tag").order_by("article__slug", "tag__slug")
    )
    links = list(
        EditorialLink.objects.select_related("from_article", "to_article").order_by(
            "from_article__slug", "to_article__slug", "relation"
        )
    )
    candidates = list(
        PersonCandidate.objects.exclude(status=PersonCandidate.Status.PENDING)
        .select_related("person")
        .order_by("key")
    )
    users = _usernames(
        [tag.created_by_id for tag in tags]
        + [row.added_by_id for row in article_tags]
        + [link.created_by_id for link in links]
        + [candidate.reviewed_by_id for candidate in candidates]
    )
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "article_slugs": _article_slugs(),
        "sources": _sources(),
        "people": [
            {"slug": person.slug, "country": person.country_id, **_values(person, PERSON_FIELDS)}
            for person in Person.objects.filter(origin=Origin.EDITOR).order_by("slug")
        ],
        "person_names": [
            {"person": row.person.slug, "name": row.name}
            for row in PersonName.objects.filter(origin=Origin.EDITOR)
            .select_related("person")
            .order_by("person__slug", "name")
        ],
        "country_names": [
            {"country": row.country_id, "name": row.name, "kind": row.kind}
            for row in CountryName.objects.filter(origin=Origin.EDITOR).order_by(
                "country_id", "name"
            )
        ],
        "tags": [
            {
                "slug": tag.slug,
                "name": tag.name,
                "description": tag.description,
                "created_by": users.get(tag.created_by_id),
                "created_at": _when(tag.created_at),
            }
            for tag in tags
        ],
        "article_tags": [
            {
                "article": row.article.slug,
                "tag": row.tag.slug,
                "added_by": users.get(row.added_by_id),
                "added_at": _when(row.added_at),
            }
            for row in article_tags
        ],
        "editorial_links": [
            {
                "from": link.from_article.slug,
                "to": link.to_article.slug,
                "relation": link.relation,
                "note": link.note,
                "created_by": users.get(link.created_by_id),
                "created_at": _when(link.created_at),
            }
            for link in links
        ],
        "person_candidates": [
            {
                "key": candidate.key,
                "name": candidate.name,
                "status": candidate.status,
                "person": candidate.person.slug if candidate.person_id else None,
                "reviewed_by": users.get(candidate.reviewed_by_id),
                "reviewed_at": _when(candidate.reviewed_at),
            }
            for candidate in candidates
        ],
        "article_fields": _article_fields(),
    }


def _values(obj, fields: Iterable[str]) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _article_slugs() -> list[dict]:
    """Renamed articles: their seed file (the key that survives a rename), slug, former slugs."""
    aliases: dict[int, list[str]] = {}
    for slug, article_id in ArticleSlugAlias.objects.order_by("slug").values_list(
        "slug", "article_id"
    ):
        aliases.setdefault(article_id, []).append(slug)
    articles = Article.objects.filter(pk__in=aliases).only("seed_file", "slug").order_by("slug")
    return [
        {"seed_file": article.seed_file, "slug": article.slug, "former": aliases[article.pk]}
        for article in articles
    ]


def _article_fields() -> list[dict]:
    rows = []
    articles = (
        Article.objects.exclude(edited_fields=[])
        .select_related("source")
        .only("slug", "edited_fields", *EDITOR_OWNED_FIELDS)
        .order_by("slug")
    )
    for article in articles:
        fields = [name for name in EDITOR_OWNED_FIELDS if name in (article.edited_fields or [])]
        if not fields:
            continue
        values = {}
        for name in fields:
            if name == "source":
                values[name] = article.source.slug if article.source_id else None
            elif name == "published":
                values[name] = _when(article.published)
            else:
                values[name] = getattr(article, name)
        rows.append({"article": article.slug, "edited_fields": fields, "values": values})
    return rows


def _sources() -> list[dict]:
    """Outlets an editor made or changed, with the editor's aliases of any outlet."""
    editor_aliases: dict[int, list[str]] = {}
    for source_id, name in SourceAlias.objects.filter(origin=Source.Origin.EDITOR).values_list(
        "source_id", "name"
    ):
        editor_aliases.setdefault(source_id, []).append(name)
    sources = Source.objects.filter(
        ~Q(edited_fields=[]) | Q(origin=Source.Origin.EDITOR) | Q(pk__in=editor_aliases)
    ).order_by("slug")
    rows = []
    for source in sources:
        values = _values(source, (*Source.DATA_FIELDS, *SOURCE_EXTRA_FIELDS))
        values["country"] = source.country_id
        rows.append(
            {
                "slug": source.slug,
                "origin": source.origin,
                "edited_fields": list(source.edited_fields or []),
                "values": values,
                "aliases": sorted(editor_aliases.get(source.pk, [])),
            }
        )
    return rows
