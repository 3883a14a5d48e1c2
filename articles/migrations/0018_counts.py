"""Counts stored beside the mentions: per article, its mentions, people and countries, and one
row per person or country it names (``ArticleEntity``), filled here for the articles linked
before; indexes for the list sorted by mentions and for related coverage. Editors may view
the new rows, as every derived table. SQLite rebuilds the article table to add the columns,
which drops the FTS5 triggers of migration 0002: they are created again.
"""

import importlib

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

import articles.models.querysets

search_0002 = importlib.import_module("articles.migrations.0002_search")

BATCH = 2000


def editors_view(apps, schema_editor):
    """Editors read everything, the stored entities included (see 0003_editors_group)."""
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles", codename="view_articleentity"
            )
        )


def editors_unview(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", codename="view_articleentity"
    ).delete()


def restore_sqlite_search(apps, schema_editor):
    """SQLite rebuilds the article table to add the count columns, dropping its FTS5 triggers."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in search_0002.SQLITE_BACKWARD + search_0002.SQLITE_FORWARD:
            schema_editor.execute(statement)


def _count(queryset):
    counted = queryset.order_by().values("article").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def fill_counts(apps, schema_editor):
    """Store the entities and counts of the articles linked before they were kept."""
    Article = apps.get_model("articles", "Article")
    ArticleEntity = apps.get_model("articles", "ArticleEntity")
    Mention = apps.get_model("articles", "Mention")
    grouped = (
        Mention.objects.order_by()
        .values_list("article", "kind", "person", "country")
        .annotate(n=Count("pk"))
    )
    rows = []
    for article_id, kind, person_id, country_id, n in grouped.iterator(chunk_size=BATCH):
        rows.append(
            ArticleEntity(
                article_id=article_id,
                kind=kind,
                person_id=person_id,
                country_id=country_id,
                mentions=n,
            )
        )
        if len(rows) >= BATCH:
            ArticleEntity.objects.bulk_create(rows)
            rows = []
    ArticleEntity.objects.bulk_create(rows)
    entities = ArticleEntity.objects.filter(article=OuterRef("pk"))
    Article.objects.update(
        mention_count=_count(Mention.objects.filter(article=OuterRef("pk"))),
        people_count=_count(entities.filter(kind="person")),
        country_count=_count(entities.filter(kind="country")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_search_body_prefix"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleEntity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("person", "Person"), ("country", "Country")], max_length=8
                    ),
                ),
                ("mentions", models.PositiveIntegerField()),
            ],
            options={
                "ordering": ["article", "kind", "-mentions"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="country_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="people_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="article",
            index=articles.models.querysets.OrderIndex(
                models.OrderBy(models.F("published"), descending=True, nulls_last=True),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="article_newest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=articles.models.querysets.OrderIndex(
                models.OrderBy(models.F("published"), nulls_last=True),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="article_oldest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=articles.models.querysets.OrderIndex(
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="article_title_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=articles.models.querysets.OrderIndex(
                models.OrderBy(models.F("mention_count"), descending=True),
                models.OrderBy(models.F("published"), descending=True, nulls_last=True),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="article_mentions_idx",
            ),
        ),
        migrations.AddField(
            model_name="articleentity",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entities",
                to="articles.article",
            ),
        ),
        migrations.AddField(
            model_name="articleentity",
            name="country",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="article_entities",
                to="articles.country",
            ),
        ),
        migrations.AddField(
            model_name="articleentity",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="article_entities",
                to="articles.person",
            ),
        ),
        migrations.AddIndex(
            model_name="articleentity",
            index=models.Index(fields=["person", "article"], name="article_entity_person_idx"),
        ),
        migrations.AddIndex(
            model_name="articleentity",
            index=models.Index(fields=["country", "article"], name="article_entity_country_idx"),
        ),
        migrations.AddConstraint(
            model_name="articleentity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("country__isnull", True), ("kind", "person"), ("person__isnull", False)
                    ),
                    models.Q(
                        ("country__isnull", False), ("kind", "country"), ("person__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="article_entity_exactly_one",
            ),
        ),
        migrations.AddConstraint(
            model_name="articleentity",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("article", "person"),
                name="article_entity_person_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="articleentity",
            constraint=models.UniqueConstraint(
                condition=models.Q(("country__isnull", False)),
                fields=("article", "country"),
                name="article_entity_country_unique",
            ),
        ),
        migrations.RemoveIndex(model_name="fact", name="fact_kind_value_idx"),
        migrations.AddIndex(
            model_name="fact",
            index=models.Index(fields=["kind", "value", "article"], name="fact_kind_value_idx"),
        ),
        migrations.AddIndex(
            model_name="articletag",
            index=models.Index(fields=["tag", "article"], name="article_tag_tag_idx"),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["cluster", "article"], name="quote_cluster_article_idx"),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
        migrations.RunPython(restore_sqlite_search, restore_sqlite_search),
        migrations.RunPython(editors_view, editors_unview),
    ]
