"""``get_task_instance_dependencies`` reports every unmet dependency Airflow 3.2 reports for a task instance
waiting to be queued (run state, logical date, pool, previous run, concurrency, DAG slots, state, trigger rule),
sorted by name, with Airflow's reasons; on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from litestar import Litestar

from airgate.gateway.store.tables import (
    dag,
    dag_run,
    dag_version,
    serialized_dag,
    slot_pool,
    task_instance,
    xcom,
)

DAY = datetime(2026, 1, 1, tzinfo=UTC)
VERSION = "01a20a4a-9f91-7424-a5fc-bfed59a4ae7c"
TASK = {"task_id": "t", "upstream_task_ids": ["up"], "downstream_task_ids": [], "trigger_rule": "one_success",
        "depends_on_past": True, "ignore_first_depends_on_past": False, "pool": "tiny", "pool_slots": 2,
        "max_active_tis_per_dag": 1, "start_date": (DAY + timedelta(days=5)).isoformat()}
DOC = {"dag_id": "d", "catchup": False, "start_date": DAY.isoformat(), "tasks": [
    TASK, {"task_id": "up", "upstream_task_ids": [], "downstream_task_ids": ["t"]}]}


async def seed(app: Litestar) -> None:
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, max_active_tasks=1))
        await conn.execute(sa.insert(dag_version).values(id=VERSION, version_number=1, dag_id="d",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id="d", dag_hash="0" * 32,
                                                            dag_version_id=VERSION, data=DOC))
        await conn.execute(sa.insert(slot_pool).values(pool="tiny", slots=1, include_deferred=False))
        for day, run_id, state, tis in ((0, "r0", "success", {"t": "failed"}),
                                        (1, "r1", "queued", {"t": None, "up": "running"}),
                                        (2, "r2", "running", {"t": "running"})):
            await conn.execute(sa.insert(dag_run).values(
                dag_id="d", run_id=run_id, run_type="scheduled", state=state, logical_date=DAY + timedelta(days=day),
                run_after=DAY + timedelta(days=day), created_dag_version_id=VERSION))
            for task_id, ti_state in tis.items():
                await conn.execute(sa.insert(task_instance).values(
                    id=str(uuid.uuid4()), dag_id="d", run_id=run_id, task_id=task_id, map_index=-1, state=ti_state,
                    try_number=1, pool="tiny" if task_id == "t" else "default_pool", pool_slots=2))


async def test_every_unmet_dependency_is_reported(client: httpx.AsyncClient, app: Litestar,
                                                  tokens: dict[str, dict[str, str]],
                                                  assert_json: Callable[[httpx.Response, int, Any], None]) -> None:
    await seed(app)
    response = await client.get("/api/v2/dags/d/dagRuns/r1/taskInstances/t/dependencies", headers=tokens["admin"])
    assert_json(response, 200, {"dependencies": [
        {"name": "Dagrun Running",
         "reason": "Task instance's dagrun was not in the 'running' state but in the state 'queued'."},
        {"name": "Logical Date", "reason": "The logical date is 2026-01-02T00:00:00+00:00 but this is before the "
                                           "task's start date 2026-01-06T00:00:00+00:00."},
        {"name": "Pool Slots Available",
         "reason": "Not scheduling since there are -1 open slots in pool tiny and require 2 pool slots"},
        {"name": "Previous Dagrun State", "reason": "depends_on_past is true for this task, but 1 previous task "
                                                    "instance(s) are not in a successful state."},
        {"name": "Task Concurrency", "reason": "The max task concurrency has been reached."},
        {"name": "Task Instance Slots Available",
         "reason": "The maximum number of running tasks (1) for this task's DAG 'd' has been reached."},
        {"name": "Task Instance State", "reason": "Task is in the 'None' state."},
        {"name": "Trigger Rule", "reason": (
            "Task's trigger rule 'one_success' requires one upstream task success, but none were found. "
            "upstream_states=_UpstreamTIStates(success=0, skipped=0, failed=0, upstream_failed=0, removed=0, "
            "done=0, success_setup=0, skipped_setup=0), upstream_task_ids={'up'}")},
    ]})
    # a task instance that is running has none (as Airflow: only no state or scheduled are looked at)
    running = await client.get("/api/v2/dags/d/dagRuns/r2/taskInstances/t/dependencies", headers=tokens["admin"])
    assert_json(running, 200, {"dependencies": []})


GROUP_DOC = {"dag_id": "m", "tasks": [
    {"task_id": "make", "upstream_task_ids": [], "downstream_task_ids": ["grp.add"]},
    {"task_id": "grp.add", "upstream_task_ids": ["make"], "downstream_task_ids": [], "task_group_id": "grp",
     "pool": "default_pool"},
], "task_groups": [{"group_id": "grp", "parent_group_id": None, "is_mapped": True, "mapping": {
    "expand_type": "dict", "expand_input": {"x": {"__type": "xcomarg", "task_id": "make", "key": "return_value"}}}}]}


async def test_a_mapped_group_member_whose_source_failed(client: httpx.AsyncClient, app: Litestar,
                                                         tokens: dict[str, dict[str, str]],
                                                         assert_json: Callable[[httpx.Response, int, Any], None]) -> None:
    version = str(uuid.uuid4())
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="m", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False))
        await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id="m",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id="m", dag_hash="0" * 32,
                                                            dag_version_id=version, data=GROUP_DOC))
        await conn.execute(sa.insert(dag_run).values(dag_id="m", run_id="r", run_type="manual", state="running",
                                                     run_after=DAY, created_dag_version_id=version))
        for task_id, state in (("make", "failed"), ("grp.add", None)):
            await conn.execute(sa.insert(task_instance).values(id=str(uuid.uuid4()), dag_id="m", run_id="r",
                                                               task_id=task_id, map_index=-1, state=state))
    response = await client.get("/api/v2/dags/m/dagRuns/r/taskInstances/grp.add/dependencies",
                                headers=tokens["admin"])
    assert_json(response, 200, {"dependencies": [
        {"name": "Mapped dependencies have succeeded",
         "reason": "At least one of task's mapped dependencies has not succeeded!"},
        {"name": "Task Instance State", "reason": "Task is in the 'None' state."},
        {"name": "Trigger Rule", "reason": (
            "Task's trigger rule 'all_success' requires all upstream tasks to have succeeded, but found 1 "
            "non-success(es). upstream_states=_UpstreamTIStates(success=0, skipped=0, failed=1, upstream_failed=0, "
            "removed=0, done=1, success_setup=0, skipped_setup=0), upstream_task_ids={'make'}")},
    ]})


async def test_a_task_the_branch_did_not_follow(client: httpx.AsyncClient, app: Litestar,
                                                tokens: dict[str, dict[str, str]],
                                                assert_json: Callable[[httpx.Response, int, Any], None]) -> None:
    version = str(uuid.uuid4())
    doc = {"dag_id": "b", "tasks": [
        {"task_id": "pick", "task_type": "_BranchPythonDecoratedOperator", "upstream_task_ids": [],
         "downstream_task_ids": ["a", "b"]},
        {"task_id": "b", "upstream_task_ids": ["pick"], "downstream_task_ids": [], "pool": "default_pool"}]}
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="b", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False))
        await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id="b",
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id="b", dag_hash="0" * 32,
                                                            dag_version_id=version, data=doc))
        run_pk = (await conn.execute(sa.insert(dag_run).values(
            dag_id="b", run_id="r", run_type="manual", state="running", run_after=DAY,
            created_dag_version_id=version).returning(dag_run.c.id))).scalar_one()
        for task_id, state in (("pick", "success"), ("b", None)):
            await conn.execute(sa.insert(task_instance).values(id=str(uuid.uuid4()), dag_id="b", run_id="r",
                                                               task_id=task_id, map_index=-1, state=state))
        await conn.execute(sa.insert(xcom).values(dag_run_id=run_pk, dag_id="b", run_id="r", task_id="pick",
                                                  map_index=-1, key="skipmixin_key", value={"followed": ["a"]}))
    response = await client.get("/api/v2/dags/b/dagRuns/r/taskInstances/b/dependencies", headers=tokens["admin"])
    assert_json(response, 200, {"dependencies": [
        {"name": "Not Previously Skipped", "reason": "Skipping because of previous XCom result from parent task pick"},
        {"name": "Task Instance State", "reason": "Task is in the 'None' state."},
    ]})
