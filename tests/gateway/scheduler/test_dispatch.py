"""Scheduling passes against SQLite and PostgreSQL: a triggered run starts, trigger rules decide, ready task
instances are queued by priority within pool slots and ``max_active_tasks``, a lost process is retried then
failed, the run finishes, and two concurrent schedulers never queue the same task instance twice."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from airgate.gateway.scheduler.dispatch import decide_runs, queue_ready
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.events import apply_event
from airgate.gateway.scheduler.runs import start_queued_runs
from airgate.gateway.services.dag_runs_trigger import trigger
from airgate.gateway.services.pools import ensure_default_pool
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag, slot_pool
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.gateway.store.tables import task_instance_history as tih_t
from airgate.sdk import EventKind, ExecutorEvent, TaskInstanceKey

VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"


def task(task_id: str, up: list[str], down: list[str], **extra: Any) -> dict[str, Any]:
    return {"task_id": task_id, "upstream_task_ids": up, "downstream_task_ids": down, "trigger_rule": "all_success",
            "retries": 0, "pool": "default_pool", "pool_slots": 1, "priority_weight": 1, "weight_rule": "downstream",
            **extra}


DOC = {"dag_id": "d", "tasks": [
    task("a", [], ["c"]),
    task("b", [], ["c"], pool="single", retries=1, retry_delay=0),
    task("c", ["a", "b"], [], trigger_rule="all_done"),
    *[task(f"x{i}", [], [], priority_weight=i) for i in range(4)],
]}


async def seed(store: Store, max_active_tasks: int = 16) -> str:
    async with store.write() as conn:
        await ensure_default_pool(conn)
        await conn.execute(sa.insert(slot_pool).values(pool="single", slots=1, include_deferred=False))
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, max_active_tasks=max_active_tasks))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id="01a20a4a-0000-7000-8000-000000000001", dag_id="d",
                                                            dag_hash="0" * 32, dag_version_id=VERSION, data=DOC))
        body = await trigger(conn, "d", {"logical_date": None, "dag_run_id": "r"}, "admin")
    return str(body["dag_run_id"])


async def states(store: Store) -> dict[str, tuple[str | None, int]]:
    async with store.read() as conn:
        rows = (await conn.execute(sa.select(ti_t.c.task_id, ti_t.c.state, ti_t.c.try_number))).all()
    return {r.task_id: (r.state, r.try_number) for r in rows}


async def one_pass(store: Store, docs: DocCache, free: int = 100) -> list[str]:
    now = datetime.now(UTC) + timedelta(seconds=1)
    async with store.write() as conn:
        await start_queued_runs(conn, now, docs)
        await decide_runs(conn, now, docs)
        queued = await queue_ready(conn, now, free, None)
    return [q.task_id for q in queued]


async def finish(store: Store, task_id: str, state: str) -> None:
    async with store.write() as conn:
        await conn.execute(sa.update(ti_t).where(ti_t.c.task_id == task_id).values(
            state=state, end_date=datetime.now(UTC)))


async def test_a_run_from_trigger_to_failure(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    first = await one_pass(store, docs, free=4)
    # highest priority first: x3 (3), then a/b (weight 1 + c's 1 = 2) before x0 (0 -> still 0)
    assert first[:1] == ["x3"] and len(first) == 4
    queued = first + await one_pass(store, docs)
    assert sorted(queued) == ["a", "b", "x0", "x1", "x2", "x3"]
    assert (await states(store))["c"] == (None, 0)
    for name in ("a", "x0", "x1", "x2", "x3"):
        await finish(store, name, "success")
    # b's process is lost while queued: one retry left -> up_for_retry, then queued again as try 2
    async with store.write() as conn:
        decided = await apply_event(conn, ExecutorEvent(EventKind.LOST, TaskInstanceKey("d", "b", "r", 1)),
                                    datetime.now(UTC))
    assert decided == "up_for_retry"
    assert await one_pass(store, docs) == ["b"]
    assert (await states(store))["b"] == ("queued", 2)
    async with store.write() as conn:
        decided = await apply_event(conn, ExecutorEvent(EventKind.EXITED, TaskInstanceKey("d", "b", "r", 2),
                                                        exit_code=1), datetime.now(UTC))
    assert decided == "failed"
    assert await one_pass(store, docs) == ["c"]  # all_done: runs after a failure
    await finish(store, "c", "success")
    await one_pass(store, docs)
    async with store.read() as conn:
        run = (await conn.execute(sa.select(dag_run.c.state, dag_run.c.end_date))).one()
    assert run.state == "success" and run.end_date is not None  # the leaf c succeeded


async def test_pool_and_max_active_tasks(store: Store) -> None:
    await seed(store, max_active_tasks=2)
    docs = DocCache()
    assert len(await one_pass(store, docs)) == 2
    assert await one_pass(store, docs) == []
    await finish(store, "x3", "success")
    assert len(await one_pass(store, docs)) == 1


async def test_ready_tasks_are_queued_by_priority_then_the_runs_logical_date_then_map_index(store: Store) -> None:
    """Airflow's order (``-priority_weight, DagRun.logical_date, map_index``): of two runs' ready instances
    of one task, the older run's goes first even when the newer run's became ready earlier."""
    await seed(store)
    docs = DocCache()
    async with store.write() as conn:
        await conn.execute(sa.update(dag_run).values(logical_date=datetime(2026, 6, 1, tzinfo=UTC)))
        await trigger(conn, "d", {"logical_date": datetime(2026, 1, 1, tzinfo=UTC), "dag_run_id": "older"}, "admin")
    assert await one_pass(store, docs, free=0) == []  # both runs started, their roots scheduled
    async with store.write() as conn:  # the newer run's instances were scheduled first
        await conn.execute(sa.update(ti_t).where(ti_t.c.run_id == "r").values(
            scheduled_dttm=datetime(2026, 1, 1, tzinfo=UTC)))
        await conn.execute(sa.update(ti_t).where(ti_t.c.run_id == "older").values(
            scheduled_dttm=datetime(2026, 2, 1, tzinfo=UTC)))
        queued = await queue_ready(conn, datetime.now(UTC), 100, None)
    order = [(q.task_id, q.run_id) for q in queued]
    assert [run for task_id, run in order if task_id == "x3"] == ["older", "r"]
    assert [task_id for task_id, run in order if run == "older"][:1] == ["x3"]  # the highest priority first


async def test_two_schedulers_never_queue_a_task_twice(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    async with store.write() as conn:
        now = datetime.now(UTC) + timedelta(seconds=1)
        await start_queued_runs(conn, now, docs)
        await decide_runs(conn, now, docs)

    async def claim() -> list[str]:
        async with store.write() as conn:
            return [q.id for q in await queue_ready(conn, datetime.now(UTC), 100, None)]

    results = await asyncio.gather(*(claim() for _ in range(4)))
    claimed = [ti for batch in results for ti in batch]
    assert len(claimed) == len(set(claimed)) == 6


async def run_state(store: Store) -> str:
    async with store.read() as conn:
        return str(await conn.scalar(sa.select(dag_run.c.state)))


async def test_a_paused_dag_keeps_its_triggered_run_queued(store: Store) -> None:
    await seed(store)
    async with store.write() as conn:
        await conn.execute(sa.update(dag).values(is_paused=True))
    docs = DocCache()
    assert await one_pass(store, docs) == []
    assert await run_state(store) == "queued"
    async with store.write() as conn:
        await conn.execute(sa.update(dag).values(is_paused=False))
    assert len(await one_pass(store, docs)) == 6
    assert await run_state(store) == "running"


async def test_dagrun_timeout_fails_the_run_and_skips_what_is_left(store: Store) -> None:
    DOC["dagrun_timeout"] = 60
    try:
        await seed(store)
        docs = DocCache()
        await one_pass(store, docs)
        later = datetime.now(UTC) + timedelta(minutes=2)
        async with store.write() as conn:
            await decide_runs(conn, later, docs)
    finally:
        del DOC["dagrun_timeout"]
    assert await run_state(store) == "failed"
    assert {state for state, _ in (await states(store)).values()} == {"skipped"}


async def test_scheduled_runs_wait_for_max_active_runs(store: Store) -> None:
    from airgate.gateway.scheduler.runs import create_scheduled_runs

    DOC["timetable"] = {"type": "DeltaTriggerTimetable", "args": {"delta": {"__type": "timedelta", "seconds": 60}}}
    DOC.update(start_date="2026-11-01T00:00:00+00:00", catchup=True)
    try:
        await seed(store)
        async with store.write() as conn:
            await conn.execute(sa.update(dag).values(timetable_type="DeltaTriggerTimetable", max_active_runs=2))
            now = datetime.now(UTC)
            created = [await create_scheduled_runs(conn, now, None) for _ in range(3)]
            runs = (await conn.execute(sa.select(dag_run.c.run_id, dag_run.c.logical_date)
                                       .where(dag_run.c.run_type == "scheduled"))).all()
    finally:
        for key in ("timetable", "start_date", "catchup"):
            del DOC[key]
    assert created == [1, 0, 0]  # the manual run plus one scheduled run reach max_active_runs=2
    assert [r.run_id for r in runs] == ["scheduled__2026-11-01T00:00:00+00:00"]


async def test_a_cleared_run_is_started_again_with_its_task_instances(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    await one_pass(store, docs)
    for name in ("a", "b", "x0", "x1", "x2", "x3"):
        await finish(store, name, "success")
    assert await one_pass(store, docs) == ["c"]
    await finish(store, "c", "success")
    await one_pass(store, docs)
    assert await run_state(store) == "success"
    async with store.write() as conn:  # what a clear does: the run queued again, its task instances reset
        await conn.execute(sa.update(dag_run).values(state="queued"))
        await conn.execute(sa.update(ti_t).where(ti_t.c.task_id == "c").values(state=None))
    assert await one_pass(store, docs) == ["c"]
    assert (await states(store))["c"] == ("queued", 2)


async def test_a_task_cleared_while_running_runs_again_when_its_process_ends(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    await one_pass(store, docs)
    async with store.write() as conn:  # what clearing a running task instance does
        await conn.execute(sa.update(ti_t).where(ti_t.c.task_id == "a").values(state="restarting", max_tries=2))
        decided = await apply_event(conn, ExecutorEvent(EventKind.EXITED, TaskInstanceKey("d", "a", "r", 1),
                                                        exit_code=-15), datetime.now(UTC))
    assert decided is None  # as Airflow: the try is cleared (no state), not failed nor up for retry
    assert (await states(store))["a"] == (None, 1)
    assert "a" in await one_pass(store, docs)
    assert (await states(store))["a"] == ("queued", 2)
    async with store.read() as conn:
        history = (await conn.execute(sa.select(tih_t.c.task_id, tih_t.c.try_number))).all()
    assert [tuple(r) for r in history] == [("a", 1)]
