"""Airflow's "Not Previously Skipped" on SQLite and PostgreSQL: a task instance a finished branch or
short-circuit parent did not follow is skipped (a task cleared after the branch ran does not run)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from airgate.gateway.scheduler.dispatch import decide_runs
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, serialized_dag, xcom
from airgate.gateway.store.tables import task_instance as ti_t

VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"


def task(task_id: str, up: list[str], down: list[str], task_type: str = "BashOperator") -> dict[str, Any]:
    return {"task_id": task_id, "upstream_task_ids": up, "downstream_task_ids": down, "task_type": task_type,
            "trigger_rule": "all_success"}


@pytest.mark.parametrize(("task_type", "record"), [
    ("_BranchPythonDecoratedOperator", {"followed": ["a"]}),
    ("ShortCircuitOperator", {"skipped": ["b"]}),
])
async def test_a_task_the_parent_did_not_follow_is_skipped(store: Store, task_type: str,
                                                           record: dict[str, Any]) -> None:
    doc = {"dag_id": "d", "tasks": [task("pick", [], ["a", "b"], task_type), task("a", ["pick"], []),
                                    task("b", ["pick"], [])]}
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id="d", dag_hash="0" * 32,
                                                            dag_version_id=VERSION, data=doc))
        run_pk = (await conn.execute(sa.insert(dag_run).values(
            dag_id="d", run_id="r", run_type="manual", state="running", created_dag_version_id=VERSION,
        ).returning(dag_run.c.id))).scalar_one()
        for task_id, state in (("pick", "success"), ("a", None), ("b", None)):  # a and b cleared after the branch
            await conn.execute(sa.insert(ti_t).values(id=str(uuid.uuid4()), dag_id="d", run_id="r", task_id=task_id,
                                                      map_index=-1, state=state, try_number=1))
        await conn.execute(sa.insert(xcom).values(dag_run_id=run_pk, dag_id="d", run_id="r", task_id="pick",
                                                  map_index=-1, key="skipmixin_key", value=record))
        await decide_runs(conn, datetime.now(UTC), DocCache())
        rows = (await conn.execute(sa.select(ti_t.c.task_id, ti_t.c.state))).all()
    assert sorted(tuple(r) for r in rows) == [("a", "scheduled"), ("b", "skipped"), ("pick", "success")]
