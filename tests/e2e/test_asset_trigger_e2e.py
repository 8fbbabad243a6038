"""``airgate lite`` end to end: a producer task's asset outlet (reported through the Execution API) triggers a run
of the DAG scheduled on that asset, which the API then shows with the event that triggered it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.lite_harness import Lite

PRODUCER = '''
from datetime import datetime
from airflow.sdk import DAG, Asset
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_asset_producer", schedule=None, start_date=datetime(2026, 1, 1), catchup=False):
    BashOperator(task_id="produce", bash_command="echo made", outlets=[Asset("e2e://assets/made")])
'''

CONSUMER = '''
from datetime import datetime
from airflow.sdk import DAG, Asset
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("e2e_asset_consumer", schedule=[Asset("e2e://assets/made")], start_date=datetime(2026, 1, 1)):
    EmptyOperator(task_id="consume")
'''


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[Lite]:
    server = Lite(tmp_path / "home", "LocalExecutor")
    try:
        yield server
    finally:
        server.stop()


def _consumer_runs(lite: Lite, timeout: float = 60) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = lite.client.get("/api/v2/dags/e2e_asset_consumer/dagRuns").json()["dag_runs"]
        if runs and runs[0]["state"] in ("success", "failed"):
            return list(runs)
        time.sleep(0.1)
    raise AssertionError(f"no finished consumer run: {lite.output()[-5000:]}")


@pytest.mark.slow
def test_producer_outlet_triggers_consumer_run(lite: Lite) -> None:
    lite.add_dag("consumer.py", CONSUMER, "e2e_asset_consumer")
    lite.add_dag("producer.py", PRODUCER, "e2e_asset_producer")
    [made] = lite.client.get("/api/v2/assets").json()["assets"]
    assert ([d["dag_id"] for d in made["scheduled_dags"]], [(t["dag_id"], t["task_id"]) for t in
                                                           made["producing_tasks"]]) == (
        ["e2e_asset_consumer"], [("e2e_asset_producer", "produce")])
    created = lite.trigger("e2e_asset_producer")
    assert lite.wait_run("e2e_asset_producer", created["dag_run_id"])["state"] == "success"
    [run] = _consumer_runs(lite)
    assert (run["state"], run["run_type"], run["triggered_by"], run["logical_date"]) == (
        "success", "asset_triggered", "asset", None)
    assert run["dag_run_id"].startswith("asset_triggered__")
    upstream = lite.client.get(f"/api/v2/dags/e2e_asset_consumer/dagRuns/{run['dag_run_id']}/upstreamAssetEvents")
    [event] = upstream.json()["asset_events"]
    assert {k: event[k] for k in ("asset_id", "uri", "source_dag_id", "source_task_id", "source_run_id")} == {
        "asset_id": made["id"], "uri": "e2e://assets/made", "source_dag_id": "e2e_asset_producer",
        "source_task_id": "produce", "source_run_id": created["dag_run_id"]}
    assert [r["run_id"] for r in event["created_dagruns"]] == [run["dag_run_id"]]
    queued = lite.client.get("/api/v2/dags/e2e_asset_consumer/assets/queuedEvents").json()
    assert queued == {"queued_events": [], "total_entries": 0}
