"""Airgate's executor SDK: the contract between the scheduler and executor plug-ins.

- :class:`Executor` — the async Protocol every executor implements; :class:`BaseExecutor` does the
  bookkeeping so a plug-in writes only the launching.
- :class:`Workload` (Airflow's ``ExecuteTask`` plus :class:`Launch` hints), :class:`TaskInstanceKey`,
  :class:`ExecutorEvent` (process facts, never task states), :class:`LogChunk`, adopt records/results.
- :class:`ExecutorConfig` / :func:`parse_config` — typed ``[executors.<name>]`` sections.
- :mod:`airgate.sdk.loader` — the ``airgate.executors`` entry-point group and ``core.executor`` parsing.
- :mod:`airgate.sdk.testing` — fake executor, fake Execution API and the conformance kit.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not importing typing keeps task start-up fast

if TYPE_CHECKING:
    from typing import Any

    from airgate.sdk._types import (
        AGENT_RUNNER,
        AIRFLOW_RUNNER,
        EXECUTION_API_ENV,
        AdoptRecord,
        AdoptResult,
        BundleInfo,
        Capabilities,
        EventKind,
        ExecuteTask,
        ExecutorEvent,
        Launch,
        LogChunk,
        TaskInstance,
        TaskInstanceKey,
        Workload,
    )
    from airgate.sdk.base import BaseExecutor
    from airgate.sdk.config import ConfigError, ExecutorConfig, parse_config
    from airgate.sdk.loader import ENTRY_POINT_GROUP, ExecutorLoadError
    from airgate.sdk.protocol import Executor

__all__ = [
    "AGENT_RUNNER",
    "AIRFLOW_RUNNER",
    "ENTRY_POINT_GROUP",
    "EXECUTION_API_ENV",
    "AdoptRecord",
    "AdoptResult",
    "BaseExecutor",
    "BundleInfo",
    "Capabilities",
    "ConfigError",
    "EventKind",
    "ExecuteTask",
    "Executor",
    "ExecutorConfig",
    "ExecutorEvent",
    "ExecutorLoadError",
    "Launch",
    "LogChunk",
    "TaskInstance",
    "TaskInstanceKey",
    "Workload",
    "parse_config",
]

_WHERE = {
    "BaseExecutor": "base",
    "ConfigError": "config",
    "ExecutorConfig": "config",
    "parse_config": "config",
    "ENTRY_POINT_GROUP": "loader",
    "ExecutorLoadError": "loader",
    "Executor": "protocol",
}


def __getattr__(name: str) -> Any:
    # Lazy, so a task process importing a submodule (e.g. the probe) pays only for what it uses.
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE.get(name, '_types')}"), name)
    globals()[name] = value
    return value
