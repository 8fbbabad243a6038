"""The executor contract end to end through a real ``airgate lite``: the same DAG gives identical results on the
built-in ``lite`` and ``local`` executors and on the third-party ``tempdir`` executor (the example package in
``tests/thirdparty_executor``, selected only by configuration), and a ``local`` worker killed mid-task is
detected and its task retried per ``retries``."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.lite_harness import Lite
from tests.e2e.test_lite_runs import BASIC

Results = dict[str, Any]


def run_results(lite: Lite, run_id: str) -> Results:
    """What a user sees of a finished run: its state, every task's (state, try_number), failed tries, XComs."""
    run = lite.wait_run("e2e_basic", run_id)
    tasks = lite.client.get(f"/api/v2/dags/e2e_basic/dagRuns/{run_id}/taskInstances").json()["task_instances"]
    xcoms = {}
    for ti in tasks:
        response = lite.client.get(
            f"/api/v2/dags/e2e_basic/dagRuns/{run_id}/taskInstances/{ti['task_id']}/xcomEntries/return_value"
        )
        if response.status_code == 200:
            xcoms[ti["task_id"]] = response.json()["value"]
    history = lite.query(
        "SELECT task_id, state, try_number FROM task_instance_history WHERE run_id = ?", run_id
    )
    return {
        "run": run["state"],
        "tasks": sorted((ti["task_id"], ti["state"], ti["try_number"]) for ti in tasks),
        "history": sorted(history),
        "xcoms": xcoms,
    }


def run_basic_on(tmp_path: Path, executor: str) -> Results:
    lite = Lite(tmp_path / executor.replace(".", "_"), executor)
    try:
        lite.add_dag("basic.py", BASIC, "e2e_basic")
        run_id = lite.trigger("e2e_basic")["dag_run_id"]
        return run_results(lite, run_id)
    finally:
        lite.stop()


@pytest.mark.slow
def test_same_dag_gives_identical_results_on_lite_local_and_a_third_party_executor(tmp_path: Path) -> None:
    results = {name: run_basic_on(tmp_path, name) for name in ("lite", "local", "tempdir")}
    expected = {
        "run": "failed",  # a leaf (after_fail) is upstream_failed
        "tasks": [
            ("after_fail", "upstream_failed", 0),
            ("double", "success", 1),
            ("flaky", "failed", 2),
            ("hello", "success", 1),
            ("join", "success", 1),
        ],
        "history": [("flaky", "failed", 1)],
        "xcoms": {"hello": "21", "double": 42},
    }
    assert results == {name: expected for name in results}, results


@pytest.mark.slow
def test_third_party_executor_selected_by_class_path(tmp_path: Path) -> None:
    results = run_basic_on(tmp_path, "airgate_example_executor.TempDirExecutor")
    assert results["tasks"] == [
        ("after_fail", "upstream_failed", 0),
        ("double", "success", 1),
        ("flaky", "failed", 2),
        ("hello", "success", 1),
        ("join", "success", 1),
    ]
    assert results["xcoms"] == {"hello": "21", "double": 42}


def sleepy_dag(marker: Path) -> str:
    return f"""
from datetime import datetime, timedelta
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_killed", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    BashOperator(task_id="nap", retries=1, retry_delay=timedelta(seconds=1),
                 bash_command="if [ -e {marker} ]; then echo second try; else touch {marker}; sleep 30; fi")
"""


def parent_pid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["worker", "task"])
def test_local_worker_killed_mid_task_is_detected_and_the_task_retried(tmp_path: Path, victim: str) -> None:
    """``kill -9`` of the pool worker running the task (or of the task's own process) fails the try; the
    scheduler retries it per ``retries`` and the run finishes."""
    marker = tmp_path / "first-try-started"
    lite = Lite(tmp_path / "home", "local", **{"AIRFLOW__EXECUTORS.LOCAL__PARALLELISM": "2"})
    try:
        lite.add_dag("killed.py", sleepy_dag(marker), "e2e_killed")
        run_id = lite.trigger("e2e_killed")["dag_run_id"]
        url = f"/api/v2/dags/e2e_killed/dagRuns/{run_id}/taskInstances/nap"
        deadline = time.monotonic() + 60
        ti: dict[str, Any] = {}
        while time.monotonic() < deadline:
            ti = lite.client.get(url).json()
            if ti.get("state") == "running" and ti.get("pid") and marker.exists():
                break
            time.sleep(0.05)
        assert ti.get("state") == "running" and ti["try_number"] == 1, (ti, lite.output()[-3000:])
        first_pid = ti["pid"]
        worker = parent_pid(first_pid)
        assert "airgate.sdk._zygote" in cmdline(worker), cmdline(worker)  # the local executor's worker
        os.kill(worker if victim == "worker" else first_pid, signal.SIGKILL)

        run = lite.wait_run("e2e_killed", run_id, timeout=60)
        ti = lite.client.get(url).json()
        assert (run["state"], ti["state"], ti["try_number"]) == ("success", "success", 2), lite.output()[
            -3000:
        ]
        tries = lite.client.get(f"{url}/tries").json()["task_instances"]
        assert [(t["try_number"], t["state"]) for t in tries] == [(1, "failed"), (2, "success")]
        log = lite.client.get(f"{url}/logs/2", headers={"Accept": "application/json"}).text
        assert "second try" in log, log
        assert not alive(first_pid)  # the first try's task process is gone
        assert alive(worker) == (victim == "task")  # a worker outlives the task it ran
        deadline = time.monotonic() + 20
        while len(workers_of(lite.process.pid)) != 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers_of(lite.process.pid)) == 2  # a dead worker is replaced: the pool keeps its size
    finally:
        lite.stop()
        kill_orphans(str(marker))


def workers_of(parent: int) -> list[int]:
    """The live ``local`` executor workers started by ``parent``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                pid = int(entry.name)
                if parent_pid(pid) == parent and "airgate.sdk._zygote" in cmdline(pid) and alive(pid):
                    found.append(pid)
            except (FileNotFoundError, ProcessLookupError):
                continue
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie left to an init that does not reap is not running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def kill_orphans(needle: str) -> None:
    """SIGKILL the process groups of the processes whose command line names ``needle``: like Airflow's, the
    bash operator runs its command in a session of its own, so a task process killed with SIGKILL leaves that
    command (and its children) running."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in cmdline(int(entry.name)):
                    group = os.getpgid(int(entry.name))
                    if group != os.getpgrp():
                        os.killpg(group, signal.SIGKILL)
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
