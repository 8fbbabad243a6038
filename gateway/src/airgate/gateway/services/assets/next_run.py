"""The UI's asset views: what an asset-scheduled DAG waits for (``next_run_assets``) and partitioned dag runs.

Airgate creates no partitioned asset runs (no ``PartitionedAssetTimetable`` scheduling), so the partitioned
views answer as Airflow does when a DAG has none: an empty list, or 404 for a pending partition.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.ui.dags import asset_expression_body
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_dag_run_queue,
    asset_event,
    dag,
    dag_run,
    dag_schedule_asset_reference,
)

PARTITIONED = "Partitioned Asset"


def _unknown_dag(dag_id: str) -> HTTPError:
    return HTTPError(404, f"Dag with id {dag_id} was not found")


async def next_run_assets(conn: AsyncConnection, dag_id: str) -> dict[str, Any]:
    """The DAG's asset condition and, per active asset it is scheduled on, the latest event while queued."""
    row = (await conn.execute(sa.select(dag.c.timetable_summary, dag.c.asset_expression)
                              .where(dag.c.dag_id == dag_id))).first()
    if row is None:
        raise _unknown_dag(dag_id)
    last_logical = await conn.scalar(
        sa.select(dag_run.c.logical_date)
        .where(dag_run.c.dag_id == dag_id, dag_run.c.logical_date.is_not(None), dag_run.c.run_type != "manual")
        .order_by(dag_run.c.logical_date.desc()).limit(1))
    since = sa.true() if last_logical is None else asset_event.c.timestamp >= last_logical
    queued = sa.exists().where(asset_dag_run_queue.c.asset_id == asset.c.id,
                               asset_dag_run_queue.c.target_dag_id == dag_id)
    partitioned = row.timetable_summary == PARTITIONED
    query = (
        sa.select(asset.c.id, asset.c.uri, asset.c.name, sa.func.max(asset_event.c.timestamp).label("last"),
                  sa.false().label("queued") if partitioned else queued.label("queued"))
        .join(dag_schedule_asset_reference, dag_schedule_asset_reference.c.asset_id == asset.c.id)
        .outerjoin(asset_event, sa.and_(asset_event.c.asset_id == asset.c.id, since))
        .where(dag_schedule_asset_reference.c.dag_id == dag_id,
               sa.exists().where(asset_active.c.name == asset.c.name, asset_active.c.uri == asset.c.uri))
        .group_by(asset.c.id, asset.c.uri, asset.c.name)
        .order_by(asset.c.uri)
    )
    events = [{"id": r.id, "uri": r.uri, "name": r.name, "lastUpdate": r.last if r.queued else None}
              for r in await conn.execute(query)]
    body: dict[str, Any] = {"asset_expression": await asset_expression_body(conn, row.asset_expression),
                            "events": events}
    if partitioned:
        body["pending_partition_count"] = 0
    return body


async def partitioned_dag_runs(conn: AsyncConnection, dag_id: str | None) -> dict[str, Any]:
    """``get_partitioned_dag_runs``: 404 for an unknown DAG; no partitioned runs exist."""
    if dag_id is not None:
        found = await conn.scalar(sa.select(sa.func.count()).select_from(dag).where(dag.c.dag_id == dag_id))
        if not found:
            raise _unknown_dag(dag_id)
    return {"partitioned_dag_runs": [], "total": 0, "asset_expressions": None}


async def pending_partitioned_dag_run(conn: AsyncConnection, dag_id: str, partition_key: str) -> dict[str, Any]:
    """``get_pending_partitioned_dag_run``: no partition is ever pending."""
    raise HTTPError(404, f"No PartitionedDagRun for dag={dag_id} partition={partition_key}")
