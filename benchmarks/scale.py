"""The archive at 1,000 articles and more: loading, pages, requests per second, slow SQL.

One synthetic corpus (``articles.corpus``, the documents ``generate_corpus``
writes) is loaded in steps: the first 1,000 documents, then up to each larger
size. At each size: load throughput and peak memory, an unchanged reload, a
relink of everything (at the first size, or every size with ``BENCH_RELINK=all``),
per-page p50/p95 and queries, and req/s under gunicorn next to a trivial view.

With ``BENCH_COPIES=N`` (PostgreSQL only), one more size follows: every article of the
largest loaded size is copied N - 1 times in SQL (``benchmarks/copy_tenfold.py``), and the
next 1,000 documents of the corpus are then loaded on top of the copy through the loader,
so that loading, pages and requests are measured at N times the loaded size without
loading it all (which takes hours on a small machine).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .pages import SLOW_MS

ROOT = Path(__file__).resolve().parent.parent
SEED = 1
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
SERVED = ("list", "article", "search common", "person")


@dataclass
class SizeFigures:
    articles: int
    load: dict = field(default_factory=dict)
    reload: dict = field(default_factory=dict)
    relink: dict | None = None
    pages: list = field(default_factory=list)
    rates: list | None = None
    rates_note: str = ""
    copied_from: int = 0  # the loaded size the SQL copy was made from (0: all loaded)


def sizes() -> list[int]:
    wanted = os.environ.get("BENCH_ARTICLES", "1000")
    chosen = sorted({1000, *(int(n) for n in wanted.replace(",", " ").split())})
    if any(n % 1000 for n in chosen):
        raise SystemExit("BENCH_ARTICLES: sizes are multiples of 1000")
    return chosen


def copies() -> int:
    """``BENCH_COPIES``: the factor of the copied size after the loaded ones (0: none)."""
    factor = int(os.environ.get("BENCH_COPIES", "0") or 0)
    if factor == 1 or factor < 0:
        raise SystemExit("BENCH_COPIES: a factor of 2 or more (or 0 for none)")
    return factor


def database_url(workdir: Path) -> tuple[str, str]:
    """A throwaway database: ``BENCH_DB`` on the PostgreSQL server of DATABASE_URL, or SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = os.environ.get("BENCH_DB", "archive_bench")
        server = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
            # The server also logs every statement over the benchmark's limit, from any
            # process (loader, gunicorn workers), not only those the pages' timing sees.
            conn.execute(f'ALTER DATABASE "{name}" SET log_min_duration_statement = {SLOW_MS:.0f}')
            version = conn.execute("SHOW server_version").fetchone()[0]
        return f"{server}/{name}", f"PostgreSQL {version.split()[0]}"
    import sqlite3

    return f"sqlite:///{workdir / 'bench.sqlite3'}", f"SQLite {sqlite3.sqlite_version}"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        (
            int(line.split()[1]) / 1024 / 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average {load:.1f} "
        "at the start (shared machine)"
    )


def _analyze() -> None:
    """Fresh planner statistics and visibility maps, as autovacuum leaves them after a load."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _child(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.load_child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_scale(workdir: Path, progress=print, done_size=None) -> tuple[str, list[SizeFigures]]:
    url, database = database_url(workdir)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "archive.test_settings",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from articles.corpus import corpus_documents, corpus_inputs, corpus_write
    from articles.pipeline.gazetteer import load_gazetteer
    from articles.services.corpus import corpus_collection_file, corpus_editorial
    from articles.services.outlets import read_sources

    call_command("migrate", verbosity=0)
    targets, factor = sizes(), copies()
    if factor and not database.startswith("PostgreSQL"):
        progress("BENCH_COPIES needs PostgreSQL: no copied size")
        factor = 0
    written = targets[-1] + (1000 if factor else 0)
    people, places, outlets = corpus_inputs(
        load_gazetteer(ROOT / "seeds" / "gazetteer.toml"), read_sources()
    )
    folder = workdir / "corpus"
    progress(f"writing {written:,} documents to {folder}")
    docs = corpus_write(
        folder,
        corpus_documents(people=people, places=places, outlets=outlets, count=written, seed=SEED),
    )
    parts = sorted({folder / doc.folder for doc in docs})
    # Each part is loaded on its own, into its event's collection, as generate_corpus does.
    for part, event in {folder / doc.folder: doc.event for doc in docs}.items():
        (part / "collection.toml").write_text(corpus_collection_file(event), encoding="utf-8")
    results, done = [], 0
    for size in targets:
        figures = SizeFigures(size)
        loaded, new = parts[: size // 1000], parts[done : size // 1000]
        done = size // 1000
        progress(f"loading up to {size:,} articles")
        figures.load = _child(env, *map(str, new)) | {"added": len(new) * 1000}
        corpus_editorial(docs[:size])
        progress("unchanged reload")
        figures.reload = _child(env, *map(str, loaded))
        if not results or os.environ.get("BENCH_RELINK") == "all":
            progress("relink of everything")
            figures.relink = _child(env, "--relink")
        _measure(figures, env, progress)
        results.append(figures)
        if done_size:
            done_size(database, results)  # figures so far survive a run stopped later
    if factor:
        figures = _copied_size(targets[-1], factor, parts[done], docs, env, progress)
        results.append(figures)
        if done_size:
            done_size(database, results)
    return database, results


def _copied_size(loaded: int, factor: int, top_up: Path, docs, env: dict, progress) -> SizeFigures:
    """The archive copied to ``loaded * factor`` articles, plus 1,000 loaded on top of it."""
    from django.db import connection, transaction

    from articles.services.corpus import corpus_editorial
    from articles.services.counts import entity_totals_refresh

    from .copy_tenfold import copy_statements

    progress(f"copying {loaded:,} articles to {loaded * factor:,} in SQL")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in copy_statements(factor):
            cursor.execute(statement)
    entity_totals_refresh()
    _analyze()
    figures = SizeFigures(loaded * factor + 1000, copied_from=loaded)
    progress(f"loading 1,000 more articles on top of {loaded * factor:,}")
    figures.load = _child(env, str(top_up)) | {"added": 1000}
    corpus_editorial(docs[: loaded + 1000])
    progress("unchanged reload of those 1,000")
    figures.reload = _child(env, str(top_up))
    if os.environ.get("BENCH_RELINK") == "all":
        progress("relink of everything")
        figures.relink = _child(env, "--relink")
    _measure(figures, env, progress)
    return figures


def _measure(figures: SizeFigures, env: dict, progress) -> None:
    """Pages in process, then requests per second under gunicorn, at the current size."""
    from .pages import measure_pages
    from .serve import measure_rates, wrk_missing

    _analyze()  # fresh planner statistics, as autovacuum would leave after a load
    progress(f"pages at {figures.articles:,} articles")
    figures.pages = measure_pages(REPEATS)
    missing = wrk_missing()
    if missing:
        figures.rates_note = missing
        progress(missing)
        return
    urls = {page.name: page.url for page in figures.pages if page.name in SERVED}
    progress("requests per second under gunicorn")
    try:
        # Without the page cache: these rates are the pages' own work.
        figures.rates = measure_rates(urls, env | {"PAGE_CACHE_SECONDS": "0"})
    except (OSError, RuntimeError, subprocess.SubprocessError) as error:
        figures.rates_note = f"the gunicorn run failed: {error}"
        progress(figures.rates_note)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        database, results = run_scale(Path(tmp))
    print(database, [r.load for r in results])


if __name__ == "__main__":
    main()
