"""``materialize_asset``: a queued ``asset_materialization`` run (with its task instances) of the one DAG whose task
produces the asset."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_runs_trigger
from airgate.gateway.services.run_task_instances import create_run_task_instances
from airgate.gateway.services.trigger_params import check_conf
from airgate.gateway.store.tables import dag, dag_run, serialized_dag, task_outlet_asset_reference

RUN_TYPE = "asset_materialization"


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def producing_dag(conn: AsyncConnection, asset_id: int) -> str:
    """The one DAG with a task producing the asset (404 none, 409 several)."""
    ref = task_outlet_asset_reference
    found = (await conn.scalars(sa.select(ref.c.dag_id).where(ref.c.asset_id == asset_id)
                                .group_by(ref.c.dag_id).order_by(ref.c.dag_id).limit(2))).all()
    if not found:
        raise HTTPError(404, f"No Dag materializes asset with ID: {asset_id}")
    if len(found) > 1:
        raise HTTPError(409, f"More than one Dag materializes asset with ID: {asset_id}")
    return str(found[0])


async def materialize(conn: AsyncConnection, asset_id: int, fields: Mapping[str, Any],
                      user: str | None) -> dict[str, Any]:
    """Create the run; its ``DAGRunResponse``. A duplicate run id raises the store's ``UniqueViolation``."""
    dag_id = await producing_dag(conn, asset_id)
    allowed = await conn.scalar(sa.select(dag.c.allowed_run_types).where(dag.c.dag_id == dag_id))
    if allowed is not None and RUN_TYPE not in allowed:
        raise HTTPError(400, f"Dag with dag_id: '{dag_id}' does not allow asset materialization runs")
    version = await dag_runs_trigger.latest_version(conn, dag_id)
    if version is None:
        raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")
    doc = await conn.scalar(sa.select(serialized_dag.c.data).where(serialized_dag.c.dag_version_id == version["id"]))
    check_conf((doc or {}).get("params") or {}, fields.get("conf") or {})
    now = datetime.now(UTC)
    logical_date = _utc(fields.get("logical_date"))
    run_after = _utc(fields.get("run_after")) or logical_date or now
    start, end = _utc(fields.get("data_interval_start")), _utc(fields.get("data_interval_end"))
    if logical_date is None:
        start = end = None
    elif start is None or end is None:
        start = end = logical_date
    run_id = fields.get("dag_run_id") or dag_runs_trigger.run_id_for(RUN_TYPE, logical_date or run_after)
    await conn.execute(sa.insert(dag_run).values(
        dag_id=dag_id, run_id=run_id, run_type=RUN_TYPE, state="queued", queued_at=now,
        logical_date=logical_date, run_after=run_after, data_interval_start=start, data_interval_end=end,
        triggered_by="rest_api", triggering_user_name=user, conf=fields.get("conf") or {},
        note=fields.get("note"), partition_key=fields.get("partition_key"),
        bundle_version=version["bundle_version"], created_dag_version_id=version["id"], clear_number=0,
    ))
    await create_run_task_instances(conn, dag_id, run_id, version["id"], logical_date)
    return await dag_runs_trigger.get(conn, dag_id, run_id)
