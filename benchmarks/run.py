"""Benchmarks that write docs/benchmarks.md: ``make bench`` (or ``python -m benchmarks.run``).

1. Linking cost against gazetteer size: the linker makes one pass over the text,
   so growing the gazetteer 100-fold should barely change the time per text.
2. The archive at scale (``benchmarks/scale.py``): a synthetic corpus loaded at
   1,000 articles and at each size in ``BENCH_ARTICLES``; load throughput, pages'
   p50/p95 and queries, req/s under gunicorn, slow SQL.

Ratios are printed from one run, so a slow or noisy machine affects both sides.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeats: int, func) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_linking() -> list[str]:
    from articles.pipeline.decoding import decode_document
    from articles.pipeline.gazetteer import PersonEntry, all_countries, parse_gazetteer
    from articles.pipeline.linking import Linker
    from articles.pipeline.parsing import parse_document

    data = parse_gazetteer((ROOT / "seeds" / "gazetteer.toml").read_text(encoding="utf-8"))
    countries = all_countries(data.countries)
    bodies = [
        parse_document(decode_document(p.read_bytes()).text).body
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    size = sum(len(b) for b in bodies)
    lines = [f"Linking: {len(bodies)} seed bodies, {size:,} characters"]

    def letters(number: int) -> str:
        # Letter-only invented names: digits would split words and fold every filler alike.
        word = ""
        while True:
            number, digit = divmod(number, 26)
            word += "abcdefghijklmnopqrstuvwxyz"[digit]
            if not number:
                return word.capitalize()

    base = None
    for factor in (1, 10, 100):
        fillers = [
            PersonEntry(
                slug=f"filler-{i}",
                name=f"{letters(i)}bek {letters(i * 7 + 3)}ova",
                variants=(f"{letters(i)}bek {letters(i * 7 + 3)}ov",),
                role="",
                country=None,
                description="",
            )
            for i in range(len(data.people) * (factor - 1))
        ]
        people = list(data.people) + fillers
        built = time.perf_counter()
        linker = Linker(people, countries)
        build_seconds = time.perf_counter() - built
        seconds = best_of(5, lambda linker=linker: [linker.link(b) for b in bodies])
        base = base or seconds
        lines.append(
            f"  gazetteer x{factor:<4} {len(people):>6} people: link {seconds * 1000:7.2f} ms "
            f"({size / seconds / 1e6:5.2f} M chars/s), ratio to x1 {seconds / base:4.2f}, "
            f"build {build_seconds * 1000:7.1f} ms"
        )
    return lines


def main() -> None:
    from . import caching, report, scale

    linking = bench_linking()
    machine = scale.machine()

    def write(database, results):
        section = report.render(machine, database, linking, results)
        report.write(ROOT / "docs" / "benchmarks.md", section)
        return section

    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        database, results = scale.run_scale(
            Path(tmp), progress=lambda line: print("...", line, flush=True), done_size=write
        )
        print(write(database, results))
        if results[-1].rates is not None:  # wrk is there: the page cache, on the largest size
            print(caching.run_caching(progress=lambda line: print("...", line, flush=True)))


if __name__ == "__main__":
    main()
