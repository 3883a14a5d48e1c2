"""Load documents in a process of its own and print its time and peak memory as JSON.

``python -m benchmarks.load_child PATH ...`` (or ``--relink``): the benchmark runs
each load here so that the peak resident size is the load's alone. ``BENCH_LOAD_WORKERS``
(default 1) is the load's ``workers``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from articles.models import Article

    started = time.perf_counter()
    if argv == ["--relink"]:
        from articles.services.linking import relink_all

        done = relink_all()
        counts = {"relinked": done}
    else:
        from articles.services.load import archive_load

        workers = int(os.environ.get("BENCH_LOAD_WORKERS", "1"))
        report = archive_load(paths=[Path(p) for p in argv], workers=workers)
        counts = {str(status): n for status, n in report.counts.items()}
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"seconds": seconds, "peak_mb": peak_kb / 1024, "articles": Article.objects.count()}
            | counts
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
