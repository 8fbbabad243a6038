"""``get_assets`` / ``get_asset`` / ``get_asset_aliases`` / ``get_asset_alias`` bodies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset,
    asset_event,
    asset_watcher,
    dag_schedule_asset_reference,
    task_inlet_asset_reference,
    task_outlet_asset_reference,
    trigger,
)

ASSET_SORTING = Sorting({name: asset.c[name] for name in ("id", "name", "uri", "created_at", "updated_at")}, "id")
ALIAS_SORTING = Sorting({"id": asset_alias.c.id, "name": asset_alias.c.name}, "id")


def _stamps(row: Any) -> dict[str, Any]:
    return {"created_at": row.created_at, "updated_at": row.updated_at}


async def _details(conn: AsyncConnection, ids: list[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    found: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    if not ids:
        return found
    ref = dag_schedule_asset_reference
    for row in await conn.execute(sa.select(ref).where(ref.c.asset_id.in_(ids)).order_by(ref.c.dag_id)):
        found[row.asset_id]["scheduled_dags"].append({"dag_id": row.dag_id, **_stamps(row)})
    for key, table in (("producing_tasks", task_outlet_asset_reference), ("consuming_tasks", task_inlet_asset_reference)):
        rows = await conn.execute(sa.select(table).where(table.c.asset_id.in_(ids))
                                  .order_by(table.c.dag_id, table.c.task_id))
        for row in rows:
            found[row.asset_id][key].append({"dag_id": row.dag_id, "task_id": row.task_id, **_stamps(row)})
    rows = await conn.execute(
        sa.select(asset_alias_asset.c.asset_id, asset_alias)
        .join(asset_alias, asset_alias.c.id == asset_alias_asset.c.alias_id)
        .where(asset_alias_asset.c.asset_id.in_(ids)).order_by(asset_alias.c.id))
    for row in rows:
        found[row.asset_id]["aliases"].append({"id": row.id, "name": row.name, "group": row.group})
    rows = await conn.execute(
        sa.select(asset_watcher.c.asset_id, asset_watcher.c.name, asset_watcher.c.trigger_id,
                  trigger.c.created_date)
        .join(trigger, trigger.c.id == asset_watcher.c.trigger_id)
        .where(asset_watcher.c.asset_id.in_(ids)).order_by(asset_watcher.c.trigger_id))
    for row in rows:
        found[row.asset_id]["watchers"].append(
            {"name": row.name, "trigger_id": row.trigger_id, "created_date": row.created_date})
    return found


async def _last_events(conn: AsyncConnection, ids: list[int]) -> dict[int, tuple[int, Any]]:
    """asset id → (id, timestamp) of its latest event (the highest id among those at the latest time)."""
    if not ids:
        return {}
    latest = (sa.select(asset_event.c.asset_id, sa.func.max(asset_event.c.timestamp).label("ts"))
              .where(asset_event.c.asset_id.in_(ids)).group_by(asset_event.c.asset_id).subquery())
    rows = await conn.execute(
        sa.select(asset_event.c.asset_id, sa.func.max(asset_event.c.id), latest.c.ts)
        .join(latest, sa.and_(latest.c.asset_id == asset_event.c.asset_id, latest.c.ts == asset_event.c.timestamp))
        .group_by(asset_event.c.asset_id, latest.c.ts))
    return {asset_id: (event_id, ts) for asset_id, event_id, ts in rows}


async def bodies(conn: AsyncConnection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """``AssetResponse`` of each ``asset`` row."""
    ids = [r.id for r in rows]
    details = await _details(conn, ids)
    last = await _last_events(conn, ids)
    out = []
    for row in rows:
        extra = details.get(row.id, {})
        event_id, ts = last.get(row.id, (None, None))
        out.append({
            "id": row.id, "name": row.name, "uri": row.uri, "group": row.group, "extra": row.extra,
            **_stamps(row),
            **{key: list(extra.get(key, [])) for key in
               ("scheduled_dags", "producing_tasks", "consuming_tasks", "aliases", "watchers")},
            "last_asset_event": {"id": event_id, "timestamp": ts},
        })
    return out


def _dag_filter(dag_ids: Sequence[str] | None) -> sa.ColumnElement[bool] | None:
    if not dag_ids:
        return None
    if len(dag_ids) == 1 and "," in dag_ids[0]:
        dag_ids = dag_ids[0].split(",")
    wanted = list(dag_ids)
    return sa.or_(*(asset.c.id.in_(sa.select(t.c.asset_id).where(t.c.dag_id.in_(wanted))) for t in (
        dag_schedule_asset_reference, task_outlet_asset_reference, task_inlet_asset_reference)))


async def list_assets(conn: AsyncConnection, params: dict[str, Any], *, limit: int, offset: int) -> dict[str, Any]:
    """``get_assets``: filtered, ordered, paged."""
    active = sa.exists().where(asset_active.c.name == asset.c.name, asset_active.c.uri == asset.c.uri)
    conditions = where_all(
        active if params.get("only_active", True) else None,
        search(asset.c.name, params.get("name_pattern")),
        prefix(asset.c.name, params.get("name_prefix_pattern")),
        search(asset.c.uri, params.get("uri_pattern")),
        prefix(asset.c.uri, params.get("uri_prefix_pattern")),
        _dag_filter(params.get("dag_ids")),
    )
    order = ASSET_SORTING.clauses(params.get("order_by"))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(asset).where(*conditions))
    rows = (await conn.execute(sa.select(asset).where(*conditions).order_by(*order).limit(limit).offset(offset))).all()
    return {"assets": await bodies(conn, rows), "total_entries": int(total or 0)}


async def get_asset(conn: AsyncConnection, asset_id: int) -> dict[str, Any]:
    """``get_asset``: one asset, active or not (404 with Airflow's message)."""
    row = (await conn.execute(sa.select(asset).where(asset.c.id == asset_id))).first()
    if row is None:
        raise HTTPError(404, f"The Asset with ID: `{asset_id}` was not found")
    return (await bodies(conn, [row]))[0]


def _alias(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "group": row.group}


async def list_aliases(conn: AsyncConnection, params: dict[str, Any], *, limit: int, offset: int) -> dict[str, Any]:
    """``get_asset_aliases``."""
    conditions = where_all(search(asset_alias.c.name, params.get("name_pattern")),
                           prefix(asset_alias.c.name, params.get("name_prefix_pattern")))
    order = ALIAS_SORTING.clauses(params.get("order_by"))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(asset_alias).where(*conditions))
    rows = await conn.execute(sa.select(asset_alias).where(*conditions).order_by(*order).limit(limit).offset(offset))
    return {"asset_aliases": [_alias(r) for r in rows], "total_entries": int(total or 0)}


async def get_alias(conn: AsyncConnection, alias_id: int) -> dict[str, Any]:
    """``get_asset_alias`` (404 with Airflow's message)."""
    row = (await conn.execute(sa.select(asset_alias).where(asset_alias.c.id == alias_id))).first()
    if row is None:
        raise HTTPError(404, f"The Asset Alias with ID: `{alias_id}` was not found")
    return _alias(row)
