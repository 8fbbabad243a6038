"""Scheduler semantics end to end under ``airgate lite``: a running task the user marks failed or clears is
really stopped (its process and the command it runs are gone), a cleared running task runs again, and
``depends_on_past`` / ``wait_for_downstream`` / ``max_consecutive_failed_dag_runs`` behave as in Airflow."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.lite_harness import Lite


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[Lite]:
    server = Lite(tmp_path / "home", "LocalExecutor")
    try:
        yield server
    finally:
        server.stop()


def _until(check: Callable[[], bool], lite: Lite, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what}: {lite.output()[-4000:]}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _pid(folder: Path, name: str) -> int:
    return int((folder / name).read_text().split()[0])


STOPPED = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_stopped", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    a = BashOperator(task_id="a", bash_command="sleep 300 & echo $! > {folder}/a; wait")
    b = BashOperator(task_id="b", bash_command="sleep 300 & echo $! > {folder}/b; wait")
    c = BashOperator(task_id="c", bash_command="echo never")
    [a, b] >> c
'''


@pytest.mark.slow
def test_marking_running_tasks_failed_stops_their_processes(lite: Lite, tmp_path: Path) -> None:
    folder = tmp_path / "pids"
    folder.mkdir()
    lite.add_dag("stopped.py", STOPPED.replace("{folder}", str(folder)), "e2e_stopped")
    run_id = lite.trigger("e2e_stopped")["dag_run_id"]
    _until(lambda: (folder / "a").exists() and (folder / "b").exists(), lite, "a and b did not start")
    _until(lambda: bool((folder / "a").read_text().strip() and (folder / "b").read_text().strip()), lite, "pids")
    a_pid, b_pid = _pid(folder, "a"), _pid(folder, "b")
    assert _alive(a_pid) and _alive(b_pid)

    base = f"/api/v2/dags/e2e_stopped/dagRuns/{run_id}"
    response = lite.client.patch(f"{base}/taskInstances/a", json={"new_state": "failed"})
    assert response.status_code == 200, response.text
    _until(lambda: not _alive(a_pid), lite, "the command of the task marked failed still runs")
    assert _alive(b_pid)

    response = lite.client.patch(base, json={"state": "failed"})
    assert response.status_code == 200, response.text
    _until(lambda: not _alive(b_pid), lite, "the command of the run marked failed still runs")
    run = lite.wait_run("e2e_stopped", run_id)
    assert run["state"] == "failed"
    rows = lite.query("SELECT task_id, state, try_number FROM task_instance WHERE run_id = ?", run_id)
    assert sorted(rows) == [("a", "failed", 1), ("b", "failed", 1), ("c", "upstream_failed", 0)]
    _until(lambda: lite.query("SELECT count(*) FROM task_stop_request")[0][0] == 0, lite, "requests left")


CLEARED = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_cleared", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    slow = BashOperator(
        task_id="slow",
        bash_command="if [ -e {folder}/again ]; then echo second; else touch {folder}/again; "
                     "sleep 300 & echo $! > {folder}/slow; wait; fi",
    )
    after = BashOperator(task_id="after", bash_command="echo after")
    slow >> after
'''


@pytest.mark.slow
def test_clearing_a_running_task_stops_it_and_runs_it_again(lite: Lite, tmp_path: Path) -> None:
    folder = tmp_path / "pids"
    folder.mkdir()
    lite.add_dag("cleared.py", CLEARED.replace("{folder}", str(folder)), "e2e_cleared")
    run_id = lite.trigger("e2e_cleared")["dag_run_id"]
    _until(lambda: (folder / "slow").exists() and bool((folder / "slow").read_text().strip()), lite, "no start")
    pid = _pid(folder, "slow")
    response = lite.client.post("/api/v2/dags/e2e_cleared/clearTaskInstances", json={
        "dry_run": False, "dag_run_id": run_id, "task_ids": ["slow"], "only_failed": False})
    assert response.status_code == 200, response.text
    assert [(t["task_id"], t["state"]) for t in response.json()["task_instances"]] == [("slow", "restarting")]
    _until(lambda: not _alive(pid), lite, "the cleared task's command still runs")
    run = lite.wait_run("e2e_cleared", run_id)
    assert run["state"] == "success"
    rows = lite.query("SELECT task_id, state, try_number FROM task_instance WHERE run_id = ?", run_id)
    assert sorted(rows) == [("after", "success", 1), ("slow", "success", 2)]
    history = lite.query("SELECT task_id, try_number FROM task_instance_history WHERE run_id = ?", run_id)
    assert history == [("slow", 1)]


FAILING = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_failing", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    BashOperator(task_id="boom", bash_command="exit 1")
'''


@pytest.mark.slow
def test_a_dag_is_paused_after_the_configured_consecutive_failed_runs(tmp_path: Path) -> None:
    lite = Lite(tmp_path / "home", "LocalExecutor", AIRFLOW__CORE__MAX_CONSECUTIVE_FAILED_DAG_RUNS_PER_DAG="2")
    try:
        lite.add_dag("failing.py", FAILING, "e2e_failing")
        details = lite.client.get("/api/v2/dags/e2e_failing/details").json()
        assert (details["max_consecutive_failed_dag_runs"], details["is_paused"]) == (2, False)
        first = lite.trigger("e2e_failing")["dag_run_id"]
        assert lite.wait_run("e2e_failing", first)["state"] == "failed"
        assert lite.client.get("/api/v2/dags/e2e_failing").json()["is_paused"] is False
        second = lite.trigger("e2e_failing")["dag_run_id"]
        assert lite.wait_run("e2e_failing", second)["state"] == "failed"
        assert lite.client.get("/api/v2/dags/e2e_failing").json()["is_paused"] is True
    finally:
        lite.stop()
