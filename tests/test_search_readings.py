"""PostgreSQL: a search's readings under each configuration are OR-ed once each.

Every configuration reads a name or a number alike; ``search_readings`` (migration 0029)
keeps each distinct reading once, so the planner, which takes OR-ed alternatives for
independent ones, estimates the matches of such a word as one lexeme's, not six times it.
"""

from __future__ import annotations

import pytest
from django.db import connection

from articles.search import search_condition, search_configs

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite searches an FTS5 table"),
]


def _readings(query: str, configs: list[str]) -> str:
    calls = ", ".join(f"websearch_to_tsquery('{name}', %s)" for name in configs)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_readings({calls})::text", [query] * len(configs))
        return cursor.fetchone()[0]


def test_a_reading_every_configuration_shares_is_kept_once():
    assert _readings("Tokayev 148", search_configs()) == "'tokayev' & '148'"


def test_distinct_readings_are_each_kept_once_in_a_fixed_order():
    assert _readings("officials", ["simple", "english", "french", "english"]) == (
        "'offici' | 'official' | 'officials'"
    )


def test_phrases_and_exclusions_keep_their_shape():
    assert _readings('"closed doors" -Moscow', ["english", "simple"]) == (
        "'close' <-> 'door' & !'moscow' | 'closed' <-> 'doors' & !'moscow'"
    )


def test_stop_words_only_read_as_an_empty_query_that_matches_nothing():
    assert _readings("the", ["english"]) == ""


def test_the_lookup_matches_the_deduplicated_readings_once():
    ids, params, _, _ = search_condition("postgresql", "officials")
    assert ids.count("@@ search_readings(") == 1
    assert len(params) == len(search_configs())
