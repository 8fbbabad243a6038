"""Asset-triggered dag runs: a DAG scheduled on assets gets a queued ``asset_triggered`` run once the asset events
queued for it (``asset_dag_run_queue``) satisfy its asset condition (``AssetAll`` / ``AssetAny`` of assets,
aliases and name/URI references).

As in Airflow, the run's ``run_after`` is the newest queue entry's time; it consumes (``dagrun_asset_event``)
the events of its scheduled assets and aliases newer than the previous asset-triggered run and not newer than
that time, and the queue entries it used are removed. Queue entries of a DAG that no longer has an asset
condition are dropped. Partition-aware DAGs are left alone (Airgate creates no partitioned runs). With
PostgreSQL the entries are locked (``SKIP LOCKED``), so two schedulers never make two runs of the same events.
"""

from __future__ import annotations

import secrets
import string
from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.dag_runs_trigger import latest_version
from airgate.gateway.services.run_task_instances import create_run_task_instances
from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset,
    asset_alias_asset_event,
    asset_dag_run_queue,
    asset_event,
    dag,
    dag_run,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_reference,
    dagrun_asset_event,
)

RUN_TYPE = "asset_triggered"
_SUFFIX = string.ascii_letters + string.digits
_ADRQ = asset_dag_run_queue


def asset_run_id(run_after: datetime) -> str:
    """Airflow's id of an asset-triggered run: ``asset_triggered__<run_after ISO>_<8 random characters>``."""
    return f"{RUN_TYPE}__{run_after.isoformat()}_{''.join(secrets.choice(_SUFFIX) for _ in range(8))}"


class _Resolver:
    """Evaluates a dag.json asset condition against the assets queued for a DAG."""

    def __init__(self, conn: AsyncConnection, queued: set[int]) -> None:
        self.conn, self.queued = conn, queued

    async def _asset_id(self, **where: str) -> int | None:
        active = sa.exists().where(asset_active.c.name == asset.c.name, asset_active.c.uri == asset.c.uri)
        query = sa.select(asset.c.id).where(active, *(asset.c[k] == v for k, v in where.items())).limit(1)
        return await self.conn.scalar(query)

    async def ready(self, node: Any) -> bool:
        if not isinstance(node, dict):
            return False
        kind = node.get("__type")
        if kind in ("asset_all", "asset_any"):
            results = [await self.ready(o) for o in node.get("objects") or []]
            return all(results) if kind == "asset_all" else any(results)
        if kind == "asset":
            found = await self.conn.scalar(sa.select(asset.c.id).where(
                asset.c.name == node.get("name"), asset.c.uri == node.get("uri")))
            return found in self.queued
        if kind == "asset_ref":
            key = "name" if node.get("name") is not None else "uri"
            return await self._asset_id(**{key: str(node.get(key))}) in self.queued
        if kind == "asset_alias":
            ids = set((await self.conn.scalars(
                sa.select(asset_alias_asset.c.asset_id).join(asset_alias, asset_alias.c.id == asset_alias_asset.c.alias_id)
                .where(asset_alias.c.name == node.get("name")))).all())
            return bool(ids & self.queued)
        return False


async def _consumed(conn: AsyncConnection, dag_id: str, triggered: datetime) -> list[int]:
    previous = await conn.scalar(sa.select(sa.func.max(dag_run.c.run_after)).where(
        dag_run.c.dag_id == dag_id, dag_run.c.run_type == RUN_TYPE, dag_run.c.run_after < triggered))
    scheduled = sa.select(dag_schedule_asset_reference.c.asset_id).where(
        dag_schedule_asset_reference.c.dag_id == dag_id)
    via_alias = sa.select(asset_alias_asset_event.c.event_id).join(
        dag_schedule_asset_alias_reference,
        dag_schedule_asset_alias_reference.c.alias_id == asset_alias_asset_event.c.alias_id,
    ).where(dag_schedule_asset_alias_reference.c.dag_id == dag_id)
    query = sa.select(asset_event.c.id).where(
        sa.or_(asset_event.c.asset_id.in_(scheduled), asset_event.c.id.in_(via_alias)),
        asset_event.c.timestamp <= triggered,
    )
    if previous is not None:
        query = query.where(asset_event.c.timestamp > previous)
    return list((await conn.scalars(query.order_by(asset_event.c.timestamp, asset_event.c.id))).all())


async def _create_run(conn: AsyncConnection, dag_id: str, rows: list[Any], now: datetime,
                      job_id: int | None) -> bool:
    version = await latest_version(conn, dag_id)
    if version is None:
        return False
    triggered: datetime = max(r.created_at for r in rows)
    run_id = asset_run_id(triggered)
    run_pk = (await conn.execute(sa.insert(dag_run).values(
        dag_id=dag_id, run_id=run_id, run_type=RUN_TYPE, state=DRS.QUEUED.value, queued_at=now,
        logical_date=None, run_after=triggered, data_interval_start=None, data_interval_end=None,
        triggered_by="asset", conf={}, bundle_version=version["bundle_version"],
        created_dag_version_id=version["id"], clear_number=0, creating_job_id=job_id,
    ).returning(dag_run.c.id))).scalar_one()
    await create_run_task_instances(conn, dag_id, run_id, version["id"], None)  # no logical date
    events = await _consumed(conn, dag_id, triggered)
    if events:
        await conn.execute(sa.insert(dagrun_asset_event), [{"dag_run_id": run_pk, "event_id": e} for e in events])
    await conn.execute(sa.delete(_ADRQ).where(_ADRQ.c.target_dag_id == dag_id,
                                              _ADRQ.c.asset_id.in_([r.asset_id for r in rows])))
    return True


async def create_asset_triggered_runs(conn: AsyncConnection, now: datetime, job_id: int | None) -> int:
    """Create the runs of every DAG whose queued asset events satisfy its condition; how many were created."""
    if await conn.scalar(sa.select(_ADRQ.c.asset_id).limit(1)) is None:
        return 0
    query = (sa.select(_ADRQ.c.asset_id, _ADRQ.c.target_dag_id, _ADRQ.c.created_at, dag.c.asset_expression,
                       dag.c.is_paused, dag.c.is_stale, dag.c.timetable_partitioned)
             .join(dag, dag.c.dag_id == _ADRQ.c.target_dag_id))
    if conn.dialect.name == "postgresql":  # another scheduler working on these entries: leave them to it
        query = query.with_for_update(of=_ADRQ, skip_locked=True)
    rows = (await conn.execute(query)).all()
    by_dag: dict[str, list[Any]] = defaultdict(list)
    dropped: list[str] = []
    for row in rows:
        if row.asset_expression is None:
            dropped.append(row.target_dag_id)  # the DAG is no longer scheduled on assets
        elif not (row.is_paused or row.is_stale or row.timetable_partitioned):
            by_dag[row.target_dag_id].append(row)
    if dropped:
        await conn.execute(sa.delete(_ADRQ).where(_ADRQ.c.target_dag_id.in_(sorted(set(dropped)))))
    created = 0
    for dag_id in sorted(by_dag):
        entries = by_dag[dag_id]
        resolver = _Resolver(conn, {r.asset_id for r in entries})
        if await resolver.ready(entries[0].asset_expression) and await _create_run(conn, dag_id, entries, now, job_id):
            created += 1
    return created
