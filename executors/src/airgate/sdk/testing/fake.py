"""``FakeExecutor``: an in-memory executor for tests of code that drives executors.

No processes: each workload is an asyncio task. For the probe runner it does what the probe does
(calls the Execution API, "prints" its lines into an in-memory log, sleeps, reports its state, "exits"
with the instructed code), so it passes the conformance kit except ``adopt``. For any other runner it
runs :attr:`FakeExecutor.behaviour` (default: exit 0 at once). Cancelling ends the task with ``-15``.
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import Awaitable, Callable
from typing import ClassVar

from airgate.sdk._types import Capabilities, LogChunk, TaskInstanceKey, Workload
from airgate.sdk.base import BaseExecutor
from airgate.sdk.config import ExecutorConfig
from airgate.sdk.testing import probe
from airgate.sdk.testing.workloads import PROBE_RUNNER

__all__ = ["FakeExecutor"]

Behaviour = Callable[[Workload, bytearray], Awaitable[int]]


async def _default_behaviour(workload: Workload, log: bytearray) -> int:
    log.extend(f"fake executor ran {workload.key}\n".encode())
    return 0


class FakeExecutor(BaseExecutor):
    """In-memory executor. ``submitted_workloads`` keeps everything accepted, in order."""

    name: ClassVar[str] = "fake"
    capabilities: ClassVar[Capabilities] = Capabilities(adopt=False, logs=True, cancel=True)
    config_class: ClassVar[type[ExecutorConfig]] = ExecutorConfig

    def __init__(self, config: ExecutorConfig | None = None, behaviour: Behaviour | None = None) -> None:
        super().__init__(config)
        self.behaviour = behaviour or _default_behaviour
        self.submitted_workloads: list[Workload] = []
        self._buffers: dict[TaskInstanceKey, bytearray] = {}
        self._jobs: dict[TaskInstanceKey, asyncio.Task[int]] = {}
        self._pid = 100_000
        self._sig: dict[TaskInstanceKey, signal.Signals] = {}

    async def submit(self, workload: Workload) -> bool:
        accepted = await super().submit(workload)
        if accepted:
            self.submitted_workloads.append(workload)
        return accepted

    async def _launch(self, workload: Workload) -> None:
        key = workload.key
        buffer = self._buffers[key] = bytearray()
        self._pid += 1
        pid = self._pid
        self._started(key, pid, f"fake:{pid}")
        job = asyncio.ensure_future(self._run(workload, buffer))
        self._jobs[key] = job
        try:
            code = await job
        except asyncio.CancelledError:
            code = -self._sig.get(key, signal.SIGTERM)
        except Exception as exc:
            buffer.extend(f"{type(exc).__name__}: {exc}\n".encode())
            code = 1
        self._jobs.pop(key, None)
        self._exited(key, code, pid)

    async def _run(self, workload: Workload, buffer: bytearray) -> int:
        if workload.launch.runner != PROBE_RUNNER:
            return await self.behaviour(workload, buffer)
        plan = json.loads(workload.launch.env.get(probe.ENV) or "{}")
        ti_id, token, base = workload.ti.id, workload.token, workload.launch.api_url
        body = {"state": "running", "hostname": "fake", "unixname": "fake", "pid": self._pid,
                "probe": {"keys": sorted(json.loads(workload.task_json())), "marker": plan.get("marker")}}
        await asyncio.to_thread(probe._request, base, "PATCH", f"task-instances/{ti_id}/run", body, token)
        for i in range(int(plan.get("lines", 3))):
            buffer.extend(f"probe line {i} of {ti_id}\n".encode())
        await asyncio.sleep(float(plan.get("sleep", 0)))
        code = int(plan.get("exit", 0))
        state = {"state": "success" if code == 0 else "failed"}
        await asyncio.to_thread(probe._request, base, "PATCH", f"task-instances/{ti_id}/state", state, token)
        return code

    async def _signal(self, key: TaskInstanceKey, sig: signal.Signals) -> None:
        job = self._jobs.get(key)
        if job is None:
            return
        plan = {}
        for workload in self.submitted_workloads:
            if workload.key == key:
                plan = json.loads(workload.launch.env.get(probe.ENV) or "{}")
        if sig == signal.SIGTERM and plan.get("ignore_term"):
            return
        self._sig[key] = sig
        job.cancel()

    async def read_log(self, key: TaskInstanceKey, offset: int = 0) -> LogChunk:
        buffer = self._buffers.get(key)
        if buffer is None:
            if key in self._running or key in self._finished:
                return LogChunk(b"", offset, offset, complete=key in self._finished)
            raise KeyError(key)
        data = bytes(buffer[offset:])
        return LogChunk(data, offset, offset + len(data), complete=key in self._finished)
