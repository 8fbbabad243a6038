"""The garbage collector of a long-running gateway process (ADR 0022).

A server imports ~150,000 objects that live as long as the process (modules, classes, functions, routes), and
every full collection walked all of them. Under API load an answer allocates enough containers that outlive a
young collection (rows and documents still in flight) to start a full collection every second or so, ~100 ms
each on this machine; with CPython's first threshold of 700 allocations the young collections came ~150 times a
second and promoted in-flight objects to the older generations. Measured over 32 s of ``GET /dags`` and ``GET
taskInstances`` at concurrency 16: 5.5 s of collections before, 1.1 s with :func:`tune_collector`.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
"""Allocations (net of deallocations) of container objects between two young collections (CPython: 700)."""


def tune_collector() -> int:
    """Once everything is imported, just before serving: collect, exempt every object alive now from later
    collections (they stay alive; garbage made later is still collected), collect the young generation less
    often. Returns how many objects were exempted."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    return gc.get_freeze_count()
