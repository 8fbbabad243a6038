"""``delete_dag`` removes what Airflow removes (runs, task instances and their tries, XComs, rendered fields,
reschedules, HITL rows, backfills and their run links, versions, serialized DAGs, code, tags, favourites,
warnings, jobs, the file's import errors) and keeps the audit log; refused while a task instance runs; a DAG
registered again under the same id starts clean (a new backfill is allowed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from public_runs_seed import T0, ti_id
from public_runs_seed import seed as seed_runs

from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    backfill,
    backfill_dag_run,
    dag,
    dag_code,
    dag_favorite,
    dag_owner_attributes,
    dag_run,
    dag_tag,
    dag_version,
    dag_warning,
    hitl_detail,
    import_error,
    job,
    log,
    rendered_task_instance_fields,
    serialized_dag,
    task_instance,
    task_instance_history,
    task_reschedule,
    xcom,
)

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
DAILY = {"type": "CronTriggerTimetable", "args": {"expression": "0 0 * * *", "timezone": "UTC", "interval": 0.0}}
NEW_VERSION = "01a20a4a-9f91-7424-a5fc-00000000beef"
ALPHA_TABLES = (dag, dag_run, task_instance, task_instance_history, xcom, rendered_task_instance_fields,
                backfill, dag_version, serialized_dag, dag_code, dag_tag, dag_favorite, dag_owner_attributes,
                dag_warning, job)


async def _extras(store: Store) -> None:
    """On top of the runs seed: a finished backfill of alpha linked to run_2, rendered fields, a reschedule and
    a HITL row of alpha's TIs, its code, tag, owner link, favourite, warning, a job, an import error of its
    file and of another file, and an audit log row."""
    async with store.write() as conn:
        await conn.execute(sa.update(dag).where(dag.c.dag_id == "alpha").values(relative_fileloc="alpha.py"))
        await conn.execute(sa.insert(backfill).values(dag_id="alpha", from_date=T0, to_date=T0, dag_run_conf={},
                                                      completed_at=T0))
        backfill_id = await conn.scalar(sa.select(backfill.c.id).where(backfill.c.dag_id == "alpha"))
        run_pk = await conn.scalar(sa.select(dag_run.c.id).where(dag_run.c.dag_id == "alpha",
                                                                dag_run.c.run_id == "run_2"))
        await conn.execute(sa.update(dag_run).where(dag_run.c.id == run_pk).values(backfill_id=backfill_id))
        await conn.execute(sa.insert(backfill_dag_run).values(backfill_id=backfill_id, dag_run_id=run_pk,
                                                              logical_date=T0, sort_ordinal=1))
        await conn.execute(sa.insert(rendered_task_instance_fields).values(
            dag_id="alpha", run_id="run_1", task_id="extract", map_index=-1, rendered_fields={"cmd": "x"}))
        await conn.execute(sa.insert(task_reschedule).values(ti_id=ti_id(0), start_date=T0, end_date=T0,
                                                             duration=0, reschedule_date=T0))
        await conn.execute(sa.insert(hitl_detail).values(ti_id=ti_id(1), options=["a"], subject="s"))
        version = await conn.scalar(sa.select(dag_version.c.id).where(dag_version.c.dag_id == "alpha"))
        await conn.execute(sa.insert(dag_code).values(id="01a20a4a-0000-7000-8000-0000000000c0", dag_id="alpha",
                                                      fileloc="/dags/alpha.py", source_code="x = 1",
                                                      source_code_hash="0" * 32, dag_version_id=version))
        await conn.execute(sa.insert(dag_tag).values(name="etl", dag_id="alpha"))
        await conn.execute(sa.insert(dag_owner_attributes).values(dag_id="alpha", owner="me", link="https://x"))
        await conn.execute(sa.insert(dag_favorite).values(dag_id="alpha", user_id="admin"))
        await conn.execute(sa.insert(dag_warning).values(dag_id="alpha", warning_type="non-existent pool",
                                                         message="m"))
        await conn.execute(sa.insert(job).values(dag_id="alpha", job_type="SchedulerJob", state="success"))
        await conn.execute(sa.insert(import_error).values(filename="alpha.py", bundle_name="dags-folder",
                                                          stacktrace="old"))
        await conn.execute(sa.insert(import_error).values(filename="other.py", bundle_name="dags-folder",
                                                          stacktrace="kept"))
        await conn.execute(sa.insert(log).values(dag_id="alpha", event="trigger", dttm=T0))


async def _counts(store: Store, dag_id: str) -> dict[str, int]:
    async with store.read() as conn:
        found = {t.name: (await conn.execute(sa.select(sa.func.count()).select_from(t)
                                             .where(t.c.dag_id == dag_id))).scalar_one() for t in ALPHA_TABLES}
        found["backfill_dag_run"] = (await conn.execute(
            sa.select(sa.func.count()).select_from(backfill_dag_run))).scalar_one()
        found["task_reschedule"] = (await conn.execute(
            sa.select(sa.func.count()).select_from(task_reschedule))).scalar_one()
        found["hitl_detail"] = (await conn.execute(sa.select(sa.func.count()).select_from(hitl_detail))).scalar_one()
        found["log"] = (await conn.execute(sa.select(sa.func.count()).select_from(log)
                                           .where(log.c.dag_id == dag_id, log.c.event == "trigger"))).scalar_one()
        found["import_error"] = (await conn.execute(sa.select(sa.func.count()).select_from(import_error)
                                                    .where(import_error.c.filename == "alpha.py"))).scalar_one()
    return found


@pytest.fixture
async def seeded(app: Litestar) -> Store:
    store: Store = app.state.airgate.store
    await seed_runs(store)
    await _extras(store)
    return store


async def _register_again(store: Store) -> None:
    """alpha parsed again from its file: a new DAG row, version 1, a daily timetable."""
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="alpha", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, timetable_type="CronTriggerTimetable",
                                                 timetable_summary="0 0 * * *", relative_fileloc="alpha.py"))
        await conn.execute(sa.insert(dag_version).values(id=NEW_VERSION, version_number=1, dag_id="alpha",
                                                         bundle_name="dags-folder", created_at=T0))
        await conn.execute(sa.insert(serialized_dag).values(
            id="01a20a4a-0000-7000-8000-00000000beef", dag_id="alpha", dag_hash="1" * 32,
            dag_version_id=NEW_VERSION, data={"dag_id": "alpha", "timetable": DAILY, "params": {}, "tasks": [
                {"task_id": "work", "upstream_task_ids": [], "downstream_task_ids": []}]}))


async def test_delete_removes_everything_and_a_new_dag_starts_clean(
    client: httpx.AsyncClient, tokens: Tokens, seeded: Store, assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    before = await _counts(seeded, "alpha")
    assert all(before.values()), before
    # alpha/run_3/extract runs: refused, nothing removed
    assert_json(await client.delete("/api/v2/dags/alpha", headers=admin), 409,
                {"detail": "Task instances of dag with id: 'alpha' are still running"})
    assert await _counts(seeded, "alpha") == before
    async with seeded.write() as conn:
        await conn.execute(sa.update(task_instance).where(task_instance.c.state == "running").values(state="success"))
    response = await client.delete("/api/v2/dags/alpha", headers=admin)
    assert response.status_code == 204 and response.content == b""
    after = await _counts(seeded, "alpha")
    assert after == {name: 1 if name == "log" else 0 for name in before}, after
    # beta and the other file's import error are untouched
    beta = await client.get("/api/v2/dags/~/dagRuns", params={"dag_id_pattern": "beta"}, headers=admin)
    assert [r["dag_run_id"] for r in beta.json()["dag_runs"]] == ["run_1"]
    errors = (await client.get("/api/v2/importErrors", headers=admin)).json()
    assert [e["filename"] for e in errors["import_errors"]] == ["other.py"]
    assert_json(await client.delete("/api/v2/dags/alpha", headers=admin), 404,
                {"detail": "Dag with id: alpha was not found"})
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns", headers=admin), 404,
                {"detail": "The Dag with ID: `alpha` was not found"})

    await _register_again(seeded)
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns", headers=admin), 200,
                {"dag_runs": [], "total_entries": 0, "next_cursor": None, "previous_cursor": None})
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/~/taskInstances/~/xcomEntries", headers=admin), 200,
                {"xcom_entries": [], "total_entries": 0})
    created = await client.post("/api/v2/backfills", headers=admin, json={
        "dag_id": "alpha", "from_date": "2024-03-01T00:00:00Z", "to_date": "2024-03-02T00:00:00Z",
        "run_backwards": False, "dag_run_conf": {}, "reprocess_behavior": "none", "max_active_runs": 1})
    assert created.status_code == 200, created.text
    assert created.json()["dag_id"] == "alpha"
    runs = (await client.get("/api/v2/dags/alpha/dagRuns", headers=admin)).json()
    assert sorted(r["dag_run_id"] for r in runs["dag_runs"]) == [
        "backfill__2024-03-01T00:00:00+00:00", "backfill__2024-03-02T00:00:00+00:00"]


async def test_running_task_is_checked_before_the_dag(
    client: httpx.AsyncClient, tokens: Tokens, store: Store, assert_json: AssertJson
) -> None:
    """Airflow looks for a running task instance of the id first: 409 even when no DAG row is left."""
    async with store.write() as conn:
        await conn.execute(sa.insert(dag_run).values(dag_id="ghost", run_id="r", run_type="manual", state="running",
                                                     run_after=T0))
        await conn.execute(sa.insert(task_instance).values(
            id=ti_id(77), dag_id="ghost", run_id="r", task_id="t", map_index=-1, state="running", try_number=1,
            pool="default_pool", pool_slots=1, executor_config={}))
    assert_json(await client.delete("/api/v2/dags/ghost", headers=tokens["admin"]), 409,
                {"detail": "Task instances of dag with id: 'ghost' are still running"})
    assert_json(await client.delete("/api/v2/dags/nothing", headers=tokens["admin"]), 404,
                {"detail": "Dag with id: nothing was not found"})
