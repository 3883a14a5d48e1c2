"""The page cache's effect: req/s and time per request with the cache off and on.

``DATABASE_URL=postgres://.../archive_bench python -m benchmarks.caching`` measures the archive
in that database (``make bench`` leaves 1,000 synthetic articles in ``BENCH_DB``; the database
is migrated first, nothing else is written). One gunicorn (2 sync workers) runs with
``PAGE_CACHE_SECONDS=0``, one with the cache on; each serves the floor (a trivial view that is
never cached) and the list, search, article and person pages to wrk. Time per request is taken
on loopback with one client: with the cache off every request renders the page (cold, the
query and template work); with it on, after a warm-up, every request is a cache hit. The
figures replace the block between the caching markers in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- caching:start -->", "<!-- caching:end -->"
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
SERVED = ("list", "search common", "article", "person")
# Enough requests that both workers have every page cached before the timing starts.
WARM_UP = 8


def _timed(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
        size = len(response.read())
    return (time.perf_counter() - started) * 1000, size


def request_times(base: str, pages: dict[str, str], *, warm: int, repeats: int) -> dict:
    """Per page: (median ms, first-request ms, body bytes) over ``repeats`` requests."""
    figures = {}
    for name, path in pages.items():
        first, size = _timed(base + path)
        for _ in range(warm):
            _timed(base + path)
        times = [_timed(base + path)[0] for _ in range(repeats)]
        figures[name] = (statistics.median(times), first, size)
    return figures


def measure(environ: dict[str, str], pages: dict[str, str]) -> dict:
    from .serve import FLOOR, _wrk, serving

    results = {}
    for mode, seconds in (("off", "0"), ("on", "3600")):
        with serving({**environ, "PAGE_CACHE_SECONDS": seconds}) as base:
            warm = 0 if mode == "off" else WARM_UP
            repeats = 5 if mode == "off" else REPEATS
            times = request_times(base, pages, warm=warm, repeats=repeats)
            rates = {name: _wrk(base + path) for name, path in {"floor": FLOOR, **pages}.items()}
        results[mode] = {"times": times, "rates": rates}
    return results


def render(machine: str, articles: int, results: dict) -> str:
    off, on = results["off"], results["on"]
    floor_off, floor_on = off["rates"]["floor"][0], on["rates"]["floor"][0]
    lines = [
        START,
        f"Machine: {machine}. {articles:,} articles.",
        "",
        "| URL | cache off: req/s (share of its floor) | cache on: req/s | share of the floor "
        "without the cache | share of the floor with the cache | cold request | cached request "
        "| page size |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| floor (trivial view) | {floor_off:.0f} (1.00) | {floor_on:.0f} | "
        f"{floor_on / floor_off:.2f} | 1.00 | | | |",
    ]
    for name in off["times"]:
        rate_off, bad_off = off["rates"][name]
        rate_on, bad_on = on["rates"][name]
        cold = off["times"][name][0]
        hit, _, size = on["times"][name]
        errors = f" ({bad_off + bad_on} errors)" if bad_off or bad_on else ""
        lines.append(
            f"| {name}{errors} | {rate_off:.1f} ({rate_off / floor_off:.3f}) | {rate_on:.0f} | "
            f"{rate_on / floor_off:.2f} | {rate_on / floor_on:.2f} | {cold:.0f} ms | "
            f"{hit:.1f} ms | {size / 1024:.0f} KB |"
        )
    lines += [
        "",
        "Cold request: median of 5 requests to the server without the cache, each rendering the "
        f"page. Cached request: median of {REPEATS} requests after a warm-up. Both on loopback, "
        "one client, so they include the HTTP round trip.",
        END,
    ]
    return "\n".join(lines)


def write(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def run_caching(progress=print) -> str:
    """Measure the archive Django is set up with; write and return the figures section."""
    from articles.models import Article

    from .pages import page_urls
    from .scale import machine

    articles = Article.objects.count()
    if not articles:
        raise SystemExit("no articles in the database: run make bench first (BENCH_DB)")
    pages = {name: url for name, url in page_urls().items() if name in SERVED}
    progress("requests per second with the page cache off and on")
    section = render(machine(), articles, measure(dict(os.environ), pages))
    write(ROOT / "docs" / "benchmarks.md", section)
    return section


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.test_settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="archive-bench-static-"))
    import django

    django.setup()
    from django.core.management import call_command

    from .serve import wrk_missing

    missing = wrk_missing()
    if missing:
        raise SystemExit(missing)
    call_command("migrate", verbosity=0)
    print(run_caching())


if __name__ == "__main__":
    main()
