"""DagRun operations that change a run or look past it: patch, delete, clear, batch list, upstream asset
events and the ``/wait`` stream."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_run_queries as queries
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.listing import Sorting
from airgate.gateway.services.task_instances import select_tis, ti_body
from airgate.gateway.services.ti_marking import clear_tis, mark_run, now, on_latest_version, run_tis
from airgate.gateway.states import DagRunState
from airgate.gateway.store import Store
from airgate.gateway.store.tables import asset, asset_event, dag_run, dagrun_asset_event, task_instance, xcom

_FINISHED = (DagRunState.SUCCESS.value, DagRunState.FAILED.value)
WAIT_LIMIT_SECONDS = 3600.0
"""The longest a ``/wait`` stream lasts; it ends (without a final state) after that."""


async def find_run(conn: AsyncConnection, dag_id: str, run_id: str) -> Any:
    """The ``dag_run`` row (404 as Airflow words it)."""
    row = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                      dag_run.c.run_id == run_id))).first()
    if row is None:
        raise queries.run_not_found(dag_id, run_id)
    return row


async def delete_run(conn: AsyncConnection, dag_id: str, run_id: str) -> None:
    """``delete_dag_run``: only a queued, success or failed run may go (its TIs, XComs... go with it)."""
    run = await find_run(conn, dag_id, run_id)
    if run.state not in ("queued", "success", "failed"):
        raise HTTPError(409, f"The DagRun with dag_id: `{dag_id}` and run_id: `{run_id}` cannot be deleted in "
                             f"{run.state} state")
    await conn.execute(sa.delete(dag_run).where(dag_run.c.id == run.id))


async def patch_run(conn: AsyncConnection, dag_id: str, run_id: str, fields: Mapping[str, Any],
                    user_id: str | None) -> dict[str, Any]:
    """``patch_dag_run``: ``state`` (with the TI side effects) and ``note``."""
    run = await find_run(conn, dag_id, run_id)
    if fields.get("state") is not None:
        await mark_run(conn, run, DagRunState(fields["state"]))
    if "note" in fields:
        await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
            note=fields["note"], note_user_id=user_id))
    return await queries.run_response(conn, dag_id, run_id)


async def clear_run(conn: AsyncConnection, dag_id: str, run_id: str, *, dry_run: bool,
                    only_failed: bool, only_new: bool = False, latest_version: bool = True) -> dict[str, Any]:
    """``clear_dag_run``: the TIs it would clear (dry run) or the run, queued again. ``only_new``: the tasks of
    the latest DAG version the run has no TI for (dry run), or only queue the run so the scheduler adds them.
    ``latest_version`` (Airflow's ``run_on_latest_version``, default true here): the run moves to the latest
    DAG version."""
    run = await find_run(conn, dag_id, run_id)
    data = await dag_serialized.latest(conn, dag_id)
    if data is None:
        raise HTTPError(404, f"Dag with id {dag_id} was not found")
    rows = await run_tis(conn, run)
    if only_new:
        existing = {r.task_id for r in rows}
        if dry_run:
            new = sorted({t["task_id"] for t in data.get("tasks", [])} - existing)
            found = [{"task_id": t, "task_display_name": t} for t in new]
            return {"task_instances": found, "total_entries": len(found)}
        rows = []
    if only_failed:
        rows = [r for r in rows if r.state in ("failed", "upstream_failed")]
    if dry_run:
        ids = [r.id for r in rows]
        query = select_tis().where(task_instance.c.id.in_(ids)).order_by(task_instance.c.task_id,
                                                                        task_instance.c.map_index)
        bodies = [ti_body(r) for r in (await conn.execute(query)).mappings()] if ids else []
        return {"task_instances": bodies, "total_entries": len(bodies)}
    retries = {t["task_id"]: int(t.get("retries") or 0) for t in data.get("tasks", [])}
    await clear_tis(conn, rows, retries=retries, latest_version=latest_version)
    if not rows:
        await mark_run_queued(conn, run)
        if latest_version:
            await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
                **await on_latest_version(conn, run)))
    return await queries.run_response(conn, dag_id, run_id)


async def mark_run_queued(conn: AsyncConnection, run: Any) -> None:
    """Queue a run again with nothing to clear (a new clear number all the same)."""
    await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
        state=DagRunState.QUEUED.value, clear_number=run.clear_number + 1, last_scheduling_decision=None,
        start_date=None, end_date=None, queued_at=now()))


async def list_batch(conn: AsyncConnection, body: Mapping[str, Any]) -> dict[str, Any]:
    """``get_list_dag_runs_batch``: the body's filters, ``order_by`` (one attribute), page offset/limit."""
    params = dict(body)
    params["state"] = params.pop("states", None)
    conditions = queries.filters(conn, params)
    if body.get("dag_ids"):
        conditions.append(dag_run.c.dag_id.in_(list(body["dag_ids"])))
    sorting = queries._sorting(conn)
    # the batch list cannot order by duration (Airflow's list of attributes there has no duration)
    batch_sorting = Sorting({k: v for k, v in sorting.allowed.items() if k != "duration"}, sorting.primary_key)
    order = batch_sorting.clauses([body["order_by"]] if body.get("order_by") else None)
    total = await conn.scalar(sa.select(sa.func.count()).select_from(dag_run).where(*conditions))
    query = queries._select().where(*conditions).order_by(*order)
    rows = (await conn.execute(query.limit(body.get("page_limit", 100)).offset(body.get("page_offset", 0)))).all()
    return {"dag_runs": await queries.bodies(conn, list(rows)), "total_entries": int(total or 0),
            "next_cursor": None, "previous_cursor": None}


async def upstream_asset_events(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """``get_upstream_asset_events``: the asset events that triggered the run."""
    run = await find_run(conn, dag_id, run_id)
    query = (
        sa.select(asset_event, asset.c.name, asset.c.uri, asset.c.group)
        .join(asset, asset.c.id == asset_event.c.asset_id)
        .join(dagrun_asset_event, dagrun_asset_event.c.event_id == asset_event.c.id)
        .where(dagrun_asset_event.c.dag_run_id == run.id)
        .order_by(asset_event.c.timestamp, asset_event.c.id)
    )
    events = []
    for row in (await conn.execute(query)).mappings():
        runs = await conn.execute(
            sa.select(dag_run).join(dagrun_asset_event, dagrun_asset_event.c.dag_run_id == dag_run.c.id)
            .where(dagrun_asset_event.c.event_id == row["id"]).order_by(dag_run.c.id))
        events.append({
            "id": row["id"], "asset_id": row["asset_id"], "uri": row["uri"], "name": row["name"],
            "group": row["group"], "extra": row["extra"], "source_task_id": row["source_task_id"],
            "source_dag_id": row["source_dag_id"], "source_run_id": row["source_run_id"],
            "source_map_index": row["source_map_index"],
            "created_dagruns": [_run_basic(r) for r in runs],
            "timestamp": row["timestamp"], "partition_key": row["partition_key"],
        })
    return {"asset_events": events, "total_entries": len(events)}


def _run_basic(row: Any) -> dict[str, Any]:
    return {"run_id": row.run_id, "dag_id": row.dag_id, "logical_date": row.logical_date,
            "start_date": row.start_date, "end_date": row.end_date, "state": row.state,
            "data_interval_start": row.data_interval_start, "data_interval_end": row.data_interval_end,
            "partition_key": row.partition_key}


async def _results(conn: AsyncConnection, dag_id: str, run_id: str, task_ids: Sequence[str]) -> dict[str, Any]:
    query = (sa.select(xcom.c.task_id, xcom.c.map_index, xcom.c.value)
             .where(xcom.c.dag_id == dag_id, xcom.c.run_id == run_id, xcom.c.key == "return_value",
                    xcom.c.task_id.in_(list(task_ids)))
             .order_by(xcom.c.task_id, xcom.c.map_index))
    rows = (await conn.execute(query)).all()
    found: dict[str, Any] = {}
    for task_id, group in itertools.groupby(rows, key=lambda r: r.task_id):
        entries = list(group)
        found[task_id] = entries[0].value if len(entries) == 1 and entries[0].map_index < 0 else [
            e.value for e in entries]
    return found


async def wait_lines(store: Store, dag_id: str, run_id: str, interval: float,
                     task_ids: Sequence[str] | None) -> AsyncIterator[bytes]:
    """NDJSON lines ``{"state": ...}`` every ``interval`` seconds until the run finishes (bounded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_LIMIT_SECONDS
    while True:
        async with store.read() as conn:
            state = await conn.scalar(sa.select(dag_run.c.state).where(dag_run.c.dag_id == dag_id,
                                                                      dag_run.c.run_id == run_id))
            line: dict[str, Any] = {"state": state}
            finished = state in _FINISHED or state is None
            if state in _FINISHED and task_ids:
                line["results"] = await _results(conn, dag_id, run_id, task_ids)
        yield json.dumps(line).encode() + b"\n"
        if finished or loop.time() + interval > deadline:
            return
        await asyncio.sleep(interval)
