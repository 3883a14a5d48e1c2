"""Production settings with the benchmark's floor view added (same middleware for every URL)."""

from archive.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
