"""A copy of a PostgreSQL archive with every article duplicated, to see how pages' SQL grows.

``python -m benchmarks.copy_tenfold --source archive_bench --target archive_bench10k``
creates ``target`` from ``source`` (``CREATE DATABASE ... TEMPLATE``, so nothing may be
connected to ``source``), then inserts ``--factor - 1`` copies (default 9, so ten times the
articles) of every article in SQL, each with new ids, slugs and provenance, and with its
mentions, stored entities (``ArticleEntity``), quotes (in the same quote clusters), facts,
tags, authors and derived state. Loading 10,000 articles through the loader takes half an
hour on a small machine; this takes a minute. It is not a loaded corpus (no new people or
clusters: the clusters grow tenfold), so it measures how each page's SQL grows with the
number of rows, nothing else. The per-person and per-country totals are then recomputed by
their repair function (``entity_totals_refresh``), and the tables vacuumed and analyzed,
as autovacuum would leave them.

The server is the one ``DATABASE_URL`` names (its database part is ignored).
"""

from __future__ import annotations

import argparse
import os
from urllib.parse import urlsplit, urlunsplit

ARTICLE_COLUMNS = (
    "title, title_derived, published, language, url, dek, body, captions, reader_comments, "
    "notes, seed_file, content_hash, encoding, edited_fields, created_at, updated_at, "
    "source_id, collection_id, catalog_hash, capture_sha256, capture_url, metadata_origin, "
    "country_count, mention_count, people_count"
)
# Child tables: (table, columns copied as they are besides article_id).
CHILDREN = (
    ("articles_mention", 'kind, start, "end", text, method, country_id, person_id'),
    ("articles_articleentity", "kind, mentions, country_id, person_id"),
    (
        "articles_quote",
        'start, "end", text, speaker_text, speaker_id, cluster_id, part, speaker_kind',
    ),
    ("articles_fact", 'kind, start, "end", text, value, context, subject'),
    ("articles_articletag", "added_at, added_by_id, tag_id"),
    ("articles_article_authors", "person_id"),
)


def _url(database: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database}"))


def copy_statements(factor: int) -> list[str]:
    """The SQL that adds ``factor - 1`` copies of every article (run in one transaction).

    Only the fixed table and column names above and the integer ``factor`` are joined into it.
    """
    factor = int(factor)
    statements = [
        "CREATE TEMP TABLE copy_map AS SELECT a.id AS old_id, k AS copy, "  # noqa: S608
        "a.id + k * (SELECT max(id) FROM articles_article) AS new_id "
        f"FROM articles_article a CROSS JOIN generate_series(1, {factor - 1}) AS k",
        f"INSERT INTO articles_article (id, slug, provenance, {ARTICLE_COLUMNS}) "  # noqa: S608
        f"SELECT m.new_id, a.slug || '-copy-' || m.copy, a.provenance || '#copy-' || m.copy, "
        f"{', '.join('a.' + c.strip() for c in ARTICLE_COLUMNS.split(','))} "
        "FROM articles_article a JOIN copy_map m ON m.old_id = a.id",
    ]
    for table, columns in CHILDREN:
        names = [c.strip() for c in columns.split(",")]
        statements.append(
            f"INSERT INTO {table} (article_id, {columns}) "  # noqa: S608
            f"SELECT m.new_id, {', '.join('t.' + c for c in names)} "
            f"FROM {table} t JOIN copy_map m ON m.old_id = t.article_id"
        )
    statements += [
        "INSERT INTO articles_articlederivedstate (article_id, linked_with, quotes_clustered) "
        "SELECT m.new_id, d.linked_with, d.quotes_clustered FROM articles_articlederivedstate d "
        "JOIN copy_map m ON m.old_id = d.article_id",
        "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), "
        "(SELECT max(id) FROM articles_article))",
    ]
    return statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    import psycopg

    with psycopg.connect(_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{args.target}"')
        server.execute(f'CREATE DATABASE "{args.target}" TEMPLATE "{args.source}"')
    with psycopg.connect(_url(args.target)) as target:
        for statement in copy_statements(args.factor):
            target.execute(statement)
    os.environ["DATABASE_URL"] = _url(args.target)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from articles.services import counts

    counts.entity_totals_refresh()
    with psycopg.connect(_url(args.target), autocommit=True) as target:
        target.execute("VACUUM ANALYZE")
        total = target.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    print(f"{args.target}: {total:,} articles")


if __name__ == "__main__":
    main()
