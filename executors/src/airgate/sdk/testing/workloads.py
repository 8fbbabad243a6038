"""Workloads for tests: ``ExecuteTask``s that run the probe task against a fake Execution API."""

from __future__ import annotations

import itertools
import json
import uuid
from typing import Any

from airgate.sdk._types import BundleInfo, Launch, TaskInstance, Workload

__all__ = ["PROBE_RUNNER", "WorkloadFactory"]

PROBE_RUNNER = "airgate.sdk.testing.probe"
_counter = itertools.count(1)


class WorkloadFactory:
    """Make probe workloads pointing at ``api_url``.

    Each call gets a fresh task instance (new ``id`` and ``task_id``) unless given one; keyword arguments
    ``lines``, ``sleep``, ``exit``, ``heartbeat``, ``ignore_term`` and ``marker`` become the probe's
    instructions.
    """

    def __init__(self, api_url: str, dag_id: str = "conformance") -> None:
        self.api_url = api_url
        self.dag_id = dag_id

    def __call__(
        self,
        *,
        task_id: str | None = None,
        try_number: int = 1,
        map_index: int = -1,
        env: dict[str, str] | None = None,
        runner: str = PROBE_RUNNER,
        executor_config: dict[str, Any] | None = None,
        **plan: Any,
    ) -> Workload:
        task_id = task_id or f"probe_{next(_counter)}"
        ti = TaskInstance(
            id=str(uuid.uuid4()),
            dag_version_id=str(uuid.uuid4()),
            task_id=task_id,
            dag_id=self.dag_id,
            run_id="manual__2026-01-01T00:00:00+00:00",
            try_number=try_number,
            map_index=map_index,
        )
        mapped = f"map_index={map_index}/" if map_index >= 0 else ""
        log_path = f"dag_id={self.dag_id}/run_id={ti.run_id}/task_id={task_id}/{mapped}attempt={try_number}.log"
        launch_env = {"AIRGATE_PROBE": json.dumps(plan), **(env or {})}
        return Workload(
            token=f"token-{ti.id}",
            ti=ti,
            dag_rel_path="conformance.py",
            bundle_info=BundleInfo(name="dags-folder"),
            log_path=log_path,
            launch=Launch(runner=runner, env=launch_env, api_url=self.api_url, executor_config=executor_config),
        )
