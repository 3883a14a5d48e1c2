"""Server time per page at two archive sizes, measured in turns so both see the same load.

    python -m benchmarks.page_ratio --small postgres://…/archive_1k --large postgres://…/archive_100k

Two child processes serve the same pages in process (Django test client, no page cache), one
on each database. The parent asks them for one request at a time, alternating which size goes
first, so that a busy moment of a shared machine falls on both sizes alike instead of on
whichever size ran later: p95(large) ÷ p95(small) is then a ratio measured in one run. It
prints, per page, p50 and p95 at each size, their ratio, and the SQL queries at each size, and
lists every statement over 100 ms. ``--control`` adds a third process on the small database,
whose p95 over the small one's is the ratio that noise alone gives. Exit status 1 when a ratio
passes ``--max-ratio`` (1.5) or a page runs a different number of queries at the two sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .pages import SLOW_MS, percentile

ROOT = Path(__file__).resolve().parent.parent


def _child(url: str) -> None:
    """Serve measurement requests for one database: one JSON line in, one out."""
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "archive.test_settings",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
        }
    )
    import django

    django.setup()
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
    urls = page_urls()
    for name, url_path in urls.items():  # warm-up, and every page works
        browser = admin if name.startswith("admin") else client
        assert browser.get(url_path).status_code == 200, url_path
    print(json.dumps(sorted(urls)), flush=True)
    for line in sys.stdin:
        name = json.loads(line)
        browser = admin if name.startswith("admin") else client
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = browser.get(urls[name])
            ms = (time.perf_counter() - started) * 1000
        slow = [
            [round(float(q["time"]) * 1000, 1), q["sql"][:300]]
            for q in captured.captured_queries
            if float(q["time"]) * 1000 > SLOW_MS
        ]
        reply = {"ms": ms, "queries": len(captured), "status": response.status_code, "slow": slow}
        print(json.dumps(reply), flush=True)


class _Size:
    def __init__(self, label: str, url: str):
        self.label = label
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.page_ratio", "--child", url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pages = json.loads(self._read())
        self.times: dict[str, list[float]] = {name: [] for name in self.pages}
        self.queries: dict[str, set[int]] = {name: set() for name in self.pages}
        self.slow: list[tuple[float, str, str]] = []

    def _read(self) -> str:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.label} process stopped")
        return line

    def measure(self, name: str) -> None:
        self.process.stdin.write(json.dumps(name) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self._read())
        if reply["status"] != 200:
            raise RuntimeError(f"{name} answered {reply['status']} at {self.label}")
        self.times[name].append(reply["ms"])
        self.queries[name].add(reply["queries"])
        self.slow += [(ms, name, sql) for ms, sql in reply["slow"]]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def run(
    small_url: str, large_url: str, rounds: int, max_ratio: float, control: bool = False
) -> tuple[list[str], bool]:
    """Measure in turns; with ``control``, a second process on the small database takes its
    turn too, and its p95 over the small one's shows what the machine's noise alone does."""
    sizes = [_Size("small", small_url), _Size("large", large_url)]
    if control:
        sizes.append(_Size("control", small_url))
    small, large = sizes[0], sizes[1]
    try:
        if small.pages != large.pages:
            raise RuntimeError("the two databases do not offer the same pages")
        for number in range(rounds):
            for index, name in enumerate(small.pages):
                turn = (number + index) % len(sizes)
                for size in sizes[turn:] + sizes[:turn]:
                    size.measure(name)
            print(f"... round {number + 1}/{rounds}", file=sys.stderr, flush=True)
    finally:
        for size in sizes:
            size.close()
    noise = " | noise (small again) |" if control else " |"
    lines = [
        "| page | p50 small | p95 small | p50 large | p95 large | p95 ratio | queries" + noise,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---" + (" | ---: |" if control else " |"),
    ]
    ok = True
    for name in small.pages:
        a, b = small.times[name], large.times[name]
        ratio = percentile(b, 0.95) / percentile(a, 0.95)
        qa, qb = max(small.queries[name]), max(large.queries[name])
        ok = ok and ratio <= max_ratio and small.queries[name] == large.queries[name]
        same = "same" if small.queries[name] == large.queries[name] else "DIFFERENT"
        extra = ""
        if control:
            extra = f" {percentile(sizes[2].times[name], 0.95) / percentile(a, 0.95):.2f} |"
        lines.append(
            f"| {name} | {percentile(a, 0.5):.1f} | {percentile(a, 0.95):.1f} | "
            f"{percentile(b, 0.5):.1f} | {percentile(b, 0.95):.1f} | {ratio:.2f} | "
            f"{qa} / {qb} ({same}) |{extra}"
        )
    for label, size in (("small", small), ("large", large)):
        for ms, name, sql in sorted(size.slow, reverse=True)[:10]:
            lines.append(f"- over {SLOW_MS:.0f} ms at {label}: {name}, {ms:.0f} ms: {sql[:160]}")
    return lines, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--small", help="database URL of the smaller archive")
    parser.add_argument("--large", help="database URL of the larger archive")
    parser.add_argument("--rounds", type=int, default=15, help="requests per page and size")
    parser.add_argument("--max-ratio", type=float, default=1.5)
    parser.add_argument(
        "--control",
        action="store_true",
        help="also measure the small database in a second process, as a noise reference",
    )
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    if not (args.small and args.large):
        parser.error("--small and --large are required")
    started = time.perf_counter()
    lines, ok = run(args.small, args.large, args.rounds, args.max_ratio, args.control)
    print("\n".join(lines))
    load = os.getloadavg()[0]
    print(f"{args.rounds} rounds in {time.perf_counter() - started:.0f} s; load average {load:.1f}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
