"""The conformance suite every executor must pass. Use it in one line::

    from airgate.sdk.testing import ExecutorConformance

    class TestMyExecutor(ExecutorConformance):
        executor = "my_executor"          # entry-point name, core alias or module.path.Class

Override :meth:`ExecutorConformance.executor_config` to pass your ``[executors.<name>]`` options and set
``requirements = Requirements(adopt=False)`` to skip an optional capability your executor's
``capabilities`` claims (by default the suite follows ``capabilities``). The tests are plain synchronous
pytest tests that run their own event loop, so no asyncio plug-in is needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

import msgspec
import pytest

from airgate.sdk._types import AdoptRecord, EventKind, ExecutorEvent, TaskInstanceKey, Workload
from airgate.sdk.loader import load, parse_executor_setting
from airgate.sdk.testing.api import FakeExecutionAPI
from airgate.sdk.testing.workloads import WorkloadFactory

__all__ = ["ExecutorConformance", "Harness", "Kit", "Requirements"]

_TIMEOUT = 20.0


class Requirements(msgspec.Struct, frozen=True):
    """Which optional capabilities to test; ``None`` follows the executor's ``capabilities``."""

    adopt: bool | None = None
    logs: bool | None = None
    cancel: bool | None = None


class Harness:
    """A started executor plus everything it reported, for one test."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.events: list[ExecutorEvent] = []
        self._new = asyncio.Event()
        self._consumer: asyncio.Task[None] | None = None
        self.ended = False

    async def __aenter__(self) -> Harness:
        await self.executor.start()
        self._consumer = asyncio.create_task(self._consume())
        return self

    async def _consume(self) -> None:
        async for event in self.executor.events():
            self.events.append(event)
            self._new.set()
        self.ended = True
        self._new.set()

    async def __aexit__(self, *exc: object) -> None:
        if not self.ended:
            await self.executor.shutdown(drain=False, timeout_s=3.0)
        if self._consumer is not None:
            await asyncio.wait_for(self._consumer, 15.0)

    def kinds(self, key: TaskInstanceKey) -> list[EventKind]:
        """The kinds of events reported for ``key`` so far, in order."""
        return [e.kind for e in self.events if e.key == key]

    async def wait(self, key: TaskInstanceKey, *kinds: EventKind, timeout: float = _TIMEOUT) -> ExecutorEvent:
        """The first event of ``key`` with one of ``kinds``; fails the test after ``timeout``."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            for event in self.events:
                if event.key == key and event.kind in kinds:
                    return event
            left = end - loop.time()
            if left <= 0 or self.ended:
                pytest.fail(f"no {'/'.join(kinds)} event for {key} within {timeout}s; got {self.kinds(key)}")
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new.wait(), left)

    async def wait_done(self, key: TaskInstanceKey, timeout: float = _TIMEOUT) -> ExecutorEvent:
        """The ``exited`` or ``lost`` event of ``key``."""
        return await self.wait(key, EventKind.EXITED, EventKind.LOST, timeout=timeout)


class Kit:
    """What a conformance test gets: the fake API, a workload factory and a way to run a scenario."""

    def __init__(self, suite: ExecutorConformance, api: FakeExecutionAPI, tmp_path: Path) -> None:
        self.suite = suite
        self.api = api
        self.tmp_path = tmp_path
        self.workload = WorkloadFactory(api.url)

    @property
    def config(self) -> dict[str, str]:
        """The executor's config section for this test."""
        return self.suite.executor_config(self.tmp_path)

    def new_executor(self) -> Any:
        """A fresh (not started) executor instance."""
        return load(parse_executor_setting(self.suite.executor)[0], self.config)

    def run(self, scenario: Callable[[Harness], Awaitable[None]]) -> None:
        """Run ``scenario`` with a started executor, then shut it down."""

        async def main() -> None:
            async with Harness(self.new_executor()) as harness:
                await scenario(harness)

        asyncio.run(main())

    async def api_call(self, ti_id: str, route: str, timeout: float = _TIMEOUT) -> Any:
        """Wait for the task ``ti_id`` to call ``route`` of the fake API; fail the test if it does not."""
        call = await asyncio.to_thread(self.api.wait_for, ti_id, route, timeout)
        if call is None:
            pytest.fail(f"task {ti_id} never called the Execution API's {route} route")
        return call


class ExecutorConformance:
    """Behaviour every Airgate executor must show. Subclass it in a ``Test*`` class and set ``executor``."""

    executor: ClassVar[str] = ""
    requirements: ClassVar[Requirements] = Requirements()

    def executor_config(self, tmp_path: Path) -> dict[str, str]:
        """The ``[executors.<name>]`` section to test with (two slots, logs under ``tmp_path``)."""
        return {"base_log_folder": str(tmp_path / "logs"), "parallelism": "2"}

    @pytest.fixture
    def kit(self, tmp_path: Path) -> Any:
        if not self.executor:
            pytest.skip("set the 'executor' class attribute to the executor under test")
        with FakeExecutionAPI() as api:
            yield Kit(self, api, tmp_path)

    def _require(self, kit: Kit, capability: str) -> None:
        wanted = getattr(self.requirements, capability)
        if wanted is None:
            wanted = getattr(kit.new_executor().capabilities, capability)
        if not wanted:
            pytest.skip(f"executor {self.executor!r} does not claim the {capability!r} capability")

    # ------------------------------------------------------------------ lifecycle
    def test_submit_started_exited(self, kit: Kit) -> None:
        """One workload: ``submitted`` → ``started`` (with a pid) → ``exited`` with code 0, nothing else."""

        async def scenario(h: Harness) -> None:
            workload = kit.workload()
            assert await h.executor.submit(workload) is True
            done = await h.wait_done(workload.key)
            assert done.kind == EventKind.EXITED, done
            assert done.exit_code == 0
            assert h.kinds(workload.key) == [EventKind.SUBMITTED, EventKind.STARTED, EventKind.EXITED]
            started = next(e for e in h.events if e.kind == EventKind.STARTED)
            assert started.pid is not None

        kit.run(scenario)

    def test_exit_code_is_reported(self, kit: Kit) -> None:
        """A task exiting with 3 is reported ``exited`` with ``exit_code`` 3."""

        async def scenario(h: Harness) -> None:
            ok, bad = kit.workload(), kit.workload(exit=3)
            await h.executor.submit(ok)
            await h.executor.submit(bad)
            assert (await h.wait_done(bad.key)).exit_code == 3
            assert (await h.wait_done(ok.key)).exit_code == 0

        kit.run(scenario)

    def test_task_calls_execution_api(self, kit: Kit) -> None:
        """The task reaches the Execution API with its token and gets Airflow's ``ExecuteTask`` JSON."""

        async def scenario(h: Harness) -> None:
            workload = kit.workload()
            await h.executor.submit(workload)
            run = await kit.api_call(workload.ti.id, "run")
            assert run.authorization == f"Bearer {workload.token}"
            assert run.body["state"] == "running"
            keys = ["bundle_info", "dag_rel_path", "log_path", "sentry_integration", "ti", "token", "type"]
            assert run.body["probe"]["keys"] == keys
            state = await kit.api_call(workload.ti.id, "state")
            assert state.body["state"] == "success"
            await h.wait_done(workload.key)

        kit.run(scenario)

    def test_duplicate_submit_is_idempotent(self, kit: Kit) -> None:
        """Submitting the same key again (running or finished) starts nothing and reports nothing."""

        async def scenario(h: Harness) -> None:
            workload = kit.workload(sleep=0.5)
            assert await h.executor.submit(workload) is True
            assert await h.executor.submit(workload) is False
            await h.wait_done(workload.key)
            assert await h.executor.submit(workload) is False
            await asyncio.sleep(0.3)
            assert h.kinds(workload.key) == [EventKind.SUBMITTED, EventKind.STARTED, EventKind.EXITED]
            assert len(kit.api.calls_for(workload.ti.id, "run")) == 1

        kit.run(scenario)

    def test_capacity_is_respected(self, kit: Kit) -> None:
        """With two slots, a third workload waits until one of the first two has exited."""

        async def scenario(h: Harness) -> None:
            assert h.executor.capacity() == 2
            assert h.executor.slots_free() == 2
            workloads = [kit.workload(sleep=1.0) for _ in range(3)]
            for workload in workloads:
                await h.executor.submit(workload)
            assert h.executor.slots_free() == 0
            for workload in workloads:
                await h.wait_done(workload.key)
            running, peak = 0, 0
            for event in h.events:
                if event.kind == EventKind.STARTED:
                    running += 1
                    peak = max(peak, running)
                elif event.kind in (EventKind.EXITED, EventKind.LOST):
                    running -= 1
            assert peak == 2, [(e.kind, e.key.task_id) for e in h.events]
            assert h.executor.slots_free() == 2

        kit.run(scenario)

    # ------------------------------------------------------------------ cancel
    def test_cancel_stops_process_within_deadline(self, kit: Kit) -> None:
        """``cancel`` ends a running task promptly (SIGTERM) and a pending one at once."""
        self._require(kit, "cancel")

        async def scenario(h: Harness) -> None:
            running = kit.workload(sleep=60)
            await h.executor.submit(running)
            await kit.api_call(running.ti.id, "run")
            began = time.monotonic()
            assert await h.executor.cancel(running.key, 5.0) is True
            done = await h.wait_done(running.key, timeout=10)
            assert time.monotonic() - began < 5.0
            assert done.exit_code != 0
            assert not kit.api.calls_for(running.ti.id, "state")
            assert await h.executor.cancel(running.key, 1.0) is False
            assert await h.executor.cancel(TaskInstanceKey("nope", "nope", "nope"), 1.0) is False

        kit.run(scenario)

    def test_cancel_kills_after_deadline(self, kit: Kit) -> None:
        """A task ignoring SIGTERM is killed once the deadline has passed."""
        self._require(kit, "cancel")

        async def scenario(h: Harness) -> None:
            stubborn = kit.workload(sleep=60, ignore_term=True)
            await h.executor.submit(stubborn)
            await kit.api_call(stubborn.ti.id, "run")
            began = time.monotonic()
            await h.executor.cancel(stubborn.key, 0.5)
            done = await h.wait_done(stubborn.key, timeout=10)
            elapsed = time.monotonic() - began
            assert 0.4 < elapsed < 4.0, elapsed
            assert done.exit_code != 0

        kit.run(scenario)

    # ------------------------------------------------------------------ logs
    def test_logs_readable_during_and_after(self, kit: Kit) -> None:
        """``read_log`` shows output while the task runs and all of it, ``complete``, afterwards."""
        self._require(kit, "logs")

        async def scenario(h: Harness) -> None:
            workload = kit.workload(lines=3, sleep=2.5)
            await h.executor.submit(workload)
            await kit.api_call(workload.ti.id, "run")
            seen = b""
            for _ in range(50):
                chunk = await h.executor.read_log(workload.key, 0)
                seen = chunk.data
                if b"probe line 2" in seen:
                    break
                await asyncio.sleep(0.05)
            assert b"probe line 0" in seen and b"probe line 2" in seen
            assert not chunk.complete
            await h.wait_done(workload.key)
            first = await h.executor.read_log(workload.key, 0)
            assert first.complete
            assert b"probe line 2" in first.data
            rest = await h.executor.read_log(workload.key, len(seen))
            assert first.data == seen + rest.data
            assert rest.next_offset == len(first.data)
            with pytest.raises(KeyError):
                await h.executor.read_log(TaskInstanceKey("nope", "nope", "nope"), 0)

        kit.run(scenario)

    # ------------------------------------------------------------------ adopt
    def test_adopt_unknown_reports_lost(self, kit: Kit) -> None:
        """Records the executor cannot re-attach to come back ``adopted=False`` with a ``lost`` event."""

        async def scenario(h: Harness) -> None:
            keys = [TaskInstanceKey("gone", f"t{i}", "r") for i in range(2)]
            bogus = json.dumps({"pid": 2**22 + 7, "start": "1", "log": "/nonexistent", "status": "/nonexistent"})
            results = await h.executor.adopt([AdoptRecord(keys[0], None), AdoptRecord(keys[1], bogus)])
            assert [r.key for r in results] == keys
            assert [r.adopted for r in results] == [False, False]
            for key in keys:
                assert (await h.wait_done(key, timeout=5)).kind == EventKind.LOST

        kit.run(scenario)

    def test_adopt_after_restart(self, kit: Kit) -> None:
        """A new executor instance adopts a task the previous (killed) instance started."""
        self._require(kit, "adopt")
        workload = kit.workload(sleep=5.0, lines=2)
        external_id = asyncio.run(self._start_in_crashing_host(kit, workload))

        async def scenario(h: Harness) -> None:
            results = await h.executor.adopt([AdoptRecord(workload.key, external_id)])
            assert results[0].adopted, results
            assert (await h.wait(workload.key, EventKind.ADOPTED)).kind == EventKind.ADOPTED
            done = await h.wait_done(workload.key)
            assert done.kind == EventKind.EXITED
            assert done.exit_code in (0, None)
            assert (await kit.api_call(workload.ti.id, "state")).body["state"] == "success"
            if self._capable(kit, "logs"):
                log = await h.executor.read_log(workload.key, 0)
                assert b"probe line 1" in log.data

        kit.run(scenario)

    def _capable(self, kit: Kit, capability: str) -> bool:
        wanted = getattr(self.requirements, capability)
        return bool(getattr(kit.new_executor().capabilities, capability) if wanted is None else wanted)

    async def _start_in_crashing_host(self, kit: Kit, workload: Workload) -> str:
        request = {"spec": self.executor, "config": kit.config, "workload": msgspec.to_builtins(workload)}
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        host = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "airgate.sdk.testing._crashhost", json.dumps(request),
            stdout=asyncio.subprocess.PIPE, env=env,
        )  # fmt: skip
        try:
            assert host.stdout is not None
            line = await asyncio.wait_for(host.stdout.readline(), _TIMEOUT)
            answer = json.loads(line or b"{}")
            assert "external_executor_id" in answer, f"crash host answered {line!r}"
            await kit.api_call(workload.ti.id, "run")
        finally:
            if host.returncode is None:
                host.send_signal(signal.SIGKILL)
            await host.wait()
        return str(answer["external_executor_id"])

    # ------------------------------------------------------------------ shutdown
    def test_shutdown_drains(self, kit: Kit) -> None:
        """``shutdown(drain=True)`` lets running tasks finish, then ends the event stream."""

        async def scenario(h: Harness) -> None:
            workload = kit.workload(sleep=0.5)
            await h.executor.submit(workload)
            await h.executor.shutdown(drain=True, timeout_s=15)
            await asyncio.sleep(0.05)
            assert h.ended
            done = [e for e in h.events if e.key == workload.key][-1]
            assert (done.kind, done.exit_code) == (EventKind.EXITED, 0)
            with pytest.raises(RuntimeError):
                await h.executor.submit(kit.workload())

        kit.run(scenario)

    def test_shutdown_terminates(self, kit: Kit) -> None:
        """``shutdown(drain=False)`` stops running tasks within the timeout and drops pending ones."""

        async def scenario(h: Harness) -> None:
            workloads = [kit.workload(sleep=60) for _ in range(3)]
            for workload in workloads:
                await h.executor.submit(workload)
            await kit.api_call(workloads[0].ti.id, "run")
            began = time.monotonic()
            await h.executor.shutdown(drain=False, timeout_s=2)
            assert time.monotonic() - began < 9
            await asyncio.sleep(0.05)
            assert h.ended
            for workload in workloads:
                last = [e for e in h.events if e.key == workload.key][-1]
                assert last.kind in (EventKind.EXITED, EventKind.LOST)
                assert last.exit_code != 0

        kit.run(scenario)
