"""Mapped task groups in scheduling passes on SQLite and PostgreSQL: placeholders wait for the group's XCom
source, then expand to one instance per element; instance i waits only for instance i of its upstream
members; the task after the group waits for every instance; an empty expansion skips the group."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from airgate.gateway.scheduler.dispatch import decide_runs
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag, xcom
from airgate.gateway.store.tables import task_instance as ti_t

VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"


def task(task_id: str, up: list[str], down: list[str], group: str | None = None) -> dict[str, Any]:
    return {"task_id": task_id, "upstream_task_ids": up, "downstream_task_ids": down, "task_group_id": group,
            "trigger_rule": "all_success", "retries": 0, "pool": "default_pool"}


DOC = {"dag_id": "d", "tasks": [
    task("make", [], ["grp.add"]), task("grp.add", ["make"], ["grp.double"], "grp"),
    task("grp.double", ["grp.add"], ["total"], "grp"), task("total", ["grp.double"], []),
], "task_groups": [{"group_id": "grp", "parent_group_id": None, "is_mapped": True, "task_ids": ["grp.add", "grp.double"],
                    "mapping": {"expand_type": "dict",
                                "expand_input": {"x": {"__type": "xcomarg", "task_id": "make", "key": "return_value"}}}}]}


async def seed(store: Store) -> None:
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id="d", dag_hash="0" * 32,
                                                            dag_version_id=VERSION, data=DOC))
        await conn.execute(sa.insert(dag_run).values(dag_id="d", run_id="r", run_type="manual", state="running",
                                                     created_dag_version_id=VERSION))
        for t in DOC["tasks"]:
            await conn.execute(sa.insert(ti_t).values(id=str(uuid.uuid4()), dag_id="d", run_id="r",
                                                      task_id=t["task_id"], map_index=-1, state=None, try_number=0))


async def decide(store: Store, docs: DocCache) -> list[tuple[str, int, str | None]]:
    async with store.write() as conn:
        await decide_runs(conn, datetime.now(UTC), docs)
        rows = (await conn.execute(sa.select(ti_t.c.task_id, ti_t.c.map_index, ti_t.c.state))).all()
    return sorted((r.task_id, r.map_index, r.state) for r in rows)


async def finish(store: Store, task_id: str, map_index: int, value: Any = None) -> None:
    async with store.write() as conn:
        await conn.execute(sa.update(ti_t).where(ti_t.c.task_id == task_id, ti_t.c.map_index == map_index)
                           .values(state="success"))
        if value is not None:
            run_pk = await conn.scalar(sa.select(dag_run.c.id))
            await conn.execute(sa.insert(xcom).values(dag_run_id=run_pk, dag_id="d", run_id="r", task_id=task_id,
                                                      map_index=map_index, key="return_value", value=value))


async def test_a_group_expands_over_its_source_and_runs_per_index(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    assert await decide(store, docs) == [("grp.add", -1, None), ("grp.double", -1, None), ("make", -1, "scheduled"),
                                         ("total", -1, None)]
    await finish(store, "make", -1, [10, 20])
    assert await decide(store, docs) == [
        ("grp.add", 0, "scheduled"), ("grp.add", 1, "scheduled"), ("grp.double", 0, None), ("grp.double", 1, None),
        ("make", -1, "success"), ("total", -1, None)]
    await finish(store, "grp.add", 1)
    assert await decide(store, docs) == [
        ("grp.add", 0, "scheduled"), ("grp.add", 1, "success"), ("grp.double", 0, None),
        ("grp.double", 1, "scheduled"), ("make", -1, "success"), ("total", -1, None)]
    for name, index in (("grp.add", 0), ("grp.double", 1)):
        await finish(store, name, index)
    assert ("total", -1, None) in await decide(store, docs)  # grp.double[0] has not run yet
    await finish(store, "grp.double", 0)
    assert ("total", -1, "scheduled") in await decide(store, docs)


async def test_an_empty_expansion_skips_the_group(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    await decide(store, docs)
    await finish(store, "make", -1, [])
    assert await decide(store, docs) == [("grp.add", -1, "skipped"), ("grp.double", -1, "skipped"),
                                         ("make", -1, "success"), ("total", -1, "skipped")]


async def test_a_failed_source_ends_the_group_whatever_the_trigger_rules(store: Store) -> None:
    await seed(store)
    docs = DocCache()
    await decide(store, docs)
    async with store.write() as conn:
        await conn.execute(sa.update(ti_t).where(ti_t.c.task_id == "make").values(state="failed"))
        # grp.double would run after all upstream tasks are done: the group's failed source decides first
        data = dict(DOC, tasks=[dict(t, trigger_rule="all_done") if t["task_id"] == "grp.double" else t
                                for t in DOC["tasks"]])
        await conn.execute(sa.update(serialized_dag).values(data=data))
    assert await decide(store, DocCache()) == [("grp.add", -1, "upstream_failed"),
                                               ("grp.double", -1, "upstream_failed"), ("make", -1, "failed"),
                                               ("total", -1, "upstream_failed")]
