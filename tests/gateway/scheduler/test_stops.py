"""Stop requests on SQLite and PostgreSQL: marking or clearing a queued/running task instance asks for its
process to be stopped; each scheduler takes the requests of the tries it queued (and orphans), once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from airgate.gateway.scheduler.stops import take_stop_requests
from airgate.gateway.services import ti_actions
from airgate.gateway.services.ti_marking import clear_tis, mark_ti
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, task_stop_request
from airgate.gateway.store.tables import task_instance as ti_t
from airgate.sdk import TaskInstanceKey

NOW = datetime.now(UTC)


async def seed(store: Store) -> None:
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False))
        await conn.execute(sa.insert(dag_run).values(dag_id="d", run_id="r", run_type="manual", state="running"))
        for task_id, state, job in (("run", "running", 1), ("queue", "queued", 2), ("done", "success", 1),
                                    ("other", "running", None)):
            await conn.execute(sa.insert(ti_t).values(id=str(uuid.uuid4()), dag_id="d", run_id="r", task_id=task_id,
                                                      map_index=-1, state=state, try_number=3,
                                                      queued_by_job_id=job, executor="LocalExecutor"))


async def rows(store: Store, *task_ids: str) -> list[object]:
    async with store.read() as conn:
        return list((await conn.execute(sa.select(ti_t).where(ti_t.c.task_id.in_(task_ids))
                                        .order_by(ti_t.c.task_id))).all())


async def test_marks_and_clears_ask_for_a_stop_taken_once_by_the_queuing_scheduler(store: Store) -> None:
    await seed(store)
    done, other, run = await rows(store, "done", "other", "run")
    queue, = await rows(store, "queue")
    async with store.write() as conn:
        await mark_ti(conn, run, TIS.FAILED, NOW)
        await mark_ti(conn, done, TIS.FAILED, NOW)  # finished: no process to stop
        await clear_tis(conn, [queue])
        await mark_ti(conn, other, TIS.SUCCESS, NOW)
    async with store.write() as conn:
        mine = await take_stop_requests(conn, 1, NOW)
    # job 1 queued "run"; "other" has no queuing job: anyone takes it
    assert mine == [(TaskInstanceKey("d", "run", "r", 3, -1), "LocalExecutor"),
                    (TaskInstanceKey("d", "other", "r", 3, -1), "LocalExecutor")]
    async with store.write() as conn:
        assert await take_stop_requests(conn, 1, NOW) == []  # taken once
        assert await take_stop_requests(conn, 2, NOW) == [(TaskInstanceKey("d", "queue", "r", 3, -1),
                                                           "LocalExecutor")]
        assert await conn.scalar(sa.select(sa.func.count()).select_from(task_stop_request)) == 0


async def test_a_request_of_a_gone_scheduler_is_taken_by_another(store: Store) -> None:
    await seed(store)
    run, = await rows(store, "run")
    async with store.write() as conn:
        await clear_tis(conn, [run])
        assert await take_stop_requests(conn, 7, NOW) == []
    assert [r.state for r in await rows(store, "run")] == ["restarting"]
    async with store.write() as conn:
        later = datetime.now(UTC) + timedelta(minutes=2)  # past ORPHAN_AFTER whenever the test runs
        assert await take_stop_requests(conn, 7, later) == [(TaskInstanceKey("d", "run", "r", 3, -1),
                                                             "LocalExecutor")]


async def test_deleting_a_running_task_instance_stops_its_process(store: Store) -> None:
    await seed(store)
    async with store.write() as conn:
        await ti_actions.delete(conn, "d", "r", "run", -1)
        await ti_actions.delete(conn, "d", "r", "done", -1)
        assert await take_stop_requests(conn, 1, NOW) == [(TaskInstanceKey("d", "run", "r", 3, -1),
                                                           "LocalExecutor")]
