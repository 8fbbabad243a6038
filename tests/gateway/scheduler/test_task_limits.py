"""What holds task instances back, as Airflow's scheduler decides it: a task's own concurrency limits
(``max_active_tis_per_dag`` across all runs of the DAG, ``max_active_tis_per_dagrun`` within one run — a mapped
task's instances; queued, running and deferred instances hold their place), and a run none of whose waiting task
instances can ever run, which fails ("task deadlock"). Against SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from airgate.gateway.scheduler.dispatch import decide_runs, queue_ready
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.runs import start_queued_runs
from airgate.gateway.services.dag_runs_trigger import trigger
from airgate.gateway.services.pools import ensure_default_pool
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag
from airgate.gateway.store.tables import task_instance as ti_t

VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7d"


def _task(task_id: str, **extra: Any) -> dict[str, Any]:
    return {"task_id": task_id, "upstream_task_ids": [], "downstream_task_ids": [], "trigger_rule": "all_success",
            "retries": 0, "pool": "default_pool", "pool_slots": 1, "priority_weight": 1, **extra}


DOC = {"dag_id": "lim", "tasks": [
    _task("one_at_a_time", max_active_tis_per_dag=1),
    _task("fan", max_active_tis_per_dagrun=2, is_mapped=True,
          mapping={"expand_type": "dict", "expand_input": {"x": [1, 2, 3, 4, 5]}}),
    _task("free"),
]}


async def _seed(store: Store, doc: dict[str, Any] = DOC, runs: dict[str, datetime | None] | None = None) -> None:
    """The DAG of ``doc`` (one version) and its triggered runs (run id -> logical date)."""
    dag_id = doc["dag_id"]
    async with store.write() as conn:
        await ensure_default_pool(conn)
        await conn.execute(sa.insert(dag).values(dag_id=dag_id, bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, max_active_tasks=100))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id=dag_id,
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id="01a20a4a-0000-7000-8000-000000000002",
                                                            dag_id=dag_id, dag_hash="0" * 32, dag_version_id=VERSION,
                                                            data=doc))
        for run_id, logical_date in (runs or {"r1": None, "r2": None}).items():
            await trigger(conn, dag_id, {"logical_date": logical_date, "dag_run_id": run_id}, "admin")


async def _pass(store: Store, docs: DocCache) -> Counter[tuple[str, str]]:
    """One scheduling pass; how many instances of each (run, task) it queued."""
    now = datetime.now(UTC) + timedelta(seconds=1)
    async with store.write() as conn:
        await start_queued_runs(conn, now, docs)
        await decide_runs(conn, now, docs)
        queued = await queue_ready(conn, now, 100, None, docs)
    return Counter((q.run_id, q.task_id) for q in queued)


async def _set(store: Store, run_id: str, task_id: str, state: str, map_index: int = -1) -> None:
    async with store.write() as conn:
        await conn.execute(sa.update(ti_t).where(ti_t.c.run_id == run_id, ti_t.c.task_id == task_id,
                                                 ti_t.c.map_index == map_index).values(state=state))


async def test_per_dag_and_per_run_limits_hold_queued_running_and_deferred(store: Store) -> None:
    await _seed(store)
    docs = DocCache()
    first = await _pass(store, docs)
    [(first_run, _)] = [key for key in first if key[1] == "one_at_a_time"]  # either run's: same priority
    assert first == Counter({(first_run, "one_at_a_time"): 1, ("r1", "fan"): 2, ("r2", "fan"): 2,
                             ("r1", "free"): 1, ("r2", "free"): 1})
    assert await _pass(store, docs) == Counter()  # every limit is reached

    await _set(store, "r1", "fan", "running", 0)
    await _set(store, "r1", "fan", "deferred", 1)  # deferred still holds its place
    assert await _pass(store, docs) == Counter()
    await _set(store, "r1", "fan", "success", 1)
    assert await _pass(store, docs) == Counter({("r1", "fan"): 1})

    await _set(store, first_run, "one_at_a_time", "success")
    other = "r2" if first_run == "r1" else "r1"
    assert await _pass(store, docs) == Counter({(other, "one_at_a_time"): 1})


DATED = {"dag_id": "dated", "start_date": "2024-01-01T00:00:00+00:00", "tasks": [
    _task("new_step", downstream_task_ids=["report"], start_date="2024-06-01T00:00:00+00:00"),
    {**_task("report"), "upstream_task_ids": ["new_step"]},
    _task("solo"),
]}


async def test_a_run_that_can_never_go_on_fails(store: Store) -> None:
    """``report`` waits for ``new_step``, which has no task instance in a run before its start_date: once
    ``solo`` is done nothing can run, and the run fails as Airflow fails it; the later run is unaffected."""
    await _seed(store, DATED, {"early": datetime(2024, 2, 1, tzinfo=UTC), "late": datetime(2024, 7, 1, tzinfo=UTC)})
    docs = DocCache()
    assert await _pass(store, docs) == Counter({("early", "solo"): 1, ("late", "solo"): 1, ("late", "new_step"): 1})
    for run_id in ("early", "late"):
        await _set(store, run_id, "solo", "success")
    assert await _pass(store, docs) == Counter()
    async with store.read() as conn:
        runs = dict((await conn.execute(sa.select(dag_run.c.run_id, dag_run.c.state))).all())
        report = (await conn.execute(sa.select(ti_t.c.run_id, ti_t.c.state).where(ti_t.c.task_id == "report"))).all()
    assert runs == {"early": "failed", "late": "running"}
    assert sorted(tuple(r) for r in report) == [("early", None), ("late", None)]
