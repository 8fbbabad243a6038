"""Assets and asset events as a task reads them (inlets, triggering events, a run's consumed events)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset_event,
    asset_event,
    dag_run,
    dagrun_asset_event,
)

_IS_ACTIVE = sa.exists().where(asset_active.c.name == asset.c.name, asset_active.c.uri == asset.c.uri)


def _asset(row: Any) -> dict[str, Any]:
    return {"name": row.name, "uri": row.uri, "group": row.group, "extra": row.extra}


async def get_asset(
    conn: AsyncConnection, *, name: str | None = None, uri: str | None = None
) -> dict[str, Any]:
    """An active asset by name or by URI (404 ``not_found``)."""
    column, value, label = (asset.c.name, name, "name") if name is not None else (asset.c.uri, uri, "URI")
    row = (await conn.execute(sa.select(asset).where(column == value, _IS_ACTIVE))).first()
    if row is None:
        raise HTTPError(404, {"reason": "not_found", "message": f"Asset with {label} {value} not found"})
    return _asset(row)


async def _aliases(conn: AsyncConnection, event_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: [] for i in event_ids}
    if event_ids:
        rows = await conn.execute(
            sa.select(asset_alias_asset_event.c.event_id, asset_alias.c.name)
            .join(asset_alias, asset_alias.c.id == asset_alias_asset_event.c.alias_id)
            .where(asset_alias_asset_event.c.event_id.in_(event_ids))
            .order_by(asset_alias.c.name)
        )
        for row in rows:
            found[row.event_id].append(row.name)
    return found


async def consumed_events(conn: AsyncConnection, run: Any) -> list[dict[str, Any]]:
    """The asset events that triggered a ``dag_run`` row (``DagRun.consumed_asset_events``); only an
    asset-triggered run consumed any (:mod:`airgate.gateway.scheduler.asset_runs` links them), so no query for
    the others."""
    if run.run_type != "asset_triggered":
        return []
    dag_run_pk = run.id
    rows = (
        await conn.execute(
            sa.select(asset_event, asset.c.name, asset.c.uri, asset.c.extra.label("asset_extra"))
            .join(asset, asset.c.id == asset_event.c.asset_id)
            .join(dagrun_asset_event, dagrun_asset_event.c.event_id == asset_event.c.id)
            .where(dagrun_asset_event.c.dag_run_id == dag_run_pk)
            .order_by(asset_event.c.id)
        )
    ).all()
    aliases = await _aliases(conn, [r.id for r in rows])
    return [
        {
            "asset": {"name": r.name, "uri": r.uri, "extra": r.asset_extra},
            "extra": r.extra,
            "source_task_id": r.source_task_id,
            "source_dag_id": r.source_dag_id,
            "source_run_id": r.source_run_id,
            "source_map_index": r.source_map_index,
            "source_aliases": [{"name": n} for n in aliases[r.id]],
            "timestamp": r.timestamp,
        }
        for r in rows
    ]


async def _created_runs(conn: AsyncConnection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in event_ids}
    if event_ids:
        rows = await conn.execute(
            sa.select(dagrun_asset_event.c.event_id, dag_run)
            .join(dag_run, dag_run.c.id == dagrun_asset_event.c.dag_run_id)
            .where(dagrun_asset_event.c.event_id.in_(event_ids))
            .order_by(dag_run.c.id)
        )
        for r in rows:
            found[r.event_id].append(
                {
                    "run_id": r.run_id,
                    "dag_id": r.dag_id,
                    "logical_date": r.logical_date,
                    "start_date": r.start_date,
                    "end_date": r.end_date,
                    "state": r.state,
                    "data_interval_start": r.data_interval_start,
                    "data_interval_end": r.data_interval_end,
                    "partition_key": r.partition_key,
                }
            )
    return found


async def events(
    conn: AsyncConnection,
    *,
    name: str | None,
    uri: str | None,
    alias: str | None = None,
    after: datetime | None = None,
    before: datetime | None = None,
    ascending: bool = True,
    limit: int | None = None,
) -> dict[str, Any]:
    """``{"asset_events": [...]}`` of an asset (by name and/or URI) or of an alias, oldest first by default."""
    query = sa.select(
        asset_event, asset.c.name, asset.c.uri, asset.c.group, asset.c.extra.label("asset_extra")
    ).join(asset, asset.c.id == asset_event.c.asset_id)
    if alias is not None:
        query = (
            query.join(asset_alias_asset_event, asset_alias_asset_event.c.event_id == asset_event.c.id)
            .join(asset_alias, asset_alias.c.id == asset_alias_asset_event.c.alias_id)
            .where(asset_alias.c.name == alias)
        )
    elif name and uri:
        query = query.where(asset.c.name == name, asset.c.uri == uri)
    elif uri:
        query = query.where(asset.c.uri == uri, _IS_ACTIVE)
    elif name:
        query = query.where(asset.c.name == name, _IS_ACTIVE)
    else:
        raise HTTPError(400, {"reason": "Missing parameter", "message": "name and uri cannot both be None"})
    if after is not None:
        query = query.where(asset_event.c.timestamp >= after)
    if before is not None:
        query = query.where(asset_event.c.timestamp <= before)
    query = query.order_by(asset_event.c.timestamp.asc() if ascending else asset_event.c.timestamp.desc())
    if limit:
        query = query.limit(limit)
    rows = (await conn.execute(query)).all()
    runs = await _created_runs(conn, [r.id for r in rows])
    return {
        "asset_events": [
            {
                "id": r.id,
                "timestamp": r.timestamp,
                "extra": r.extra,
                "asset": {"name": r.name, "uri": r.uri, "group": r.group, "extra": r.asset_extra},
                "created_dagruns": runs[r.id],
                "source_task_id": r.source_task_id,
                "source_dag_id": r.source_dag_id,
                "source_run_id": r.source_run_id,
                "source_map_index": r.source_map_index,
                "partition_key": r.partition_key,
            }
            for r in rows
        ]
    }
