"""What keeps a task instance from being queued (``get_task_instance_dependencies``).

As Airflow, only a TI with no state or ``scheduled`` has blocking dependencies; every unmet one of Airflow's
scheduler-queue dependencies is reported, sorted by name, with Airflow's reason: "Dag Not Paused", "Dagrun
Running", "Logical Date" (in the future, after the task's / DAG's end date, before their start date), "Pool
Slots Available", "Previous Dagrun State" (``depends_on_past`` / ``wait_for_downstream``), "Task Concurrency"
(``max_active_tis_per_dag(run)``), "Task Instance Slots Available" (``max_active_tasks``), "Task Instance
State", "Trigger Rule" (every rule, direct upstream tasks) and "Mapped dependencies have succeeded" (the
unmapped source of a mapped task's or mapped group's expansion did not succeed), "Not Previously Skipped" (a
finished branch or short-circuit parent did not follow it). The DAG is the version the
run was created with.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.scheduler import skipmixin
from airgate.gateway.scheduler.docs import DagDoc
from airgate.gateway.scheduler.group_mapping import mapping_sources
from airgate.gateway.scheduler.past import NAME as PAST
from airgate.gateway.scheduler.past import past_reason
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.dag_docs import member_groups
from airgate.gateway.services.pools import DEFAULT_POOL, DEFAULT_POOL_SLOTS
from airgate.gateway.services.ti_dep_rules import UpstreamStates, trigger_rule_reason
from airgate.gateway.states import is_finished
from airgate.gateway.store.tables import dag, dag_run, serialized_dag, slot_pool, task_instance

ti = task_instance
Found = list[dict[str, str]]


def _date(value: Any) -> datetime | None:
    if isinstance(value, dict) and value.get("__type") == "datetime":
        value = value.get("value")
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value if isinstance(value, datetime) else None


def _logical_date(found: Found, logical: datetime | None, task: dict[str, Any], doc: dict[str, Any]) -> None:
    """Airflow's two "Logical Date" dependencies (runnable date, after start date)."""
    if logical is None:
        return
    name = "Logical Date"
    now = datetime.now(UTC)
    if logical > now:
        found.append({"name": name, "reason": f"Logical date {logical.isoformat()} is in the future (the current "
                                              f"date is {now.isoformat()})."})
    for owner, key in (("task's", "end_date"), ("task's DAG's", "dag_end_date")):
        end = _date(task.get("end_date") if key == "end_date" else doc.get("end_date"))
        if end is not None and logical > end:
            found.append({"name": name, "reason": f"The logical date is {logical.isoformat()} but this is after "
                                                  f"the {owner} end date {end.isoformat()}."})
    for owner, value in (("task's", task.get("start_date")), ("task's DAG's", doc.get("start_date"))):
        start = _date(value)
        if start is not None and logical < start:
            found.append({"name": name, "reason": f"The logical date is {logical.isoformat()} but this is before "
                                                  f"the {owner} start date {start.isoformat()}."})


async def _slots(found: Found, conn: AsyncConnection, row: Any, task: dict[str, Any]) -> None:
    """Pool slots, ``max_active_tasks`` and the task's own concurrency limits."""
    pool = (await conn.execute(sa.select(slot_pool.c.slots, slot_pool.c.include_deferred)
                               .where(slot_pool.c.pool == row.pool))).first()
    slots, deferred = (pool.slots, pool.include_deferred) if pool is not None else (
        (DEFAULT_POOL_SLOTS, False) if row.pool == DEFAULT_POOL else (None, False))  # default_pool always exists
    if slots is None:
        found.append({"name": "Pool Slots Available",
                      "reason": f"Tasks using non-existent pool '{row.pool}' will not be scheduled"})
    elif slots >= 0:
        occupied = ["running", "queued", *(["deferred"] if deferred else [])]
        used = int(await conn.scalar(sa.select(sa.func.coalesce(sa.func.sum(ti.c.pool_slots), 0)).where(
            ti.c.pool == row.pool, ti.c.state.in_(occupied))) or 0)
        open_slots = slots - used
        if open_slots <= row.pool_slots - 1:
            found.append({"name": "Pool Slots Available",
                          "reason": f"Not scheduling since there are {open_slots} open slots in pool {row.pool} "
                                    f"and require {row.pool_slots} pool slots"})
    limit = await conn.scalar(sa.select(dag.c.max_active_tasks).where(dag.c.dag_id == row.dag_id))
    running = await conn.scalar(sa.select(sa.func.count()).select_from(ti).where(
        ti.c.dag_id == row.dag_id, ti.c.state == "running"))
    if limit is not None and int(running or 0) >= limit:
        found.append({"name": "Task Instance Slots Available",
                      "reason": f"The maximum number of running tasks ({limit}) for this task's DAG "
                                f"'{row.dag_id}' has been reached."})
    per_dag, per_run = task.get("max_active_tis_per_dag"), task.get("max_active_tis_per_dagrun")
    active = (ti.c.dag_id == row.dag_id, ti.c.task_id == row.task_id, ti.c.state.in_(["running", "deferred"]))
    if per_dag is not None and int(await conn.scalar(
            sa.select(sa.func.count()).select_from(ti).where(*active)) or 0) >= per_dag:
        found.append({"name": "Task Concurrency", "reason": "The max task concurrency has been reached."})
    elif per_run is not None and int(await conn.scalar(
            sa.select(sa.func.count()).select_from(ti).where(*active, ti.c.run_id == row.run_id)) or 0) >= per_run:
        found.append({"name": "Task Concurrency", "reason": "The max task concurrency per run has been reached."})


async def _trigger_rule(found: Found, conn: AsyncConnection, row: Any, task: dict[str, Any],
                        tasks: dict[str, dict[str, Any]]) -> None:
    upstream_ids = sorted(task.get("upstream_task_ids") or [])
    if not upstream_ids:
        return
    result = await conn.execute(sa.select(ti.c.task_id, ti.c.state).where(
        ti.c.dag_id == row.dag_id, ti.c.run_id == row.run_id, ti.c.task_id.in_(upstream_ids)))
    pairs = [(r.state, bool(tasks.get(r.task_id, {}).get("is_setup"))) for r in result]
    total = len(pairs) if pairs else len(upstream_ids)
    setups = sum(1 for _, is_setup in pairs if is_setup)
    reason = trigger_rule_reason(task.get("trigger_rule") or "all_success", UpstreamStates.of(pairs), total,
                                 setups, upstream_ids, row.map_index)
    if reason:
        found.append({"name": "Trigger Rule", "reason": reason})


async def _mapped(found: Found, conn: AsyncConnection, row: Any, task: dict[str, Any], data: dict[str, Any]) -> None:
    """Airflow's "Mapped dependencies have succeeded": the unmapped tasks a mapped task (or the mapped group it
    is in) expands over have finished, not all successfully."""
    mapping = task.get("mapping") if task.get("is_mapped") else (
        member_groups(DagDoc("", data)).get(row.task_id) or {}).get("mapping")
    sources = mapping_sources((mapping or {}).get("expand_input"))
    if not sources:
        return
    states = set((await conn.scalars(sa.select(ti.c.state).where(
        ti.c.dag_id == row.dag_id, ti.c.run_id == row.run_id, ti.c.task_id.in_(sorted(sources)),
        ti.c.map_index == -1))).all())
    finished = {s for s in states if is_finished(s)}
    if finished and finished != {"success"}:
        found.append({"name": "Mapped dependencies have succeeded",
                      "reason": "At least one of task's mapped dependencies has not succeeded!"})


async def _previously_skipped(found: Found, conn: AsyncConnection, row: Any, task: dict[str, Any],
                              data: dict[str, Any]) -> None:
    """Airflow's "Not Previously Skipped": a finished branching parent did not follow the task."""
    doc = DagDoc("", data)
    parents = skipmixin.skip_parents(doc) & set(task.get("upstream_task_ids") or [])
    if not parents:
        return
    result = await conn.execute(sa.select(ti.c.task_id, ti.c.state).where(
        ti.c.dag_id == row.dag_id, ti.c.run_id == row.run_id, ti.c.task_id.in_(sorted(parents))))
    states: dict[str, list[str | None]] = {}
    for r in result:
        states.setdefault(r.task_id, []).append(r.state)
    records = await skipmixin.skip_records(conn, row.dag_id, row.run_id, parents)
    parent = skipmixin.skipped_by(row.task_id, row.map_index, parents, doc, states, records)
    if parent is not None:
        found.append({"name": skipmixin.NAME, "reason": skipmixin.reason(parent)})


async def _doc(conn: AsyncConnection, run: Any, dag_id: str) -> dict[str, Any]:
    if run is not None and run.created_dag_version_id is not None:
        data = await conn.scalar(sa.select(serialized_dag.c.data).where(
            serialized_dag.c.dag_version_id == run.created_dag_version_id))
        if data:
            return dict(data)
    return await dag_serialized.latest(conn, dag_id) or {}


async def dependencies(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str,
                       map_index: int) -> dict[str, Any]:
    """``{"dependencies": [{"name", "reason"}]}`` sorted by name (404 as Airflow words it)."""
    row = (await conn.execute(sa.select(ti).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id,
                                                  ti.c.task_id == task_id, ti.c.map_index == map_index))).first()
    if row is None:
        raise HTTPError(404, [f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}` "
                              f"and map_index: `{map_index}` was not found"])
    if row.state not in (None, "scheduled"):
        return {"dependencies": []}
    run = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                      dag_run.c.run_id == run_id))).first()
    data = await _doc(conn, run, dag_id)
    tasks = {t["task_id"]: t for t in data.get("tasks", [])}
    task = tasks.get(task_id)
    if task is None:
        return {"dependencies": []}
    found: Found = []
    paused = await conn.scalar(sa.select(dag.c.is_paused).where(dag.c.dag_id == dag_id))
    if paused:
        found.append({"name": "Dag Not Paused", "reason": f"Task's DAG '{dag_id}' is paused."})
    run_state = run.state if run is not None else None
    if run_state != "running":
        found.append({"name": "Dagrun Running", "reason": "Task instance's dagrun was not in the 'running' state "
                                                          f"but in the state '{run_state}'."})
    _logical_date(found, run.logical_date if run is not None else None, task, data)
    if row.state != "scheduled":
        found.append({"name": "Task Instance State", "reason": f"Task is in the '{row.state}' state."})
    await _slots(found, conn, row, task)
    past = await past_reason(conn, dag_id, run_id, task, bool(data.get("catchup")))
    if past:
        found.append({"name": PAST, "reason": past})
    await _trigger_rule(found, conn, row, task, tasks)
    await _mapped(found, conn, row, task, data)
    await _previously_skipped(found, conn, row, task, data)
    return {"dependencies": sorted(found, key=lambda d: d["name"])}
