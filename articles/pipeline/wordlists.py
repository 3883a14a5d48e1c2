"""The pipeline's word lists, read once from the TOML files in ``articles/pipeline/data``.

Each list is a TOML string of words separated by white space, so long lists stay readable and
can be edited without touching code: ``words("linking", "titles")``.
"""

from __future__ import annotations

import tomllib
from functools import cache

from .text import DATA_DIR


@cache
def _lists(name: str) -> dict[str, frozenset[str]]:
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {key: frozenset(value.split()) for key, value in data.items()}


@cache
def groups(name: str, key: str) -> tuple[tuple[str, ...], ...]:
    """The list ``key`` of ``data/<name>.toml`` read one group of words a line."""
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        text = tomllib.load(handle)[key]
    return tuple(tuple(line.split()) for line in text.splitlines() if line.strip())


def words(name: str, key: str) -> frozenset[str]:
    """The list ``key`` of ``data/<name>.toml``; a missing list is an error, not empty."""
    return _lists(name)[key]
