"""Operator extra links of a task instance (``get_extra_links``).

Airgate's compiled DAGs record no operator links, so every task answers an empty set, as Airflow does for
operators without links (BashOperator, ``@task``...). The errors are Airflow's.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized
from airgate.gateway.store.tables import task_instance, task_instance_history


async def extra_links(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                      try_number: int | None) -> dict[str, Any]:
    """``{"extra_links": {name: url}, "total_entries": n}`` of one TI (or one of its past tries)."""
    ti = task_instance
    row = (await conn.execute(sa.select(ti.c.try_number).where(
        ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index))).first()
    if row is None:
        raise HTTPError(404, "TaskInstance not found")
    data = await dag_serialized.latest(conn, dag_id) or {}
    if task_id not in {t["task_id"] for t in data.get("tasks", [])}:
        raise HTTPError(404, f"Task with ID = {task_id} not found")
    if try_number is not None and try_number != row.try_number:
        h = task_instance_history
        found = await conn.scalar(sa.select(sa.func.count()).select_from(h).where(
            h.c.dag_id == dag_id, h.c.run_id == run_id, h.c.task_id == task_id, h.c.map_index == map_index,
            h.c.try_number == try_number))
        if not found:
            raise HTTPError(404, f"TaskInstanceHistory not found for try_number={try_number}")
    return {"extra_links": {}, "total_entries": 0}
