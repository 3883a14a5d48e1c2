"""Full-text search storage for each database (see articles/search.py).

PostgreSQL: a stored generated tsvector column with a GIN index.
SQLite: an external-content FTS5 table kept in step by triggers.
"""

from django.db import migrations

PG_FORWARD = [
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(dek, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX article_search_gin ON articles_article USING GIN (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS article_search_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        title, dek, body,
        content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, title, dek, body)
        VALUES (new.id, new.title, new.dek, new.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, dek, body)
        VALUES ('delete', old.id, old.title, old.dek, old.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_update AFTER UPDATE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, dek, body)
        VALUES ('delete', old.id, old.title, old.dek, old.body);
        INSERT INTO articles_article_fts(rowid, title, dek, body)
        VALUES (new.id, new.title, new.dek, new.body);
    END
    """,
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TABLE IF EXISTS articles_article_fts",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
