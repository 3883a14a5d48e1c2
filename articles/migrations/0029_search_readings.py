"""``search_readings(VARIADIC tsquery[])``: a search's readings under each text search
configuration, each distinct one once, joined with OR (PostgreSQL only).

A query is read with every configuration articles are indexed with (``articles.search``).
Joined as they are (``a || b || ...``), a word that every configuration reads alike (a name,
a number) is the same lexeme six times over, and the planner, which takes the alternatives
for independent, expects about six times the articles that match: enough, for a word in one
article in a hundred, to walk the whole archive newest first, reading each article's vector,
instead of looking the few matches up in the index. The function is immutable, so with the
query's text as a constant the planner computes it once, before estimating, and sees each
distinct reading once. SQLite searches an FTS5 table instead and needs nothing here.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION search_readings(VARIADIC readings tsquery[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(reading, ' | ' ORDER BY reading)::tsquery, readings[1])
    FROM (
        SELECT DISTINCT '(' || each::text || ')' AS reading
        FROM unnest(readings) AS each WHERE numnode(each) > 0
    ) AS distinct_readings
$$
"""
DROP = "DROP FUNCTION IF EXISTS search_readings(VARIADIC tsquery[])"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0028_covering_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
