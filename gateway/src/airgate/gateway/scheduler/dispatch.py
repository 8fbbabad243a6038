"""One scheduling pass over running dag runs: trigger rules decide which task instances are ready (or end
without running), due retries and reschedules come back, and ready task instances are queued within pool
slots, ``max_active_tasks`` and the executor's free slots in Airflow's order: highest ``priority_weight``
first, then the run's ``logical_date``, then the map index.

On PostgreSQL the scheduled rows are claimed ``FOR UPDATE SKIP LOCKED`` so two schedulers never queue the
same task instance; on SQLite the pass runs inside one ``BEGIN IMMEDIATE`` write.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.scheduler.docs import DagDoc, DocCache
from airgate.gateway.scheduler.group_mapping import (
    expand_groups,
    is_placeholder,
    member_groups,
    upstream_states,
)
from airgate.gateway.scheduler.mapping import Unmappable, expand, expansion_length
from airgate.gateway.scheduler.past import depends_on_past, past_reason
from airgate.gateway.scheduler.readiness import Upstream, Verdict, decide
from airgate.gateway.scheduler.runs import deadlocked, fail_deadlocked, finish_run, time_out_run
from airgate.gateway.scheduler.skipmixin import pending_records, skipped_by
from airgate.gateway.scheduler.task_limits import TaskLimits
from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import is_finished, transition
from airgate.gateway.store.tables import dag, dag_run, slot_pool, task_reschedule
from airgate.gateway.store.tables import task_instance as ti_t

_BUSY = (TIS.QUEUED.value, TIS.RUNNING.value)


@dataclass(frozen=True)
class Queued:
    """A task instance this pass queued: what is needed to build its workload."""

    id: str
    dag_id: str
    task_id: str
    run_id: str
    map_index: int
    try_number: int
    pool_slots: int
    queue: str
    priority_weight: int
    dag_version_id: str
    executor: str | None


def retry_delay(task: dict[str, Any], try_number: int) -> timedelta:
    """The wait before retry ``try_number + 1`` (``retry_exponential_backoff`` capped by ``max_retry_delay``)."""
    base = float(task.get("retry_delay") or 0)
    backoff = float(task.get("retry_exponential_backoff") or 0)
    if backoff:
        base = base * (2 ** max(try_number - 1, 0)) * (backoff if backoff > 1 else 1)
        cap = task.get("max_retry_delay")
        if cap is not None:
            base = min(base, float(cap))
    return timedelta(seconds=base)


async def decide_runs(conn: AsyncConnection, now: datetime, docs: DocCache) -> tuple[int, int]:
    """Apply trigger rules, retries and reschedules in every running run; finish complete runs.

    Returns how many task instances became ``scheduled`` and how many runs finished.
    """
    runs = (await conn.execute(
        sa.select(dag_run.c.id, dag_run.c.dag_id, dag_run.c.run_id, dag_run.c.state, dag_run.c.start_date,
                  dag_run.c.created_dag_version_id).where(dag_run.c.state == DRS.RUNNING.value)
    )).all()
    scheduled = finished = 0
    for run in runs:
        doc = await docs.get(conn, run.created_dag_version_id) if run.created_dag_version_id else None
        if doc is not None and await time_out_run(conn, run, doc, now):
            finished += 1
        elif doc is not None:
            count, done = await _decide_run(conn, run, doc, now)
            scheduled, finished = scheduled + count, finished + done
    return scheduled, finished


_UNDECIDED = (None, TIS.UP_FOR_RETRY.value, TIS.UP_FOR_RESCHEDULE.value)


async def _nothing_to_decide(conn: AsyncConnection, run: Any) -> bool:
    """Whether the run's task instances are all waiting for processes (scheduled, queued, running, ...) or
    done, with some not done: no trigger rule, retry or reschedule to apply and the run cannot finish. One
    aggregate query, so a pass over a wide run in flight does not read every task instance row."""
    states = (await conn.scalars(sa.select(ti_t.c.state).where(
        ti_t.c.dag_id == run.dag_id, ti_t.c.run_id == run.run_id).group_by(ti_t.c.state))).all()
    return not any(state in _UNDECIDED for state in states) and not all(is_finished(s) for s in states)


async def _decide_run(conn: AsyncConnection, run: Any, doc: DagDoc, now: datetime) -> tuple[int, bool]:
    if await _nothing_to_decide(conn, run):
        return 0, False
    query = (
        sa.select(ti_t.c.id, ti_t.c.task_id, ti_t.c.map_index, ti_t.c.state, ti_t.c.try_number,
                  # only a retry's end is used: no date parsing for the other rows of every pass
                  sa.case((ti_t.c.state == TIS.UP_FOR_RETRY.value, ti_t.c.end_date)).label("end_date"))
        .where(ti_t.c.dag_id == run.dag_id, ti_t.c.run_id == run.run_id)
    )
    tis = (await conn.execute(query)).all()
    if await expand_groups(conn, run, doc, tis, now):  # mapped task groups whose expansion is known now
        tis = (await conn.execute(query)).all()
    members = member_groups(doc)
    by_index = {(ti.task_id, ti.map_index): ti.state for ti in tis}
    states: dict[str, list[str | None]] = defaultdict(list)
    for ti in tis:
        states[ti.task_id].append(ti.state)
    pending = [ti for ti in tis if ti.state is None]
    records = await pending_records(conn, run, doc, pending, states)
    changes: dict[str, dict[str, Any]] = {}
    progress = True
    while progress:  # a decided task can decide its downstream tasks in the same pass
        progress = False
        for ti in pending:
            if ti.id in changes or ti.task_id not in doc.tasks:
                continue
            task = doc.tasks[ti.task_id]
            up = Upstream.of(
                (state, bool(doc.tasks.get(u, {}).get("is_setup")))
                for u in task.get("upstream_task_ids") or []
                for state in upstream_states(states, by_index, members, ti.task_id, ti.map_index, u)
            )
            verdict = decide(task.get("trigger_rule") or "all_success", up)
            if records and skipped_by(ti.task_id, ti.map_index, task.get("upstream_task_ids") or [], doc, states,
                                      records):
                verdict = Verdict.SKIP  # a branching parent did not follow it ("Not Previously Skipped")
            if verdict == Verdict.WAIT or (verdict == Verdict.RUN and is_placeholder(members, ti.task_id,
                                                                                     ti.map_index)):
                continue
            held = verdict == Verdict.RUN or (verdict == Verdict.SKIP and task.get("wait_for_past_depends_before_skipping"))
            if held and depends_on_past(task) \
                    and await past_reason(conn, run.dag_id, run.run_id, task, bool(doc.doc.get("catchup"))):
                continue
            target = TIS.SCHEDULED if verdict == Verdict.RUN else TIS(verdict.value)
            if target == TIS.SCHEDULED and task.get("is_mapped") and ti.map_index < 0:
                target = await _expand(conn, run, ti, task, now)
                if target == TIS.SCHEDULED:  # expanded in place: its instances are written already
                    changes[ti.id] = {"state": TIS.SCHEDULED, "expanded": True}
                    row = states[ti.task_id]
                    row[row.index(None)] = target.value
                    by_index[(ti.task_id, ti.map_index)] = target.value
                    progress = True
                    continue
            values: dict[str, Any] = {"state": transition(ti.state, target)}
            if target == TIS.SCHEDULED:
                values.update(try_number=ti.try_number + 1, scheduled_dttm=now)
            else:
                values.update(start_date=now, end_date=now, duration=0)
            changes[ti.id] = values
            row = states[ti.task_id]
            row[row.index(None)] = target.value
            by_index[(ti.task_id, ti.map_index)] = target.value
            progress = True
    for ti in tis:
        if ti.state == TIS.UP_FOR_RETRY and ti.task_id in doc.tasks:
            end = ti.end_date or now
            if end + retry_delay(doc.tasks[ti.task_id], ti.try_number) <= now:
                changes[ti.id] = {"state": transition(ti.state, TIS.SCHEDULED), "try_number": ti.try_number + 1,
                                  "scheduled_dttm": now}
        elif ti.state == TIS.UP_FOR_RESCHEDULE:
            due = await conn.scalar(sa.select(sa.func.max(task_reschedule.c.reschedule_date))
                                    .where(task_reschedule.c.ti_id == ti.id))
            if due is None or due <= now:
                changes[ti.id] = {"state": transition(ti.state, TIS.SCHEDULED), "scheduled_dttm": now}
    await _write_changes(conn, {ti_id: values for ti_id, values in changes.items() if not values.get("expanded")})
    done = False
    if not changes or all(v["state"] != TIS.SCHEDULED for v in changes.values()):
        done = await finish_run(conn, run, doc, states, now) is not None
        if not done and not changes and deadlocked(doc, states):
            await fail_deadlocked(conn, run, now)
            done = True
    return sum(1 for v in changes.values() if v["state"] == TIS.SCHEDULED), done


async def _write_changes(conn: AsyncConnection, changes: dict[str, dict[str, Any]]) -> None:
    """Write the pass's decisions: one executemany per shape of change (the first pass of a wide run decides
    hundreds of task instances at once)."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for ti_id, values in changes.items():
        shapes[tuple(sorted(values))].append({"ti_pk": ti_id, **{f"v_{k}": v for k, v in values.items()}})
    for columns, rows in shapes.items():
        statement = sa.update(ti_t).where(ti_t.c.id == sa.bindparam("ti_pk")).values(
            {column: sa.bindparam(f"v_{column}") for column in columns})
        await conn.execute(statement, rows)


async def _expand(conn: AsyncConnection, run: Any, ti: Any, task: dict[str, Any], now: datetime) -> TIS:
    """Expand a ready mapped task: ``scheduled`` (expanded), ``skipped`` (nothing to map) or ``failed``."""
    try:
        count = await expansion_length(conn, run.dag_id, run.run_id, task)
    except Unmappable:
        return TIS.FAILED
    if count == 0:
        return TIS.SKIPPED
    await expand(conn, ti, count, now)
    return TIS.SCHEDULED


async def queue_ready(conn: AsyncConnection, now: datetime, free: int, job_id: int | None,
                      docs: DocCache | None = None) -> list[Queued]:
    """Queue up to ``free`` scheduled task instances within pools, ``max_active_tasks`` and the tasks' own
    ``max_active_tis_per_dag``/``max_active_tis_per_dagrun`` (``docs``: the documents those are read from)."""
    if free <= 0:
        return []
    query = (
        sa.select(ti_t.c.id, ti_t.c.dag_id, ti_t.c.task_id, ti_t.c.run_id, ti_t.c.map_index, ti_t.c.try_number,
                  ti_t.c.pool, ti_t.c.pool_slots, ti_t.c.queue, ti_t.c.priority_weight, ti_t.c.dag_version_id,
                  ti_t.c.executor, dag.c.max_active_tasks)
        .join(dag_run, sa.and_(dag_run.c.dag_id == ti_t.c.dag_id, dag_run.c.run_id == ti_t.c.run_id))
        .join(dag, dag.c.dag_id == ti_t.c.dag_id)
        .where(ti_t.c.state == TIS.SCHEDULED.value, dag_run.c.state == DRS.RUNNING.value)
        # Airflow's order; among equals, the instance scheduled first
        .order_by(ti_t.c.priority_weight.desc(), dag_run.c.logical_date, ti_t.c.map_index, ti_t.c.scheduled_dttm)
        .limit(max(free * 4, 64))
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(of=ti_t, skip_locked=True)
    candidates = (await conn.execute(query)).all()
    if not candidates:  # most passes: nothing waits, so the busy counts are not needed
        return []
    busy_pools = dict((await conn.execute(
        sa.select(ti_t.c.pool, sa.func.sum(ti_t.c.pool_slots)).where(ti_t.c.state.in_(_BUSY)).group_by(ti_t.c.pool)
    )).all())
    pool_slots = dict((await conn.execute(sa.select(slot_pool.c.pool, slot_pool.c.slots))).all())
    busy_runs = {(d, r): n for d, r, n in (await conn.execute(
        sa.select(ti_t.c.dag_id, ti_t.c.run_id, sa.func.count()).where(ti_t.c.state.in_(_BUSY))
        .group_by(ti_t.c.dag_id, ti_t.c.run_id)
    )).all()}
    limits = await TaskLimits.load(conn, docs if docs is not None else DocCache(), candidates)
    picked: list[Queued] = []
    ids: list[Any] = []
    for ti in candidates:
        if len(picked) >= free:
            break
        slots = pool_slots.get(ti.pool)
        if slots is None or (slots >= 0 and busy_pools.get(ti.pool, 0) + ti.pool_slots > slots):
            continue
        run_key = (ti.dag_id, ti.run_id)
        if busy_runs.get(run_key, 0) >= (ti.max_active_tasks or 16) or not limits.admits(ti):
            continue
        limits.take(ti)
        busy_pools[ti.pool] = busy_pools.get(ti.pool, 0) + ti.pool_slots
        busy_runs[run_key] = busy_runs.get(run_key, 0) + 1
        ids.append(ti.id)
        picked.append(Queued(str(ti.id), ti.dag_id, ti.task_id, ti.run_id, ti.map_index, ti.try_number,
                             ti.pool_slots, ti.queue or "default", ti.priority_weight or 1,
                             str(ti.dag_version_id), ti.executor))
    if ids:  # one statement for the whole batch
        await conn.execute(sa.update(ti_t).where(ti_t.c.id.in_(ids)).values(
            state=transition(TIS.SCHEDULED, TIS.QUEUED), queued_dttm=now, queued_by_job_id=job_id,
        ))
    return picked
