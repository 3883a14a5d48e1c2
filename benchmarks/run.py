"""Benchmarks that print figures: ``make bench`` (or ``python -m benchmarks.run``).

1. Linking cost against gazetteer size: the linker makes one pass over the text,
   so growing the gazetteer 100-fold should barely change the time per text.
2. Loading throughput: ``load_seeds`` over the seeds copied N times, first run
   (everything created) and second run (everything unchanged).
3. Queries per page with few and many articles: equal counts mean no N+1.

Ratios are printed from one run, so a slow or noisy machine affects both sides.
"""

from __future__ import annotations

import io
import os
import shutil
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


def bench_linking() -> None:
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
    print(f"Linking: {len(bodies)} seed bodies, {size:,} characters")

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
        print(
            f"  gazetteer x{factor:<4} {len(people):>6} people: link {seconds * 1000:7.2f} ms "
            f"({size / seconds / 1e6:5.2f} M chars/s), ratio to x1 {seconds / base:4.2f}, "
            f"build {build_seconds * 1000:7.1f} ms"
        )


def django_setup(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.test_settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def bench_loading_and_pages(workdir: Path) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_seeds", verbosity=0)
    small = page_queries()
    copies = 20
    folder = workdir / "docs"
    folder.mkdir()
    for n in range(copies):
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            text = path.read_bytes() + f"\n\nCopy {n} for the benchmark.\n".encode()
            (folder / f"{n:03d}_{path.name}").write_bytes(text)
    shutil.copy(ROOT / "seeds" / "gazetteer.toml", workdir / "gazetteer.toml")
    files = copies * 5
    quiet = {
        "verbosity": 0,
        "stdout": io.StringIO(),
        "gazetteer": workdir / "gazetteer.toml",
        "collection": "blinken-central-asia-2023",
    }
    first = best_of(1, lambda: call_command("load_seeds", str(folder), **quiet))
    second = best_of(1, lambda: call_command("load_seeds", str(folder), **quiet))
    print(f"Loading {files} documents (SQLite):")
    print(f"  first run  {first:6.2f} s  ({first / files * 1000:6.1f} ms per document)")
    print(f"  second run {second:6.2f} s  ({second / files * 1000:6.1f} ms per unchanged document)")
    print(f"  unchanged run is {first / second:4.1f}x faster")
    print_queries(small, page_queries())


def page_queries() -> dict[str, tuple[int, int, float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.models import Article, Person

    client = Client()
    person = Person.objects.get(slug="antony-blinken")
    article = Article.objects.order_by("pk").first()
    pages = {
        "home": reverse("articles:home"),
        "list": reverse("articles:list"),
        "list+search": reverse("articles:list") + "?q=sanctions",
        "article": article.get_absolute_url(),
        "person": person.get_absolute_url(),
        "country": reverse("articles:country-detail", args=["kz"]),
        "quotes": reverse("articles:quote-list"),
        "matrix": reverse("articles:coverage-matrix"),
    }
    figures = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        figures[name] = (Article.objects.count(), len(captured), elapsed)
    return figures


def print_queries(small: dict, large: dict) -> None:
    articles_small = next(iter(small.values()))[0]
    articles_large = next(iter(large.values()))[0]
    print(f"Queries per page, {articles_small} articles vs {articles_large} articles:")
    for name, (_, queries_small, seconds_small) in small.items():
        _, queries_large, seconds_large = large[name]
        print(
            f"  {name:<12} {queries_small:3d} vs {queries_large:3d} queries  "
            f"({seconds_small * 1000:6.1f} ms vs {seconds_large * 1000:6.1f} ms)"
        )


def main() -> None:
    bench_linking()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        django_setup(workdir / "bench.sqlite3")
        bench_loading_and_pages(workdir)


if __name__ == "__main__":
    main()
