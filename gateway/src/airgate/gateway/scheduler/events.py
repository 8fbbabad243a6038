"""Executor events (facts about processes) turned into decisions, and zombies.

- ``started``/``adopted``: the process's ``external_executor_id`` and pid are stored with the task
  instance (all a later ``adopt()`` gets after a restart).
- ``exited``/``lost`` while the task instance of that try is still ``queued``, ``running`` or ``restarting``
  (cleared while running): the process
  ended without reporting a final state through the Execution API, so the try failed: ``up_for_retry``
  while tries remain (the try goes to the history and the task instance gets a new id, as the Execution
  API does), else ``failed``.
- ``exited``/``lost`` of a try cleared while running (``restarting``): the try goes to the history and the
  task instance has no state again, so it runs again (Airflow does so when the executor reports the stopped
  process).
- a ``running`` task instance without a heartbeat for ``heartbeat_timeout`` is a zombie: same decision.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.execution.task_instances import _archive_try
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import transition
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.sdk import EventKind, ExecutorEvent, TaskInstanceKey

LIVE = (TIS.QUEUED.value, TIS.RUNNING.value, TIS.RESTARTING.value)  # restarting: cleared while running


def _key_clause(key: TaskInstanceKey) -> sa.ColumnElement[bool]:
    return sa.and_(ti_t.c.dag_id == key.dag_id, ti_t.c.task_id == key.task_id, ti_t.c.run_id == key.run_id,
                   ti_t.c.map_index == key.map_index, ti_t.c.try_number == key.try_number)


async def fail_try(conn: AsyncConnection, ti: Any, now: datetime) -> str:
    """Fail a try whose process is gone: ``up_for_retry`` if tries remain, else ``failed``."""
    retry = ti.max_tries is not None and ti.try_number <= ti.max_tries
    target = TIS.UP_FOR_RETRY if retry else TIS.FAILED
    duration = (now - ti.start_date).total_seconds() if ti.start_date is not None else None
    values: dict[str, Any] = {"state": transition(ti.state, target), "end_date": now, "duration": duration}
    if retry:
        values["id"] = await _archive_try(conn, ti)
    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(**values))
    return target.value


def _key_columns() -> sa.Tuple:
    return sa.tuple_(ti_t.c.dag_id, ti_t.c.task_id, ti_t.c.run_id, ti_t.c.map_index, ti_t.c.try_number)


async def record_started(conn: AsyncConnection, events: list[ExecutorEvent]) -> None:
    """Store the ``external_executor_id`` of started/adopted processes: one executemany for a burst."""
    rows = [{"k_dag": e.key.dag_id, "k_task": e.key.task_id, "k_run": e.key.run_id, "k_map": e.key.map_index,
             "k_try": e.key.try_number, "v_external": e.external_executor_id}
            for e in events if e.kind in (EventKind.STARTED, EventKind.ADOPTED) and e.external_executor_id is not None]
    if rows:
        await conn.execute(sa.update(ti_t).where(
            ti_t.c.dag_id == sa.bindparam("k_dag"), ti_t.c.task_id == sa.bindparam("k_task"),
            ti_t.c.run_id == sa.bindparam("k_run"), ti_t.c.map_index == sa.bindparam("k_map"),
            ti_t.c.try_number == sa.bindparam("k_try"),
        ).values(external_executor_id=sa.bindparam("v_external")), rows)


async def still_live(conn: AsyncConnection, keys: list[TaskInstanceKey]) -> set[TaskInstanceKey]:
    """Which of ``keys`` name a try that is still queued, running or restarting (one query)."""
    if not keys:
        return set()
    rows = await conn.execute(sa.select(ti_t.c.dag_id, ti_t.c.task_id, ti_t.c.run_id, ti_t.c.try_number,
                                        ti_t.c.map_index).where(
        _key_columns().in_([(k.dag_id, k.task_id, k.run_id, k.map_index, k.try_number) for k in keys]),
        ti_t.c.state.in_(LIVE)))
    return {TaskInstanceKey(r.dag_id, r.task_id, r.run_id, r.try_number, r.map_index) for r in rows}


async def apply_event(conn: AsyncConnection, event: ExecutorEvent, now: datetime) -> str | None:
    """Record one executor event; the new task state when it decided one."""
    if event.kind in (EventKind.STARTED, EventKind.ADOPTED):
        await record_started(conn, [event])
        return None
    if event.kind not in (EventKind.EXITED, EventKind.LOST):
        return None
    query = sa.select(ti_t).where(_key_clause(event.key), ti_t.c.state.in_(LIVE))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    ti = (await conn.execute(query)).first()
    if ti is None:
        return None
    if ti.state == TIS.RESTARTING:  # cleared while running, its process is gone now: ready for a new try
        await clear_stopped_try(conn, ti)
        return None
    return await fail_try(conn, ti, now)


async def clear_stopped_try(conn: AsyncConnection, ti: Any) -> None:
    """A try cleared while running whose process ended: the try goes to the history and the task instance
    gets a new id and no state, so the next pass schedules it again (``max_tries`` was raised by the clear)."""
    new_id = await _archive_try(conn, ti)
    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(
        id=new_id, state=transition(ti.state, None), external_executor_id=None, next_method=None,
        next_kwargs=None, trigger_id=None))


async def reap_zombies(conn: AsyncConnection, now: datetime, timeout: timedelta) -> int:
    """Fail or retry running task instances whose heartbeat is older than ``timeout``."""
    query = sa.select(ti_t).where(ti_t.c.state == TIS.RUNNING.value, ti_t.c.last_heartbeat_at < now - timeout)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = (await conn.execute(query)).all()
    for ti in rows:
        await fail_try(conn, ti, now)
    return len(rows)
