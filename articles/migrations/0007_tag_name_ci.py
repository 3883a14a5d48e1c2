"""Tag names are unique ignoring case; editorial link notes have a length limit.

Tags that differ only in case ("Energy", "energy") are merged into the oldest
one first: their articles move to it (an article that had both keeps one),
and a description missing on the oldest is taken from the others. Notes
longer than the new limit are cut to it, ending with "…".
"""

import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Length, Lower

NOTE_MAX_LENGTH = 1000


def merge_case_duplicates(apps, schema_editor):
    Tag = apps.get_model("articles", "Tag")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    by_key = Tag.objects.annotate(key=Lower("name"))
    keys = by_key.values("key").annotate(n=Count("id")).filter(n__gt=1).values_list("key", flat=True)
    for key in list(keys):
        keeper, *duplicates = by_key.filter(key=key).order_by("pk")
        for duplicate in duplicates:
            for article_tag in ArticleTag.objects.filter(tag=duplicate):
                if ArticleTag.objects.filter(article_id=article_tag.article_id, tag=keeper).exists():
                    article_tag.delete()
                else:
                    article_tag.tag = keeper
                    article_tag.save(update_fields=["tag"])
            if not keeper.description and duplicate.description:
                keeper.description = duplicate.description
                keeper.save(update_fields=["description"])
            duplicate.delete()
    if schema_editor.connection.vendor == "postgresql":
        # Check the foreign keys now: PostgreSQL will not build the new index while
        # deferred checks from the merge are still pending in this transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def shorten_long_notes(apps, schema_editor):
    EditorialLink = apps.get_model("articles", "EditorialLink")
    for link in EditorialLink.objects.annotate(n=Length("note")).filter(n__gt=NOTE_MAX_LENGTH):
        link.note = link.note[: NOTE_MAX_LENGTH - 1] + "…"
        link.save(update_fields=["note"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_search_generated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="editoriallink",
            name="note",
            field=models.TextField(blank=True, max_length=NOTE_MAX_LENGTH),
        ),
        migrations.AlterField(
            model_name="tag",
            name="name",
            field=models.CharField(max_length=100),
        ),
        migrations.RunPython(merge_case_duplicates, migrations.RunPython.noop),
        migrations.RunPython(shorten_long_notes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="editoriallink",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("note"), NOTE_MAX_LENGTH
                ),
                name="editorial_link_note_length",
                violation_error_message="A note has at most 1000 characters.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="tag_name_ci_unique",
                violation_error_message="A tag with this name already exists "
                "(tag names ignore case).",
            ),
        ),
    ]
