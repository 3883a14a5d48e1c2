"""How the text pipeline scales with document size: ``python -m benchmarks.pipeline_size``.

Synthetic documents of about 100 KB, 500 KB and 2 MB are made by repeating the seed articles
(real text with names, quotes and figures). Each stage runs on its own, on the output of the
stage before, and prints its time and its peak traced memory (tracemalloc, Python allocations
only, measured in a second run so that tracing does not slow the timed one). The last column,
time(2 MB) / time(100 KB), is about 20 for a stage that is linear in the document's size; a
quadratic stage shows about 400. Figures, not a test: the bounds that must hold are in
tests/test_pipeline_size.py. The machine's other load shows in the times: compare ratios.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100_000, 500_000, 1_990_000)


def seed_text() -> str:
    """The seed articles' bodies, one after another (their comments and furniture left out,
    so that a repeat is still article text the parser keeps)."""
    from articles.pipeline.decoding import decode_document
    from articles.pipeline.parsing import parse_document

    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return "\n\n".join(
        parse_document(decode_document(path.read_bytes()).text).body for path in paths
    )


def synthetic_document(size: int, text: str | None = None) -> bytes:
    """UTF-8 bytes of about ``size`` (never more), made by repeating the seed articles."""
    text = text if text is not None else seed_text()
    repeats = size // len(text.encode("utf-8")) + 1
    document = "Diplomats weigh a long week of talks\n\n" + "\n\n".join([text] * repeats)
    data = document.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore").encode("utf-8")


def build_linker():
    from articles.pipeline.gazetteer import all_countries, load_gazetteer
    from articles.pipeline.linking import Linker

    data = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    return Linker(data.people, all_countries(data.countries))


def stages(linker) -> list[tuple[str, Callable[[dict[str, Any]], Any]]]:
    """(name, step) pairs; each step reads what earlier steps left in ``state``."""
    from articles.pipeline.decoding import decode_document
    from articles.pipeline.facts import extract_facts
    from articles.pipeline.parsing import parse_document
    from articles.pipeline.quotes import extract_quotes
    from articles.rendering import Span, render_paragraphs, sentence_around

    def decode(state):
        state["text"] = decode_document(state["raw"]).text

    def parse(state):
        state["body"] = parse_document(state["text"]).body

    def link(state):
        state["mentions"] = linker.link(state["body"])

    def candidates(state):
        linker.candidates(state["body"], state["mentions"])

    def quotes(state):
        state["quotes"] = extract_quotes(state["body"])

    def facts(state):
        extract_facts(state["body"], year=2023)

    def render(state):
        render_paragraphs(
            state["body"],
            [Span(m.start, m.end, m) for m in state["mentions"]],
            [Span(q.start, q.end, q) for q in state["quotes"]],
        )

    def around(state):
        for mention in state["mentions"]:
            sentence_around(state["body"], mention.start, mention.end)

    return [
        ("decode", decode),
        ("parse", parse),
        ("link", link),
        ("candidates", candidates),
        ("quotes", quotes),
        ("facts", facts),
        ("render paragraphs", render),
        ("sentence_around", around),
    ]


def measure(step: Callable[[dict[str, Any]], Any], state: dict[str, Any]) -> tuple[float, int]:
    """(seconds, peak traced bytes) of one step.

    The step runs twice: timed without tracing (tracemalloc slows allocation several-fold), then
    traced for its peak. Steps only overwrite what they leave in ``state``, so a rerun is safe.
    """
    started = time.perf_counter()
    step(state)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    step(state)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def run(sizes=SIZES, out=sys.stdout) -> dict[str, list[tuple[float, int]]]:
    linker = build_linker()
    text = seed_text()
    results: dict[str, list[tuple[float, int]]] = {}
    for size in sizes:
        state: dict[str, Any] = {"raw": synthetic_document(size, text)}
        for name, step in stages(linker):
            results.setdefault(name, []).append(measure(step, state))
    header = "".join(f"{f'{size // 1000} KB':>22}" for size in sizes)
    print(f"{'stage':<18}{header}{'t(big)/t(small)':>18}", file=out)
    for name, figures in results.items():
        cells = "".join(f"{t:>9.3f} s {peak / 2**20:>7.1f} MB" for t, peak in figures)
        ratio = figures[-1][0] / max(figures[0][0], 1e-6)
        print(f"{name:<18}{cells}{ratio:>18.1f}", file=out)
    total = [sum(figures[i][0] for figures in results.values()) for i in range(len(sizes))]
    cells = "".join(f"{t:>9.3f} s {'':>10}" for t in total)
    print(f"{'total':<18}{cells}{total[-1] / max(total[0], 1e-6):>18.1f}", file=out)
    return results


if __name__ == "__main__":
    run()
