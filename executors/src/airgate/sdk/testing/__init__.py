"""Testing aids shipped with the SDK: the fake executor, the fake Execution API, probe workloads and the
conformance suite (also registered as the pytest plug-in ``airgate.sdk.testing.plugin``).

Names are imported lazily so ``FakeExecutor`` works without pytest installed.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not importing typing keeps task start-up fast
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "PROBE_RUNNER",
    "ApiCall",
    "ExecutorConformance",
    "FakeExecutionAPI",
    "FakeExecutor",
    "Harness",
    "Kit",
    "Requirements",
    "WorkloadFactory",
]

_WHERE = {
    "PROBE_RUNNER": "workloads",
    "WorkloadFactory": "workloads",
    "ApiCall": "api",
    "FakeExecutionAPI": "api",
    "FakeExecutor": "fake",
    "ExecutorConformance": "conformance",
    "Harness": "conformance",
    "Kit": "conformance",
    "Requirements": "conformance",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
