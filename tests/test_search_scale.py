"""A search page's cost at scale.

On PostgreSQL the readings of a query under each text search configuration are one tsquery,
so the lookup matches each article's vector once.
"""

from __future__ import annotations

from articles.search import search_condition


def test_each_configurations_reading_is_one_query_matched_once():
    """PostgreSQL: the readings under every configuration are OR-ed into one tsquery, so an
    article's vector is matched once (one ``@@``), not once per configuration."""
    ids, params, _, _ = search_condition("postgresql", '"closed doors" or officials')
    assert ids.count("@@") == 1
    assert ids.count("websearch_to_tsquery(") == len(params) == 6
