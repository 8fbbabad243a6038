"""A task triggers or clears a dag run (``TriggerDagRunOperator``): the Execution API's ``trigger_dag_run`` and
``clear_dag_run``, with Airflow 3.2's checks and ``{"reason", "message"}`` errors.

A triggered run is a queued manual run ``triggered_by`` ``operator`` that inherits the triggering task's run's
``triggering_user_name``; with a ``logical_date`` its data interval is the moment of the trigger (Airflow infers
it from the trigger time). Clearing a run clears all its task instances and queues it again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_runs_trigger, dag_serialized
from airgate.gateway.services.ti_marking import clear_tis, run_tis
from airgate.gateway.store.tables import dag, dag_run, task_instance


def _error(status: int, reason: str, message: str) -> HTTPError:
    return HTTPError(status, {"reason": reason, "message": message})


async def _active_dag(conn: AsyncConnection, dag_id: str) -> Any:
    """The DAG row of a DAG that is not stale and has no import errors (404 / 400 otherwise)."""
    row = (await conn.execute(sa.select(dag.c.dag_id, dag.c.has_import_errors, dag.c.allowed_run_types).where(
        dag.c.dag_id == dag_id, dag.c.is_stale.is_(False)))).first()
    if row is None:
        raise _error(404, "not_found", f"Dag with dag_id: '{dag_id}' not found")
    if row.has_import_errors:
        raise _error(400, "import_errors", f"Dag with dag_id '{dag_id}' has import errors and cannot be triggered")
    return row


async def _parent_user(conn: AsyncConnection, ti_id: str | None) -> str | None:
    """The ``triggering_user_name`` of the run of the task instance that calls."""
    if not ti_id:
        return None
    query = (sa.select(dag_run.c.triggering_user_name)
             .join(task_instance, sa.and_(task_instance.c.dag_id == dag_run.c.dag_id,
                                          task_instance.c.run_id == dag_run.c.run_id))
             .where(task_instance.c.id == ti_id))
    return await conn.scalar(query)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def trigger_run(conn: AsyncConnection, dag_id: str, run_id: str, body: Any, ti_id: str | None) -> None:
    """Create the queued run ``run_id`` of ``dag_id`` (409 when it exists)."""
    row = await _active_dag(conn, dag_id)
    if row.allowed_run_types is not None and "manual" not in row.allowed_run_types:
        raise _error(400, "denied_run_type", f"Dag with dag_id '{dag_id}' does not allow manual runs")
    if await dag_runs_trigger.latest_version(conn, dag_id) is None:
        raise _error(404, "not_found", f"Dag with dag_id: '{dag_id}' not found")
    exists = await conn.scalar(sa.select(sa.func.count()).select_from(dag_run).where(
        dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id))
    if exists:
        raise _error(409, "already_exists", f"A run already exists for Dag '{dag_id}' with run_id '{run_id}'")
    logical_date = _utc(_given(body, "logical_date"))
    if logical_date is not None:
        taken = await conn.scalar(sa.select(dag_run.c.run_id).where(
            dag_run.c.dag_id == dag_id, dag_run.c.logical_date == logical_date))
        if taken is not None:
            raise _error(409, "already_exists",
                         f"A run already exists for Dag '{dag_id}' with logical_date '{logical_date.isoformat()}'")
    if logical_date is not None:
        await _check_start(conn, dag_id, logical_date)
    now = datetime.now(UTC)
    fields: dict[str, Any] = {"dag_run_id": run_id, "logical_date": logical_date, "run_after": now,
                              "conf": _given(body, "conf") or {}, "note": _given(body, "note"),
                              "partition_key": _given(body, "partition_key")}
    if logical_date is not None:
        fields.update(data_interval_start=now, data_interval_end=now)
    await dag_runs_trigger.trigger(conn, dag_id, fields, await _parent_user(conn, ti_id))
    await conn.execute(sa.update(dag_run).where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id)
                       .values(triggered_by="operator"))


async def _check_start(conn: AsyncConnection, dag_id: str, logical_date: datetime) -> None:
    """A ``logical_date`` before the ``start_date`` of the DAG's ``default_args`` is refused (Airflow: 500)."""
    data = await dag_serialized.latest(conn, dag_id) or {}
    start = (data.get("default_args") or {}).get("start_date")
    if isinstance(start, dict) and start.get("__type") == "datetime":
        start = start.get("value")
    if not isinstance(start, str):
        return
    try:
        begin = _utc(datetime.fromisoformat(start.replace("Z", "+00:00")))
    except ValueError:
        return
    if begin is not None and logical_date < begin:
        raise _error(400, "invalid_logical_date",
                     f"Logical date [{logical_date.isoformat()}] should be >= start_date [{begin.isoformat()}] "
                     "from Dag's default_args")


def _given(body: Any, name: str) -> Any:
    value = getattr(body, name, None)
    return None if value is msgspec.UNSET else value


async def clear_run(conn: AsyncConnection, dag_id: str, run_id: str) -> None:
    """Clear every task instance of the run for a new try; the run is queued again."""
    await _active_dag(conn, dag_id)
    run = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                      dag_run.c.run_id == run_id))).first()
    if run is None:
        raise _error(404, "not_found", f"Dag run with run_id: '{run_id}' not found")
    data = await dag_serialized.latest(conn, dag_id) or {}
    retries = {t["task_id"]: int(t.get("retries") or 0) for t in data.get("tasks", [])}
    await clear_tis(conn, await run_tis(conn, run), retries=retries)
