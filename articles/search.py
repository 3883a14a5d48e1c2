"""Full-text search: the search column, query SQL for each database, safe highlighting.

PostgreSQL keeps ``Article.search_vector``, a stored generated ``tsvector``
column (title weighted above standfirst above body) with a GIN index, and reads
queries with ``websearch_to_tsquery`` so ``"exact phrase"``, ``or`` and
``-word`` work. The column is a ``GeneratedField`` built from the expression
and field below, so Django's migrations know it (migration 0005).

SQLite has no ``tsvector``: there the same column is a text column that is
always NULL, and search uses an FTS5 table (porter stemming, diacritics folded)
kept in step through triggers (migration 0002). User input is turned into
quoted FTS5 terms so it can never be read as FTS5 syntax.

PostgreSQL cannot change the type of a column a generated column reads. A
migration that alters ``title``, ``dek`` or ``body`` in a way that changes the
column type (a new ``max_length`` or ``db_comment``) therefore removes
``search_vector`` and its index first and adds them back after (see
``tests/test_migrations.py``).
On SQLite, Django rebuilds the article table for most field changes, which
drops the FTS5 triggers: such a migration must create them again (their SQL is
in migration 0002).

A query that names a known person (``Tleuberdi``, ``Тлеуберди``, ``Kassym-Jomart Tokayev``)
also finds the articles that mention that person, however they spell the name:
``people_named`` picks the people out of the query by the linker's own name keys, and
``search_condition`` adds their mentions to the matches.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchConfig, SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Left
from rapidfuzz import fuzz

from articles.pipeline.names import fold, latin_normal

MAX_QUERY_LENGTH = 200
# The article list ranks, counts and pages at most this many matches of a search, those added
# most recently, so a word most articles contain costs what a rare one does (the page says so).
SEARCH_SCOPE = 1000
MAX_TERMS = 12

# The text search configuration for each article language (ISO 639-1 code); any other
# language is indexed with "simple" (words lower-cased, no stemming). The SQLite FTS5
# table uses one tokenizer for every language instead: unicode61 splits words in any
# script and folds diacritics, porter stems English words only (see migration 0002).
SEARCH_CONFIG = "english"
DEFAULT_SEARCH_CONFIG = "simple"
LANGUAGE_SEARCH_CONFIGS = {
    "en": "english",
    "ru": "russian",
    "fr": "french",
    "de": "german",
    "es": "spanish",
}
# How much each field counts (A is the highest).
WEIGHTED_FIELDS = (("title", "A"), ("dek", "B"), ("body", "C"))
# PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"), and a body
# of tens of thousands of distinct words reaches that well inside the loader's 2 MB
# limit: only the first characters of the body are indexed. At most about 2.8 bytes of
# tsvector per character (short distinct Cyrillic words, each with its position), so
# 300,000 characters stay under the limit with room for the title and standfirst.
SEARCH_BODY_CHARS = 300_000


class TsVectorField(SearchVectorField):
    """A ``tsvector`` column on PostgreSQL; elsewhere a text column (left NULL)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class PostgreSQLOnly(models.Func):
    """The wrapped expression on PostgreSQL; NULL on databases without text search types."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def weighted_search_vector(config=SEARCH_CONFIG, body_chars: int | None = None) -> PostgreSQLOnly:
    """``setweight(to_tsvector(config, field), weight) || ...`` over ``WEIGHTED_FIELDS``.

    ``config`` is a configuration name or an expression giving one, such as a
    ``Case`` on the article's language (it may only read the article's own columns).
    ``body_chars`` indexes only the body's first characters (migrations before 0017
    index all of it).
    """
    vectors = [
        SearchVector(
            Left(field, body_chars) if field == "body" and body_chars else field,
            weight=weight,
            config=config,
        )
        for field, weight in WEIGHTED_FIELDS
    ]
    return PostgreSQLOnly(reduce(operator.add, vectors), output_field=TsVectorField())


def language_search_config() -> models.Case:
    """The text search configuration of an article's ``language`` (a CASE in SQL).

    Each branch is a ``regconfig`` constant, so the expression stays immutable as a
    generated column requires (a text value cast at run time would not be).
    """
    return models.Case(
        *(
            models.When(language=code, then=SearchConfig(name))
            for code, name in LANGUAGE_SEARCH_CONFIGS.items()
        ),
        default=SearchConfig(DEFAULT_SEARCH_CONFIG),
        output_field=models.TextField(),
    )


def search_configs() -> list[str]:
    """Every configuration an article can be indexed with, each once."""
    return list(dict.fromkeys([*LANGUAGE_SEARCH_CONFIGS.values(), DEFAULT_SEARCH_CONFIG]))


def _language_config_sql(column: str) -> str:
    """The same CASE as ``language_search_config`` as SQL text, for the raw search queries."""
    branches = " ".join(
        f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in LANGUAGE_SEARCH_CONFIGS.items()
    )
    return f"(CASE {column} {branches} ELSE '{DEFAULT_SEARCH_CONFIG}'::regconfig END)"


class SearchIndex(GinIndex):
    """A GIN index on PostgreSQL; elsewhere an ordinary index (on the always-NULL column)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    negated: bool = False
    alternative: bool = False  # joined to the previous term with OR


def parse_query(query: str) -> list[Term]:
    """Web-search syntax into terms: words, "phrases", ``or`` and ``-word``."""
    terms: list[Term] = []
    pending_or = False
    for match in _TOKEN.finditer(query[:MAX_QUERY_LENGTH]):
        negated_phrase, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(terms)
            continue
        negated = bool(negated_phrase) or (bare is not None and bare.startswith("-"))
        words = tuple(_WORD.findall(phrase if phrase is not None else bare))
        if not words:
            continue
        terms.append(Term(words=words, negated=negated, alternative=pending_or and not negated))
        pending_or = False
        if len(terms) >= MAX_TERMS:
            break
    return terms


def fts5_expression(terms: list[Term]) -> str | None:
    """An FTS5 MATCH expression; None when the query has no positive term."""
    positive: list[str] = []
    negative: list[str] = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"'
        if term.negated:
            negative.append(quoted)
        elif term.alternative and positive:
            positive[-1] = f"({positive[-1]} OR {quoted})"
        else:
            positive.append(quoted)
    if not positive:
        return None
    expression = " AND ".join(positive)
    for quoted in negative:
        expression = f"({expression}) NOT {quoted}"
    return expression


def search_condition(
    vendor: str, query: str, people: Sequence[int] = (), *, limit: int | None = None
) -> tuple[str, list, str, list] | None:
    """(ids SQL, params, rank SQL, params) for the database, or None for an empty query.

    ``people`` (primary keys, see ``people_named``) adds the articles mentioning them; those
    that match only through a mention rank below every text match. ``limit`` keeps only that
    many matches, those added most recently (the highest keys).
    """
    found = _search_condition(vendor, query, people)
    if found is None or limit is None:
        return found
    ids, params, rank, rank_params = found
    capped = f"SELECT * FROM ({ids}) AS matched ORDER BY 1 DESC LIMIT {int(limit)}"  # noqa: S608
    return capped, params, rank, rank_params


def _search_condition(
    vendor: str, query: str, people: Sequence[int]
) -> tuple[str, list, str, list] | None:
    terms = parse_query(query)
    if not any(not term.negated for term in terms):
        return None
    if vendor == "postgresql":
        # Each article was indexed with its language's configuration: the query is read
        # with each configuration in turn, the distinct readings joined with OR into one
        # query (``search_readings``, migration 0029: the planner then counts a reading
        # every configuration shares once), and ranked with the article's own, so "визиты"
        # finds a Russian article saying "визит". One ``@@`` per article: a row the index
        # does not settle has its (long, out-of-line) vector read once, not once per
        # configuration.
        text = query[:MAX_QUERY_LENGTH]
        configs = search_configs()
        # The configuration names are the fixed table above, never user input.
        readings = ", ".join(f"websearch_to_tsquery('{name}', %s)" for name in configs)
        ids = (
            "SELECT id FROM articles_article "  # noqa: S608
            f"WHERE search_vector @@ search_readings({readings})"
        )
        own = _language_config_sql("articles_article.language")
        rank = f"ts_rank(articles_article.search_vector, websearch_to_tsquery({own}, %s))"
        ids, params = _with_mentions(ids, [text] * len(configs), people)
        return ids, params, rank, [text]
    expression = fts5_expression(terms)
    ids = "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s"
    # bm25() is lower for better matches; negate it so higher is better everywhere.
    rank = (
        "COALESCE((SELECT -bm25(articles_article_fts) FROM articles_article_fts "
        "WHERE articles_article_fts MATCH %s AND rowid = articles_article.id), 0)"
    )
    ids, params = _with_mentions(ids, [expression], people)
    return ids, params, rank, [expression]


def _with_mentions(ids: str, params: list, people: Sequence[int]) -> tuple[str, list]:
    if not people:
        return ids, params
    # Only "%s" placeholders are joined into the text; the keys themselves are parameters.
    placeholders = ", ".join(["%s"] * len(people))
    # One stored row per article and person (``ArticleEntity``), not one per mention.
    union = f"SELECT article_id FROM articles_articleentity WHERE person_id IN ({placeholders})"  # noqa: S608
    return f"{ids} UNION {union}", [*params, *(int(pk) for pk in people)]


# A query names a person only when it is short, and spelled close to one of their names.
MAX_NAME_WORDS = 4
MIN_NAME_LETTERS = 4
MIN_NAME_SIMILARITY = 65.0


def people_named(query: str, names: Iterable[tuple[int, str]]) -> set[int]:
    """The people (keys of ``names``' (person, name) rows) that ``query`` names.

    The query's positive words must key like one of a person's names, as the linker keys
    them (``Tleuberdi`` = ``Тлеуберди``), and stay close to it as spelled; a single word may
    also be a surname, when it is the surname of one person only. A query with ``-word`` or
    ``or`` names nobody: its mention matches could not honour the operators.
    """
    if any(term.negated or term.alternative for term in parse_query(query)):
        return set()
    words = highlight_words(query)
    text = " ".join(words)
    if not words or len(words) > MAX_NAME_WORDS:
        return set()
    wanted, spelled = fold(text), latin_normal(text)
    if sum(char.isalpha() for char in spelled) < MIN_NAME_LETTERS or not wanted:
        return set()
    full: set[int] = set()
    surnames: set[int] = set()
    for pk, name in names:
        if fold(name) == wanted and _close(spelled, name):
            full.add(pk)
        parts = name.split()
        surname = parts[-1] if len(words) == 1 and len(parts) > 1 else ""
        if surname and fold(surname) == wanted and _close(spelled, surname):
            surnames.add(pk)
    if full:
        return full
    return surnames if len(surnames) == 1 else set()


def _close(spelled: str, name: str) -> bool:
    return fuzz.ratio(spelled, latin_normal(name)) >= MIN_NAME_SIMILARITY


def highlight_words(query: str) -> list[str]:
    """The positive words of a query, for highlighting on either database."""
    return [word for term in parse_query(query) if not term.negated for word in term.words]
