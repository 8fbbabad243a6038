"""The Gantt chart of a dag run (``get_gantt_data``): every try of every unmapped task instance.

Current task instances in ``up_for_retry`` are left out (their finished try is in the history); mapped task
instances are left out (the grid shows their summaries). Ordered by task id, then try number.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.states import TaskInstanceState
from airgate.gateway.store.tables import task_instance, task_instance_history

_FIELDS = ("task_id", "try_number", "state", "scheduled_dttm", "queued_dttm", "start_date", "end_date")


def _tries(table: sa.Table, dag_id: str, run_id: str) -> sa.Select[Any]:
    return sa.select(
        *(table.c[name] for name in _FIELDS),
        sa.func.coalesce(table.c.task_display_name, table.c.task_id).label("task_display_name"),
    ).where(table.c.dag_id == dag_id, table.c.run_id == run_id, table.c.map_index == -1)


async def get_gantt_data(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """``get_gantt_data``: 404 when the run has no task instances (or does not exist)."""
    current = _tries(task_instance, dag_id, run_id).where(
        sa.or_(task_instance.c.state != TaskInstanceState.UP_FOR_RETRY.value, task_instance.c.state.is_(None)))
    both = sa.union_all(current, _tries(task_instance_history, dag_id, run_id)).subquery()
    rows = (await conn.execute(sa.select(both).order_by(both.c.task_id, both.c.try_number))).mappings().all()
    if not rows:
        raise HTTPError(404, f"No task instances for dag_id={dag_id} run_id={run_id}")
    tis = [{"task_id": r["task_id"], "task_display_name": r["task_display_name"], "try_number": r["try_number"],
            "state": r["state"], "scheduled_dttm": r["scheduled_dttm"], "queued_dttm": r["queued_dttm"],
            "start_date": r["start_date"], "end_date": r["end_date"], "is_group": False, "is_mapped": False}
           for r in rows]
    return {"dag_id": dag_id, "run_id": run_id, "task_instances": tis}
