"""Editorial backup and restore: a round trip through an empty, freshly loaded database."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import (
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
from articles.services.backup import editorial_backup, editorial_restore
from articles.services.candidates import candidate_accept, candidate_dismiss
from articles.services.editorial import (
    article_record_edited_fields,
    article_tag_add,
    editorial_link_create,
    tag_update,
)
from articles.services.outlets import source_record_edited_fields
from articles.services.redirects import article_slug_change

pytestmark = pytest.mark.django_db


def name(user):
    return user.username if user else None


def editor_rows() -> dict:
    """Every editor-owned row, read straight from the models, keyed by natural keys."""
    return {
        "tags": sorted(
            (t.slug, t.name, t.description, name(t.created_by), t.created_at)
            for t in Tag.objects.select_related("created_by")
        ),
        "article_tags": sorted(
            (r.article.slug, r.tag.slug, name(r.added_by), r.added_at)
            for r in ArticleTag.objects.select_related("article", "tag", "added_by")
        ),
        "links": sorted(
            (
                link.from_article.slug,
                link.to_article.slug,
                link.relation,
                link.note,
                name(link.created_by),
                link.created_at,
            )
            for link in EditorialLink.objects.select_related(
                "from_article", "to_article", "created_by"
            )
        ),
        "person_names": sorted(
            PersonName.objects.filter(origin=Origin.EDITOR).values_list("person__slug", "name")
        ),
        "country_names": sorted(
            CountryName.objects.filter(origin=Origin.EDITOR).values_list(
                "country_id", "name", "kind"
            )
        ),
        "people": sorted(
            Person.objects.filter(origin=Origin.EDITOR).values_list(
                "slug", "name", "role", "description", "country_id"
            )
        ),
        "candidates": sorted(
            (
                c.key,
                c.status,
                c.person.slug if c.person else None,
                name(c.reviewed_by),
                c.reviewed_at,
            )
            for c in PersonCandidate.objects.exclude(status="pending").select_related(
                "person", "reviewed_by"
            )
        ),
        "articles": sorted(
            (
                a.slug,
                tuple(sorted(a.edited_fields)),
                a.title,
                a.source.slug if a.source else None,
                a.published,
                a.url,
                a.language,
            )
            for a in Article.objects.exclude(edited_fields=[]).select_related("source")
        ),
        "sources": sorted(
            (
                s.slug,
                tuple(sorted(s.edited_fields)),
                tuple(getattr(s, f) if f != "country" else s.country_id for f in s.edited_fields),
            )
            for s in Source.objects.exclude(edited_fields=[])
        ),
        "aliases": sorted(
            SourceAlias.objects.filter(origin=Source.Origin.EDITOR).values_list(
                "source__slug", "name"
            )
        ),
        "slug_aliases": sorted(ArticleSlugAlias.objects.values_list("slug", "article__slug")),
    }


@pytest.fixture
def edited(seeded):
    """Seeds loaded, then an editor's work of every kind."""
    maria = User.objects.create_user("maria", is_staff=True)
    omar = User.objects.create_user("omar", is_staff=True)
    first, second, third = Article.objects.order_by("seed_file")[:3]
    article_tag_add(article=first, tag_name="Energy", user=maria)
    article_tag_add(article=second, tag_name="Energy", user=omar)
    article_tag_add(article=first, tag_name="Sanctions", user=omar)
    sanctions = Tag.objects.get(name="Sanctions")
    tag_update(
        tag=sanctions, name="Sanctions", slug="sanctions", description="Trade measures.", user=omar
    )
    editorial_link_create(
        from_article=first, to_article=second, relation="follow_up", note="Day two.", user=maria
    )
    editorial_link_create(from_article=third, to_article=first, relation="contradicts", user=omar)
    blinken = Person.objects.get(slug="antony-blinken")
    PersonName.objects.create(person=blinken, name="Blinkin", origin=Origin.EDITOR)
    CountryName.objects.create(
        country_id="KZ", name="Qazaqstan", kind=CountryName.Kind.NAME, origin=Origin.EDITOR
    )
    pending = [
        PersonCandidate.objects.create(name=text, key=text.lower(), context=f"said {text}.")
        for text in ("Ivan Petrov", "Maria Ivanova")
    ]
    person = candidate_accept(candidate=pending[0], user=maria)
    candidate_dismiss(candidate=pending[1], user=omar)
    Person.objects.filter(pk=person.pk).update(role="Analyst", country_id="UZ")
    second.title, second.published, second.language = (
        "Corrected title",
        datetime.date(2023, 3, 2),
        "ru",
    )
    article_record_edited_fields(article=second, changed=["title", "published", "language"])
    second.save()
    source = Source.objects.exclude(articles=None).order_by("slug").first()
    source.city, source.owner = "Somewhere", "An owner"
    source_record_edited_fields(source=source, changed=["city", "owner"])
    source.save()
    SourceAlias.objects.create(source=source, name="An Editor Alias", origin=Source.Origin.EDITOR)
    first.source = source
    article_record_edited_fields(article=first, changed=["source"])
    first.save()
    article_slug_change(article=third, slug="renamed-by-editor")
    return maria


def rebuild_empty_and_load():
    """An empty database (users kept by name only), then the seeds loaded fresh."""
    users = list(User.objects.values_list("username", flat=True))
    # Every row of the archive, the audit trail and the accounts goes (a test cannot drop
    # the database it runs in, and TRUNCATE is refused inside its transaction on PostgreSQL).
    models = [*apps.get_app_config("articles").get_models(), LogEntry, User]
    # Articles first: an article protects its collection.
    models.sort(key=lambda model: model is not Article)
    for model in models:
        model._base_manager.all().delete()
    assert not any(model._base_manager.exists() for model in models)
    for username in users:
        User.objects.create_user(username)
    call_command("load_seeds", verbosity=0)


def test_round_trip_through_an_empty_database(edited, tmp_path):
    before = editor_rows()
    assert all(before.values()), [key for key, rows in before.items() if not rows]
    backup = tmp_path / "editorial.json"
    call_command("backup_editorial", str(backup), verbosity=0)
    rebuild_empty_and_load()
    assert editor_rows() != before
    call_command("restore_editorial", str(backup), verbosity=0)
    assert editor_rows() == before


def test_restore_is_idempotent(edited):
    data = editorial_backup()
    first = editorial_restore(data=data)
    rows = editor_rows()
    second = editorial_restore(data=data)
    assert first.problems == second.problems == []
    assert sum(second.restored.values()) == 0
    assert editor_rows() == rows
    assert ArticleTag.objects.count() == 3 and EditorialLink.objects.count() == 2


def test_dry_run_writes_nothing(edited, tmp_path):
    backup = tmp_path / "editorial.json"
    call_command("backup_editorial", str(backup), verbosity=0)
    rebuild_empty_and_load()
    after_load = editor_rows()
    call_command("restore_editorial", str(backup), "--dry-run", verbosity=0)
    assert editor_rows() == after_load


def test_backup_has_a_format_version_and_natural_keys(edited):
    data = json.loads(json.dumps(editorial_backup()))
    assert data["format"] == "archive-editorial-backup" and data["version"] == 1
    link = next(row for row in data["editorial_links"] if row["relation"] == "follow_up")
    assert link["note"] == "Day two." and link["created_by"] == "maria"
    assert Article.objects.filter(slug=link["from"]).exists()
    assert {row["name"] for row in data["tags"]} == {"Energy", "Sanctions"}


def test_what_cannot_be_placed_is_reported_one_line_each(edited, capsys, tmp_path):
    data = editorial_backup()
    data["article_tags"].append(
        {"article": "no-such-article", "tag": "energy", "added_by": "maria", "added_at": None}
    )
    data["tags"][0]["created_by"] = "nobody"
    backup = tmp_path / "editorial.json"
    backup.write_text(json.dumps(data), encoding="utf-8")
    call_command("restore_editorial", str(backup))
    err = capsys.readouterr().err.splitlines()
    assert (
        "not restored: tag 'energy' on 'no-such-article': no article with slug "
        "'no-such-article'; skipped" in err
    )
    assert (
        f"not restored: tag '{data['tags'][0]['slug']}': no user 'nobody'; restored without it"
        in err
    )
    assert len(err) == 2


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    backup = tmp_path / "other.json"
    backup.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(CommandError, match="not an editorial backup"):
        call_command("restore_editorial", str(backup))
    backup.write_text('{"format": "archive-editorial-backup", "version": 99}', encoding="utf-8")
    with pytest.raises(CommandError, match="version 99 is not supported"):
        call_command("restore_editorial", str(backup))
    backup.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not a JSON file"):
        call_command("restore_editorial", str(backup))
