"""A synthetic corpus of diplomatic coverage, for measuring the archive at scale.

Django-free: names in, text out. ``generate_corpus`` (the management command)
feeds it the gazetteer's people and countries and the outlets data file, writes
the documents and their catalogs to a folder and loads them with the same
service as real documents.
"""

from .documents import (
    FILES_PER_FOLDER,
    MAX_WORDS,
    MIN_WORDS,
    CorpusDocument,
    Event,
    Outlet,
    catalog_toml,
    corpus_documents,
    corpus_events,
)
from .text import Place, Speaker
from .writing import corpus_inputs, corpus_write

__all__ = [
    "FILES_PER_FOLDER",
    "MAX_WORDS",
    "MIN_WORDS",
    "CorpusDocument",
    "Event",
    "Outlet",
    "Place",
    "Speaker",
    "catalog_toml",
    "corpus_documents",
    "corpus_events",
    "corpus_inputs",
    "corpus_write",
]
