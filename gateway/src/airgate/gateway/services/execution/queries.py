"""Read-only questions a task asks about other task instances and its DAG (counts, states, breadcrumbs).

``task_group_id`` selects the tasks whose id starts with ``<group>.`` (Airflow's default prefixing; a group
declared with ``prefix_group_id=False`` is not recognised until the serialized DAG is consulted).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.states import TerminalTIState
from airgate.gateway.store.tables import dag, dag_run, dag_tag
from airgate.gateway.store.tables import task_instance as ti_t

_JOINED = ti_t.join(dag_run, sa.and_(ti_t.c.dag_id == dag_run.c.dag_id, ti_t.c.run_id == dag_run.c.run_id))


def _filters(
    dag_id: str,
    *,
    map_index: int | None,
    task_ids: Sequence[str] | None,
    task_group_id: str | None,
    logical_dates: Sequence[datetime] | None,
    run_ids: Sequence[str] | None,
) -> list[Any]:
    conditions: list[Any] = [ti_t.c.dag_id == dag_id]
    if task_ids and not task_group_id:
        conditions.append(ti_t.c.task_id.in_(list(task_ids)))
    if task_group_id:
        in_group = ti_t.c.task_id.startswith(f"{task_group_id}.", autoescape=True)
        conditions.append(sa.or_(in_group, ti_t.c.task_id.in_(list(task_ids))) if task_ids else in_group)
    if map_index is not None:
        conditions.append(ti_t.c.map_index == map_index)
    if logical_dates:
        conditions.append(dag_run.c.logical_date.in_(list(logical_dates)))
    if run_ids:
        conditions.append(ti_t.c.run_id.in_(list(run_ids)))
    return conditions


async def count_task_instances(conn: AsyncConnection, params: dict[str, Any]) -> int:
    """How many task instances match; ``states`` may hold ``"null"`` for no state."""
    conditions = _filters(
        params["dag_id"],
        map_index=params.get("map_index"),
        task_ids=params.get("task_ids"),
        task_group_id=params.get("task_group_id"),
        logical_dates=params.get("logical_dates"),
        run_ids=params.get("run_ids"),
    )
    states = params.get("states")
    if states:
        named = [s for s in states if s != "null"]
        if "null" in states:
            conditions.append(
                sa.or_(ti_t.c.state.is_(None), ti_t.c.state.in_(named)) if named else ti_t.c.state.is_(None)
            )
        else:
            conditions.append(ti_t.c.state.in_(named))
    return int(await conn.scalar(sa.select(sa.func.count()).select_from(_JOINED).where(*conditions)) or 0)


async def task_states(conn: AsyncConnection, params: dict[str, Any]) -> dict[str, Any]:
    """``{"task_states": {run_id: {task_id or task_id_<map_index>: state}}}``."""
    conditions = _filters(
        params["dag_id"],
        map_index=params.get("map_index"),
        task_ids=params.get("task_ids"),
        task_group_id=params.get("task_group_id"),
        logical_dates=params.get("logical_dates"),
        run_ids=params.get("run_ids"),
    )
    rows = await conn.execute(
        sa.select(ti_t.c.run_id, ti_t.c.task_id, ti_t.c.map_index, ti_t.c.state)
        .select_from(_JOINED)
        .where(*conditions)
    )
    states: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in rows:
        name = row.task_id if row.map_index < 0 else f"{row.task_id}_{row.map_index}"
        states[row.run_id][name] = row.state
    return {"task_states": dict(states)}


async def previous_task_instance(
    conn: AsyncConnection,
    dag_id: str,
    task_id: str,
    logical_date: datetime | None,
    map_index: int,
    state: str | None,
) -> dict[str, Any] | None:
    """The latest try of the task in an earlier run (by logical date), or None."""
    query = (
        sa.select(ti_t, dag_run.c.logical_date)
        .select_from(_JOINED)
        .where(ti_t.c.dag_id == dag_id, ti_t.c.task_id == task_id, ti_t.c.map_index == map_index)
        .order_by(dag_run.c.logical_date.desc())
        .limit(1)
    )
    if logical_date is not None:
        query = query.where(dag_run.c.logical_date < logical_date)
    if state:
        query = query.where(ti_t.c.state == state)
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    return {
        "task_id": row.task_id,
        "dag_id": row.dag_id,
        "run_id": row.run_id,
        "logical_date": row.logical_date,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "state": row.state,
        "try_number": row.try_number,
        "map_index": row.map_index,
        "duration": row.duration,
    }


async def breadcrumbs(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """The finished task instances of a run: task id, map index, state, operator, duration."""
    rows = await conn.execute(
        sa.select(ti_t.c.task_id, ti_t.c.map_index, ti_t.c.state, ti_t.c.operator, ti_t.c.duration)
        .where(ti_t.c.dag_id == dag_id, ti_t.c.run_id == run_id, ti_t.c.state.in_(list(TerminalTIState)))
        .order_by(ti_t.c.task_id, ti_t.c.map_index)
    )
    return {"breadcrumbs": [dict(row._mapping) for row in rows]}


async def get_dag(conn: AsyncConnection, dag_id: str) -> dict[str, Any]:
    """A DAG's scheduling facts (``DagResponse``)."""
    row = (await conn.execute(sa.select(dag).where(dag.c.dag_id == dag_id))).first()
    if row is None:
        raise HTTPError(
            404, {"reason": "not_found", "message": f"The Dag with dag_id: `{dag_id}` was not found"}
        )
    tags = await conn.scalars(
        sa.select(dag_tag.c.name).where(dag_tag.c.dag_id == dag_id).order_by(dag_tag.c.name)
    )
    return {
        "dag_id": row.dag_id,
        "is_paused": bool(row.is_paused),
        "bundle_name": row.bundle_name,
        "bundle_version": row.bundle_version,
        "relative_fileloc": row.relative_fileloc,
        "owners": row.owners,
        "tags": list(tags),
        "next_dagrun": row.next_dagrun,
    }
