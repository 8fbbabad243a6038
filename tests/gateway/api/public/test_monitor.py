"""Monitor tag: ``get_health`` reports the metadatabase and each component from the jobs' heartbeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from airgate.gateway.store.tables import job

HEALTH = "/api/v2/monitor/health"


async def _add_job(app: Litestar, job_type: str, state: str, beat: datetime) -> None:
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.insert(job).values(job_type=job_type, state=state, latest_heartbeat=beat,
                                                 start_date=beat, hostname="test"))


async def test_no_components_running(client: httpx.AsyncClient) -> None:
    response = await client.get(HEALTH, headers={"Authorization": "Bearer this-is-not-a-jwt"})
    assert response.status_code == 200
    assert response.json() == {
        "metadatabase": {"status": "healthy"},
        "scheduler": {"status": "unhealthy", "latest_scheduler_heartbeat": None},
        "triggerer": {"status": None, "latest_triggerer_heartbeat": None},
        "dag_processor": {"status": None, "latest_dag_processor_heartbeat": None},
    }


async def test_running_scheduler_heartbeating_now(client: httpx.AsyncClient, app: Litestar) -> None:
    now = datetime.now(UTC).replace(microsecond=123456)
    await _add_job(app, "SchedulerJob", "running", now)
    await _add_job(app, "TriggererJob", "running", now - timedelta(minutes=5))
    body = (await client.get(HEALTH)).json()
    assert body["scheduler"] == {"status": "healthy", "latest_scheduler_heartbeat": now.isoformat()}
    assert body["triggerer"]["status"] == "unhealthy"
    assert body["dag_processor"] == {"status": None, "latest_dag_processor_heartbeat": None}


@pytest.mark.parametrize(("state", "age_s"), [("success", 1), ("running", 120)])
async def test_scheduler_stopped_or_silent(client: httpx.AsyncClient, app: Litestar, state: str, age_s: int) -> None:
    await _add_job(app, "SchedulerJob", state, datetime.now(UTC) - timedelta(seconds=age_s))
    assert (await client.get(HEALTH)).json()["scheduler"]["status"] == "unhealthy"


async def test_wrong_method(client: httpx.AsyncClient) -> None:
    response = await client.post(HEALTH)
    assert (response.status_code, response.headers["allow"], response.json()) == (
        405, "GET", {"detail": "Method Not Allowed"}
    )
