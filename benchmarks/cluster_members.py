"""The cluster update against one large stored cluster: memory and time by member count.

``python -m benchmarks.cluster_members --members 2000 --new 200`` builds a stored cluster of
``--members`` reports of one statement (three wordings, one article each, half of them with
the speaker named) and ``--new`` quotes to place (most of them the same statement, some
quoted again in a member's article, some other statements), runs
``pipeline.cluster_update`` once, and prints one line of JSON: wall seconds, the peak of
``tracemalloc`` over the run (the input built inside it), and the groups' sizes. ``--check``
also groups everything at once with ``cluster_quotes`` and fails unless both agree (slow:
the full grouping pairs every two identical reports). No database.
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
import tracemalloc

from articles.pipeline import cluster_update as update
from articles.pipeline.clusters import QuoteRef, cluster_quotes

WORDINGS = (
    "we will keep building a strong partnership with our neighbours in energy and transport",
    "we will keep building a strong partnership with our neighbors in energy and transport",
    "we will keep building a strong partnership with all our neighbours in energy and transport",
)
SPEAKER = "kassym-jomart-tokayev"


def other(n: int) -> str:
    """A statement of its own, shared by a few of the new quotes."""
    return " ".join(f"s{n}{letter}" for letter in "abcdefghij")


def build(members: int, new: int) -> tuple[list[QuoteRef], list[int], list[int]]:
    """The quotes in reading order, the stored cluster's positions, the new ones'."""
    stored = [
        QuoteRef(f"a{n:06d}", 0, WORDINGS[n % 3], SPEAKER if n % 2 else None)
        for n in range(members)
    ]
    fresh = []
    for n in range(new):
        if n % 10 == 9:  # a member's article quoting the statement again
            fresh.append(QuoteRef(f"a{n:06d}", 1, WORDINGS[n % 3], None))
        elif n % 10 == 8:
            fresh.append(QuoteRef(f"b{n:06d}", 0, other(n // 30), None))
        else:
            fresh.append(QuoteRef(f"b{n:06d}", 0, WORDINGS[n % 3], SPEAKER if n % 4 else None))
    quotes = sorted(stored + fresh, key=lambda q: (q.article, q.index))
    position = {(q.article, q.index): k for k, q in enumerate(quotes)}
    return (
        quotes,
        [position[q.article, q.index] for q in stored],
        [position[q.article, q.index] for q in fresh],
    )


def run(members: int, new: int) -> tuple[list[list[int]], dict]:
    tracemalloc.start()
    wall = time.perf_counter()
    quotes, block, fresh = build(members, new)
    if "joins" in inspect.signature(update.cluster_update).parameters:
        links = {"joins": dict.fromkeys(fresh, [0])}
    else:  # the update before blocks were named as a whole
        links = {"candidates": dict.fromkeys(fresh, block)}
    groups = update.cluster_update(quotes, fresh=fresh, blocks=[block], **links)
    seconds = time.perf_counter() - wall
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "members": members,
        "new": new,
        "seconds": round(seconds, 3),
        "peak_mb": round(peak / 2**20, 1),
        "group_sizes": sorted((len(g) for g in groups), reverse=True),
    }
    return groups, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    groups, figures = run(options.members, options.new)
    if options.check:
        quotes, block, fresh = build(options.members, options.new)
        position = {q: k for k, q in enumerate(quotes)}
        chosen = set(fresh)
        expected = sorted(
            sorted(position[q] for q in group)
            for group in cluster_quotes(quotes)
            if not chosen.isdisjoint(position[q] for q in group)
        )
        figures["same_as_grouping_at_once"] = expected == groups
    print(json.dumps(figures))
    if options.check and not figures["same_as_grouping_at_once"]:
        raise SystemExit("the update and the grouping at once differ")


if __name__ == "__main__":
    main()
