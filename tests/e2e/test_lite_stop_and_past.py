"""Scheduler semantics end to end under ``airgate lite``: a running task the user marks failed or clears is
really stopped (its process and the command it runs are gone), a cleared running task runs again, and
``depends_on_past`` / ``wait_for_downstream`` / ``max_consecutive_failed_dag_runs`` behave as in Airflow."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.lite_harness import Lite


@pytest.fixture
def lite(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Lite]:
    server = Lite(tmp_path / "home", getattr(request, "param", "LocalExecutor"))
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
@pytest.mark.parametrize("lite", ["LocalExecutor", "lite"], indirect=True)
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


MAPPED_GROUP = '''
from datetime import datetime
from airflow.sdk import DAG, task, task_group

with DAG("e2e_mapped_group", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    @task
    def make():
        return [1, 2, 3]

    @task
    def add_one(x):
        return x + 1

    @task
    def double(y):
        return y * 2

    @task_group
    def grp(x):
        return double(add_one(x))

    @task
    def total(values):
        return sum(values)

    @task
    def label(word, n):
        return f"{word}-{n}"

    @task_group
    def literal(word):
        return label(word, 7)

    total(grp.expand(x=make()))
    literal.expand(word=["a", "b"])
'''


@pytest.mark.slow
def test_a_mapped_task_group_runs_each_member_per_element_and_reduces(lite: Lite) -> None:
    lite.add_dag("mapped_group.py", MAPPED_GROUP, "e2e_mapped_group")
    run_id = lite.trigger("e2e_mapped_group")["dag_run_id"]
    run = lite.wait_run("e2e_mapped_group", run_id)
    rows = lite.query("SELECT task_id, map_index, state FROM task_instance WHERE run_id = ?", run_id)
    assert run["state"] == "success", (rows, lite.output()[-3000:])
    assert sorted(rows) == [
        ("grp.add_one", 0, "success"), ("grp.add_one", 1, "success"), ("grp.add_one", 2, "success"),
        ("grp.double", 0, "success"), ("grp.double", 1, "success"), ("grp.double", 2, "success"),
        ("literal.label", 0, "success"), ("literal.label", 1, "success"),
        ("make", -1, "success"), ("total", -1, "success"),
    ]
    values = lite.query("SELECT task_id, map_index, CAST(value AS TEXT) FROM xcom WHERE run_id = ? "
                        "AND key = 'return_value' AND task_id != 'make'", run_id)
    decoded = sorted((t, i, json.loads(v.decode() if isinstance(v, bytes) else v)) for t, i, v in values)
    assert decoded == [
        ("grp.add_one", 0, 2), ("grp.add_one", 1, 3), ("grp.add_one", 2, 4),
        ("grp.double", 0, 4), ("grp.double", 1, 6), ("grp.double", 2, 8),
        ("literal.label", 0, "a-7"), ("literal.label", 1, "b-7"),
        ("total", -1, 18),
    ]


PAST = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("e2e_past", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    BashOperator(task_id="t", bash_command="test -e {folder}/ok", depends_on_past=True)
    EmptyOperator(task_id="other")
'''


@pytest.mark.slow
def test_depends_on_past_holds_a_task_until_its_previous_instance_succeeded(lite: Lite, tmp_path: Path) -> None:
    folder = tmp_path / "flags"
    folder.mkdir()
    lite.add_dag("past.py", PAST.replace("{folder}", str(folder)), "e2e_past")
    first = lite.trigger("e2e_past", logical_date="2026-01-01T00:00:00Z")["dag_run_id"]
    assert lite.wait_run("e2e_past", first)["state"] == "failed"  # the first run of t has no past: it ran
    (folder / "ok").touch()
    second = lite.trigger("e2e_past", logical_date="2026-01-02T00:00:00Z")["dag_run_id"]

    def state(run_id: str, task_id: str) -> str | None:
        rows = lite.query("SELECT state FROM task_instance WHERE run_id = ? AND task_id = ?", run_id, task_id)
        return rows[0][0] if rows else "absent"

    _until(lambda: state(second, "other") == "success", lite, "other did not run")
    assert state(second, "t") is None  # decided in the same passes as other: held back by the failed past
    deps = lite.client.get(f"/api/v2/dags/e2e_past/dagRuns/{second}/taskInstances/t/dependencies").json()
    assert deps == {"dependencies": [
        {"name": "Previous Dagrun State", "reason": "depends_on_past is true for this task, but 1 previous task "
                                                    "instance(s) are not in a successful state."},
        {"name": "Task Instance State", "reason": "Task is in the 'None' state."}]}
    marked = lite.client.patch(f"/api/v2/dags/e2e_past/dagRuns/{first}/taskInstances/t", json={"new_state": "success"})
    assert marked.status_code == 200, marked.text
    assert lite.wait_run("e2e_past", second)["state"] == "success"
    assert state(second, "t") == "success"


BRANCH = '''
from datetime import datetime
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_branch_clear", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    @task.branch
    def pick():
        return "a"

    pick() >> [BashOperator(task_id="a", bash_command="echo a"), BashOperator(task_id="b", bash_command="echo b")]
'''


@pytest.mark.slow
def test_a_task_the_branch_skipped_is_skipped_again_after_a_clear(lite: Lite) -> None:
    lite.add_dag("branch_clear.py", BRANCH, "e2e_branch_clear")
    run_id = lite.trigger("e2e_branch_clear")["dag_run_id"]
    assert lite.wait_run("e2e_branch_clear", run_id)["state"] == "success"
    query = "SELECT task_id, state, try_number FROM task_instance WHERE run_id = ?"
    assert sorted(lite.query(query, run_id)) == [("a", "success", 1), ("b", "skipped", 0), ("pick", "success", 1)]
    cleared = lite.client.post("/api/v2/dags/e2e_branch_clear/clearTaskInstances", json={
        "dry_run": False, "dag_run_id": run_id, "task_ids": ["b"], "only_failed": False})
    assert cleared.status_code == 200, cleared.text
    assert lite.wait_run("e2e_branch_clear", run_id)["state"] == "success"
    # as Airflow: the branch's recorded choice still holds, so b is skipped without running
    assert sorted(lite.query(query, run_id)) == [("a", "success", 1), ("b", "skipped", 0), ("pick", "success", 1)]
