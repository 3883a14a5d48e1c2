"""Putting an editorial backup back (``articles.services.backup`` describes the format).

One transaction, in dependency order: article slugs, outlets, people, name variants, tags,
tags on articles, links, candidate reviews, article corrections. Every row is looked up by its
natural key and created or brought in line, so a second restore changes nothing. A row whose
key points at nothing here is skipped and reported; an unknown username leaves the row
without its author, also reported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from articles.models import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleSlugAlias,
    ArticleTag,
    Country,
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
from articles.services.outlet_counts import OutletMove, outlet_totals_move

BACKUP_FORMAT = "archive-editorial-backup"
BACKUP_VERSION = 1
SECTIONS = (
    "article_slugs",
    "sources",
    "people",
    "person_names",
    "country_names",
    "tags",
    "article_tags",
    "editorial_links",
    "person_candidates",
    "article_fields",
)


class BackupFormatError(ValueError):
    """The file is not an editorial backup this version can read."""


@dataclass
class RestoreReport:
    dry_run: bool = False
    restored: dict[str, int] = field(default_factory=dict)  # rows created or changed
    unchanged: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line per row not (fully) placed

    def count(self, section: str, changed: bool) -> None:
        bucket = self.restored if changed else self.unchanged
        bucket[section] = bucket.get(section, 0) + 1


def _check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise BackupFormatError("not an editorial backup (no 'format': 'archive-editorial-backup')")
    if data.get("version") != BACKUP_VERSION:
        raise BackupFormatError(
            f"backup format version {data.get('version')!r} is not supported "
            f"(this archive reads version {BACKUP_VERSION})"
        )
    for section in SECTIONS:
        if not isinstance(data.get(section, []), list):
            raise BackupFormatError(f"section '{section}' is not a list")


def _datetime(value):
    return datetime.datetime.fromisoformat(value) if value else None


class _Restorer:
    def __init__(self, report: RestoreReport) -> None:
        self.report = report
        self.users: dict[str, int] = {}
        user_model = get_user_model()
        self.username_field = user_model.USERNAME_FIELD
        self.user_manager = user_model._default_manager

    def problem(self, line: str) -> None:
        self.report.problems.append(line)

    def user_id(self, username, where: str) -> int | None:
        if not username:
            return None
        if username not in self.users:
            pk = (
                self.user_manager.filter(**{self.username_field: username})
                .values_list("pk", flat=True)
                .first()
            )
            self.users[username] = pk
        if self.users[username] is None:
            self.problem(f"{where}: no user '{username}'; restored without it")
        return self.users[username]

    def article(self, slug, where: str) -> Article | None:
        article = Article.objects.filter(slug=slug).only("pk", "slug").first()
        if article is None:
            self.problem(f"{where}: no article with slug '{slug}'; skipped")
        return article

    def save_changes(self, obj, values: dict) -> bool:
        """Set ``values`` on ``obj`` and save it if anything differs."""
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            obj.save(update_fields=changed)
        return bool(changed)

    # --- sections, in dependency order -------------------------------------------------------

    def article_slugs(self, row) -> None:
        article = Article.objects.filter(seed_file=row["seed_file"]).only("slug").first()
        if article is None:
            self.problem(f"article slug '{row['slug']}': no article from '{row['seed_file']}'")
            return
        changed = False
        if article.slug != row["slug"]:
            if Article.objects.filter(slug=row["slug"]).exclude(pk=article.pk).exists():
                self.problem(f"article slug '{row['slug']}': used by another article; skipped")
                return
            article.slug = row["slug"]
            article.save(update_fields=["slug"])
            changed = True
        for former in row.get("former", []):
            if former != article.slug:
                _, created = ArticleSlugAlias.objects.update_or_create(
                    slug=former, defaults={"article": article}
                )
                changed = changed or created
        self.report.count("article_slugs", changed)

    def sources(self, row) -> None:
        values = dict(row["values"])
        code = values.pop("country", None)
        country = Country.objects.filter(code=code).first() if code else None
        if code and country is None:
            self.problem(f"source '{row['slug']}': no country '{code}'; country left unknown")
        values["country"] = country
        edited = list(row.get("edited_fields", []))
        source = Source.objects.filter(slug=row["slug"]).first()
        if source is None:
            if Source.objects.filter(name__iexact=values["name"]).exists():
                self.problem(f"source '{row['slug']}': another outlet is named '{values['name']}'")
                return
            source = Source.objects.create(
                slug=row["slug"], origin=row.get("origin", Source.Origin.EDITOR), **values
            )
            source.edited_fields = edited
            source.save(update_fields=["edited_fields"])
            changed = True
        else:
            keep = set(edited) | (
                set(values) if row.get("origin") == Source.Origin.EDITOR else set()
            )
            wanted = {name: value for name, value in values.items() if name in keep}
            current = list(source.edited_fields or [])
            wanted["edited_fields"] = current + [name for name in edited if name not in current]
            changed = self.save_changes(source, wanted)
        for name in row.get("aliases", []):
            alias = SourceAlias.objects.filter(name__iexact=name).first()
            if alias is None:
                SourceAlias.objects.create(source=source, name=name, origin=Source.Origin.EDITOR)
                changed = True
            elif alias.source_id != source.pk:
                self.problem(f"source '{row['slug']}': alias '{name}' names another outlet")
            else:
                changed = self.save_changes(alias, {"origin": Source.Origin.EDITOR}) or changed
        self.report.count("sources", changed)

    def people(self, row) -> None:
        code = row.get("country")
        country = Country.objects.filter(code=code).first() if code else None
        values = {name: row.get(name, "") for name in ("name", "role", "description")}
        values["country"] = country
        person = Person.objects.filter(slug=row["slug"]).first()
        if person is None:
            Person.objects.create(slug=row["slug"], origin=Origin.EDITOR, **values)
            changed = True
        else:
            changed = self.save_changes(person, values)
        self.report.count("people", changed)

    def person_names(self, row) -> None:
        person = Person.objects.filter(slug=row["person"]).first()
        if person is None:
            self.problem(f"name variant '{row['name']}': no person '{row['person']}'; skipped")
            return
        name, created = PersonName.objects.get_or_create(
            person=person, name=row["name"], defaults={"origin": Origin.EDITOR}
        )
        changed = created or self.save_changes(name, {"origin": Origin.EDITOR})
        self.report.count("person_names", changed)

    def country_names(self, row) -> None:
        country = Country.objects.filter(code=row["country"]).first()
        if country is None:
            self.problem(f"country name '{row['name']}': no country '{row['country']}'; skipped")
            return
        name, created = CountryName.objects.get_or_create(
            country=country,
            name=row["name"],
            defaults={"origin": Origin.EDITOR, "kind": row.get("kind", CountryName.Kind.NAME)},
        )
        changed = created or self.save_changes(
            name, {"origin": Origin.EDITOR, "kind": row.get("kind", name.kind)}
        )
        self.report.count("country_names", changed)

    def tags(self, row) -> None:
        where = f"tag '{row['slug']}'"
        values = {
            "name": row["name"],
            "description": row.get("description", ""),
            "created_by_id": self.user_id(row.get("created_by"), where),
        }
        tag = Tag.objects.filter(slug=row["slug"]).first()
        same_name = Tag.objects.annotate(lower=Lower("name")).filter(lower=row["name"].lower())
        if same_name.exclude(slug=row["slug"]).exists():
            self.problem(f"{where}: another tag is named '{row['name']}'; skipped")
            return
        if tag is None:
            tag = Tag.objects.create(slug=row["slug"], **values)
            changed = True
        else:
            changed = self.save_changes(tag, values)
        created_at = _datetime(row.get("created_at"))
        if created_at and tag.created_at != created_at:
            Tag.objects.filter(pk=tag.pk).update(created_at=created_at)
        self.report.count("tags", changed)

    def article_tags(self, row) -> None:
        where = f"tag '{row['tag']}' on '{row['article']}'"
        article = self.article(row["article"], where)
        tag = Tag.objects.filter(slug=row["tag"]).first()
        if tag is None and article is not None:
            self.problem(f"{where}: no tag '{row['tag']}'; skipped")
        if article is None or tag is None:
            return
        added_by = self.user_id(row.get("added_by"), where)
        link, created = ArticleTag.objects.get_or_create(
            article=article, tag=tag, defaults={"added_by_id": added_by}
        )
        changed = created or self.save_changes(link, {"added_by_id": added_by})
        added_at = _datetime(row.get("added_at"))
        if added_at and link.added_at != added_at:
            ArticleTag.objects.filter(pk=link.pk).update(added_at=added_at)
        self.report.count("article_tags", changed)

    def editorial_links(self, row) -> None:
        where = f"link '{row['from']}' {row['relation']} '{row['to']}'"
        source, target = self.article(row["from"], where), self.article(row["to"], where)
        if source is None or target is None:
            return
        if row["relation"] not in EditorialLink.Relation.values:
            self.problem(f"{where}: unknown relation; skipped")
            return
        values = {
            "note": row.get("note", ""),
            "created_by_id": self.user_id(row.get("created_by"), where),
        }
        link, created = EditorialLink.objects.get_or_create(
            from_article=source, to_article=target, relation=row["relation"], defaults=values
        )
        changed = created or self.save_changes(link, values)
        created_at = _datetime(row.get("created_at"))
        if created_at and link.created_at != created_at:
            EditorialLink.objects.filter(pk=link.pk).update(created_at=created_at)
        self.report.count("editorial_links", changed)

    def person_candidates(self, row) -> None:
        where = f"candidate '{row['name']}'"
        person = None
        if row.get("person"):
            person = Person.objects.filter(slug=row["person"]).first()
            if person is None:
                self.problem(f"{where}: no person '{row['person']}'; restored without it")
        if row["status"] not in PersonCandidate.Status.values:
            self.problem(f"{where}: unknown status '{row['status']}'; skipped")
            return
        values = {
            "status": row["status"],
            "person": person,
            "reviewed_by_id": self.user_id(row.get("reviewed_by"), where),
            "reviewed_at": _datetime(row.get("reviewed_at")),
        }
        candidate = PersonCandidate.objects.filter(key=row["key"]).first()
        if candidate is None:
            PersonCandidate.objects.create(key=row["key"], name=row["name"], **values)
            changed = True
        else:
            changed = self.save_changes(candidate, values)
        self.report.count("person_candidates", changed)

    def article_fields(self, row) -> None:
        where = f"corrections of '{row['article']}'"
        article = Article.objects.filter(slug=row["article"]).first()
        if article is None:
            self.problem(f"{where}: no article with slug '{row['article']}'; skipped")
            return
        fields = [name for name in row.get("edited_fields", []) if name in EDITOR_OWNED_FIELDS]
        values = {}
        for name in fields:
            value = row.get("values", {}).get(name)
            if name == "source":
                source = Source.objects.filter(slug=value).first() if value else None
                if value and source is None:
                    self.problem(f"{where}: no source '{value}'; source not restored")
                    continue
                values["source"] = source
            elif name == "published":
                values["published"] = datetime.date.fromisoformat(value) if value else None
            else:
                values[name] = value
        edited = list(article.edited_fields or [])
        edited += [name for name in values if name not in edited]
        values["edited_fields"] = edited
        before = (article.collection_id, article.source_id)
        changed = self.save_changes(article, values)
        # A restored outlet moves the outlets' totals, in the restore's transaction.
        outlet_totals_move(
            moves=[OutletMove(before=before, after=(article.collection_id, article.source_id))]
        )
        self.report.count("article_fields", changed)


def editorial_restore(*, data: dict, dry_run: bool = False) -> RestoreReport:
    """Restore a backup made by ``editorial_backup``; with ``dry_run``, roll everything back."""
    _check_format(data)
    report = RestoreReport(dry_run=dry_run)
    restorer = _Restorer(report)
    with transaction.atomic():
        for section in SECTIONS:
            for row in data.get(section, []):
                try:
                    getattr(restorer, section)(row)
                except (KeyError, TypeError, ValueError) as error:
                    report.problems.append(f"{section}: malformed row ({error!r}); skipped")
        if dry_run:
            transaction.set_rollback(True)
    return report
