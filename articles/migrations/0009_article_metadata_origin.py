"""``Article.metadata_origin``: where each metadata field came from.

Values per field name ("title", "source", "published", "authors"): "document" (stated by the
text), "capture", "catalog" or "editor". SQLite rebuilds the table to add a column with a
default, which drops the FTS5 triggers of migration 0002; they are recreated (and the index
rebuilt) right after.
"""

import importlib

from django.db import migrations, models

search_0002 = importlib.import_module("articles.migrations.0002_search")


def restore_sqlite_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in search_0002.SQLITE_BACKWARD + search_0002.SQLITE_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_source_records")]

    operations = [
        # Undoing this migration drops the column (a rebuild too): the triggers come back last.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_search),
        migrations.AddField(
            model_name="article",
            name="metadata_origin",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Where each metadata field came from: document, capture, catalog or editor.",
            ),
        ),
        migrations.RunPython(restore_sqlite_search, migrations.RunPython.noop),
    ]
