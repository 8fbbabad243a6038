"""Health of the metadatabase and of each component, from the jobs' heartbeats (as Airflow reports it).

A component is healthy when its most recent job is running and heartbeat within the threshold. A component
that never ran reports ``unhealthy`` (scheduler) or ``null`` (triggerer, DAG processor), as in Airflow.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from airgate.gateway.store.engine import Store
from airgate.gateway.store.tables import job

HEALTHY = "healthy"
UNHEALTHY = "unhealthy"
THRESHOLD = timedelta(seconds=30)
_COMPONENTS = (
    ("scheduler", "SchedulerJob", "latest_scheduler_heartbeat", UNHEALTHY),
    ("triggerer", "TriggererJob", "latest_triggerer_heartbeat", None),
    ("dag_processor", "DagProcessorJob", "latest_dag_processor_heartbeat", None),
)



def _latest_jobs() -> sa.CompoundSelect:
    """The most recent job of each component in ONE statement (a round trip per component made the health
    check cost several times a plain API call)."""
    parts = [
        sa.select(job.c.job_type, job.c.state, job.c.latest_heartbeat).where(job.c.job_type == job_type)
        .order_by(job.c.latest_heartbeat.desc()).limit(1).subquery(f"latest_{n}")
        for n, (_, job_type, _, _) in enumerate(_COMPONENTS)
    ]
    return sa.union_all(*(sa.select(part) for part in parts))


_LATEST = _latest_jobs()


async def get_health(store: Store) -> dict[str, Any]:
    """The health document of ``GET /api/v2/monitor/health``."""
    result: dict[str, Any] = {"metadatabase": {"status": HEALTHY}}
    now = datetime.now(UTC)
    try:
        async with store.read() as conn:
            rows = (await conn.execute(_LATEST)).all()
        latest: dict[str, Any] = {job_type: None for _, job_type, _, _ in _COMPONENTS}
        latest.update({row.job_type: row for row in rows})
    except Exception:
        result["metadatabase"] = {"status": UNHEALTHY}
        latest = {}
    for name, job_type, key, never_ran in _COMPONENTS:
        row = latest.get(job_type)
        if row is None:
            status = UNHEALTHY if not latest and name != "scheduler" else never_ran
            result[name] = {"status": status, key: None}
            continue
        beat = row.latest_heartbeat
        alive = row.state == "running" and beat is not None and now - beat < THRESHOLD
        result[name] = {"status": HEALTHY if alive else UNHEALTHY, key: beat.isoformat() if beat else None}
    return result
