"""The figures section of docs/benchmarks.md, written from one run of ``make bench``."""

from __future__ import annotations

import re
from pathlib import Path

START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def render(machine: str, database: str, linking: list[str], results) -> str:
    small, large = results[0], results[-1]
    lines = [
        START,
        "## Figures from one run",
        "",
        f"Machine: {machine}. Database: {database}.",
        "",
        "```",
        *linking,
        "```",
        "",
        "### Loading",
        "",
        "Articles per second include decoding, parsing, linking, quotes, facts, candidates and",
        "the quote-cluster rebuild; peak RSS is the loading process's own.",
        "",
        "| articles | loaded | seconds | articles/s | peak RSS | unchanged reload | relink all |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        relink = (
            f"{r.relink['seconds']:.1f} s ({r.relink['relinked'] / r.relink['seconds']:.0f}/s)"
            if r.relink
            else "not run"
        )
        size = f"{r.articles:,}" + (" (copied)" if r.copied_from else "")
        lines.append(
            f"| {size} | {r.load['added']:,} | {r.load['seconds']:.1f} | "
            f"{r.load['added'] / r.load['seconds']:.1f} | {r.load['peak_mb']:.0f} MB | "
            f"{r.reload['seconds']:.1f} s | {relink} |"
        )
    lines += _copied_note(results)
    header = " | ".join(f"{r.articles:,}: queries, p50, p95" for r in results)
    lines += [
        "",
        "### Pages (server time in process, Django test client)",
        "",
        f"| page | {header} | p95 ratio |",
        "| --- | " + " | ".join("---" for _ in results) + " | --- |",
    ]
    for index, page in enumerate(small.pages):
        cells = " | ".join(_cell(r.pages[index]) for r in results)
        ratio = large.pages[index].p95_ms / page.p95_ms
        lines.append(f"| {page.name} | {cells} | {ratio:.2f} |")
    lines += ["", "### Requests per second (gunicorn, 2 sync workers, wrk on loopback)", ""]
    for r in results:
        if r.rates is None:
            lines.append(f"At {r.articles:,} articles: {r.rates_note}.")
            continue
        floor = r.rates[0][1]
        lines.append(f"At {r.articles:,} articles:")
        lines.append("")
        lines.append("| URL | req/s | share of the floor | errors |")
        lines.append("| --- | --- | --- | --- |")
        for name, rate, bad in r.rates:
            lines.append(f"| {name} | {rate:.0f} | {rate / floor:.2f} | {bad} |")
        lines.append("")
    lines += ["", "### SQL statements over 100 ms", ""]
    slow = [(r.articles, p.name, ms, sql) for r in results for p in r.pages for ms, sql in p.slow]
    if not slow:
        lines.append("None at any size.")
    for articles, name, ms, sql in slow:
        lines.append(f"- {articles:,} articles, {name}: {ms:.0f} ms: `{_short(sql)}`")
    lines += ["", END]
    return "\n".join(lines)


def _copied_note(results) -> list[str]:
    """How a copied size was built: it is not a loaded corpus, and says so."""
    notes = []
    for r in results:
        if r.copied_from:
            factor = (r.articles - 1000) // r.copied_from
            notes += [
                "",
                f"{r.articles:,} (copied): the {r.copied_from:,} loaded articles were copied "
                f"{factor} times in SQL (`benchmarks/copy_tenfold.py`: same people and "
                "clusters, each cluster larger), then the next 1,000 documents of the corpus "
                "were loaded on top through the loader: its row is the load of those 1,000 into "
                f"an archive of {r.articles - 1000:,}, and its unchanged reload is of those 1,000.",
            ]
    return notes


def _cell(page) -> str:
    return f"{page.queries}, {page.p50_ms:.0f} ms, {page.p95_ms:.0f} ms"


def _short(sql: str) -> str:
    sql = re.sub(r"\s+", " ", sql).replace("`", "'")
    return sql if len(sql) < 300 else sql[:297] + "..."


def write(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
