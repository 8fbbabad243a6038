"""Dynamic task mapping at run time: when a mapped task's upstream tasks are done, its expansion length is
known (literal lists, or an upstream task's XCom list/dict), and its placeholder task instance
(``map_index`` -1) becomes one task instance per element. An empty expansion skips the task."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.execution.task_instances import uuid7
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.gateway.store.tables import xcom


class Unmappable(Exception):
    """The value to expand over is not a list or a dict (Airflow fails the task)."""


async def _length(conn: AsyncConnection, dag_id: str, run_id: str, value: Any) -> int:
    if isinstance(value, list | dict) and not (isinstance(value, dict) and value.get("__type") == "xcomarg"):
        return len(value)
    if isinstance(value, dict) and value.get("__type") == "xcomarg":
        pushed = (await conn.execute(sa.select(xcom.c.value).where(
            xcom.c.dag_id == dag_id, xcom.c.run_id == run_id, xcom.c.task_id == value["task_id"],
            xcom.c.key == (value.get("key") or "return_value"),
        ).order_by(xcom.c.map_index))).scalars().all()
        if len(pushed) > 1:  # a mapped upstream: one element per instance
            return len(pushed)
        found = pushed[0] if pushed else None
        if isinstance(found, list | dict):
            return len(found)
        raise Unmappable(f"cannot map over XCom of {value['task_id']!r} with value type {type(found).__name__}")
    raise Unmappable(f"cannot map over {type(value).__name__}")


async def expansion_length(conn: AsyncConnection, dag_id: str, run_id: str, task: dict[str, Any]) -> int:
    """How many task instances the mapped ``task`` expands to in this run."""
    mapping = task.get("mapping") or {}
    expand = mapping.get("expand_input")
    if mapping.get("expand_type") == "list":
        return await _length(conn, dag_id, run_id, expand)
    length = 1
    for value in (expand or {}).values():
        length *= await _length(conn, dag_id, run_id, value)
    return length


async def expand(conn: AsyncConnection, ti: Any, count: int, now: datetime) -> None:
    """Turn the placeholder ``ti`` into ``count`` scheduled task instances (map indexes 0..count-1)."""
    row = (await conn.execute(sa.select(ti_t).where(ti_t.c.id == ti.id))).mappings().one()
    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(
        map_index=0, state="scheduled", try_number=row["try_number"] + 1, scheduled_dttm=now))
    copies = []
    for index in range(1, count):
        copy = dict(row)
        copy.update(id=uuid7(), map_index=index, state="scheduled", try_number=row["try_number"] + 1,
                    scheduled_dttm=now, updated_at=now)
        copies.append(copy)
    if copies:
        await conn.execute(sa.insert(ti_t), copies)
