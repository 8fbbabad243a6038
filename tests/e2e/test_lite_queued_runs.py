"""A run triggered while its DAG is paused waits queued with all its task instances listed (no state, try
number 0, literal mappings expanded), as Airflow shows it; once the DAG is unpaused those same task instances
run to success under ``airgate lite``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.lite_harness import Lite

MAPPED = '''
from datetime import datetime
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_waiting", schedule=None, start_date=datetime(2026, 1, 1), catchup=False) as dag:
    hello = BashOperator(task_id="hello", bash_command="echo 2")

    @task
    def double(x):
        return x * 2

    @task
    def rows():
        return [10, 20]

    @task
    def add(x, y):
        return x + y

    hello >> double.expand(x=[1, 2, 3])
    add.partial(y=1).expand(x=rows())
'''


def _tis(lite: Lite, run_id: str) -> list[dict[str, Any]]:
    response = lite.client.get(f"/api/v2/dags/e2e_waiting/dagRuns/{run_id}/taskInstances")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total_entries"] == len(body["task_instances"])
    return sorted(body["task_instances"], key=lambda t: (t["task_id"], t["map_index"]))


@pytest.mark.slow
def test_a_queued_run_lists_its_task_instances_and_runs_them_once_unpaused(lite: Lite) -> None:
    lite.add_dag("waiting.py", MAPPED, "e2e_waiting")
    assert lite.client.patch("/api/v2/dags/e2e_waiting", json={"is_paused": True}).status_code == 200
    run_id = lite.trigger("e2e_waiting")["dag_run_id"]
    waiting = _tis(lite, run_id)
    assert [(t["task_id"], t["map_index"], t["state"], t["try_number"]) for t in waiting] == [
        ("add", -1, None, 0), ("double", 0, None, 0), ("double", 1, None, 0), ("double", 2, None, 0),
        ("hello", -1, None, 0), ("rows", -1, None, 0)]
    assert lite.client.get(f"/api/v2/dags/e2e_waiting/dagRuns/{run_id}").json()["state"] == "queued"

    assert lite.client.patch("/api/v2/dags/e2e_waiting", json={"is_paused": False}).status_code == 200
    assert lite.wait_run("e2e_waiting", run_id)["state"] == "success"
    done = _tis(lite, run_id)
    assert [(t["task_id"], t["map_index"], t["state"], t["try_number"]) for t in done] == [
        ("add", 0, "success", 1), ("add", 1, "success", 1), ("double", 0, "success", 1), ("double", 1, "success", 1),
        ("double", 2, "success", 1), ("hello", -1, "success", 1), ("rows", -1, "success", 1)]
    # the task instances listed while the run waited are the ones that ran (the placeholder became index 0)
    assert {t["id"] for t in waiting} <= {t["id"] for t in done}
