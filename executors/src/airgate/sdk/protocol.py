"""The ``Executor`` Protocol: what the scheduler may call and what it may rely on.

An executor launches and watches task *processes*. The task reports its own state to the Execution API;
an executor never decides whether a task succeeded. Everything it knows it reports as
:class:`~airgate.sdk.ExecutorEvent` facts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import ClassVar, Protocol, runtime_checkable

from airgate.sdk._types import (
    AdoptRecord,
    AdoptResult,
    Capabilities,
    ExecutorEvent,
    LogChunk,
    TaskInstanceKey,
)
from airgate.sdk._types import Workload as Workload

__all__ = ["PROTOCOL_METHODS", "Executor"]

PROTOCOL_METHODS = (
    "start",
    "submit",
    "events",
    "cancel",
    "adopt",
    "read_log",
    "shutdown",
    "capacity",
    "slots_free",
)
"""Names every executor must provide (checked by the loader)."""


@runtime_checkable
class Executor(Protocol):
    """An Airgate executor.

    Construction takes one argument, the executor's typed configuration (see
    :class:`~airgate.sdk.ExecutorConfig`); a class attribute ``config_class`` names its type.
    ``capabilities`` declares the optional abilities (adopt, logs, cancel).
    """

    name: ClassVar[str]
    capabilities: ClassVar[Capabilities]

    async def start(self) -> None:
        """Acquire resources (worker pools, watchers). Called once, before anything else.

        Must raise (and leave nothing running) if the executor cannot work.
        """
        ...

    async def submit(self, workload: Workload) -> bool:
        """Accept a workload for running; return ``True`` if it was accepted now.

        Idempotent: submitting a key that is pending, running or already finished in this executor's
        lifetime does nothing and returns ``False`` (no second process, no second event). An accepted
        workload gets ``submitted`` at once; when its process runs, ``started`` (with ``pid`` and the
        ``external_executor_id`` the scheduler must persist); when it ends, exactly one of ``exited``
        (with ``exit_code``) or ``lost``. Beyond :meth:`capacity` running processes, workloads wait inside
        the executor (FIFO). Raises ``RuntimeError`` after :meth:`shutdown` began.
        """
        ...

    def events(self) -> AsyncIterator[ExecutorEvent]:
        """The single stream of process events, in the order they happened per key.

        One consumer. The iterator ends after :meth:`shutdown` has finished and every event was yielded.
        """
        ...

    async def cancel(self, key: TaskInstanceKey, deadline_s: float) -> bool:
        """Stop a task's process: ``SIGTERM`` (its whole process group) now, ``SIGKILL`` if it is still
        alive after ``deadline_s`` seconds. A pending workload is dropped and reported ``exited`` with
        ``exit_code`` ``None`` and detail ``cancelled before start``. Returns ``False`` for unknown or
        already finished keys. Does not wait for the process to end; its ``exited`` event follows.
        """
        ...

    async def adopt(self, records: Sequence[AdoptRecord]) -> list[AdoptResult]:
        """After a restart, re-attach to task processes a previous instance started.

        For each record, using only its ``external_executor_id``: if the process is still alive, watch it
        (``adopted`` event now; ``exited`` later, with ``exit_code`` if known) and report
        ``adopted=True``; otherwise report ``adopted=False`` and emit ``lost`` — unless the previous
        process is known to have exited, in which case emit ``exited`` with its code. One result per
        record, same order. Executors without the ``adopt`` capability report every record lost.
        """
        ...

    async def read_log(self, key: TaskInstanceKey, offset: int = 0) -> LogChunk:
        """The process output of ``key`` from byte ``offset``, while running and after it exited.

        Raises ``KeyError`` if the executor has never known ``key``.
        """
        ...

    async def shutdown(self, drain: bool = True, timeout_s: float = 30.0) -> None:
        """Stop accepting work and release resources.

        ``drain=True``: pending workloads are still launched and running ones may finish for up to
        ``timeout_s``; whatever remains is then cancelled. ``drain=False``: pending workloads are dropped
        and running processes are cancelled with a ``timeout_s`` deadline. Returns once every process has
        been reported ``exited`` or ``lost``; then :meth:`events` ends.
        """
        ...

    def capacity(self) -> int:
        """How many task processes may run at once."""
        ...

    def slots_free(self) -> int:
        """``capacity()`` minus running and pending workloads (never negative)."""
        ...
