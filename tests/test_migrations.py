"""Migrations: the search column as a model field, and the merge of case-duplicate tags."""

import pytest
from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from model_bakery import baker

from articles.models import Article
from articles.search import SearchIndex

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="tsvector and generated-column rules are PostgreSQL's",
)


def migrated_state():
    return MigrationLoader(connection).project_state()


def apply(operations, state):
    """Run migration operations against the test database, as a migration would."""
    with connection.schema_editor() as editor:
        for operation in operations:
            new_state = state.clone()
            operation.state_forwards("articles", new_state)
            operation.database_forwards("articles", editor, state, new_state)
            state = new_state
    return state


def test_the_migration_state_knows_the_search_column(db):
    field = migrated_state().apps.get_model("articles", "Article")._meta.get_field("search_vector")
    assert isinstance(field, models.GeneratedField)
    assert field.db_persist is True
    indexes = migrated_state().models["articles", "article"].options["indexes"]
    assert "article_search_gin" in [index.name for index in indexes]


def test_search_finds_an_article_saved_after_migrating(db):
    article = baker.make(Article, slug="zeppelins", title="Zeppelins over Astana", body="Airships.")
    assert list(Article.objects.search("zeppelins")) == [article]
    assert list(Article.objects.search("airships")) == [article]


@postgresql_only
def test_the_column_is_a_weighted_tsvector(db):
    baker.make(Article, slug="a", title="Tashkent", dek="Samarkand", body="Bukhara")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article")
        (vector,) = cursor.fetchone()
    assert vector == "'bukhara':3C 'samarkand':2B 'tashkent':1A"


@postgresql_only
def test_a_type_change_of_title_applies_by_re_adding_the_search_column(db):
    state = migrated_state()
    search_field = Article._meta.get_field("search_vector")
    # What a migration that lengthens titles does (PostgreSQL refuses to change the
    # type of a column a generated column reads, so the column goes and comes back).
    apply(
        [
            migrations.RemoveIndex("article", "article_search_gin"),
            migrations.RemoveField("article", "search_vector"),
            migrations.AlterField("article", "title", models.CharField(max_length=600)),
            migrations.AlterField("article", "body", models.TextField(db_comment="Full text.")),
            migrations.AddField("article", "search_vector", search_field.clone()),
            migrations.AddIndex(
                "article", SearchIndex(fields=["search_vector"], name="article_search_gin")
            ),
        ],
        state,
    )

    long_title = "Zeppelins " + "over Astana " * 45
    assert 500 < len(long_title) <= 600
    article = baker.make(Article, slug="zeppelins", title=long_title, body="Airships.")
    assert list(Article.objects.search("zeppelins")) == [article]
    assert list(Article.objects.search("airships")) == [article]
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "articles_article")
    assert indexes["article_search_gin"]["type"] == "gin"


@postgresql_only
def test_an_alter_field_that_keeps_the_column_type_applies_directly(db):
    # (A new db_comment counts as a type change for Django on PostgreSQL: re-add then.)
    apply(
        [
            migrations.AlterField(
                "article", "title", models.CharField(max_length=500, help_text="The headline.")
            ),
            migrations.AlterField("article", "body", models.TextField(null=True)),
        ],
        migrated_state(),
    )
    article = baker.make(Article, slug="zeppelins", title="Zeppelins", body="Airships.")
    assert list(Article.objects.search("zeppelins")) == [article]


BEFORE_TAG_RULE = ("articles", "0006_search_generated")


@pytest.mark.django_db(transaction=True)
def test_case_duplicate_tags_are_merged_and_long_notes_shortened():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("articles")
    executor.migrate([BEFORE_TAG_RULE])
    old = executor.loader.project_state([BEFORE_TAG_RULE]).apps
    Article, Tag, ArticleTag, EditorialLink = (
        old.get_model("articles", name)
        for name in ("Article", "Tag", "ArticleTag", "EditorialLink")
    )
    one, two = (
        Article.objects.create(title=t, slug=t, body="Text.", seed_file=f"{t}.txt")
        for t in ("one", "two")
    )
    energy = Tag.objects.create(name="Energy", slug="energy")
    lower = Tag.objects.create(name="energy", slug="energy-2", description="Oil and gas.")
    upper = Tag.objects.create(name="ENERGY", slug="energy-3")
    Tag.objects.create(name="Water", slug="water")
    ArticleTag.objects.create(article=one, tag=energy)
    ArticleTag.objects.create(article=one, tag=lower)  # the same article twice: kept once
    ArticleTag.objects.create(article=two, tag=upper)
    EditorialLink.objects.create(
        from_article=one, to_article=two, relation="follow_up", note="x" * 1500
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    new = executor.loader.project_state(latest).apps
    Tag, ArticleTag = new.get_model("articles", "Tag"), new.get_model("articles", "ArticleTag")
    assert sorted(Tag.objects.values_list("name", "slug", "description")) == [
        ("Energy", "energy", "Oil and gas."),
        ("Water", "water", ""),
    ]
    assert sorted(ArticleTag.objects.values_list("article__slug", "tag__slug")) == [
        ("one", "energy"),
        ("two", "energy"),
    ]
    (note,) = new.get_model("articles", "EditorialLink").objects.values_list("note", flat=True)
    assert note == "x" * 999 + "…"
