"""The home page's counters (``historical_metrics``, ``dag_stats`` of the private UI API).

- Historical metrics: dag runs (and the task instances of those runs) that started at or after ``start_date``
  (a run not started yet counts as starting now) and ended at or before ``end_date`` (default: now; a run not
  ended yet counts as ending now), counted per state, each count capped at :data:`STATE_COUNT_CAP`.
- Dag stats: unpaused, non-stale DAGs (active), and how many non-stale DAGs have their latest run (by
  ``logical_date``) failed, running or queued.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.states import DagRunState, TaskInstanceState
from airgate.gateway.store.tables import dag, dag_run, task_instance
from airgate.gateway.store.types import UtcDateTime

STATE_COUNT_CAP = 1000
"""The UI shows ``N+`` when a count equals this."""

NO_STATUS = "no_status"


def parse_datetime(value: str, name: str) -> datetime:
    """A query date-time as Airflow reads it (ISO 8601; naive means UTC), or 400 with Airflow's message
    (an empty required value fails validation as Airflow's does)."""
    if not value and name == "start_date":
        raise HTTPError(422, [{"type": "value_error", "loc": ["query", name], "msg": "Value error,  cannot be None.",
                               "input": value, "ctx": {"error": {}}}])
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise HTTPError(400, f"Invalid datetime: {value!r}. Please check the date parameter have this value.") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _capped(rows: list[tuple[str | None, int]]) -> dict[str | None, int]:
    return {state: min(count, STATE_COUNT_CAP) for state, count in rows}


async def historical_metrics(
    conn: AsyncConnection, start_date: datetime, end_date: datetime | None, now: datetime | None = None
) -> dict[str, Any]:
    """Counts of dag run and task instance states of the runs in the window."""
    now = now or datetime.now(UTC)
    current = sa.literal(now, UtcDateTime())
    upper = sa.literal(end_date, UtcDateTime()) if end_date is not None else current
    window = [
        sa.func.coalesce(dag_run.c.start_date, current) >= sa.literal(start_date, UtcDateTime()),
        sa.func.coalesce(dag_run.c.end_date, current) <= upper,
        dag_run.c.dag_id.in_(sa.select(dag.c.dag_id)),
    ]
    runs = _capped([(s, n) for s, n in (await conn.execute(
        sa.select(dag_run.c.state, sa.func.count()).where(*window).group_by(dag_run.c.state)
    )).all()])
    tis = _capped([(s, n) for s, n in (await conn.execute(
        sa.select(task_instance.c.state, sa.func.count())
        .select_from(task_instance.join(dag_run, sa.and_(task_instance.c.dag_id == dag_run.c.dag_id,
                                                         task_instance.c.run_id == dag_run.c.run_id)))
        .where(*window).group_by(task_instance.c.state)
    )).all()])
    return {
        "dag_run_states": {s.value: runs.get(s.value, 0) for s in DagRunState},
        "task_instance_states": {NO_STATUS: tis.get(None, 0), **{s.value: tis.get(s.value, 0) for s in TaskInstanceState}},
        "state_count_limit": STATE_COUNT_CAP,
    }


async def dag_stats(conn: AsyncConnection) -> dict[str, int]:
    """Active DAGs, and DAGs whose latest run failed / is running / is queued."""
    active = (await conn.execute(
        sa.select(sa.func.count()).select_from(dag).where(dag.c.is_stale.is_(False), dag.c.is_paused.is_(False))
    )).scalar_one()
    latest = (
        sa.select(dag_run.c.dag_id, sa.func.max(dag_run.c.logical_date).label("last"))
        .where(dag_run.c.logical_date.is_not(None)).group_by(dag_run.c.dag_id).subquery()
    )
    states = (await conn.execute(
        sa.select(dag_run.c.state, sa.func.count())
        .select_from(dag_run.join(latest, sa.and_(dag_run.c.dag_id == latest.c.dag_id,
                                                  dag_run.c.logical_date == latest.c.last))
                     .join(dag, dag.c.dag_id == dag_run.c.dag_id))
        .where(dag.c.is_stale.is_(False)).group_by(dag_run.c.state)
    )).all()
    counts: dict[str, int] = {state: count for state, count in states}
    return {
        "active_dag_count": active,
        "failed_dag_count": counts.get(DagRunState.FAILED.value, 0),
        "running_dag_count": counts.get(DagRunState.RUNNING.value, 0),
        "queued_dag_count": counts.get(DagRunState.QUEUED.value, 0),
    }
