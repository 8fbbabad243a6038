"""The gateway's garbage collector settings (ADR 0022), checked in a fresh interpreter of their own."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import gc, json, weakref
from airgate.gateway.cli import heap

class Node:
    pass

frozen = heap.tune_collector()
a, b = Node(), Node()
a.other, b.other = b, a          # a reference cycle made after the freeze ...
gone = weakref.ref(a)
del a, b
gc.collect()                     # ... is still collected
print(json.dumps({"frozen": frozen, "threshold": gc.get_threshold(), "cycle_collected": gone() is None}))
"""


def test_imports_are_frozen_and_later_garbage_is_still_collected() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    found = json.loads(out.stdout)
    assert found["frozen"] > 1000  # the interpreter's and the gateway's imported objects
    assert found["threshold"][0] == 10_000
    assert found["cycle_collected"] is True
