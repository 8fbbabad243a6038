"""``airgate lite`` runs a DAG end to end: a DAG file is dropped into the folder, a run is triggered through
the API, the scheduler queues ready tasks to the executor, the native agent runs them against the Execution
API, and the run finishes with every task in its expected state."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.lite_harness import Lite

BASIC = '''
from datetime import datetime, timedelta
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("e2e_basic", schedule=None, start_date=datetime(2026, 1, 1), catchup=False) as dag:
    hello = BashOperator(task_id="hello", bash_command="echo 21")

    @task
    def double(x):
        return int(x) * 2

    doubled = double(hello.output)
    flaky = BashOperator(task_id="flaky", bash_command="exit 1", retries=1, retry_delay=timedelta(seconds=1))
    join = EmptyOperator(task_id="join", trigger_rule="all_done")
    after_fail = EmptyOperator(task_id="after_fail")
    [doubled, flaky] >> join
    flaky >> after_fail
'''


@pytest.fixture(params=["lite", "LocalExecutor"])
def lite(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Lite]:
    server = Lite(tmp_path / "home", request.param)
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_trigger_runs_every_task_to_its_final_state(lite: Lite) -> None:
    lite.add_dag("basic.py", BASIC, "e2e_basic")
    created = lite.trigger("e2e_basic", conf={"who": "e2e"})
    assert (created["state"], created["run_type"], created["triggered_by"]) == ("queued", "manual", "rest_api")
    assert created["triggering_user_name"] == "admin"
    assert created["dag_run_id"].startswith("manual__")
    run = lite.wait_run("e2e_basic", created["dag_run_id"])
    assert run["state"] == "failed"  # a leaf (after_fail) is upstream_failed
    assert run["start_date"] is not None and run["end_date"] is not None
    rows = lite.query("SELECT task_id, state, try_number FROM task_instance WHERE run_id = ?", created["dag_run_id"])
    assert sorted(rows) == [
        ("after_fail", "upstream_failed", 0),
        ("double", "success", 1),
        ("flaky", "failed", 2),
        ("hello", "success", 1),
        ("join", "success", 1),
    ]
    history = lite.query("SELECT task_id, state, try_number FROM task_instance_history WHERE run_id = ?",
                         created["dag_run_id"])
    assert history == [("flaky", "failed", 1)]
    values = dict(lite.query("SELECT task_id, CAST(value AS TEXT) FROM xcom WHERE run_id = ? AND key = 'return_value'",
                             created["dag_run_id"]))
    decoded = {k: json.loads(v.decode() if isinstance(v, bytes) else v) for k, v in values.items()}
    assert decoded == {"hello": "21", "double": 42}


SLEEPY = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_sleepy", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    start = BashOperator(task_id="start", bash_command="echo go")
    naps = [BashOperator(task_id=f"nap{i}", bash_command="sleep 20") for i in range(4)]
    end = BashOperator(task_id="end", bash_command="echo done")
    start >> naps >> end
'''


@pytest.mark.slow
def test_killed_gateway_restarts_and_finishes_the_run_running_each_task_once(tmp_path: Path) -> None:
    lite = Lite(tmp_path / "home", "LocalExecutor")
    try:
        lite.add_dag("sleepy.py", SLEEPY, "e2e_sleepy")
        run_id = lite.trigger("e2e_sleepy")["dag_run_id"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            running = lite.query("SELECT count(*) FROM task_instance WHERE state = 'running'")[0][0]
            if running >= 2:
                break
            time.sleep(0.05)
        assert running >= 2, lite.output()
        time.sleep(1.5)  # past the tasks' start-up calls: the agent does not retry a refused connection yet
        lite.crash_and_restart()
        run = lite.wait_run("e2e_sleepy", run_id)
        rows = lite.query("SELECT task_id, state, try_number FROM task_instance WHERE run_id = ?", run_id)
        assert run["state"] == "success", (rows, lite.output()[-3000:])
        assert sorted(rows) == [(t, "success", 1) for t in ("end", "nap0", "nap1", "nap2", "nap3", "start")]
        assert lite.query("SELECT count(*) FROM task_instance_history")[0][0] == 0
        starts = lite.query("SELECT task_id, count(*) FROM log WHERE event = 'running' GROUP BY task_id")
        assert all(count == 1 for _, count in starts), starts  # no task was started twice
    finally:
        lite.stop()


def scheduled_dag(start: datetime) -> str:
    return f'''
from datetime import datetime, timedelta
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_every_minute", schedule=timedelta(minutes=1), start_date=datetime.fromisoformat("{start.isoformat()}"),
         catchup=True, max_active_runs=1) as dag:
    BashOperator(task_id="tick", bash_command="echo {{{{ logical_date }}}}")
'''


@pytest.mark.slow
def test_timetable_runs_catch_up_one_at_a_time(tmp_path: Path) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=3)
    lite = Lite(tmp_path / "home", "LocalExecutor")
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the scheduler registers its job once its executor started
            health = lite.client.get("/api/v2/monitor/health").json()
            if health["scheduler"]["status"] == "healthy":
                break
            time.sleep(0.2)
        assert health["scheduler"]["status"] == "healthy", health
        lite.add_dag("every_minute.py", scheduled_dag(start), "e2e_every_minute")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            runs = lite.query("SELECT logical_date, state, run_type, triggered_by, start_date, end_date "
                              "FROM dag_run ORDER BY logical_date")
            if len(runs) >= 3 and all(r[1] == "success" for r in runs[:3]):
                break
            time.sleep(0.2)
        assert [(r[1], r[2], r[3]) for r in runs[:3]] == [("success", "scheduled", "timetable")] * 3, runs
        first = [datetime.fromisoformat(r[0]).replace(tzinfo=UTC) for r in runs[:3]]
        assert first == [start + timedelta(minutes=i) for i in range(3)]
        # max_active_runs=1: each run started after the previous one ended
        for before, after in itertools.pairwise(runs[:3]):
            assert after[4] >= before[5]
    finally:
        lite.stop()


MAPPED = '''
from datetime import datetime
from airflow.sdk import DAG, task

with DAG("e2e_mapped", schedule=None, start_date=datetime(2026, 1, 1)) as dag:
    @task
    def make():
        return [1, 2, 3]

    @task
    def nothing():
        return []

    @task
    def add_one(x, y, z):
        return x + y + z

    @task
    def total(values):
        return sum(values)

    total(add_one.partial(y=1).partial(z=10).expand(x=make()))
    add_one.override(task_id="never").partial(y=1, z=0).expand(x=nothing())
'''


@pytest.mark.slow
def test_mapped_task_over_an_upstream_list(tmp_path: Path) -> None:
    lite = Lite(tmp_path / "home", "lite")
    try:
        lite.add_dag("mapped.py", MAPPED, "e2e_mapped")
        run_id = lite.trigger("e2e_mapped")["dag_run_id"]
        run = lite.wait_run("e2e_mapped", run_id)
        rows = lite.query("SELECT task_id, map_index, state FROM task_instance WHERE run_id = ?", run_id)
        assert sorted(rows) == [("add_one", 0, "success"), ("add_one", 1, "success"), ("add_one", 2, "success"),
                                ("make", -1, "success"), ("never", -1, "skipped"), ("nothing", -1, "success"),
                                ("total", -1, "success")], lite.output()[-3000:]
        assert run["state"] == "success"
        value = lite.query("SELECT CAST(value AS TEXT) FROM xcom WHERE run_id = ? AND task_id = 'total'", run_id)
        assert value == [("39",)]  # (1 + 1 + 10) + (2 + 1 + 10) + (3 + 1 + 10): both partial() calls count
    finally:
        lite.stop()
