"""Regressions found auditing the runs-side API against Airflow 3.2.2: ``map_index`` of
``get_task_instance_tries``, the messages of ``post_clear_task_instances``' body checks, and the downstream TIs a
state patch clears so the runs resume (scope of ``include_past`` / ``include_future``, marked TIs included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from public_runs_seed import VERSION_ID, at, seed

from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run, dag_version, task_instance

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
RUNS = "/api/v2/dags/alpha/dagRuns"


@pytest.fixture
async def seeded(app: Litestar) -> Store:
    store: Store = app.state.airgate.store
    await seed(store)
    return store


async def _states(store: Store, run_id: str) -> dict[str, str | None]:
    async with store.read() as conn:
        rows = await conn.execute(sa.select(task_instance.c.task_id, task_instance.c.state).where(
            task_instance.c.dag_id == "alpha", task_instance.c.run_id == run_id, task_instance.c.map_index == -1))
        return {r.task_id: r.state for r in rows}


async def test_tries_honour_the_map_index_query(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    fan0 = await client.get(f"{RUNS}/run_3/taskInstances/fan/0/tries", headers=admin)
    assert fan0.status_code == 200 and fan0.json()["total_entries"] == 1
    assert_json(await client.get(f"{RUNS}/run_3/taskInstances/fan/tries", params={"map_index": "0"}, headers=admin),
                200, fan0.json())
    assert_json(await client.get(f"{RUNS}/run_3/taskInstances/fan/tries", params={"map_index": "5"}, headers=admin),
                404, {"detail": "The Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `fan` and "
                                "map_index: `5` was not found"})
    assert_json(await client.get(f"{RUNS}/run_3/taskInstances/fan/tries", headers=admin), 404, {
        "detail": "The Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `fan` and map_index: `-1` was "
                  "not found"})


@pytest.mark.parametrize(("body", "message"), [
    ({"only_failed": True, "only_running": True}, "only_failed and only_running both are set to True"),
    ({"start_date": "2026-11-02T00:00:00Z", "end_date": "2026-11-01T00:00:00Z"}, "end_date is sooner than start_date"),
    ({"start_date": "2026-11-01T00:00:00Z", "end_date": "2026-11-02T00:00:00Z", "dag_run_id": "run_2"},
     "Exactly one of dag_run_id or (start_date and end_date) must be provided"),
    ({"start_date": "2026-11-01T00:00:00Z", "dag_run_id": "run_2"},
     "Exactly one of dag_run_id or start_date must be provided"),
    ({"end_date": "2026-11-01T00:00:00Z", "dag_run_id": "run_2"}, "Exactly one of dag_run_id or end_date must be provided"),
    ({"task_ids": []}, "task_ids list should have at least 1 element."),
])
async def test_clear_body_checks_say_which_rule(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                assert_json: AssertJson, body: dict[str, Any], message: str) -> None:
    # Airflow crashes (500) on these bodies; Airgate answers 422 with the message of Airflow's check
    assert_json(await client.post("/api/v2/dags/alpha/clearTaskInstances", json=body, headers=tokens["admin"]), 422,
                {"detail": [{"type": "value_error", "loc": ["body"], "msg": message, "input": None}]})


async def test_marking_failed_with_downstream_clears_the_downstream(
    client: httpx.AsyncClient, tokens: Tokens, seeded: Store, assert_json: AssertJson
) -> None:
    """Airflow sets the relatives, then clears the failed downstream TIs of the marked task (those it just
    marked included), so the run resumes; the answer lists the marked task's TIs only."""
    response = await client.patch(f"{RUNS}/run_1/taskInstances/extract", headers=tokens["admin"],
                                  json={"new_state": "failed", "include_downstream": True})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [(t["task_id"], t["state"]) for t in body["task_instances"]] == [("extract", "failed")]
    assert await _states(seeded, "run_1") == {"extract": "failed", "load": None}
    run = await client.get(f"{RUNS}/run_1", headers=tokens["admin"])
    assert run.json()["state"] == "queued"


async def test_marking_with_past_resumes_the_earlier_runs_too(
    client: httpx.AsyncClient, tokens: Tokens, seeded: Store, assert_json: AssertJson
) -> None:
    async with seeded.write() as conn:
        await conn.execute(sa.insert(dag_run).values(dag_id="alpha", run_id="run_0", state="failed",
                                                     run_type="scheduled", run_after=at(50), logical_date=at(50)))
        for n, (task_id, state) in enumerate((("extract", "success"), ("load", "failed"))):
            await conn.execute(sa.insert(task_instance).values(
                id=f"01a20a65-0000-7000-8000-00000000005{n}", dag_id="alpha", run_id="run_0", task_id=task_id,
                map_index=-1, state=state, try_number=1, max_tries=0, pool="default_pool", pool_slots=1,
                executor_config={}))
    response = await client.patch(f"{RUNS}/run_2/taskInstances/extract", headers=tokens["admin"],
                                  json={"new_state": "failed", "include_past": True})
    assert response.status_code == 200, response.text
    assert [(t["dag_run_id"], t["state"]) for t in response.json()["task_instances"]] == [("run_2", "failed")]
    # both runs up to run_2's logical date: extract marked, the failed load cleared for a new try
    assert await _states(seeded, "run_0") == {"extract": "failed", "load": None}
    assert await _states(seeded, "run_2") == {"extract": "failed", "load": None}
    # a run without a logical date is out of the past/future scope
    assert await _states(seeded, "run_1") == {"extract": "success", "load": "success"}


async def test_batch_run_list_cannot_order_by_duration(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                       assert_json: AssertJson) -> None:
    """``get_dag_runs`` orders by duration; the batch list's attributes (Airflow's) do not include it."""
    url = "/api/v2/dags/~/dagRuns/list"
    assert_json(await client.post(url, json={"order_by": "-duration"}, headers=tokens["admin"]), 400,
                {"detail": "Ordering with 'duration' is disallowed or the attribute does not exist on the model"})
    response = await client.post(url, json={"order_by": "-dag_run_id"}, headers=tokens["admin"])
    assert [(r["dag_id"], r["dag_run_id"]) for r in response.json()["dag_runs"]] == [
        ("alpha", "run_3"), ("alpha", "run_2"), ("beta", "run_1"), ("alpha", "run_1")]
    response = await client.get("/api/v2/dags/~/dagRuns", params={"order_by": "-duration"}, headers=tokens["admin"])
    assert response.status_code == 200


async def test_trigger_refusals_and_run_after(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                              assert_json: AssertJson) -> None:
    """Airflow triggers only a DAG that is not stale (404), has no import errors and allows manual runs (400);
    with a logical date and no ``run_after`` the run is due now and its id is made from ``run_after``."""
    admin = tokens["admin"]
    body = {"logical_date": None}
    assert_json(await client.post(f"{RUNS}", json=body, headers=admin), 404,
                {"detail": "Dag with dag_id: 'alpha' not found"})  # the seed registers alpha as stale
    async with seeded.write() as conn:
        await conn.execute(sa.update(dag).values(is_stale=False, has_import_errors=True))
    assert_json(await client.post(f"{RUNS}", json=body, headers=admin), 400,
                {"detail": "Dag with dag_id: 'alpha' has import errors and cannot be triggered"})
    async with seeded.write() as conn:
        await conn.execute(sa.update(dag).values(has_import_errors=False))
        await conn.execute(sa.update(dag).where(dag.c.dag_id == "alpha").values(allowed_run_types=["scheduled"]))
    assert_json(await client.post(f"{RUNS}", json=body, headers=admin), 400,
                {"detail": "Dag with dag_id: 'alpha' does not allow manual runs"})
    # beta has no version: Airflow's latest-version lookup answers
    assert_json(await client.post("/api/v2/dags/beta/dagRuns", json=body, headers=admin), 404,
                {"detail": "The Dag with ID: `beta` was not found"})
    async with seeded.write() as conn:
        await conn.execute(sa.update(dag).values(allowed_run_types=["manual", "scheduled"]))
    response = await client.post(f"{RUNS}", json={"logical_date": "2020-01-01T00:00:00Z"}, headers=admin)
    assert response.status_code == 200, response.text
    created = response.json()
    assert created["logical_date"] == created["data_interval_start"] == "2020-01-01T00:00:00Z"
    assert created["run_after"] > "2026-01-01" and created["run_after"] >= created["queued_at"][:19]
    assert created["dag_run_id"] == "manual__" + created["run_after"].replace("Z", "+00:00")


async def test_task_instance_list_checks_the_run_first(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                       assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/dags/~/dagRuns/run_1/taskInstances", headers=admin), 400,
                {"detail": "dag_id is required when dag_run_id is specified"})
    assert_json(await client.get("/api/v2/dags/nope/dagRuns/run_1/taskInstances", headers=admin), 404,
                {"detail": "DagRun with dag_id: `nope` and run_id: `run_1` was not found"})
    assert_json(await client.get("/api/v2/dags/nope/dagRuns/~/taskInstances", headers=admin), 404,
                {"detail": "The Dag with ID: `nope` was not found"})
    # a mapped task of a run that does not exist: no instances, not a 404 (Airflow checks the task only)
    assert_json(await client.get(f"{RUNS}/no_run/taskInstances/fan/listMapped", headers=admin), 200,
                {"task_instances": [], "total_entries": 0, "next_cursor": None, "previous_cursor": None})
    assert_json(await client.get(f"{RUNS}/no_run/taskInstances/load/listMapped", headers=admin), 404,
                {"detail": "Task id load is not mapped"})


async def test_clearing_in_a_running_run_keeps_it_running(client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                          assert_json: AssertJson) -> None:
    """Airflow re-queues only finished runs; a running one keeps its state and start date and gets a new clear
    number and ``queued_at``."""
    admin = tokens["admin"]
    response = await client.post("/api/v2/dags/alpha/clearTaskInstances", headers=admin, json={
        "dry_run": False, "only_failed": False, "dag_run_id": "run_3", "task_ids": [["fan", 0]]})
    assert response.status_code == 200, response.text
    assert [(t["task_id"], t["map_index"], t["state"]) for t in response.json()["task_instances"]] == [
        ("fan", 0, None)]
    run = (await client.get(f"{RUNS}/run_3", headers=admin)).json()
    assert (run["state"], run["start_date"]) == ("running", "2026-11-01T12:03:21Z")
    assert run["queued_at"] > "2026-11-02"
    async with seeded.read() as conn:
        assert await conn.scalar(sa.select(dag_run.c.clear_number).where(dag_run.c.run_id == "run_3")) == 1
    # a finished run is queued again (no start date)
    response = await client.post("/api/v2/dags/alpha/clearTaskInstances", headers=admin,
                                 json={"dry_run": False, "dag_run_id": "run_2"})
    assert response.status_code == 200, response.text
    run = (await client.get(f"{RUNS}/run_2", headers=admin)).json()
    assert (run["state"], run["start_date"], run["end_date"]) == ("queued", None, None)
    # reset_dag_runs=false leaves the runs alone
    async with seeded.write() as conn:
        await conn.execute(sa.update(dag_run).where(dag_run.c.run_id == "run_1").values(state="failed"))
    response = await client.post("/api/v2/dags/alpha/clearTaskInstances", headers=admin, json={
        "dry_run": False, "only_failed": False, "dag_run_id": "run_1", "reset_dag_runs": False})
    assert response.status_code == 200, response.text
    run = (await client.get(f"{RUNS}/run_1", headers=admin)).json()
    assert run["state"] == "failed"
    async with seeded.read() as conn:
        assert await conn.scalar(sa.select(dag_run.c.clear_number).where(dag_run.c.dag_id == "alpha",
                                                                         dag_run.c.run_id == "run_1")) == 0


async def test_clearing_a_run_moves_it_to_the_latest_version(client: httpx.AsyncClient, tokens: Tokens,
                                                             seeded: Store) -> None:
    """``run_on_latest_version``: the run and the TIs a clear resets move to the DAG's newest version (and bundle
    version); without it (the default of both clear operations) they keep the run's version."""
    newest = "01a20a4a-9f91-7424-a5fc-000000000002"
    async with seeded.write() as conn:
        await conn.execute(sa.insert(dag_version).values(id=newest, version_number=2, dag_id="alpha",
                                                         bundle_name="dags-folder", created_at=at(500)))
        await conn.execute(sa.update(dag).where(dag.c.dag_id == "alpha").values(bundle_version="v2"))
        await conn.execute(sa.update(dag_run).where(dag_run.c.dag_id == "alpha").values(
            created_dag_version_id=VERSION_ID))

    async def versions(run_id: str) -> tuple[Any, dict[str, Any]]:
        async with seeded.read() as conn:
            run = (await conn.execute(sa.select(dag_run.c.created_dag_version_id, dag_run.c.bundle_version).where(
                dag_run.c.dag_id == "alpha", dag_run.c.run_id == run_id))).one()
            tis = await conn.execute(sa.select(task_instance.c.task_id, task_instance.c.dag_version_id).where(
                task_instance.c.dag_id == "alpha", task_instance.c.run_id == run_id))
            return (str(run[0]), run[1]), {t: str(v) for t, v in tis}

    response = await client.post("/api/v2/dags/alpha/clearTaskInstances", headers=tokens["admin"],
                                 json={"dry_run": False, "dag_run_id": "run_2"})
    assert response.status_code == 200, response.text
    assert await versions("run_2") == ((VERSION_ID, None), {"extract": VERSION_ID, "load": VERSION_ID})
    async with seeded.write() as conn:
        await conn.execute(sa.update(task_instance).where(task_instance.c.run_id == "run_2",
                                                          task_instance.c.task_id == "load").values(state="failed"))
    response = await client.post(f"{RUNS}/run_2/clear", headers=tokens["admin"],
                                 json={"dry_run": False, "only_failed": True, "run_on_latest_version": True})
    assert response.status_code == 200, response.text
    assert await versions("run_2") == ((newest, "v2"), {"extract": VERSION_ID, "load": newest})
    response = await client.post(f"{RUNS}/run_1/clear", headers=tokens["admin"], json={"dry_run": False})
    assert response.status_code == 200, response.text
    assert await versions("run_1") == ((VERSION_ID, None), {"extract": VERSION_ID, "load": VERSION_ID})
