"""The search column indexes the first 300,000 characters of the body.

PostgreSQL refuses a ``tsvector`` over 1 MB, which a body of many distinct words reaches
inside the loader's 2 MB limit, so such a document could not be saved. PostgreSQL cannot
alter a generated column's expression: the column and its index are removed and added
back (on SQLite the column is always NULL and only the migration state changes).
"""

import importlib

from django.db import migrations

import articles.search

collections_0011 = importlib.import_module("articles.migrations.0011_collections")
on_postgresql = collections_0011.on_postgresql


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_archive_version")]

    operations = [
        on_postgresql(migrations.RemoveIndex)(model_name="article", name="article_search_gin"),
        on_postgresql(migrations.RemoveField)(model_name="article", name="search_vector"),
        on_postgresql(migrations.AddField)(
            model_name="article",
            name="search_vector",
            field=collections_0011.search_vector(
                articles.search.weighted_search_vector(
                    config=collections_0011.language_config(), body_chars=300_000
                )
            ),
        ),
        on_postgresql(migrations.AddIndex)(
            model_name="article",
            index=articles.search.SearchIndex(fields=["search_vector"], name="article_search_gin"),
        ),
    ]
