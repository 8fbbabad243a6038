"""``depends_on_past`` and ``wait_for_downstream``: may a task instance run, given its task's instances in the
previous dag run? Airflow 3.2's "Previous Dagrun State" dependency (``PrevDagrunDep``), in order:

- a task without ``depends_on_past`` (``wait_for_downstream`` sets it) passes;
- the first run of a backfill passes;
- the previous run is the latest run with an earlier ``logical_date`` (with ``catchup``: the latest that is not
  manual); a run without ``logical_date`` or without a previous run passes, and so does one whose previous
  run is older than the task's ``start_date`` (with ``catchup``);
- when the previous run has no instance of the task: it passes with ``ignore_first_depends_on_past`` if no
  earlier run has one, otherwise it waits ("has not run yet");
- it waits while any instance of the task in the previous run is not ``success`` / ``skipped``, and with
  ``wait_for_downstream`` while any instance of its direct downstream tasks there is not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import backfill_dag_run, dag_run
from airgate.gateway.store.tables import task_instance as ti_t

NAME = "Previous Dagrun State"
_SUCCESSFUL = ("success", "skipped")


def depends_on_past(task: dict[str, Any]) -> bool:
    """Whether the dependency applies to ``task``."""
    return bool(task.get("depends_on_past") or task.get("wait_for_downstream"))


def _unsuccessful() -> sa.ColumnElement[bool]:
    return sa.or_(ti_t.c.state.is_(None), ti_t.c.state.notin_(_SUCCESSFUL))


def _parse(value: Any) -> datetime | None:
    if isinstance(value, dict) and value.get("__type") == "datetime":
        value = value.get("value")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


async def past_reason(conn: AsyncConnection, dag_id: str, run_id: str, task: dict[str, Any],
                      catchup: bool) -> str | None:
    """Why the task instance of ``task`` in run ``run_id`` must wait for the past, or None when it need not."""
    if not depends_on_past(task):
        return None
    run = (await conn.execute(sa.select(dag_run.c.id, dag_run.c.logical_date, dag_run.c.backfill_id).where(
        dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id))).first()
    if run is None:
        return None
    if run.backfill_id is not None:
        ordinal = await conn.scalar(sa.select(backfill_dag_run.c.sort_ordinal).where(
            backfill_dag_run.c.backfill_id == run.backfill_id, backfill_dag_run.c.dag_run_id == run.id))
        if ordinal == 1:
            return None
    if run.logical_date is None:
        return None
    query = sa.select(dag_run.c.run_id, dag_run.c.logical_date).where(
        dag_run.c.dag_id == dag_id, dag_run.c.logical_date < run.logical_date)
    if catchup:
        query = query.where(dag_run.c.run_type != "manual")
    last = (await conn.execute(query.order_by(dag_run.c.logical_date.desc()).limit(1))).first()
    if last is None:
        return None
    start = _parse(task.get("start_date"))
    if catchup and start is not None and last.logical_date is not None and last.logical_date < start:
        return None
    task_id = task["task_id"]
    mine = (ti_t.c.dag_id == dag_id, ti_t.c.task_id == task_id)
    has_tis = await conn.scalar(sa.select(sa.func.count()).select_from(ti_t).where(*mine, ti_t.c.run_id == last.run_id))
    if not has_tis:
        if task.get("ignore_first_depends_on_past"):
            prior = await conn.scalar(
                sa.select(sa.func.count()).select_from(ti_t)
                .join(dag_run, sa.and_(dag_run.c.dag_id == ti_t.c.dag_id, dag_run.c.run_id == ti_t.c.run_id))
                .where(*mine, dag_run.c.logical_date < run.logical_date))
            if not prior:
                return None
        return "depends_on_past is true for this task's DAG, but the previous task instance has not run yet."
    failing = int(await conn.scalar(sa.select(sa.func.count()).select_from(ti_t).where(
        *mine, ti_t.c.run_id == last.run_id, _unsuccessful())) or 0)
    if failing > 0:
        return (f"depends_on_past is true for this task, but {failing} previous task instance(s) are not in a "
                "successful state.")
    downstream = list(task.get("downstream_task_ids") or [])
    if task.get("wait_for_downstream") and downstream:
        waiting = await conn.scalar(sa.select(sa.func.count()).select_from(ti_t).where(
            ti_t.c.dag_id == dag_id, ti_t.c.task_id.in_(downstream), ti_t.c.run_id == last.run_id,
            _unsuccessful()))
        if waiting:
            return ("The tasks downstream of the previous task instance(s) haven't completed, and "
                    "wait_for_downstream is True.")
    return None
