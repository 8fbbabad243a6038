"""The data an executor receives and reports: workloads, keys, events, log chunks.

``ExecuteTask`` mirrors Airflow 3.2's ``ExecuteTask`` workload JSON field for field, so the generic path
(``airflow.sdk.execution_time.execute_workload --json-string``) can consume what :meth:`Workload.task_json`
produces. ``Workload`` adds :class:`Launch`, Airgate's launch hints, which never reach the task.
"""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Any

import msgspec

__all__ = [
    "AGENT_RUNNER",
    "AIRFLOW_RUNNER",
    "EXECUTION_API_ENV",
    "AdoptRecord",
    "AdoptResult",
    "BundleInfo",
    "Capabilities",
    "EventKind",
    "ExecuteTask",
    "ExecutorEvent",
    "Launch",
    "LogChunk",
    "TaskInstance",
    "TaskInstanceKey",
    "Workload",
]

AGENT_RUNNER = "airgate.agent"
"""Runner module of the native fast path."""
AIRFLOW_RUNNER = "airflow.sdk.execution_time.execute_workload"
"""Runner module of the generic path (the real Airflow task SDK)."""
EXECUTION_API_ENV = "AIRFLOW__CORE__EXECUTION_API_SERVER_URL"
"""Environment variable through which the task process learns the Execution API URL."""


class TaskInstanceKey(msgspec.Struct, frozen=True, order=True):
    """Identity of one try of one task instance (Airflow's ``TaskInstanceKey``)."""

    dag_id: str
    task_id: str
    run_id: str
    try_number: int = 1
    map_index: int = -1

    def __str__(self) -> str:
        mi = f"[{self.map_index}]" if self.map_index >= 0 else ""
        return f"{self.dag_id}.{self.task_id}{mi} run={self.run_id} try={self.try_number}"


class BundleInfo(msgspec.Struct):
    """Which DAG bundle (and version) the task runs from."""

    name: str
    version: str | None = None


class TaskInstance(msgspec.Struct):
    """The ``ti`` object of Airflow's ``ExecuteTask`` (its ``TaskInstanceDTO`` wire fields)."""

    id: str
    dag_version_id: str
    task_id: str
    dag_id: str
    run_id: str
    try_number: int
    map_index: int = -1
    pool_slots: int = 1
    queue: str = "default"
    priority_weight: int = 1
    parent_context_carrier: dict[str, Any] | None = None
    context_carrier: dict[str, Any] | None = None

    @property
    def key(self) -> TaskInstanceKey:
        """The :class:`TaskInstanceKey` of this try."""
        return TaskInstanceKey(self.dag_id, self.task_id, self.run_id, self.try_number, self.map_index)


class ExecuteTask(msgspec.Struct, tag_field="type", tag="ExecuteTask"):
    """Airflow's ``ExecuteTask`` workload, exactly the fields the task SDK reads."""

    token: str
    ti: TaskInstance
    dag_rel_path: str
    bundle_info: BundleInfo
    log_path: str | None = None
    sentry_integration: str = ""


class Launch(msgspec.Struct, omit_defaults=True):
    """Airgate's launch hints. Read by executors only; never sent to the task.

    ``runner`` is a module run as ``python -m <runner> --json-string <ExecuteTask JSON>``; ``python`` the
    interpreter (default: the executor's own); ``env`` extra environment for the task; ``api_url`` the
    Execution API URL handed over in ``AIRFLOW__CORE__EXECUTION_API_SERVER_URL``; ``output_path`` where
    the process's stdout/stderr go (relative to the executor's log folder; default: the workload's
    ``log_path``); ``cwd`` the working directory (default: a fresh empty directory per task).
    """

    runner: str = AGENT_RUNNER
    python: str | None = None
    env: dict[str, str] = msgspec.field(default_factory=dict)
    api_url: str = ""
    executor_config: dict[str, Any] | None = None
    queue: str | None = None
    executor: str | None = None
    output_path: str | None = None
    cwd: str | None = None


class Workload(ExecuteTask, tag_field="type", tag="ExecuteTask"):
    """What a scheduler hands to :meth:`Executor.submit`: ``ExecuteTask`` plus :class:`Launch` hints.

    Decoding Airflow's ``ExecuteTask`` JSON into ``Workload`` works (the hints take their defaults).
    """

    launch: Launch = msgspec.field(default_factory=Launch)

    @property
    def key(self) -> TaskInstanceKey:
        """The task instance key this workload runs."""
        return self.ti.key

    def execute_task(self) -> ExecuteTask:
        """The workload without Airgate's hints."""
        return ExecuteTask(
            token=self.token,
            ti=self.ti,
            dag_rel_path=self.dag_rel_path,
            bundle_info=self.bundle_info,
            log_path=self.log_path,
            sentry_integration=self.sentry_integration,
        )

    def task_json(self) -> str:
        """The JSON the runner gets after ``--json-string`` (Airflow's ``ExecuteTask`` form)."""
        return msgspec.json.encode(self.execute_task()).decode()

    def argv(self, python: str) -> list[str]:
        """The command line that runs this workload in a new interpreter."""
        return [self.launch.python or python, "-m", self.launch.runner, "--json-string", self.task_json()]


class EventKind(StrEnum):
    """What happened to a task's process. Never a task state."""

    SUBMITTED = "submitted"
    STARTED = "started"
    EXITED = "exited"
    LOST = "lost"
    ADOPTED = "adopted"


class ExecutorEvent(msgspec.Struct, frozen=True):
    """A fact about a task's process, reported through :meth:`Executor.events`.

    ``external_executor_id`` (on ``started``/``adopted``) is what the scheduler must persist with the task
    instance and hand back to :meth:`Executor.adopt` after a restart. ``exit_code`` is set on ``exited``
    (negative: killed by that signal; ``None``: the process was adopted and its status is unknown).
    """

    kind: EventKind
    key: TaskInstanceKey
    at: float = msgspec.field(default_factory=time.time)
    pid: int | None = None
    exit_code: int | None = None
    external_executor_id: str | None = None
    detail: str = ""


class AdoptRecord(msgspec.Struct, frozen=True):
    """A task the scheduler believes is running, with the id the executor gave it at ``started``."""

    key: TaskInstanceKey
    external_executor_id: str | None


class AdoptResult(msgspec.Struct, frozen=True):
    """Outcome of adopting one :class:`AdoptRecord`."""

    key: TaskInstanceKey
    adopted: bool
    detail: str = ""


class LogChunk(msgspec.Struct, frozen=True):
    """Bytes of a task's output from ``offset``; ``next_offset`` to continue; ``complete`` once the
    process has exited and everything was read."""

    data: bytes
    offset: int
    next_offset: int
    complete: bool


class Capabilities(msgspec.Struct, frozen=True):
    """Optional abilities an executor declares (the conformance kit skips what is not declared)."""

    adopt: bool = True
    logs: bool = True
    cancel: bool = True
