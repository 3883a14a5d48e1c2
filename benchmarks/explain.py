"""Per page: its SQL statements and their time under PostgreSQL's ``EXPLAIN ANALYZE``.

``DATABASE_URL=postgres://... python -m benchmarks.explain [--repeats N] [PAGE ...]``
requests each measured page of ``benchmarks/pages.py`` once (after a warm-up, with the
page cache off), then runs every SELECT it made under ``EXPLAIN (ANALYZE, FORMAT JSON)``
and adds up planning and execution time. It prints, per page, the number of queries, the
sum (best of ``--repeats``), the slowest statement, and the buffer pages its statements
touched (8 KB each, from the cache or the disk): the work done, which unlike the times does
not change with the machine's load. Server time under a shared machine
is noisy; the planner's own figures are steadier and show how each page's SQL grows with
the rows (run it on a database and on its tenfold copy, ``benchmarks/copy_tenfold.py``).
"""

from __future__ import annotations

import argparse
import json
import os


def _explain(cursor, sql: str) -> tuple[float, int]:
    """(planning + execution ms, buffer pages touched) of one statement."""
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    top = plan[0]["Plan"]
    pages = sum(top.get(f"{kind} Blocks", 0) for kind in ("Shared Hit", "Shared Read", "Temp Read"))
    return plan[0]["Planning Time"] + plan[0]["Execution Time"], pages


def explain_pages(
    names: list[str], repeats: int
) -> list[tuple[str, int, float, float, str, list, int]]:
    """(page, queries, total ms, slowest ms, slowest statement, every (ms, statement, buffer
    pages), buffer pages) per page."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .pages import page_urls

    client, admin = Client(), Client()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.force_login(user)
    rows = []
    for name, url in page_urls().items():
        if names and name not in names:
            continue
        browser = admin if name.startswith("admin") else client
        assert browser.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(url).status_code == 200, url
        statements = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].lstrip("( ").upper().startswith(("SELECT", "WITH"))
        ]
        best: list[float] | None = None
        touched: list[int] = []
        with connection.cursor() as cursor:
            for _ in range(repeats):
                measured = [_explain(cursor, sql) for sql in statements]
                times = [ms for ms, _ in measured]
                touched = [each for _, each in measured]
                if best is None or sum(times) < sum(best):
                    best = times
        best = best or [0.0]
        pages = sum(touched)
        slowest = max(range(len(best)), key=best.__getitem__)
        sql = statements[slowest] if statements else ""
        every = list(zip(best, statements, touched, strict=False))
        rows.append((name, len(captured), sum(best), best[slowest], sql, every, pages))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names (default: all)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sql", action="store_true", help="print the slowest statement")
    parser.add_argument(
        "--every", action="store_true", help="print every statement's time and buffer pages"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    print(f"{'page':<18} {'queries':>7} {'SQL ms':>9} {'slowest':>9} {'pages':>9}")
    for name, queries, total, slowest, sql, every, pages in explain_pages(args.pages, args.repeats):
        print(f"{name:<18} {queries:>7} {total:>9.1f} {slowest:>9.1f} {pages:>9}")
        if args.sql:
            print(f"    {sql[:600]}")
        if args.every:
            for ms, statement, each in every:
                print(f"    {ms:8.1f} {each:>8}  {statement[:300]}")


if __name__ == "__main__":
    main()
