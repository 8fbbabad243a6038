"""Dag runs as the Execution API shows them (``DagRun`` of the 2026-04-06 version), state and counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.execution.asset_reads import consumed_events
from airgate.gateway.store.tables import dag_run


def run_body(row: Any, consumed: list[dict[str, Any]]) -> dict[str, Any]:
    """A ``dag_run`` row as the Execution API's ``DagRun``, with the asset events that triggered it."""
    return {
        "dag_id": row.dag_id,
        "run_id": row.run_id,
        "logical_date": row.logical_date,
        "data_interval_start": row.data_interval_start,
        "data_interval_end": row.data_interval_end,
        "run_after": row.run_after,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "clear_number": row.clear_number,
        "run_type": row.run_type,
        "state": row.state,
        "conf": row.conf,
        "triggering_user_name": row.triggering_user_name,
        "consumed_asset_events": consumed,
        "partition_key": row.partition_key,
        "note": row.note,
    }


def _not_found(dag_id: str, run_id: str) -> HTTPError:
    return HTTPError(
        404,
        {
            "reason": "not_found",
            "message": f"Dag run with dag_id '{dag_id}' and run_id '{run_id}' was not found",
        },
    )


async def find_run(conn: AsyncConnection, dag_id: str, run_id: str) -> Any:
    """The ``dag_run`` row or None."""
    query = sa.select(dag_run).where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id)
    return (await conn.execute(query)).first()


async def get_dag_run(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """One run (404 ``not_found``)."""
    row = await find_run(conn, dag_id, run_id)
    if row is None:
        raise _not_found(dag_id, run_id)
    return run_body(row, await consumed_events(conn, row))


async def get_dagrun_state(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """``{"state": ...}`` of one run."""
    row = await find_run(conn, dag_id, run_id)
    if row is None:
        raise _not_found(dag_id, run_id)
    return {"state": row.state}


async def count_runs(
    conn: AsyncConnection,
    dag_id: str,
    *,
    logical_dates: Sequence[datetime] | None,
    run_ids: Sequence[str] | None,
    states: Sequence[str] | None,
) -> int:
    """How many runs of ``dag_id`` match (empty filters are ignored)."""
    query = sa.select(sa.func.count()).select_from(dag_run).where(dag_run.c.dag_id == dag_id)
    if logical_dates:
        query = query.where(dag_run.c.logical_date.in_(list(logical_dates)))
    if run_ids:
        query = query.where(dag_run.c.run_id.in_(list(run_ids)))
    if states:
        query = query.where(dag_run.c.state.in_(list(states)))
    return int(await conn.scalar(query) or 0)


async def previous_run(
    conn: AsyncConnection, dag_id: str, logical_date: datetime, state: str | None
) -> dict[str, Any] | None:
    """The latest run before ``logical_date`` (optionally in ``state``), or None."""
    query = (
        sa.select(dag_run)
        .where(dag_run.c.dag_id == dag_id, dag_run.c.logical_date < logical_date)
        .order_by(dag_run.c.logical_date.desc())
        .limit(1)
    )
    if state:
        query = query.where(dag_run.c.state == state)
    row = (await conn.execute(query)).first()
    return None if row is None else run_body(row, await consumed_events(conn, row))
