"""Job: ``get_jobs`` filters, ordering, paging and Airflow's ``is_alive`` quirk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from litestar import Litestar

from airgate.gateway.store.tables import dag, job

AssertJson = Callable[[httpx.Response, int, Any], None]
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


async def test_get_jobs(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], app: Litestar,
                        assert_json: AssertJson) -> None:
    fresh = datetime.now(UTC).replace(microsecond=0)
    rows = [
        {"state": "success", "job_type": "SchedulerJob", "start_date": T0, "end_date": T0 + timedelta(hours=1),
         "latest_heartbeat": T0 + timedelta(minutes=59)},
        {"state": "running", "job_type": "TriggererJob", "start_date": T0 + timedelta(hours=2),
         "latest_heartbeat": fresh},
        {"state": "running", "job_type": "SchedulerJob", "start_date": T0 + timedelta(hours=3),
         "latest_heartbeat": fresh},
        {"state": "running", "job_type": "SchedulerJob", "start_date": T0 + timedelta(hours=4),
         "latest_heartbeat": T0},  # stale: not alive
    ]
    async with app.state.airgate.store.write() as conn:
        ids = [int((await conn.execute(sa.insert(job).values(hostname="vm", unixname="root", **r)
                                       .returning(job.c.id))).scalar_one()) for r in rows]
    bodies = [{"id": i, "dag_id": None, "state": r["state"], "job_type": r["job_type"],
               "start_date": _iso(r["start_date"]), "end_date": _iso(r.get("end_date")),
               "latest_heartbeat": _iso(r["latest_heartbeat"]), "executor_class": None, "hostname": "vm",
               "unixname": "root", "dag_display_name": None} for i, r in zip(ids, rows, strict=True)]
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/jobs", headers=admin), 200, {"jobs": bodies, "total_entries": 4})
    assert_json(await client.get("/api/v2/jobs", params={"job_type": "SchedulerJob", "is_alive": "true",
                                                         "order_by": "-start_date"}, headers=admin),
                200, {"jobs": [bodies[2]], "total_entries": 3})
    # Airflow keeps the alive jobs for is_alive=false too
    assert_json(await client.get("/api/v2/jobs", params={"is_alive": "false"}, headers=admin), 200,
                {"jobs": [bodies[1], bodies[2]], "total_entries": 4})
    assert_json(await client.get("/api/v2/jobs", params={"job_state": "running", "job_type": "TriggererJob"},
                                 headers=admin), 200, {"jobs": [bodies[1]], "total_entries": 1})
    assert_json(await client.get("/api/v2/jobs", params={"start_date_gte": _iso(T0 + timedelta(hours=3)),
                                                         "limit": "1"}, headers=admin),
                200, {"jobs": [bodies[2]], "total_entries": 2})
    assert_json(await client.get("/api/v2/jobs", params={"order_by": "no_such_field"}, headers=admin), 400,
                {"detail": "Ordering with 'no_such_field' is disallowed or the attribute does not exist on the model"})
    response = await client.get("/api/v2/jobs", params={"is_alive": "maybe"}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "bool_parsing"
    assert_json(await client.get("/api/v2/jobs"), 401, {"detail": "Not authenticated"})


async def test_a_dag_job_shows_the_dag_display_name(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]],
                                                    app: Litestar) -> None:
    """Airflow's ``dag_display_name`` of a job comes from the job's DAG (null without one)."""
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="shown", bundle_name="dags-folder", dag_display_name="Shown"))
        await conn.execute(sa.insert(dag).values(dag_id="plain", bundle_name="dags-folder"))
        for dag_id in ("shown", "plain", "gone", None):
            await conn.execute(sa.insert(job).values(dag_id=dag_id, job_type="SchedulerJob", state="success",
                                                     start_date=T0))
    response = await client.get("/api/v2/jobs", headers=tokens["admin"])
    assert [(j["dag_id"], j["dag_display_name"]) for j in response.json()["jobs"]] == [
        ("shown", "Shown"), ("plain", "plain"), ("gone", None), (None, None)]
