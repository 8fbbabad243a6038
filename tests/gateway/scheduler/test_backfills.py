"""Backfill runs in scheduling passes against SQLite and PostgreSQL: they start in the backfill's order within
its own ``max_active_runs`` (apart from the DAG's), not while the backfill is paused, a cancelled backfill's
queued runs never start, and the backfill is marked completed once all its runs are finished."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.runs import start_queued_runs
from airgate.gateway.services import backfills
from airgate.gateway.services.dag_runs_trigger import trigger
from airgate.gateway.store import Store
from airgate.gateway.store.tables import backfill, dag, dag_run, dag_version, serialized_dag

VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"
DOC = {"dag_id": "d", "timetable": {"type": "CronTriggerTimetable",
                                    "args": {"expression": "0 0 * * *", "timezone": "UTC", "interval": 0.0}},
       "tasks": [{"task_id": "a", "upstream_task_ids": [], "downstream_task_ids": []}]}


async def seed(store: Store, **body: Any) -> None:
    """DAG ``d`` (daily, ``max_active_runs=1``), a queued manual run, and a backfill of 2024-03-01..04."""
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, max_active_runs=1, timetable_summary="0 0 * * *"))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id="01a20a4a-0000-7000-8000-000000000001", dag_id="d",
                                                            dag_hash="0" * 32, dag_version_id=VERSION, data=DOC))
        await trigger(conn, "d", {"logical_date": None, "dag_run_id": "manual"}, "admin")
        await backfills.create(conn, {"dag_id": "d", "from_date": datetime(2024, 3, 1, tzinfo=UTC),
                                      "to_date": datetime(2024, 3, 4, tzinfo=UTC), "max_active_runs": 2, **body},
                               "admin")


async def start(store: Store) -> dict[str, str]:
    """One start pass; run id (``manual`` or the backfill run's day) -> state."""
    async with store.write() as conn:
        await start_queued_runs(conn, datetime.now(UTC), DocCache())
    return await run_states(store)


async def run_states(store: Store) -> dict[str, str]:
    async with store.read() as conn:
        rows = (await conn.execute(sa.select(dag_run.c.run_id, dag_run.c.logical_date, dag_run.c.state))).all()
    return {r.run_id if r.logical_date is None else f"day{r.logical_date.day}": r.state for r in rows}


async def finish(store: Store, *days: int) -> None:
    async with store.write() as conn:
        await conn.execute(sa.update(dag_run).where(
            dag_run.c.logical_date.in_([datetime(2024, 3, d, tzinfo=UTC) for d in days])).values(state="success"))


async def completed_at(store: Store) -> datetime | None:
    async with store.read() as conn:
        value: datetime | None = await conn.scalar(sa.select(backfill.c.completed_at))
    return value


async def test_runs_start_in_order_within_the_backfill_limit(store: Store) -> None:
    await seed(store, run_backwards=True)
    # the manual run has the DAG's one slot; the backfill starts its own two, latest dates first
    assert await start(store) == {"manual": "running", "day4": "running", "day3": "running", "day2": "queued",
                                  "day1": "queued"}
    assert await start(store) == {"manual": "running", "day4": "running", "day3": "running", "day2": "queued",
                                  "day1": "queued"}
    await finish(store, 4)
    assert (await start(store))["day2"] == "running"
    async with store.write() as conn:
        await backfills.pause(conn, 1)
    await finish(store, 3, 2)
    assert (await start(store))["day1"] == "queued"  # paused: no new run
    assert await completed_at(store) is None
    async with store.write() as conn:
        await backfills.unpause(conn, 1)
    assert (await start(store))["day1"] == "running"
    await finish(store, 1)
    await start(store)
    assert await completed_at(store) is not None


async def test_cancelled_backfill_runs_never_start(store: Store) -> None:
    await seed(store, max_active_runs=1)
    assert (await start(store))["day1"] == "running"
    async with store.write() as conn:
        body = await backfills.cancel(conn, 1)
    assert await start(store) == {"manual": "running", "day1": "running", "day2": "failed", "day3": "failed",
                                  "day4": "failed"}
    assert await completed_at(store) == datetime.fromisoformat(str(body["completed_at"]))


async def test_backfill_whose_dates_all_have_runs_completes(store: Store) -> None:
    await seed(store, to_date=datetime(2024, 3, 1, tzinfo=UTC))
    await finish(store, 1)
    assert await completed_at(store) is None
    async with store.write() as conn:  # a second backfill of the same date: its one run already exists
        await start_queued_runs(conn, datetime.now(UTC), DocCache())
        await backfills.create(conn, {"dag_id": "d", "from_date": datetime(2024, 3, 1, tzinfo=UTC),
                                      "to_date": datetime(2024, 3, 1, tzinfo=UTC)}, "admin")
    assert await run_states(store) == {"manual": "running", "day1": "success"}
    await start(store)
    async with store.read() as conn:
        done = (await conn.execute(sa.select(backfill.c.id, backfill.c.completed_at.is_not(None)))).all()
    assert sorted(tuple(r) for r in done) == [(1, True), (2, True)]
