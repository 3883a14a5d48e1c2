"""The search column becomes part of the model: ``Article.search_vector``.

Migration 0002 created it on PostgreSQL with raw SQL, so Django's migration
state did not know it. Here the raw column and index are dropped and Django
adds the GeneratedField and its index (same name, same weights), so later
migrations can remove, re-add or reason about it like any other field.

On SQLite the column is a text column that is always NULL (search uses FTS5
there); SQLite adds such a column in place, so the FTS5 triggers of migration
0002 stay as they are.
"""

import importlib

import articles.search
import django.contrib.postgres.search
from django.db import migrations, models

search_0002 = importlib.import_module("articles.migrations.0002_search")


def drop_raw_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in search_0002.PG_BACKWARD:
            schema_editor.execute(statement)


def restore_raw_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in search_0002.PG_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_cluster_alias")]

    operations = [
        migrations.RunPython(drop_raw_column, restore_raw_column),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=articles.search.PostgreSQLOnly(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "title", config="english", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "dek", config="english", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("english"),
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "body", config="english", weight="C"
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    output_field=articles.search.TsVectorField(),
                ),
                null=True,
                output_field=articles.search.TsVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=articles.search.SearchIndex(fields=["search_vector"], name="article_search_gin"),
        ),
    ]
