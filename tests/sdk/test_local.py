"""``local`` specifics: isolation between tasks run by the same warm worker, worker death."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import tempfile
from pathlib import Path

import pytest
import uvloop

from airgate.sdk import EventKind
from airgate.sdk.loader import load
from airgate.sdk.local import LocalExecutor
from airgate.sdk.testing import FakeExecutionAPI, WorkloadFactory
from airgate.sdk.testing.conformance import Harness


def _executor(tmp_path: Path, workers: int = 1) -> LocalExecutor:
    executor = load(
        "local",
        {"parallelism": str(workers), "base_log_folder": str(tmp_path), "preload": "airgate.sdk.testing.probe"},
    )
    assert isinstance(executor, LocalExecutor)
    return executor


def test_tasks_on_one_worker_do_not_see_each_other(tmp_path: Path, fake_execution_api: FakeExecutionAPI) -> None:
    factory = WorkloadFactory(fake_execution_api.url)
    first = factory(env={"ONLY_FIRST": "1"})
    second = factory()

    async def scenario() -> None:
        async with Harness(_executor(tmp_path)) as h:
            for workload in (first, second):
                await h.executor.submit(workload)
                assert (await h.wait_done(workload.key)).exit_code == 0

    asyncio.run(scenario())
    one = fake_execution_api.calls_for(first.ti.id, "run")[0].body["probe"]
    two = fake_execution_api.calls_for(second.ti.id, "run")[0].body["probe"]
    # The probe sets an env var and appends to a module list; neither survives into the next task.
    assert one["seen"] == {"env": None, "module": []}
    assert two["seen"] == {"env": None, "module": []}
    assert one["cwd"] != two["cwd"]
    assert not os.path.exists(one["cwd"]), "the per-task working directory is removed after the task"


def test_a_task_without_a_working_directory_runs_in_a_fresh_temporary_one(
    tmp_path: Path, fake_execution_api: FakeExecutionAPI
) -> None:
    """Named as ``tempfile.mkdtemp(prefix="airgate-task-")`` names it, in the temporary directory."""
    workloads = [WorkloadFactory(fake_execution_api.url)() for _ in range(3)]

    async def scenario() -> None:
        async with Harness(_executor(tmp_path)) as h:
            for workload in workloads:
                await h.executor.submit(workload)
                assert (await h.wait_done(workload.key)).exit_code == 0

    asyncio.run(scenario())
    cwds = [fake_execution_api.calls_for(w.ti.id, "run")[0].body["probe"]["cwd"] for w in workloads]
    for cwd in cwds:
        assert os.path.dirname(cwd) == os.path.realpath(tempfile.gettempdir())
        assert re.fullmatch(r"airgate-task-[a-z0-9_]{8}", os.path.basename(cwd)), cwd
        assert not os.path.exists(cwd)
    assert len(set(cwds)) == 3


def test_each_task_gets_exactly_its_own_environment(tmp_path: Path, fake_execution_api: FakeExecutionAPI) -> None:
    (tmp_path / "envrunner.py").write_text(
        "import os\nprint(os.environ.get('ONLY_FIRST'), os.environ['AIRFLOW__CORE__EXECUTION_API_SERVER_URL'])\n"
    )
    factory = WorkloadFactory(fake_execution_api.url)
    first = factory(runner="envrunner", env={"PYTHONPATH": str(tmp_path), "ONLY_FIRST": "yes"})
    second = factory(runner="envrunner", env={"PYTHONPATH": str(tmp_path)})

    async def scenario() -> list[bytes]:
        async with Harness(_executor(tmp_path / "logs")) as h:
            logs = []
            for workload in (first, second):
                await h.executor.submit(workload)
                await h.wait_done(workload.key)
                logs.append((await h.executor.read_log(workload.key)).data)
            return logs

    url = fake_execution_api.url.encode()
    assert asyncio.run(scenario()) == [b"yes " + url + b"\n", b"None " + url + b"\n"]


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_killed_worker_is_replaced_and_its_task_reported_lost(
    tmp_path: Path, fake_execution_api: FakeExecutionAPI, loop: str
) -> None:
    """Also on uvloop (the gateway's loop, ADR 0023), whose children inherit duplicates of their pipes."""
    factory = WorkloadFactory(fake_execution_api.url)
    victim = factory(sleep=30)
    after = factory()

    async def scenario() -> None:
        executor = _executor(tmp_path)
        async with Harness(executor) as h:
            (worker_pid,) = executor.worker_pids()
            await h.executor.submit(victim)
            started = await h.wait(victim.key, EventKind.STARTED)
            await asyncio.to_thread(fake_execution_api.wait_for, victim.ti.id, "run", 10)
            os.kill(worker_pid, signal.SIGKILL)
            lost = await h.wait_done(victim.key)
            assert lost.kind == EventKind.LOST
            assert f"local executor worker {worker_pid} died" in lost.detail
            for _ in range(100):  # the task's process is killed with its worker
                try:
                    os.kill(started.pid or 0, 0)
                except ProcessLookupError:
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("the lost task's process is still running")
            for _ in range(100):
                if executor.worker_pids() and executor.worker_pids() != [worker_pid]:
                    break
                await asyncio.sleep(0.05)
            assert len(executor.worker_pids()) == 1 and executor.worker_pids() != [worker_pid]
            await h.executor.submit(after)
            assert (await h.wait_done(after.key)).exit_code == 0

    uvloop.run(scenario()) if loop == "uvloop" else asyncio.run(scenario())


def test_runner_without_main_runs_as_main_module(tmp_path: Path, fake_execution_api: FakeExecutionAPI) -> None:
    (tmp_path / "plainrunner.py").write_text(
        "import sys, os\nprint('plain runner got', sys.argv[1], os.environ['MARK'])\nsys.exit(4)\n"
    )
    workload = WorkloadFactory(fake_execution_api.url)(
        runner="plainrunner", env={"PYTHONPATH": str(tmp_path), "MARK": "m1"}
    )

    async def scenario() -> None:
        executor = _executor(tmp_path / "logs")
        async with Harness(executor) as h:
            await h.executor.submit(workload)
            assert (await h.wait_done(workload.key)).exit_code == 4
            log = (await h.executor.read_log(workload.key)).data
            assert log == b"plain runner got --json-string m1\n"

    asyncio.run(scenario())


def test_start_fails_cleanly_when_workers_cannot_start(tmp_path: Path) -> None:
    executor = load("local", {"parallelism": "2", "base_log_folder": str(tmp_path), "python": "/bin/false"})

    async def scenario() -> None:
        try:
            await executor.start()  # type: ignore[attr-defined]
        except RuntimeError as exc:
            assert str(exc).startswith("local executor cannot start its workers: ")
        else:
            raise AssertionError("start() should have failed")
        assert executor.worker_pids() == []  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_one_worker_runs_several_tasks_at_once_and_its_death_loses_them_all(
    tmp_path: Path, fake_execution_api: FakeExecutionAPI
) -> None:
    """``parallelism`` bounds the tasks, not the workers: three 30-second tasks all start on one worker."""
    factory = WorkloadFactory(fake_execution_api.url)
    sleepers = [factory(sleep=30) for _ in range(3)]

    async def scenario() -> None:
        executor = load("local", {"parallelism": "3", "workers": "1", "base_log_folder": str(tmp_path),
                                  "preload": "airgate.sdk.testing.probe"})
        assert isinstance(executor, LocalExecutor)
        async with Harness(executor) as h:
            (worker_pid,) = executor.worker_pids()
            for workload in sleepers:
                await h.executor.submit(workload)
            pids = [(await h.wait(w.key, EventKind.STARTED)).pid for w in sleepers]
            for workload in sleepers:  # every one is running its task, none has ended
                await asyncio.to_thread(fake_execution_api.wait_for, workload.ti.id, "run", 10)
            assert len(set(pids)) == 3 and executor.slots_free() == 0
            os.kill(worker_pid, signal.SIGKILL)
            ends = [await h.wait_done(w.key) for w in sleepers]
            assert {e.kind for e in ends} == {EventKind.LOST}
            for pid in pids:
                for _ in range(100):
                    try:
                        os.kill(pid or 0, 0)
                    except ProcessLookupError:
                        break
                    await asyncio.sleep(0.05)
                else:
                    raise AssertionError(f"task process {pid} outlived its worker")

    asyncio.run(scenario())


def test_a_runner_can_have_its_worker_load_what_the_next_tasks_need(
    tmp_path: Path, fake_execution_api: FakeExecutionAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preloaded runner's ``warm_key(env)`` (in the task) names what ``warm(key)`` (in the worker, before
    the next fork) loads; later tasks inherit it. A failing ``warm`` costs nothing but the preload."""
    (tmp_path / "warmrunner.py").write_text(
        "import os\n"
        "LOADED = []\n"
        "def warm_key(env):\n"
        "    return env.get('WARM_KEY')\n"
        "def warm(key):\n"
        "    if key == 'boom':\n"
        "        raise RuntimeError(key)\n"
        "    LOADED.append(key)\n"
        "def main():\n"
        "    print(os.environ.get('WARM_KEY'), LOADED)\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # the worker imports the runner up front
    factory = WorkloadFactory(fake_execution_api.url)
    keys = ["a", "boom", "a\nb", None, "b"]
    tasks = [factory(runner="warmrunner", env={"WARM_KEY": key} if key else {}) for key in keys]

    async def scenario() -> list[bytes]:
        executor = load("local", {"parallelism": "1", "base_log_folder": str(tmp_path / "logs"),
                                  "preload": "warmrunner"})
        logs = []
        async with Harness(executor) as h:
            for workload in tasks:
                await h.executor.submit(workload)
                assert (await h.wait_done(workload.key)).exit_code == 0
                logs.append((await h.executor.read_log(workload.key)).data)
        return logs

    assert asyncio.run(scenario()) == [
        b"a []\n",
        b"boom ['a']\n",
        b"a\nb ['a']\n",
        b"None ['a']\n",
        b"b ['a']\n",
    ]


def test_a_task_gets_the_executors_environment_of_now_not_the_workers(
    tmp_path: Path, fake_execution_api: FakeExecutionAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Variables removed or changed in the executor's process after its workers started are removed or
    changed in the tasks too."""
    (tmp_path / "envrunner.py").write_text(
        "import os\nprint(os.environ.get('DROP_ME'), os.environ.get('CHANGE_ME'), os.environ.get('ADDED'))\n"
    )
    monkeypatch.setenv("DROP_ME", "old")
    monkeypatch.setenv("CHANGE_ME", "old")
    workload = WorkloadFactory(fake_execution_api.url)(
        runner="envrunner", env={"PYTHONPATH": str(tmp_path), "ADDED": "new"}
    )

    async def scenario() -> bytes:
        async with Harness(_executor(tmp_path / "logs")) as h:
            monkeypatch.delenv("DROP_ME")
            monkeypatch.setenv("CHANGE_ME", "new")
            await h.executor.submit(workload)
            await h.wait_done(workload.key)
            return (await h.executor.read_log(workload.key)).data

    assert asyncio.run(scenario()) == b"None new new\n"
