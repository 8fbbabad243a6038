"""``airgate lite`` runs a backfill end to end: created through the REST API, its three runs are started by the
scheduler (two at a time, the backfill's ``max_active_runs``), every task runs for its own logical date, and
the backfill is marked completed when the last run has finished."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.lite_harness import Lite

DAILY = '''
from datetime import datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("e2e_backfill", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False) as dag:
    BashOperator(task_id="day", bash_command="echo {{ ds }} {{ dag_run.conf['who'] }}")
'''


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[Lite]:
    server = Lite(tmp_path / "home", "LocalExecutor")
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_three_date_backfill_runs_to_success(lite: Lite) -> None:
    lite.add_dag("daily.py", DAILY, "e2e_backfill")
    response = lite.client.post("/api/v2/backfills", json={
        "dag_id": "e2e_backfill", "from_date": "2024-03-01T00:00:00Z", "to_date": "2024-03-03T00:00:00Z",
        "max_active_runs": 2, "dag_run_conf": {"who": "backfill"}})
    assert response.status_code == 200, response.text
    backfill_id = response.json()["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = lite.client.get(f"/api/v2/backfills/{backfill_id}").json()
        if body["completed_at"] is not None:
            break
        time.sleep(0.1)
    assert body["completed_at"] is not None, lite.output()[-5000:]
    runs = lite.query("SELECT run_id, run_type, state, triggered_by, backfill_id FROM dag_run "
                      "WHERE run_type = 'backfill' ORDER BY logical_date")
    assert runs == [(f"backfill__2024-03-0{d}T00:00:00+00:00", "backfill", "success", "backfill", backfill_id)
                    for d in (1, 2, 3)], lite.output()[-3000:]
    tis = lite.query("SELECT run_id, task_id, state, try_number FROM task_instance "
                     "WHERE run_id LIKE 'backfill__%' ORDER BY run_id")
    assert [(t[1], t[2], t[3]) for t in tis] == [("day", "success", 1)] * 3
    echoed = lite.query("SELECT run_id, CAST(value AS TEXT) FROM xcom WHERE run_id LIKE 'backfill__%' "
                        "AND key = 'return_value' ORDER BY run_id")
    assert [json.loads(v.decode() if isinstance(v, bytes) else v) for _, v in echoed] == [
        f"2024-03-0{d} backfill" for d in (1, 2, 3)]
    # at most two of the backfill's runs ran at the same time
    spans = lite.query("SELECT start_date, end_date FROM dag_run WHERE run_type = 'backfill'")
    for start, _ in spans:
        assert sum(1 for s, e in spans if s <= start < e) <= 2, spans
