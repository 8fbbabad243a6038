"""``get_asset_events`` and ``create_asset_event`` (an event made through the API queues the DAGs scheduled on
the asset, as a task's outlet event does)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.execution.assets import _emit
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.store.tables import asset, asset_event, dag_run, dagrun_asset_event

EVENT_SORTING = Sorting(
    {name: asset_event.c[name] for name in
     ("id", "source_task_id", "source_dag_id", "source_run_id", "source_map_index", "timestamp")},
    "id",
)
_SORT_DEFAULT = ["timestamp"]


class _NoSource(NamedTuple):
    """The source of an event created through the API: no task."""

    task_id: None = None
    dag_id: None = None
    run_id: None = None
    map_index: int = -1


async def _created_runs(conn: AsyncConnection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in event_ids}
    if not event_ids:
        return found
    rows = await conn.execute(
        sa.select(dagrun_asset_event.c.event_id, dag_run)
        .join(dag_run, dag_run.c.id == dagrun_asset_event.c.dag_run_id)
        .where(dagrun_asset_event.c.event_id.in_(event_ids)).order_by(dag_run.c.id))
    for r in rows:
        found[r.event_id].append({
            "run_id": r.run_id, "dag_id": r.dag_id, "logical_date": r.logical_date, "start_date": r.start_date,
            "end_date": r.end_date, "state": r.state, "data_interval_start": r.data_interval_start,
            "data_interval_end": r.data_interval_end, "partition_key": r.partition_key})
    return found


def _select() -> sa.Select[Any]:
    return sa.select(asset_event, asset.c.name, asset.c.uri, asset.c.group).join(
        asset, asset.c.id == asset_event.c.asset_id)


async def bodies(conn: AsyncConnection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """``AssetEventResponse`` of each event row (joined with its asset's name, uri and group)."""
    runs = await _created_runs(conn, [r.id for r in rows])
    return [{
        "id": r.id, "asset_id": r.asset_id, "uri": r.uri, "name": r.name, "group": r.group, "extra": r.extra,
        "source_task_id": r.source_task_id, "source_dag_id": r.source_dag_id, "source_run_id": r.source_run_id,
        "source_map_index": r.source_map_index, "created_dagruns": runs[r.id], "timestamp": r.timestamp,
        "partition_key": r.partition_key,
    } for r in rows]


def _equal(column: sa.ColumnElement[Any], value: Any) -> sa.ColumnElement[bool] | None:
    return None if value is None else column == value


async def list_events(conn: AsyncConnection, params: dict[str, Any], *, limit: int, offset: int) -> dict[str, Any]:
    """``get_asset_events``: filtered, ordered (``timestamp`` by default), paged."""
    ts = asset_event.c.timestamp
    conditions = where_all(
        _equal(asset_event.c.asset_id, params.get("asset_id")),
        _equal(asset_event.c.source_dag_id, params.get("source_dag_id")),
        _equal(asset_event.c.source_task_id, params.get("source_task_id")),
        _equal(asset_event.c.source_run_id, params.get("source_run_id")),
        _equal(asset_event.c.source_map_index, params.get("source_map_index")),
        search(asset.c.name, params.get("name_pattern")),
        prefix(asset.c.name, params.get("name_prefix_pattern")),
        None if params.get("timestamp_gte") is None else ts >= params["timestamp_gte"],
        None if params.get("timestamp_gt") is None else ts > params["timestamp_gt"],
        None if params.get("timestamp_lte") is None else ts <= params["timestamp_lte"],
        None if params.get("timestamp_lt") is None else ts < params["timestamp_lt"],
    )
    order = EVENT_SORTING.clauses(params.get("order_by") or _SORT_DEFAULT)
    counted = sa.select(asset_event.c.id).join(asset, asset.c.id == asset_event.c.asset_id).where(*conditions)
    total = await conn.scalar(sa.select(sa.func.count()).select_from(counted.subquery()))
    rows = (await conn.execute(_select().where(*conditions).order_by(*order).limit(limit).offset(offset))).all()
    return {"asset_events": await bodies(conn, rows), "total_entries": int(total or 0)}


async def create_event(conn: AsyncConnection, asset_id: int, extra: dict[str, Any] | None,
                       partition_key: str | None) -> dict[str, Any]:
    """``create_asset_event``: record an event of the asset now and queue the DAGs scheduled on it."""
    row = (await conn.execute(sa.select(asset).where(asset.c.id == asset_id))).first()
    if row is None:
        raise HTTPError(404, f"Asset with ID: `{asset_id}` was not found")
    await _emit(conn, _NoSource(), row, extra or {}, partition_key, set())
    event = (await conn.execute(_select().where(asset_event.c.asset_id == asset_id)
                                .order_by(asset_event.c.id.desc()).limit(1))).one()
    return (await bodies(conn, [event]))[0]
