"""The cluster step of a load: the incremental update against a full rebuild, on one archive.

``python -m benchmarks.clusters COLLECTION FILE ...`` (with ``DATABASE_URL`` naming an archive
already loaded, e.g. from ``generate_corpus --no-load``): indexes the archive if it was never
clustered incrementally (after the migration that added the index), loads the files into the
collection and times the loader's cluster step, then times a full rebuild of the same quotes
and checks that both give the same clusters. Prints one line of JSON: seconds of wall and
CPU time for each, and the quote and cluster counts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def timed(function, into: dict):
    def run(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(*args, **kwargs)
        into["seconds"] = round(time.perf_counter() - wall, 3)
        into["cpu_seconds"] = round(time.process_time() - cpu, 3)
        return result

    return run


def memberships() -> set[frozenset[int]]:
    from articles.models import Quote

    found: dict[int, set[int]] = {}
    for pk, cluster in Quote.objects.filter(cluster__isnull=False).values_list("pk", "cluster"):
        found.setdefault(cluster, set()).add(pk)
    return {frozenset(members) for members in found.values()}


def main(collection: str, files: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article, ArticleDerivedState, Quote, QuoteCluster
    from articles.services import load
    from articles.services.cluster_update import quote_clusters_update
    from articles.services.clustering import quote_clusters_rebuild

    call_command("migrate", verbosity=0)
    figures: dict = {"articles_before": Article.objects.count()}
    if ArticleDerivedState.objects.filter(quotes_clustered=False).exists():
        figures["indexing"] = {}
        timed(quote_clusters_update, figures["indexing"])()
    figures["update"] = {}
    load.quote_clusters_update = timed(quote_clusters_update, figures["update"])
    report = load.archive_load(paths=[Path(f) for f in files], collection=collection)
    figures["created"], figures["relinked"] = report.written, report.relinked
    updated = memberships()
    figures["rebuild"] = {}
    timed(quote_clusters_rebuild, figures["rebuild"])()
    rebuilt = memberships()
    figures["same_clusters"] = updated == rebuilt
    figures["clusters_only_in_update"] = len(updated - rebuilt)
    figures["quotes"], figures["clusters"] = Quote.objects.count(), QuoteCluster.objects.count()
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
