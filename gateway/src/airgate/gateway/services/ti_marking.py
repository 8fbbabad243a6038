"""What the user does to task instances and runs through the REST API: mark a state, clear for a new try.

Every change goes through :func:`airgate.gateway.states.transition`. A task that is running when it is marked
or cleared is stopped: its next Execution API heartbeat answers 409 ``not_running``, and a stop request
(:mod:`~airgate.gateway.services.ti_stop`) has the scheduler cancel its process through the executor.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.ti_stop import request_stop
from airgate.gateway.states import DagRunState, TaskInstanceState, is_finished, transition
from airgate.gateway.store.tables import (
    dag,
    dag_run,
    dag_version,
    hitl_detail,
    task_instance,
    task_instance_history,
    task_reschedule,
)

TIS = TaskInstanceState
RUNNING_LIKE = (TIS.RUNNING.value, TIS.DEFERRED.value, TIS.UP_FOR_RESCHEDULE.value)


def now() -> datetime:
    """The current time, UTC."""
    return datetime.now(UTC)


def uuid7() -> str:
    """A time-ordered UUID (version 7) for a task instance's next try."""
    ms = time.time_ns() // 1_000_000
    value = (ms & ((1 << 48) - 1)) << 80 | (0x7 << 76) | (int.from_bytes(os.urandom(10)) & ((1 << 76) - 1))
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return str(uuid.UUID(int=value))


def _key(table: sa.Table, row: Any) -> list[sa.ColumnElement[bool]]:
    return [table.c.dag_id == row.dag_id, table.c.task_id == row.task_id, table.c.run_id == row.run_id,
            table.c.map_index == row.map_index]


async def mark_ti(conn: AsyncConnection, row: Any, state: TaskInstanceState, when: datetime) -> None:
    """Set one TI's state as a user mark does (Airflow's ``TaskInstance.set_state``)."""
    target = transition(row.state, state)
    if target != row.state:
        await request_stop(conn, row)
    start = row.start_date or when
    end = (row.end_date or when) if is_finished(target) else row.end_date
    duration = (end - start).total_seconds() if end is not None else None
    await conn.execute(sa.update(task_instance).where(task_instance.c.id == row.id).values(
        state=target.value if target else None, start_date=start, end_date=end, duration=duration))


async def set_run_state(conn: AsyncConnection, run: Any, state: DagRunState, when: datetime) -> None:
    """A run's state change with Airflow's ``DagRun.set_state`` side effects on its dates."""
    target = transition(run.state, state)
    values: dict[str, Any] = {"state": target.value}
    if run.state != target:
        if target == DagRunState.QUEUED:
            values.update(queued_at=when, start_date=None, end_date=None)
        if target == DagRunState.RUNNING:
            finished = run.state in (DagRunState.SUCCESS, DagRunState.FAILED)
            values.update(start_date=when if finished else (run.start_date or when), end_date=None)
        if run.state in (DagRunState.QUEUED, DagRunState.RUNNING, None) and target in (
                DagRunState.SUCCESS, DagRunState.FAILED):
            values["end_date"] = when
    elif target == DagRunState.QUEUED:
        values["queued_at"] = when
    await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(**values))


async def run_tis(conn: AsyncConnection, run: Any) -> list[Any]:
    """Every TI row of a run."""
    query = sa.select(task_instance).where(task_instance.c.dag_id == run.dag_id, task_instance.c.run_id == run.run_id)
    return list((await conn.execute(query)).all())


async def mark_run(conn: AsyncConnection, run: Any, state: DagRunState) -> None:
    """``patch_dag_run`` state: success marks every TI success; failed fails running TIs and skips unfinished
    ones; queued changes only the run."""
    when = now()
    if state == DagRunState.SUCCESS:
        for row in await run_tis(conn, run):
            if row.state != TIS.SUCCESS:
                await mark_ti(conn, row, TIS.SUCCESS, when)
    elif state == DagRunState.FAILED:
        for row in await run_tis(conn, run):
            if row.state in RUNNING_LIKE:
                await mark_ti(conn, row, TIS.FAILED, when)
            elif not is_finished(row.state):
                await mark_ti(conn, row, TIS.SKIPPED, when)
    await set_run_state(conn, run, state, when)


async def _archive(conn: AsyncConnection, row: Any) -> None:
    h = task_instance_history
    exists = await conn.scalar(sa.select(sa.func.count()).select_from(h).where(
        *_key(h, row), h.c.try_number == row.try_number))
    if exists or not row.try_number:
        return
    values = {c.name: getattr(row, c.name) for c in h.columns if c.name != "task_instance_id"}
    values["task_instance_id"] = row.id
    await conn.execute(sa.insert(h).values(**values))


async def clear_tis(conn: AsyncConnection, rows: Sequence[Any], *, run_state: DagRunState | None = None,
                    touch_runs: bool = True, retries: Mapping[str, int] | None = None,
                    latest_version: bool = False) -> None:
    """Clear TIs for a new try (Airflow's ``clear_task_instances``): a running TI becomes ``restarting`` (its
    process is stopped, then the scheduler clears it for a new try), any other keeps its try in the history,
    gets a new id and no state and ``max_tries`` of its try number plus the task's ``retries``; unless
    ``touch_runs`` is false, the runs they belong to get a new clear number and ``queued_at``, and the finished ones
    are queued again (``run_state``, default queued), as Airflow does. ``latest_version`` (Airflow's
    ``run_on_latest_version``): the cleared TIs and their runs move to the DAG's latest version (and bundle
    version) so the scheduler runs them as the DAG is now."""
    when = now()
    runs: set[tuple[str, str]] = set()
    for row in rows:
        runs.add((row.dag_id, row.run_id))
        known = (retries or {}).get(row.task_id)
        max_tries = (row.try_number or 0) + known if known is not None else max(row.max_tries or 0,
                                                                                  row.try_number or 0)
        if row.state == TIS.RUNNING:
            # its process is stopped (and told so at its next heartbeat: 409); its exit then clears it
            transition(row.state, TIS.RESTARTING)
            await request_stop(conn, row)
            await conn.execute(sa.update(task_instance).where(task_instance.c.id == row.id).values(
                state=TIS.RESTARTING.value, max_tries=max(max_tries, row.try_number or 0)))
            continue
        transition(row.state, None)
        await request_stop(conn, row)
        await _archive(conn, row)
        await conn.execute(sa.delete(task_reschedule).where(task_reschedule.c.ti_id == row.id))
        await conn.execute(sa.delete(hitl_detail).where(hitl_detail.c.ti_id == row.id))
        cleared: dict[str, Any] = {"id": uuid7(), "state": None, "external_executor_id": None, "next_method": None,
                                   "next_kwargs": None, "max_tries": max_tries, "trigger_id": None}
        latest = await _latest_version(conn, row.dag_id) if latest_version else None
        if latest is not None:
            cleared["dag_version_id"] = latest.id
        await conn.execute(sa.update(task_instance).where(task_instance.c.id == row.id).values(**cleared))
    for dag_id, run_id in sorted(runs) if touch_runs else ():
        run = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                          dag_run.c.run_id == run_id))).first()
        if run is None:
            continue
        values: dict[str, Any] = {"clear_number": run.clear_number + 1, "queued_at": when}
        if run.state in (DagRunState.SUCCESS, DagRunState.FAILED):
            # only a finished run changes state; a queued or running one keeps its state and start date
            target = run_state or DagRunState.QUEUED
            await set_run_state(conn, run, target, when)
            if target == DagRunState.QUEUED:
                values.update(last_scheduling_decision=None, start_date=None)
        if latest_version:
            values.update(await on_latest_version(conn, run))
        await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(**values))


async def _latest_version(conn: AsyncConnection, dag_id: str) -> Any:
    return (await conn.execute(sa.select(dag_version.c.id).where(dag_version.c.dag_id == dag_id)
                               .order_by(dag_version.c.version_number.desc()).limit(1))).first()


async def on_latest_version(conn: AsyncConnection, run: Any) -> dict[str, Any]:
    """The ``dag_run`` values that move ``run`` to its DAG's latest version (and the DAG's bundle version)."""
    latest = await _latest_version(conn, run.dag_id)
    if latest is None:
        return {}
    values: dict[str, Any] = {"created_dag_version_id": latest.id}
    bundle_version = await conn.scalar(sa.select(dag.c.bundle_version).where(dag.c.dag_id == run.dag_id))
    if bundle_version is not None:
        values["bundle_version"] = bundle_version
    return values
