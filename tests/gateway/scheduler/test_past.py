"""``depends_on_past`` / ``wait_for_downstream`` (Airflow's "Previous Dagrun State" dependency) on SQLite and
PostgreSQL: each of Airflow's reasons, first runs, ``ignore_first_depends_on_past``, ``catchup``, and a
scheduling pass that holds a task back until its previous instance succeeded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from airgate.gateway.scheduler.dispatch import decide_runs
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.past import past_reason
from airgate.gateway.services.execution.task_instances import uuid7
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag
from airgate.gateway.store.tables import task_instance as ti_t

DAY = datetime(2026, 1, 1, tzinfo=UTC)
NOT_RUN = "depends_on_past is true for this task's DAG, but the previous task instance has not run yet."
DOWNSTREAM = ("The tasks downstream of the previous task instance(s) haven't completed, and wait_for_downstream "
              "is True.")


def unsuccessful(count: int) -> str:
    return (f"depends_on_past is true for this task, but {count} previous task instance(s) are not in a "
            "successful state.")


def task(task_id: str = "t", **extra: Any) -> dict[str, Any]:
    return {"task_id": task_id, "depends_on_past": True, "ignore_first_depends_on_past": False,
            "wait_for_downstream": False, "upstream_task_ids": [], "downstream_task_ids": [], **extra}


async def add_run(store: Store, run_id: str, day: int | None, run_type: str = "scheduled",
                  tis: dict[str, str | None] | None = None, state: str = "running") -> None:
    async with store.write() as conn:
        if not await conn.scalar(sa.select(sa.func.count()).select_from(dag).where(dag.c.dag_id == "d")):
            await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                     is_stale=False))
        logical = DAY + timedelta(days=day) if day is not None else None
        await conn.execute(sa.insert(dag_run).values(dag_id="d", run_id=run_id, run_type=run_type, state=state,
                                                     logical_date=logical, run_after=logical or DAY))
        for task_id, ti_state in (tis or {}).items():
            await conn.execute(sa.insert(ti_t).values(id=uuid7(), dag_id="d", run_id=run_id, task_id=task_id,
                                                      map_index=-1, state=ti_state, try_number=1))


async def reason(store: Store, run_id: str, the_task: dict[str, Any], catchup: bool = False) -> str | None:
    async with store.read() as conn:
        return await past_reason(conn, "d", run_id, the_task, catchup)


async def test_without_depends_on_past_or_a_previous_run_it_passes(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": None})
    await add_run(store, "manual", None, "manual", tis={"t": None})
    assert await reason(store, "r0", task()) is None  # the first run
    assert await reason(store, "manual", task()) is None  # no logical date
    await add_run(store, "r1", 1, tis={"t": None})
    assert await reason(store, "r1", task(depends_on_past=False)) is None


async def test_previous_instances_must_have_succeeded_or_been_skipped(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "failed", "u": "skipped", "v": "success", "w": "running"})
    await add_run(store, "r1", 1, tis={"t": None, "u": None, "v": None, "w": None})
    assert await reason(store, "r1", task("t")) == unsuccessful(1)
    assert await reason(store, "r1", task("u")) is None
    assert await reason(store, "r1", task("v")) is None
    assert await reason(store, "r1", task("w")) == unsuccessful(1)


async def test_a_previous_run_without_the_task(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"other": "success"})
    await add_run(store, "r1", 1, tis={"t": None})
    assert await reason(store, "r1", task()) == NOT_RUN
    assert await reason(store, "r1", task(ignore_first_depends_on_past=True)) is None
    await add_run(store, "r2", 2, tis={"other": "success"})
    await add_run(store, "r3", 3, tis={"t": None})
    # an earlier run (r1) has an instance of the task: not its first instance any more
    assert await reason(store, "r3", task(ignore_first_depends_on_past=True)) == NOT_RUN


async def test_wait_for_downstream(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "success", "down": "running", "far": None})
    await add_run(store, "r1", 1, tis={"t": None})
    waiting = task(wait_for_downstream=True, downstream_task_ids=["down"])
    assert await reason(store, "r1", waiting) == DOWNSTREAM
    assert await reason(store, "r1", task(downstream_task_ids=["down"])) is None
    assert await reason(store, "r1", task(wait_for_downstream=True, depends_on_past=False,
                                          downstream_task_ids=["gone"])) is None


async def test_catchup_looks_at_the_previous_run_that_is_not_manual(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "failed"})
    await add_run(store, "m1", 1, "manual", tis={"t": "success"})
    await add_run(store, "r2", 2, tis={"t": None})
    assert await reason(store, "r2", task()) is None  # without catchup: the manual run before it
    assert await reason(store, "r2", task(), catchup=True) == unsuccessful(1)
    later_start = {"__type": "datetime", "value": (DAY + timedelta(days=1)).isoformat()}
    assert await reason(store, "r2", task(start_date=later_start), catchup=True) is None


DOC = {"dag_id": "d", "catchup": False, "tasks": [
    {"task_id": "t", "depends_on_past": True, "ignore_first_depends_on_past": True, "upstream_task_ids": [],
     "downstream_task_ids": [], "trigger_rule": "all_success", "retries": 0, "pool": "default_pool"},
]}
VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"


async def test_a_pass_holds_the_task_until_its_previous_instance_succeeded(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "failed"}, state="failed")
    await add_run(store, "r1", 1, tis={"t": None})
    async with store.write() as conn:
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=uuid7(), dag_id="d", dag_hash="0" * 32,
                                                            dag_version_id=VERSION, data=DOC))
        await conn.execute(sa.update(dag_run).values(created_dag_version_id=VERSION))
    docs = DocCache()
    async with store.write() as conn:
        assert await decide_runs(conn, datetime.now(UTC), docs) == (0, 0)
        await conn.execute(sa.update(ti_t).where(ti_t.c.run_id == "r0").values(state="success"))
        assert await decide_runs(conn, datetime.now(UTC), docs) == (1, 0)
        rows = (await conn.execute(sa.select(ti_t.c.run_id, ti_t.c.state).order_by(ti_t.c.run_id))).all()
    assert [tuple(r) for r in rows] == [("r0", "success"), ("r1", "scheduled")]


SKIP_DOC = {"dag_id": "d", "catchup": False, "tasks": [
    {"task_id": "up", "upstream_task_ids": [], "downstream_task_ids": ["t", "u"], "trigger_rule": "all_success"},
    {"task_id": "t", "depends_on_past": True, "ignore_first_depends_on_past": True,
     "wait_for_past_depends_before_skipping": True, "upstream_task_ids": ["up"], "downstream_task_ids": [],
     "trigger_rule": "all_success"},
    {"task_id": "u", "depends_on_past": True, "ignore_first_depends_on_past": True, "upstream_task_ids": ["up"],
     "downstream_task_ids": [], "trigger_rule": "all_success"},
]}


async def test_wait_for_past_depends_before_skipping_holds_only_the_skip(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "failed", "u": "failed"}, state="failed")
    await add_run(store, "r1", 1, tis={"up": "skipped", "t": None, "u": None})
    async with store.write() as conn:
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=uuid7(), dag_id="d", dag_hash="0" * 32,
                                                            dag_version_id=VERSION, data=SKIP_DOC))
        await conn.execute(sa.update(dag_run).values(created_dag_version_id=VERSION))
        await decide_runs(conn, datetime.now(UTC), DocCache())
        rows = (await conn.execute(sa.select(ti_t.c.task_id, ti_t.c.state).where(ti_t.c.run_id == "r1"))).all()
    # t waits for its past before it may be skipped; u (without the flag) is skipped at once, as in Airflow
    assert sorted(tuple(r) for r in rows) == [("t", None), ("u", "skipped"), ("up", "skipped")]


async def test_a_start_date_without_zone_is_read_as_utc(store: Store) -> None:
    await add_run(store, "r0", 0, tis={"t": "failed"})
    await add_run(store, "r1", 1, tis={"t": None})
    assert await reason(store, "r1", task(start_date="2026-01-02T00:00:00"), catchup=True) is None
