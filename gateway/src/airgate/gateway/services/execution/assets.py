"""Asset events a successful task emits: one per active outlet asset, plus those added through aliases.

Each event queues the DAGs (not paused) scheduled on the asset, on a name/URI reference to it or on an alias
that carried it (``asset_dag_run_queue``; the scheduler turns the queue into runs). An asset first seen
through an alias is created (inactive). Partition-aware DAGs are not queued (Airgate
creates no partitioned runs), nor is any DAG for an event that carries a partition key (as Airflow).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset,
    asset_alias_asset_event,
    asset_dag_run_queue,
    asset_event,
    dag,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_name_reference,
    dag_schedule_asset_reference,
    dag_schedule_asset_uri_reference,
)


async def _dags_to_queue(conn: AsyncConnection, row: Any, alias_ids: list[int]) -> set[str]:
    not_paused = sa.select(dag.c.dag_id).where(dag.c.is_paused.is_(False), dag.c.timetable_partitioned.is_(False))
    by_asset = sa.select(dag_schedule_asset_reference.c.dag_id).where(
        dag_schedule_asset_reference.c.asset_id == row.id
    )
    by_name = sa.select(dag_schedule_asset_name_reference.c.dag_id).where(
        dag_schedule_asset_name_reference.c.name == row.name
    )
    by_uri = sa.select(dag_schedule_asset_uri_reference.c.dag_id).where(
        dag_schedule_asset_uri_reference.c.uri == row.uri
    )
    queries = [by_asset, by_name, by_uri]
    if alias_ids:
        queries.append(
            sa.select(dag_schedule_asset_alias_reference.c.dag_id).where(
                dag_schedule_asset_alias_reference.c.alias_id.in_(alias_ids)
            )
        )
    found: set[str] = set()
    for query in queries:
        found |= set((await conn.scalars(not_paused.where(dag.c.dag_id.in_(query)))).all())
    return found


async def _emit(
    conn: AsyncConnection, ti: Any, row: Any, extra: Any, partition_key: str | None, alias_names: set[str]
) -> None:
    alias_ids = list(
        (await conn.scalars(sa.select(asset_alias.c.id).where(asset_alias.c.name.in_(alias_names)))).all()
    )
    for alias_id in alias_ids:
        linked = await conn.scalar(
            sa.select(sa.func.count())
            .select_from(asset_alias_asset)
            .where(asset_alias_asset.c.alias_id == alias_id, asset_alias_asset.c.asset_id == row.id)
        )
        if not linked:
            await conn.execute(sa.insert(asset_alias_asset).values(alias_id=alias_id, asset_id=row.id))
    event_id = (
        await conn.execute(
            sa.insert(asset_event)
            .values(
                asset_id=row.id,
                extra=extra or {},
                partition_key=partition_key,
                source_task_id=ti.task_id,
                source_dag_id=ti.dag_id,
                source_run_id=ti.run_id,
                source_map_index=ti.map_index,
            )
            .returning(asset_event.c.id)
        )
    ).scalar_one()
    for alias_id in alias_ids:
        await conn.execute(sa.insert(asset_alias_asset_event).values(alias_id=alias_id, event_id=event_id))
    if partition_key is not None:
        return  # as Airflow: an event with a partition key queues no run of a DAG that is not partition-aware
    for dag_id in sorted(await _dags_to_queue(conn, row, alias_ids)):
        queued = await conn.scalar(
            sa.select(sa.func.count())
            .select_from(asset_dag_run_queue)
            .where(asset_dag_run_queue.c.asset_id == row.id, asset_dag_run_queue.c.target_dag_id == dag_id)
        )
        if not queued:
            await conn.execute(sa.insert(asset_dag_run_queue).values(asset_id=row.id, target_dag_id=dag_id))


def _key(value: dict[str, Any]) -> tuple[str, str]:
    return str(value.get("name")), str(value.get("uri"))


async def register_outlets(
    conn: AsyncConnection,
    ti: Any,
    partition_key: str | None,
    task_outlets: list[dict[str, Any]],
    outlet_events: list[dict[str, Any]],
) -> None:
    """Record the asset events of a task's success (``task_outlets`` / ``outlet_events`` of the payload)."""
    keys = {_key(o) for o in task_outlets if o.get("type") == "Asset" and o.get("name") and o.get("uri")}
    names = {o["name"] for o in task_outlets if o.get("type") == "AssetNameRef" and o.get("name")}
    uris = {o["uri"] for o in task_outlets if o.get("type") == "AssetUriRef" and o.get("uri")}
    active = asset.join(
        asset_active, sa.and_(asset.c.name == asset_active.c.name, asset.c.uri == asset_active.c.uri)
    )
    rows: list[Any] = []
    if keys or names or uris:
        query = (
            sa.select(asset)
            .select_from(active)
            .where(
                sa.or_(
                    sa.tuple_(asset.c.name, asset.c.uri).in_(keys),
                    asset.c.name.in_(names),
                    asset.c.uri.in_(uris),
                )
            )
        )
        rows = list((await conn.execute(query)).all())
    extras = {
        _key(e["dest_asset_key"]): e.get("extra") for e in outlet_events if "source_alias_name" not in e
    }
    for row in rows:
        wanted = (row.name, row.uri) in keys or row.name in names or row.uri in uris
        if wanted:
            extra = extras.get((row.name, row.uri))
            await _emit(conn, ti, row, extra, partition_key, set())
    aliases = {o["name"] for o in task_outlets if o.get("type") == "AssetAlias" and o.get("name")}
    grouped: dict[tuple[tuple[str, str], str, str], set[str]] = defaultdict(set)
    for event in outlet_events:
        alias_name = event.get("source_alias_name")
        if isinstance(alias_name, str) and alias_name in aliases:
            key = _key(event["dest_asset_key"])
            asset_extra = json.dumps(event.get("dest_asset_extra", {}), sort_keys=True)
            grouped[key, asset_extra, json.dumps(event.get("extra", {}), sort_keys=True)].add(alias_name)
    for (key, asset_extra, event_extra), alias_names in grouped.items():
        found = (
            await conn.execute(sa.select(asset).where(asset.c.name == key[0], asset.c.uri == key[1]))
        ).first()
        if found is None:
            await conn.execute(
                sa.insert(asset).values(name=key[0], uri=key[1], group="asset", extra=json.loads(asset_extra))
            )
            found = (
                await conn.execute(sa.select(asset).where(asset.c.name == key[0], asset.c.uri == key[1]))
            ).one()
        await _emit(conn, ti, found, json.loads(event_extra), partition_key, alias_names)
