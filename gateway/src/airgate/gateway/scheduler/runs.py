"""Dag runs: scheduled runs from timetables (created with their task instances), starting queued runs
(``max_active_runs``, paused DAGs wait), and finishing runs whose task instances are all done.

Every state change goes through :func:`airgate.gateway.states.transition`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.scheduler.autopause import pause_after_failures
from airgate.gateway.scheduler.backfills import backfill_gate, complete_backfills
from airgate.gateway.scheduler.docs import DagDoc, DocCache
from airgate.gateway.scheduler.timetables import next_run
from airgate.gateway.services.dag_runs_trigger import latest_version, run_id_for
from airgate.gateway.services.run_task_instances import create_run_task_instances, create_task_instances
from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import is_finished, transition
from airgate.gateway.store.tables import dag, dag_run, serialized_dag, task_instance

_ACTIVE = (DRS.QUEUED.value, DRS.RUNNING.value)


log = logging.getLogger("airgate.scheduler")

async def create_scheduled_runs(conn: AsyncConnection, now: datetime, job_id: int | None) -> int:
    """Create the due scheduled run of every unpaused DAG with a timetable; how many were created."""
    rows = (await conn.execute(
        sa.select(dag.c.dag_id, dag.c.max_active_runs).where(
            dag.c.is_paused.is_(False), dag.c.is_stale.is_(False),
            dag.c.timetable_type.notin_(["", "NullTimetable", "AssetTriggeredTimetable"]),
        )
    )).all()
    active: dict[str, int] = dict((await conn.execute(
        sa.select(dag_run.c.dag_id, sa.func.count()).where(dag_run.c.state.in_(_ACTIVE), dag_run.c.run_type != "backfill")
        .group_by(dag_run.c.dag_id)
    )).all())
    created = 0
    for dag_id, max_active_runs in rows:
        if active.get(dag_id, 0) >= (max_active_runs if max_active_runs is not None else 16):
            continue  # as Airflow: no new scheduled run while max_active_runs are queued or running
        version = await latest_version(conn, dag_id)
        if version is None:
            continue
        data = await conn.scalar(sa.select(serialized_dag.c.data).where(serialized_dag.c.dag_version_id == version["id"]))
        if not data:
            continue
        last = (await conn.execute(
            sa.select(dag_run.c.data_interval_end).where(dag_run.c.dag_id == dag_id, dag_run.c.run_type == "scheduled")
            .order_by(dag_run.c.data_interval_end.desc()).limit(1)
        )).first()
        any_run = await conn.scalar(sa.select(sa.func.count()).select_from(dag_run).where(dag_run.c.dag_id == dag_id))
        info = next_run(dict(data), last[0] if last else None, bool(any_run), now)
        if info is None or info.run_after > now:
            continue
        run_id = run_id_for("scheduled", info.logical_date)
        await conn.execute(sa.insert(dag_run).values(
            dag_id=dag_id, run_id=run_id, run_type="scheduled",
            state=DRS.QUEUED.value, queued_at=now, logical_date=info.logical_date, run_after=info.run_after,
            data_interval_start=info.interval_start, data_interval_end=info.interval_end,
            triggered_by="timetable", conf={}, bundle_version=version["bundle_version"],
            created_dag_version_id=version["id"], clear_number=0, creating_job_id=job_id,
        ))
        await create_run_task_instances(conn, dag_id, run_id, version["id"], info.logical_date)
        created += 1
    return created


async def start_queued_runs(conn: AsyncConnection, now: datetime, docs: DocCache) -> int:
    """Move due queued runs of unpaused DAGs to running within ``max_active_runs`` (a backfill's runs within
    the backfill's, see :mod:`.backfills`); create the TIs they miss (a run cleared onto a newer DAG version).
    Then mark finished backfills completed."""
    running: dict[str, int] = dict((await conn.execute(
        sa.select(dag_run.c.dag_id, sa.func.count()).where(dag_run.c.state == DRS.RUNNING.value,
                                                           dag_run.c.backfill_id.is_(None))
        .group_by(dag_run.c.dag_id)
    )).all())
    queued = (await conn.execute(
        sa.select(dag_run.c.id, dag_run.c.dag_id, dag_run.c.run_id, dag_run.c.state, dag_run.c.created_dag_version_id,
                  dag.c.max_active_runs, dag_run.c.backfill_id, dag_run.c.logical_date)
        .join(dag, dag.c.dag_id == dag_run.c.dag_id)
        .where(dag_run.c.state == DRS.QUEUED.value, dag.c.is_paused.is_(False), dag_run.c.run_after <= now)
        .order_by(dag_run.c.run_after, dag_run.c.id)
    )).all()
    started = 0
    gate = await backfill_gate(conn, queued)  # backfill runs: last, in order, within the backfill's limit
    for run in gate.order(queued):
        limit = run.max_active_runs if run.max_active_runs is not None else 16
        if run.backfill_id is not None:
            if not gate.admit(run):
                continue
        elif running.get(run.dag_id, 0) >= limit:
            continue
        doc = await docs.get(conn, run.created_dag_version_id) if run.created_dag_version_id else None
        if doc is None:
            continue
        await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
            state=transition(run.state, DRS.RUNNING), start_date=now, last_scheduling_decision=now,
        ))
        await create_task_instances(
            conn, run.dag_id, run.run_id, doc, None if run.backfill_id is not None else run.logical_date
        )
        running[run.dag_id] = running.get(run.dag_id, 0) + 1
        started += 1
    await complete_backfills(conn, now)  # a backfill none of whose runs is queued or running is done
    return started


async def time_out_run(conn: AsyncConnection, run: Any, doc: DagDoc, now: datetime) -> bool:
    """Fail a run that exceeded its DAG's ``dagrun_timeout``; its unfinished task instances are skipped."""
    timeout = doc.doc.get("dagrun_timeout")
    if not timeout or run.start_date is None or run.start_date + timedelta(seconds=float(timeout)) > now:
        return False
    unfinished = (await conn.execute(
        sa.select(task_instance.c.id, task_instance.c.state).where(
            task_instance.c.dag_id == run.dag_id, task_instance.c.run_id == run.run_id)
    )).all()
    for ti in unfinished:
        if not is_finished(ti.state):
            await conn.execute(sa.update(task_instance).where(task_instance.c.id == ti.id).values(
                state=transition(ti.state, TIS.SKIPPED), end_date=now))
    await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
        state=transition(run.state, DRS.FAILED), end_date=now, last_scheduling_decision=now))
    return True


def deadlocked(doc: DagDoc, states: dict[str, list[str | None]]) -> bool:
    """Whether a run whose pass decided nothing can never go on (Airflow's "task deadlock"): every task instance
    is finished or waits with no state, at least one waits, and none of the waiting ones is held by something
    outside the run (``depends_on_past``, a task concurrency limit) or belongs to a task the document lacks."""
    waiting = [task_id for task_id, values in states.items() for s in values if s is None]
    if not waiting or not all(s is None or is_finished(s) for values in states.values() for s in values):
        return False
    for task_id in waiting:
        task = doc.tasks.get(task_id)
        if task is None or task.get("depends_on_past") or task.get("wait_for_downstream") \
                or task.get("max_active_tis_per_dag") is not None \
                or task.get("max_active_tis_per_dagrun") is not None:
            return False
    return True


async def fail_deadlocked(conn: AsyncConnection, run: Any, now: datetime) -> None:
    """Fail a deadlocked run, as Airflow does (its waiting task instances keep no state)."""
    log.error("Task deadlock (no runnable tasks); marking run %s/%s failed", run.dag_id, run.run_id)
    await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
        state=transition(run.state, DRS.FAILED), end_date=now, last_scheduling_decision=now,
    ))


async def finish_run(conn: AsyncConnection, run: Any, doc: DagDoc, states: dict[str, list[str | None]],
                     now: datetime) -> str | None:
    """Set a running run to success/failed when all its task instances are finished (leaves decide)."""
    if not all(is_finished(s) for values in states.values() for s in values):
        return None
    failed = any(s in (TIS.FAILED, TIS.UPSTREAM_FAILED) for leaf in doc.leaves for s in states.get(leaf, []))
    target = DRS.FAILED if failed else DRS.SUCCESS
    await conn.execute(sa.update(dag_run).where(dag_run.c.id == run.id).values(
        state=transition(run.state, target), end_date=now, last_scheduling_decision=now,
    ))
    if target == DRS.FAILED:
        await pause_after_failures(conn, run.dag_id)
    return target.value
