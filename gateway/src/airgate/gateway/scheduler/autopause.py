"""``max_consecutive_failed_dag_runs``: when the scheduler fails a run (a leaf failed), a DAG whose last N runs
(newest ``run_after`` first) all failed is paused, as Airflow 3.2 does. N is the DAG's own value, or
``[core] max_consecutive_failed_dag_runs_per_dag`` (stored with the DAG by the registry); 0 never pauses."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.store.tables import dag, dag_run

log = logging.getLogger("airgate.scheduler")


async def pause_after_failures(conn: AsyncConnection, dag_id: str) -> bool:
    """Pause ``dag_id`` if its last ``max_consecutive_failed_dag_runs`` runs failed; whether it was paused."""
    limit = int(await conn.scalar(sa.select(dag.c.max_consecutive_failed_dag_runs).where(dag.c.dag_id == dag_id))
                or 0)
    if limit <= 0:
        return False
    states = list((await conn.scalars(
        sa.select(dag_run.c.state).where(dag_run.c.dag_id == dag_id)
        .order_by(dag_run.c.run_after.desc(), dag_run.c.id.desc()).limit(limit)
    )).all())
    if len(states) < limit or any(state != DRS.FAILED for state in states):
        return False
    log.info("Pausing DAG %s because last %s DAG runs failed.", dag_id, limit)
    await conn.execute(sa.update(dag).where(dag.c.dag_id == dag_id).values(is_paused=True))
    return True
