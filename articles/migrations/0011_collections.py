"""Collections, and an article's identity as its collection plus its provenance.

Every existing article joins the seed collection, ``blinken-central-asia-2023``
(``seeds/collection.toml`` fills in its details on the next ``load_seeds``), and
its provenance becomes its file name, the path relative to ``seeds/``. Slugs and
editorial data are untouched. ``seed_file`` stays, no longer unique, as the file
name shown on pages.

The search column now picks its text search configuration from the article's
language. PostgreSQL cannot alter a generated column's expression, so the
column and its index are removed and added back there (SQLite's column is
always NULL and stays as it is). On SQLite the article table is
rebuilt (a new foreign key, a dropped unique), which drops the FTS5 triggers of
migration 0002: they are created again and the FTS5 table rebuilt.
"""

import importlib

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.contrib.postgres.search import SearchConfig
from django.db import migrations, models

import articles.search

search_0002 = importlib.import_module("articles.migrations.0002_search")

SEED_COLLECTION = "blinken-central-asia-2023"
SEED_TITLE = "Blinken in Kazakhstan and Uzbekistan, 2023"
# The trigger statements of 0002 (not the CREATE VIRTUAL TABLE, which survives a rebuild).
SQLITE_TRIGGERS = [s for s in search_0002.SQLITE_FORWARD if "CREATE TRIGGER" in s]
SQLITE_DROP_TRIGGERS = [s for s in search_0002.SQLITE_BACKWARD if "DROP TRIGGER" in s]
SQLITE_REBUILD = "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')"


# Editors see collections; their contents come from collection.toml, which the loader syncs.
VIEW_PERMISSIONS = ["view_collection", "view_itinerarystop"]


def grant_view_permissions(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles", codename__in=VIEW_PERMISSIONS
            )
        )


def revoke_view_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(*Permission.objects.filter(codename__in=VIEW_PERMISSIONS))


def seed_collection(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Collection = apps.get_model("articles", "Collection")
    if not Article.objects.exists():
        return
    collection, _ = Collection.objects.get_or_create(
        slug=SEED_COLLECTION, defaults={"title": SEED_TITLE}
    )
    Article.objects.filter(collection__isnull=True).update(collection=collection)
    for article in Article.objects.filter(provenance="").only("pk", "seed_file"):
        Article.objects.filter(pk=article.pk).update(provenance=article.seed_file)
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL refuses to alter a table with
        # deferred checks pending, and the column becomes NOT NULL next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def provenance_back(apps, schema_editor):
    """Going back, ``seed_file`` is unique again: it must hold distinct names."""
    Article = apps.get_model("articles", "Article")
    names = list(Article.objects.values_list("seed_file", flat=True))
    if len(names) != len(set(names)):
        raise RuntimeError("articles share a file name; they cannot be identified by it alone")


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in [*SQLITE_DROP_TRIGGERS, *SQLITE_TRIGGERS, SQLITE_REBUILD]:
            schema_editor.execute(statement)


def on_postgresql(operation_class):
    """The operation for the migration state everywhere, for the schema on PostgreSQL only.

    On SQLite the search column is ``GENERATED ALWAYS AS (NULL)`` whatever the
    expression, so there is nothing to change, and SQLite cannot add a stored
    column to a table with rows.
    """

    class PostgreSQLOnly(operation_class):
        def database_forwards(self, app_label, schema_editor, from_state, to_state):
            if schema_editor.connection.vendor == "postgresql":
                super().database_forwards(app_label, schema_editor, from_state, to_state)

        def database_backwards(self, app_label, schema_editor, from_state, to_state):
            if schema_editor.connection.vendor == "postgresql":
                super().database_backwards(app_label, schema_editor, from_state, to_state)

    PostgreSQLOnly.__name__ = operation_class.__name__
    return PostgreSQLOnly


# Frozen here (the model reads articles.search.LANGUAGE_SEARCH_CONFIGS): a later change
# to that table needs a migration of its own.
LANGUAGE_CONFIGS = [
    ("en", "english"),
    ("ru", "russian"),
    ("fr", "french"),
    ("de", "german"),
    ("es", "spanish"),
]


def language_config():
    return models.Case(
        *(models.When(language=code, then=SearchConfig(name)) for code, name in LANGUAGE_CONFIGS),
        default=SearchConfig("simple"),
        output_field=models.TextField(),
    )


def search_vector(expression):
    return models.GeneratedField(
        db_persist=True,
        expression=expression,
        null=True,
        output_field=articles.search.TsVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_person_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Collection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=100, unique=True)),
                ("title", models.CharField(max_length=300)),
                ("summary", models.TextField(blank=True)),
                ("start_date", models.DateField(blank=True, null=True)),
                ("end_date", models.DateField(blank=True, null=True)),
                (
                    "participants",
                    models.ManyToManyField(
                        blank=True, related_name="collections", to="articles.person"
                    ),
                ),
                (
                    "places",
                    models.ManyToManyField(
                        blank=True, related_name="collections", to="articles.country"
                    ),
                ),
            ],
            options={
                "ordering": [
                    models.OrderBy(models.F("start_date"), descending=True, nulls_last=True),
                    "title",
                    "pk",
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("start_date__isnull", True),
                            ("end_date__isnull", True),
                            ("end_date__gte", models.F("start_date")),
                            _connector="OR",
                        ),
                        name="collection_dates_in_order",
                        violation_error_message="A collection cannot end before it starts.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ItineraryStop",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField()),
                ("time", models.TimeField(blank=True, null=True)),
                ("place", models.CharField(max_length=200)),
                ("description", models.TextField(blank=True, verbose_name="what happened")),
                (
                    "collection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="itinerary",
                        to="articles.collection",
                    ),
                ),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="itinerary_stops",
                        to="articles.country",
                    ),
                ),
            ],
            options={
                "ordering": [
                    "collection",
                    "date",
                    models.OrderBy(models.F("time"), nulls_first=True),
                    "pk",
                ],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="collection",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.collection",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="provenance",
            field=models.CharField(
                default="",
                help_text="Where the document came from: its path relative to the folder loaded "
                "(or the capture URL). Unique within the collection.",
                max_length=1000,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="article",
            name="catalog_hash",
            field=models.CharField(
                blank=True,
                help_text="SHA-256 of the catalog entry it was loaded with.",
                max_length=64,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="seed_file",
            field=models.CharField(help_text="File name, for display.", max_length=255),
        ),
        migrations.RunPython(seed_collection, provenance_back),
        migrations.AlterField(
            model_name="article",
            name="collection",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.collection",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("collection", "provenance"), name="article_collection_provenance_unique"
            ),
        ),
        # PostgreSQL cannot alter a generated column's expression: remove, add back. Last,
        # so SQLite's table rebuilds above keep the column in the state they copy.
        on_postgresql(migrations.RemoveIndex)(model_name="article", name="article_search_gin"),
        on_postgresql(migrations.RemoveField)(model_name="article", name="search_vector"),
        on_postgresql(migrations.AddField)(
            model_name="article",
            name="search_vector",
            field=search_vector(articles.search.weighted_search_vector(config=language_config())),
        ),
        on_postgresql(migrations.AddIndex)(
            model_name="article",
            index=articles.search.SearchIndex(fields=["search_vector"], name="article_search_gin"),
        ),
        migrations.RunPython(recreate_triggers, recreate_triggers),
        migrations.RunPython(grant_view_permissions, revoke_view_permissions),
    ]
