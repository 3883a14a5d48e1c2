"""Memory and time of the text pipeline grow linearly with a document's size.

The documents repeat the seed bodies (benchmarks/pipeline_size.py makes them). Bounds are
generous on purpose: a quadratic stage misses them by a wide margin, machine noise does not.
"""

from __future__ import annotations

import gc
import time
import tracemalloc

import pytest

from benchmarks.pipeline_size import build_linker, stages, synthetic_document

# A linear stage takes about 4 times as long on a 4 times larger document; a quadratic one 16.
MAX_GROWTH = 10.0
# Below this a stage's time is mostly noise, so it is added to the allowance.
NOISE_SECONDS = 0.1


@pytest.fixture(scope="module")
def linker():
    return build_linker()


def run_all(linker, raw: bytes) -> dict[str, float]:
    """CPU seconds of each stage, one after another, on ``raw``.

    The cyclic garbage collector is paused while a stage is timed: when it runs depends on
    everything else alive in the test process, which would blur the stage's own cost.
    """
    state = {"raw": raw}
    seconds = {}
    for name, step in stages(linker):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            step(state)
            seconds[name] = time.process_time() - started
        finally:
            gc.enable()
    return seconds


def test_a_one_megabyte_document_stays_within_150_mb_of_traced_memory(linker) -> None:
    state = {"raw": synthetic_document(1_000_000)}
    tracemalloc.start()
    try:
        for _, step in stages(linker):
            step(state)  # every stage's output is kept, as the loader keeps it
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(state["mentions"]) > 5_000 and len(state["quotes"]) > 1_000
    assert peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MB"


def test_work_grows_linearly_with_document_size(linker) -> None:
    small, large = synthetic_document(200_000), synthetic_document(800_000)
    # Best of two runs each, so a burst of load elsewhere on the machine does not count.
    small_times = [run_all(linker, small) for _ in range(2)]
    large_times = [run_all(linker, large) for _ in range(2)]
    for name in small_times[0]:
        t_small = min(times[name] for times in small_times)
        t_large = min(times[name] for times in large_times)
        assert t_large < MAX_GROWTH * t_small + NOISE_SECONDS, (name, t_small, t_large)
    total_small = min(sum(times.values()) for times in small_times)
    total_large = min(sum(times.values()) for times in large_times)
    assert total_large < MAX_GROWTH * total_small, (total_small, total_large)
