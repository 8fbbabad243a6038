"""``BaseExecutor``: the bookkeeping every executor needs, so a plug-in writes only the launching.

It keeps the event queue, idempotent submit, the FIFO of workloads waiting for capacity, cancel
deadlines, log reading from files and the shutdown sequence. A subclass implements :meth:`_launch` and
:meth:`_signal` and reports what happens through :meth:`_started`, :meth:`_exited` and :meth:`_lost`.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from abc import ABC, abstractmethod
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Coroutine, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Self

from airgate.sdk._types import (
    AdoptRecord,
    AdoptResult,
    Capabilities,
    EventKind,
    ExecutorEvent,
    LogChunk,
    TaskInstanceKey,
    Workload,
)
from airgate.sdk.config import ExecutorConfig, parse_config

__all__ = ["BaseExecutor"]

_FINISHED_MEMORY = 2_000
"""Finished tries remembered (to refuse a duplicate submission and to serve their logs), oldest forgotten first."""
_MAX_LOG_CHUNK = 1 << 20


class BaseExecutor(ABC):
    """Convenience base class implementing the :class:`~airgate.sdk.Executor` Protocol's bookkeeping."""

    name: ClassVar[str] = "base"
    capabilities: ClassVar[Capabilities] = Capabilities()
    config_class: ClassVar[type[ExecutorConfig]] = ExecutorConfig

    def __init__(self, config: ExecutorConfig | None = None) -> None:
        self.config = config if config is not None else self.config_class()
        self._events: asyncio.Queue[ExecutorEvent | None] = asyncio.Queue()
        self._pending: deque[Workload] = deque()
        self._running: dict[TaskInstanceKey, Workload | None] = {}
        self._finished: OrderedDict[TaskInstanceKey, None] = OrderedDict()
        self._logs: dict[TaskInstanceKey, Path] = {}
        self._cancel_deadline: dict[TaskInstanceKey, float] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()
        self._closing = False
        self._closed = False

    @classmethod
    def from_section(cls, section: Mapping[str, str], name: str | None = None) -> Self:
        """Build the executor from its ``[executors.<name>]`` config section."""
        return cls(parse_config(cls.config_class, section, name=name or cls.name))

    # ----------------------------------------------------------------- subclass hooks
    async def _start(self) -> None:  # noqa: B027 - optional hook
        """Acquire resources. Default: nothing."""

    async def _stop(self) -> None:  # noqa: B027 - optional hook
        """Release resources after every process was reported. Default: nothing."""

    @abstractmethod
    async def _launch(self, workload: Workload) -> None:
        """Start the process of ``workload``; call :meth:`_started` once it runs and arrange for
        :meth:`_exited` or :meth:`_lost` when it ends. Raising reports the task lost."""

    @abstractmethod
    async def _signal(self, key: TaskInstanceKey, sig: signal.Signals) -> None:
        """Deliver ``sig`` to the running process (group) of ``key``; ignore if it is already gone."""

    async def _adopt_one(self, record: AdoptRecord) -> AdoptResult:
        """Re-attach to one process (call :meth:`_adopted`) or report why not. Default: not supported."""
        return AdoptResult(record.key, False, f"{self.name} executor cannot adopt")

    # ----------------------------------------------------------------- reporting helpers
    def _emit(self, event: ExecutorEvent) -> None:
        self._events.put_nowait(event)

    def _set_log(self, key: TaskInstanceKey, path: Path) -> None:
        """Tell :meth:`read_log` where the output of ``key`` is."""
        self._logs[key] = path

    def _started(self, key: TaskInstanceKey, pid: int | None, external_executor_id: str | None) -> None:
        """Report that the process of ``key`` runs."""
        self._emit(ExecutorEvent(EventKind.STARTED, key, pid=pid, external_executor_id=external_executor_id))
        if key in self._cancel_deadline:
            self._spawn(self._enforce_cancel(key, self._cancel_deadline[key]))

    def _adopted(self, key: TaskInstanceKey, pid: int | None, external_executor_id: str | None) -> None:
        """Report that a previous instance's process of ``key`` is now watched by this one."""
        self._running[key] = None
        self._emit(ExecutorEvent(EventKind.ADOPTED, key, pid=pid, external_executor_id=external_executor_id))

    def _finish(self, key: TaskInstanceKey, event: ExecutorEvent) -> None:
        if key in self._finished:
            return
        self._running.pop(key, None)
        self._cancel_deadline.pop(key, None)
        self._finished[key] = None
        while len(self._finished) > _FINISHED_MEMORY:
            forgotten, _ = self._finished.popitem(last=False)
            self._logs.pop(forgotten, None)
        self._emit(event)
        self._pump()
        self._changed.set()

    def _exited(self, key: TaskInstanceKey, exit_code: int | None, pid: int | None = None, detail: str = "") -> None:
        """Report that the process of ``key`` ended with ``exit_code`` (negative: killed by a signal)."""
        self._finish(key, ExecutorEvent(EventKind.EXITED, key, pid=pid, exit_code=exit_code, detail=detail))

    def _lost(self, key: TaskInstanceKey, detail: str, pid: int | None = None) -> None:
        """Report that the process of ``key`` is gone and its outcome unknown."""
        self._finish(key, ExecutorEvent(EventKind.LOST, key, pid=pid, detail=detail))

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _pump(self) -> None:
        while self._pending and len(self._running) < self.capacity():
            workload = self._pending.popleft()
            self._running[workload.key] = workload
            self._spawn(self._launch_guarded(workload))

    async def _launch_guarded(self, workload: Workload) -> None:
        try:
            await self._launch(workload)
        except Exception as exc:
            self._lost(workload.key, f"launch failed: {type(exc).__name__}: {exc}")

    async def _enforce_cancel(self, key: TaskInstanceKey, deadline_s: float) -> None:
        await self._signal(key, signal.SIGTERM)
        loop = asyncio.get_running_loop()
        end = loop.time() + deadline_s
        while key in self._running and loop.time() < end:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), max(0.0, end - loop.time()))
        if key in self._running:
            await self._signal(key, signal.SIGKILL)

    # ----------------------------------------------------------------- the Protocol
    async def start(self) -> None:
        """See :meth:`airgate.sdk.Executor.start`."""
        await self._start()

    async def submit(self, workload: Workload) -> bool:
        """See :meth:`airgate.sdk.Executor.submit`."""
        if self._closing:
            raise RuntimeError(f"{self.name} executor is shutting down; not accepting {workload.key}")
        key = workload.key
        if key in self._running or key in self._finished or any(w.key == key for w in self._pending):
            return False
        self._emit(ExecutorEvent(EventKind.SUBMITTED, key))
        self._pending.append(workload)
        self._pump()
        return True

    async def events(self) -> AsyncIterator[ExecutorEvent]:
        """See :meth:`airgate.sdk.Executor.events`."""
        while True:
            event = await self._events.get()
            if event is None:
                return
            yield event

    async def cancel(self, key: TaskInstanceKey, deadline_s: float) -> bool:
        """See :meth:`airgate.sdk.Executor.cancel`."""
        for workload in self._pending:
            if workload.key == key:
                self._pending.remove(workload)
                self._finish(key, ExecutorEvent(EventKind.EXITED, key, detail="cancelled before start"))
                return True
        if key not in self._running:
            return False
        if key not in self._cancel_deadline:
            self._cancel_deadline[key] = deadline_s
            self._spawn(self._enforce_cancel(key, deadline_s))
        return True

    async def adopt(self, records: Sequence[AdoptRecord]) -> list[AdoptResult]:
        """See :meth:`airgate.sdk.Executor.adopt`."""
        results: list[AdoptResult] = []
        for record in records:
            if self.capabilities.adopt:
                result = await self._adopt_one(record)
            else:
                result = AdoptResult(record.key, False, f"{self.name} executor cannot adopt")
            if not result.adopted and record.key not in self._finished:
                self._lost(record.key, result.detail)
            results.append(result)
        return results

    async def read_log(self, key: TaskInstanceKey, offset: int = 0) -> LogChunk:
        """See :meth:`airgate.sdk.Executor.read_log`. Reads the file given to :meth:`_set_log`."""
        path = self._logs.get(key)
        if path is None:
            raise KeyError(key)
        done = key in self._finished
        try:
            with path.open("rb") as fh:
                fh.seek(offset)
                data = fh.read(_MAX_LOG_CHUNK)
                more = bool(fh.read(1))
        except FileNotFoundError:
            data, more = b"", False
        return LogChunk(data, offset, offset + len(data), complete=done and not more)

    async def shutdown(self, drain: bool = True, timeout_s: float = 30.0) -> None:
        """See :meth:`airgate.sdk.Executor.shutdown`."""
        if self._closed:
            return
        self._closing = True
        loop = asyncio.get_running_loop()
        if drain:
            end = loop.time() + timeout_s
            while (self._pending or self._running) and loop.time() < end:
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), max(0.0, end - loop.time()))
            timeout_s = min(timeout_s, 5.0)
        while self._pending:
            workload = self._pending.popleft()
            self._finish(workload.key, ExecutorEvent(EventKind.EXITED, workload.key, detail="dropped at shutdown"))
        for key in list(self._running):
            await self.cancel(key, timeout_s)
        end = loop.time() + timeout_s + 5.0
        while self._running and loop.time() < end:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), max(0.0, end - loop.time()))
        for key in list(self._running):
            self._lost(key, "still running after shutdown deadline")
        await self._stop()
        for task in list(self._tasks):
            task.cancel()
        self._closed = True
        self._events.put_nowait(None)

    def capacity(self) -> int:
        """See :meth:`airgate.sdk.Executor.capacity`: ``config.parallelism``."""
        return self.config.parallelism

    def slots_free(self) -> int:
        """See :meth:`airgate.sdk.Executor.slots_free`."""
        return max(0, self.capacity() - len(self._running) - len(self._pending))
