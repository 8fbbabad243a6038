"""A task triggers and clears dag runs (``trigger_dag_run``, ``clear_dag_run``): Airflow 3.2's bodies, the run
as the REST API then shows it, and each error with its ``{"reason", "message"}``."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import sqlalchemy as sa

from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_version, serialized_dag, task_instance

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]
PARENT = "01a20a65-31d1-7e79-b055-c9d2a0fe3e23"


async def register(db: Store, dag_id: str, default_args: dict[str, Any] | None = None, **fields: Any) -> None:
    version = str(uuid.uuid4())
    async with db.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id=dag_id, bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, **fields))
        await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id=dag_id,
                                                         bundle_name="dags-folder"))
        await conn.execute(sa.insert(serialized_dag).values(
            id=str(uuid.uuid4()), dag_id=dag_id, dag_hash="0" * 32, dag_version_id=version,
            data={"dag_id": dag_id, "default_args": default_args or {}, "tasks": [{"task_id": "t", "retries": 2}]}))


async def parent(db: Store, seed_run: SeedRun, seed_ti: SeedTi) -> None:
    await register(db, "parent")
    await seed_run(dag_id="parent", run_id="p", triggering_user_name="alice")
    await seed_ti(id=PARENT, dag_id="parent", task_id="trigger", run_id="p", state="running")


async def test_trigger_creates_a_queued_manual_run(client: httpx.AsyncClient, auth: Auth, db: Store,
                                                   seed_run: SeedRun, seed_ti: SeedTi,
                                                   tokens: dict[str, dict[str, str]]) -> None:
    await parent(db, seed_run, seed_ti)
    await register(db, "child")
    body = {"logical_date": "2026-11-23T21:52:23.024279Z", "conf": {"from": "parent"}, "note": "n"}
    before = datetime.now(UTC)
    response = await client.post("/execution/dag-runs/child/r1", json=body, headers=auth(PARENT))
    assert (response.status_code, response.content) == (204, b"")
    run = (await client.get("/api/v2/dags/child/dagRuns/r1", headers=tokens["admin"])).json()
    assert {k: run[k] for k in ("dag_run_id", "state", "run_type", "triggered_by", "triggering_user_name",
                                "conf", "note", "logical_date")} == {
        "dag_run_id": "r1", "state": "queued", "run_type": "manual", "triggered_by": "operator",
        "triggering_user_name": "alice", "conf": {"from": "parent"}, "note": "n",
        "logical_date": "2026-11-23T21:52:23.024279Z"}
    # Airflow infers the data interval from the moment of the trigger
    assert run["data_interval_start"] == run["data_interval_end"] == run["run_after"]
    assert datetime.fromisoformat(run["run_after"]) >= before

    again = await client.post("/execution/dag-runs/child/r1", json={}, headers=auth(PARENT))
    assert (again.status_code, again.json()) == (409, {"detail": {
        "reason": "already_exists", "message": "A run already exists for Dag 'child' with run_id 'r1'"}})
    plain = await client.post("/execution/dag-runs/child/r2", json={}, headers=auth(PARENT))
    assert plain.status_code == 204
    run = (await client.get("/api/v2/dags/child/dagRuns/r2", headers=tokens["admin"])).json()
    assert (run["logical_date"], run["data_interval_start"], run["conf"]) == (None, None, {})


async def test_trigger_errors(client: httpx.AsyncClient, auth: Auth, db: Store, seed_run: SeedRun,
                              seed_ti: SeedTi) -> None:
    await parent(db, seed_run, seed_ti)
    await register(db, "broken", has_import_errors=True)
    await register(db, "scheduled_only", allowed_run_types=["scheduled"])
    await register(db, "stale")
    async with db.write() as conn:
        await conn.execute(sa.update(dag).where(dag.c.dag_id == "stale").values(is_stale=True))
    cases = {
        "missing": (404, "not_found", "Dag with dag_id: 'missing' not found"),
        "stale": (404, "not_found", "Dag with dag_id: 'stale' not found"),
        "broken": (400, "import_errors", "Dag with dag_id 'broken' has import errors and cannot be triggered"),
        "scheduled_only": (400, "denied_run_type", "Dag with dag_id 'scheduled_only' does not allow manual runs"),
    }
    for dag_id, (status, reason, message) in cases.items():
        response = await client.post(f"/execution/dag-runs/{dag_id}/r", json={}, headers=auth(PARENT))
        assert (response.status_code, response.json()) == (status, {"detail": {"reason": reason,
                                                                               "message": message}}), dag_id
    await register(db, "later", {"start_date": {"__type": "datetime", "value": "2026-01-01T00:00:00+00:00"}})
    early = await client.post("/execution/dag-runs/later/r", json={"logical_date": "2025-12-31T00:00:00Z"},
                              headers=auth(PARENT))
    assert (early.status_code, early.json()) == (400, {"detail": {"reason": "invalid_logical_date", "message": (
        "Logical date [2025-12-31T00:00:00+00:00] should be >= start_date [2026-01-01T00:00:00+00:00] from Dag's "
        "default_args")}})
    unknown = await client.post("/execution/dag-runs/parent/r", json={"nope": 1}, headers=auth(PARENT))
    assert unknown.status_code == 422
    anonymous = await client.post("/execution/dag-runs/parent/r", json={})
    assert (anonymous.status_code, anonymous.json()) == (401, {"detail": "Missing auth token"})


async def test_clear_queues_the_run_with_its_task_instances_cleared(
        client: httpx.AsyncClient, auth: Auth, db: Store, seed_run: SeedRun, seed_ti: SeedTi,
        tokens: dict[str, dict[str, str]]) -> None:
    await parent(db, seed_run, seed_ti)
    await register(db, "child")
    await seed_run(dag_id="child", run_id="c", state="failed")
    await seed_ti(id=str(uuid.uuid4()), dag_id="child", task_id="t", run_id="c", state="failed", try_number=1)
    response = await client.post("/execution/dag-runs/child/c/clear", headers=auth(PARENT))
    assert (response.status_code, response.content) == (204, b"")
    run = (await client.get("/api/v2/dags/child/dagRuns/c", headers=tokens["admin"])).json()
    assert (run["state"], run["end_date"]) == ("queued", None)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(task_instance.c.state, task_instance.c.max_tries).where(
            task_instance.c.dag_id == "child"))).one()
    assert tuple(row) == (None, 3)  # try 1 + the task's 2 retries
    tries = (await client.get("/api/v2/dags/child/dagRuns/c/taskInstances/t/tries",
                              headers=tokens["admin"])).json()
    assert [(t["try_number"], t["state"]) for t in tries["task_instances"]] == [(1, "failed")]

    missing = await client.post("/execution/dag-runs/child/zz/clear", headers=auth(PARENT))
    assert (missing.status_code, missing.json()) == (404, {"detail": {
        "reason": "not_found", "message": "Dag run with run_id: 'zz' not found"}})
    no_dag = await client.post("/execution/dag-runs/nodag/c/clear", headers=auth(PARENT))
    assert (no_dag.status_code, no_dag.json()) == (404, {"detail": {
        "reason": "not_found", "message": "Dag with dag_id: 'nodag' not found"}})
