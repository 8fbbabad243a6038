"""Creating a dag run by hand (``trigger_dag_run``) and reading one back (``get_dag_run``).

A triggered run is ``queued``, pinned to the DAG's latest version, with its task instances (no state yet, as
Airflow creates them with the run); the scheduler starts it when the DAG is
not paused and ``max_active_runs`` allows. Run id, data interval and ``run_after`` follow Airflow 3.2:
``manual__<logical_date or run_after, ISO>``, no data interval without a ``logical_date``, an exact
interval (start = end = ``logical_date``) with one unless the body gives the interval.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.dag_versions import version_body
from airgate.gateway.services.run_task_instances import create_run_task_instances
from airgate.gateway.services.trigger_params import check_conf
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def run_id_for(run_type: str, when: datetime) -> str:
    """Airflow's generated run id: ``<run_type>__<ISO date-time with offset>``."""
    return f"{run_type}__{when.isoformat()}"


async def latest_version(conn: AsyncConnection, dag_id: str) -> Mapping[Any, Any] | None:
    """The newest ``dag_version`` row of ``dag_id``."""
    query = (
        sa.select(dag_version).where(dag_version.c.dag_id == dag_id)
        .order_by(dag_version.c.version_number.desc()).limit(1)
    )
    return (await conn.execute(query)).mappings().first()


async def trigger(
    conn: AsyncConnection, dag_id: str, fields: Mapping[str, Any], user: str | None, triggered_by: str = "rest_api"
) -> dict[str, Any]:
    """Create a queued manual run from a ``TriggerDAGRunPostBody``'s given fields; its ``DAGRunResponse``.

    ``triggered_by`` is ``ui`` when the request came from a page (Airflow tells them apart by the Referer header).

    404 for an unknown DAG; a duplicate run id or logical date raises the store's ``UniqueViolation``.
    """
    row = (await conn.execute(sa.select(dag).where(dag.c.dag_id == dag_id, dag.c.is_stale.is_(False))
                              )).mappings().first()
    if row is None:
        raise HTTPError(404, f"Dag with dag_id: '{dag_id}' not found")
    if row["has_import_errors"]:
        raise HTTPError(400, f"Dag with dag_id: '{dag_id}' has import errors and cannot be triggered")
    if row["allowed_run_types"] is not None and "manual" not in row["allowed_run_types"]:
        raise HTTPError(400, f"Dag with dag_id: '{dag_id}' does not allow manual runs")
    version = await latest_version(conn, dag_id)
    if version is None:
        raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")
    doc = await conn.scalar(sa.select(serialized_dag.c.data).where(serialized_dag.c.dag_version_id == version["id"]))
    check_conf((doc or {}).get("params") or {}, fields.get("conf") or {})
    now = datetime.now(UTC)
    logical_date = _utc(fields.get("logical_date"))
    run_after = _utc(fields.get("run_after")) or now  # not the logical date: Airflow's default is now
    start = _utc(fields.get("data_interval_start"))
    end = _utc(fields.get("data_interval_end"))
    if logical_date is not None and (start is None or end is None):
        start = end = logical_date
    if logical_date is None:
        start = end = None
    run_id = fields.get("dag_run_id") or run_id_for("manual", run_after)
    values = {
        "dag_id": dag_id,
        "run_id": run_id,
        "run_type": "manual",
        "state": "queued",
        "queued_at": now,
        "logical_date": logical_date,
        "run_after": run_after,
        "data_interval_start": start,
        "data_interval_end": end,
        "triggered_by": triggered_by,
        "triggering_user_name": user,
        "conf": fields.get("conf") or {},
        "note": fields.get("note"),
        "partition_key": fields.get("partition_key"),
        "bundle_version": version["bundle_version"],
        "created_dag_version_id": version["id"],
        "clear_number": 0,
    }
    await conn.execute(sa.insert(dag_run).values(**values))
    await create_run_task_instances(conn, dag_id, run_id, version["id"], logical_date)
    return await get(conn, dag_id, run_id)


def run_response(run: Mapping[Any, Any], versions: list[dict[str, Any]], display: str) -> dict[str, Any]:
    """A ``dag_run`` row as Airflow's ``DAGRunResponse``."""
    start, end = run["start_date"], run["end_date"]
    return {
        "dag_run_id": run["run_id"],
        "dag_id": run["dag_id"],
        "logical_date": run["logical_date"],
        "queued_at": run["queued_at"],
        "start_date": start,
        "end_date": end,
        "duration": (end - start).total_seconds() if start is not None and end is not None else None,
        "data_interval_start": run["data_interval_start"],
        "data_interval_end": run["data_interval_end"],
        "run_after": run["run_after"],
        "last_scheduling_decision": run["last_scheduling_decision"],
        "run_type": run["run_type"],
        "state": run["state"],
        "triggered_by": run["triggered_by"],
        "triggering_user_name": run["triggering_user_name"],
        "conf": run["conf"],
        "note": run["note"],
        "dag_versions": versions,
        "bundle_version": run["bundle_version"],
        "dag_display_name": display,
        "partition_key": run["partition_key"],
    }


async def get(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """``get_dag_run``: one run (404 with Airflow's message)."""
    run = (
        await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id))
    ).mappings().first()
    if run is None:
        raise HTTPError(404, f"The DagRun with dag_id: `{dag_id}` and run_id: `{run_id}` was not found")
    display = await conn.scalar(
        sa.select(sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id)).where(dag.c.dag_id == dag_id)
    )
    versions: list[dict[str, Any]] = []
    if run["created_dag_version_id"] is not None:
        version = (
            await conn.execute(sa.select(dag_version).where(dag_version.c.id == run["created_dag_version_id"]))
        ).mappings().first()
        if version is not None:
            versions.append(version_body(version, display or dag_id))
    return run_response(run, versions, display or dag_id)
