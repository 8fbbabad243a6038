"""The ``local`` executor: a pool of warm worker processes that fork one child per task.

Each worker (:mod:`airgate.sdk._zygote`) pre-imports the runner modules named in ``preload`` and forks a
child per task, so a task costs a ``fork()`` instead of a new interpreter. The child gets a new session,
a fresh environment and working directory, and its own copy of the warm interpreter — nothing leaks from
one task to the next. A worker that dies is replaced; its tasks are killed and reported lost.
``parallelism`` bounds the tasks running at once (Airflow's 32), ``workers`` the warm interpreters (the CPU
count), each forking as many tasks as it is given.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from typing import ClassVar

import msgspec

from airgate.sdk._types import AGENT_RUNNER, Capabilities, TaskInstanceKey, Workload
from airgate.sdk.config import ExecutorConfig
from airgate.sdk.process import ProcessExecutor

__all__ = ["LocalConfig", "LocalExecutor"]

_log = logging.getLogger(__name__)


class LocalConfig(ExecutorConfig, kw_only=True, forbid_unknown_fields=True):
    """``[executors.local]``: ``parallelism`` is how many tasks run at once (32, Airflow's default);
    ``workers`` the pool size (default: the CPU count; each worker runs any number of tasks); ``preload``
    the comma-separated runner modules each worker imports up front; ``python`` the workers' interpreter."""

    workers: int = msgspec.field(default_factory=lambda: os.cpu_count() or 1)
    preload: str = AGENT_RUNNER
    python: str = sys.executable

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.workers < 1:
            raise ValueError("workers: must be at least 1")


class _Worker:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.tasks: dict[int, TaskInstanceKey] = {}  # task pid -> its try
        self.next_pid: int | None = None


class LocalExecutor(ProcessExecutor):
    """A pool of long-lived forking workers."""

    name: ClassVar[str] = "local"
    capabilities: ClassVar[Capabilities] = Capabilities(adopt=True, logs=True, cancel=True)
    config_class: ClassVar[type[ExecutorConfig]] = LocalConfig

    def __init__(self, config: LocalConfig | None = None) -> None:
        super().__init__(config if config is not None else LocalConfig())
        self.config: LocalConfig
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._stopping = False

    async def _start(self) -> None:
        spawned = [self._spawn_worker() for _ in range(min(self.config.workers, self.config.parallelism))]
        results = await asyncio.gather(*spawned, return_exceptions=True)
        failure = next((r for r in results if isinstance(r, BaseException)), None)
        if failure is not None:
            await self._stop()  # leave nothing running
            raise RuntimeError(f"local executor cannot start its workers: {failure}") from failure

    async def _spawn_worker(self) -> None:
        proc = await asyncio.create_subprocess_exec(
            self.config.python,
            "-m",
            "airgate.sdk._zygote",
            self.config.preload,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert proc.stdout is not None
        line = await proc.stdout.readline()
        if not line.startswith(b'{"ready"'):
            proc.kill()
            await proc.wait()
            raise RuntimeError(f"local executor worker failed to start (exit code {proc.returncode})")
        worker = _Worker(proc)
        self._workers.add(worker)
        self._spawn(self._serve(worker))

    async def _serve(self, worker: _Worker) -> None:
        """Follow one worker's messages; handle its death."""
        assert worker.proc.stdout is not None
        while True:
            line = await worker.proc.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            if "forked" in message:
                worker.next_pid = message["forked"]
                self._idle.put_nowait(worker)
            elif "exited" in message:
                key = worker.tasks.pop(message["exited"], None)
                if key is not None:
                    self._exited(key, message["code"], message["exited"])
        if worker.proc.stdin is not None:
            worker.proc.stdin.close()  # lets the worker's waiting child see the end
        code = await worker.proc.wait()
        self._workers.discard(worker)
        for pid, key in list(worker.tasks.items()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            self._lost(key, f"local executor worker {worker.proc.pid} died (exit code {code})")
        worker.tasks.clear()
        if not self._stopping:
            await self._replace_worker()

    async def _replace_worker(self) -> None:
        for attempt in range(1, 6):
            try:
                await self._spawn_worker()
                return
            except Exception as exc:
                _log.error("local executor: cannot start a worker (attempt %d): %s", attempt, exc)
                await asyncio.sleep(0.5 * attempt)
        _log.error("local executor: giving up on replacing a worker; capacity stays reduced")

    async def _launch(self, workload: Workload) -> None:
        worker = await self._idle.get()
        while worker.proc.returncode is not None or worker.next_pid is None:
            worker = await self._idle.get()
        log, cwd, env = self._prepare(workload, make_cwd=False)  # the worker makes and removes it
        request = {
            "runner": workload.launch.runner,
            "json": workload.task_json(),
            "env": env,
            "cwd": cwd,
            "log": str(log),
            "status": f"{log}.status",
        }
        pid = worker.next_pid
        assert pid is not None and worker.proc.stdin is not None
        worker.tasks[pid], worker.next_pid = workload.key, None
        worker.proc.stdin.write(json.dumps(request).encode() + b"\n")
        self._pids[workload.key] = pid
        self._started(workload.key, pid, self._ref(pid, log).encode())
        await worker.proc.stdin.drain()

    def worker_pids(self) -> list[int]:
        """Pids of the live workers (for operators and tests)."""
        return [w.proc.pid for w in self._workers if w.proc.returncode is None]

    async def _stop(self) -> None:
        self._stopping = True
        for worker in list(self._workers):
            if worker.proc.stdin is not None:
                worker.proc.stdin.close()
        for worker in list(self._workers):
            try:
                await asyncio.wait_for(worker.proc.wait(), 5.0)
            except TimeoutError:
                worker.proc.kill()
                await worker.proc.wait()
