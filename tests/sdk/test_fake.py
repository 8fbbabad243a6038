"""``FakeExecutor``: what code that drives executors (the scheduler's tests) can rely on."""

from __future__ import annotations

import asyncio

from airgate.sdk import AGENT_RUNNER, EventKind, Launch, Workload
from airgate.sdk.testing import FakeExecutor, WorkloadFactory
from airgate.sdk.testing.conformance import Harness


def _agent_workload(task_id: str) -> Workload:
    probe = WorkloadFactory("http://127.0.0.1:9/execution/")(task_id=task_id)
    return Workload(
        token=probe.token,
        ti=probe.ti,
        dag_rel_path=probe.dag_rel_path,
        bundle_info=probe.bundle_info,
        log_path=probe.log_path,
        launch=Launch(runner=AGENT_RUNNER, queue="gpu"),
    )


def test_behaviour_decides_exit_code_and_output() -> None:
    async def behaviour(workload: Workload, log: bytearray) -> int:
        log.extend(f"ran {workload.ti.task_id} on {workload.launch.queue}\n".encode())
        return 0 if workload.ti.task_id == "good" else 1

    async def scenario() -> None:
        executor = FakeExecutor(behaviour=behaviour)
        async with Harness(executor) as h:
            good, bad = _agent_workload("good"), _agent_workload("bad")
            await executor.submit(good)
            await executor.submit(bad)
            assert (await h.wait_done(good.key)).exit_code == 0
            assert (await h.wait_done(bad.key)).exit_code == 1
            assert executor.submitted_workloads == [good, bad]
            assert (await executor.read_log(bad.key)).data == b"ran bad on gpu\n"
            assert h.kinds(good.key) == [EventKind.SUBMITTED, EventKind.STARTED, EventKind.EXITED]

    asyncio.run(scenario())


def test_default_behaviour_exits_zero_with_a_log_line() -> None:
    async def scenario() -> None:
        executor = FakeExecutor()
        async with Harness(executor) as h:
            workload = _agent_workload("t")
            await executor.submit(workload)
            assert (await h.wait_done(workload.key)).exit_code == 0
            assert b"fake executor ran" in (await executor.read_log(workload.key)).data

    asyncio.run(scenario())
