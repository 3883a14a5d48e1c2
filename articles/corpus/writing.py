"""From gazetteer and outlet records to corpus inputs, and from documents to files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from articles.pipeline.gazetteer import GazetteerData
from articles.pipeline.outlets import OutletEntry

from .documents import FILES_PER_FOLDER, CorpusDocument, Outlet, catalog_toml
from .text import Place, Speaker


def corpus_inputs(
    gazetteer: GazetteerData, outlets: Sequence[OutletEntry]
) -> tuple[list[Speaker], list[Place], list[Outlet]]:
    """The people, places and outlets the corpus names, in the data files' order."""
    people = [
        Speaker(p.name, tuple(v for v in p.variants if v != p.name)) for p in gazetteer.people
    ]
    places = [
        Place(
            name=c.name,
            capital=next((cap for cap in c.capitals if not cap.startswith("the ")), c.name),
            demonym=c.demonyms[0] if c.demonyms else c.name,
        )
        for c in gazetteer.countries
    ]
    return people, places, [Outlet(o.name, o.languages or ("en",)) for o in outlets]


def corpus_write(
    folder: Path,
    documents: Iterable[CorpusDocument],
    *,
    progress: Callable[[int], None] | None = None,
) -> list[CorpusDocument]:
    """Write each document and one ``catalog.toml`` per sub-folder; returns the documents."""
    written: list[CorpusDocument] = []
    pending: dict[str, list[CorpusDocument]] = defaultdict(list)
    for doc in documents:
        target = folder / doc.folder
        if doc.folder not in pending:
            target.mkdir(parents=True, exist_ok=True)
        (target / doc.filename).write_text(doc.text, encoding="utf-8")
        pending[doc.folder].append(doc)
        written.append(doc)
        if (doc.index + 1) % FILES_PER_FOLDER == 0:
            _flush(folder, pending)
            if progress:
                progress(doc.index + 1)
    _flush(folder, pending)
    return written


def _flush(folder: Path, pending: dict[str, list[CorpusDocument]]) -> None:
    for name, docs in pending.items():
        (folder / name / "catalog.toml").write_text(catalog_toml(docs), encoding="utf-8")
    pending.clear()
