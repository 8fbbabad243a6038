"""DagRun: lists (filters, ``~``, ordering, offset and cursor paging), batch list, patch (with the task
instances' side effects), delete, clear (dry run and real), upstream asset events and the ``/wait`` stream."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest
import sqlalchemy as sa
from litestar import Litestar
from public_runs_seed import at, iso, run_body, seed, ti_body

from airgate.gateway.store.tables import dag_run, task_instance, task_instance_history

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]


@pytest.fixture
async def seeded(app: Litestar) -> None:
    await seed(app.state.airgate.store)


def _ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [f"{r['dag_id']}/{r['dag_run_id']}" for r in response.json()["dag_runs"]]


async def test_get_dag_runs_filters_ordering_and_errors(
    client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    base = "/api/v2/dags/alpha/dagRuns"
    assert_json(await client.get(base, headers=admin), 200, {
        "dag_runs": [run_body(0), run_body(1), run_body(2)], "total_entries": 3,
        "next_cursor": None, "previous_cursor": None})
    cases: list[tuple[str, dict[str, Any], list[str]]] = [
        (base, {"state": ["running", "queued"]}, ["alpha/run_3"]),
        ("/api/v2/dags/~/dagRuns", {"state": "queued"}, ["beta/run_1"]),
        ("/api/v2/dags/~/dagRuns", {"order_by": "-run_after", "limit": "2"}, ["beta/run_1", "alpha/run_3"]),
        (base, {"run_type": "scheduled"}, ["alpha/run_2"]),
        (base, {"run_after_gte": iso(at(100)), "run_after_lt": iso(at(200))}, ["alpha/run_2"]),
        (base, {"duration_gte": "5"}, ["alpha/run_1"]),
        (base, {"conf_contains": "one"}, ["alpha/run_1"]),
        (base, {"triggering_user_name_pattern": "OP"}, ["alpha/run_3"]),
        ("/api/v2/dags/~/dagRuns", {"dag_id_pattern": "bet"}, ["beta/run_1"]),
        (base, {"run_id_prefix_pattern": "run_2"}, ["alpha/run_2"]),
        (base, {"order_by": "-duration", "state": ["success", "failed"]}, ["alpha/run_1", "alpha/run_2"]),
        (base, {"limit": "1", "offset": "1"}, ["alpha/run_2"]),
        (base, {"logical_date_gte": iso(at(0))}, ["alpha/run_2"]),
    ]
    for path, query, expected in cases:
        assert _ids(await client.get(path, params=query, headers=admin)) == expected, query
    # conf orders as Airflow's column does per database (jsonb on PostgreSQL, JSON text on SQLite)
    assert sorted(_ids(await client.get(base, params={"order_by": "-conf"}, headers=admin))) == [
        "alpha/run_1", "alpha/run_2", "alpha/run_3"]
    assert_json(await client.get("/api/v2/dags/no_such_dag/dagRuns", headers=admin), 404,
                {"detail": "The Dag with ID: `no_such_dag` was not found"})
    assert_json(await client.get(base, params={"order_by": "nope"}, headers=admin), 400,
                {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.get(base, params={"state": "sleeping"}, headers=admin), 422,
                {"detail": "Invalid value for state. Valid values are queued, running, success, failed"})
    assert_json(await client.get(base, params={"cursor": "garbage", "limit": "3"}, headers=admin), 400,
                {"detail": "Invalid cursor token"})
    assert_json(await client.get(base), 401, {"detail": "Not authenticated"})


async def test_cursor_paging_forward_and_back(client: httpx.AsyncClient, tokens: Tokens, seeded: None) -> None:
    admin = tokens["admin"]
    base = "/api/v2/dags/~/dagRuns"
    first = (await client.get(base, params={"cursor": "", "limit": "3", "order_by": "-run_after"},
                              headers=admin)).json()
    assert [r["dag_run_id"] for r in first["dag_runs"]] == ["run_1", "run_3", "run_2"]
    assert first["total_entries"] is None and first["previous_cursor"] is None
    token = first["next_cursor"] + "=" * (-len(first["next_cursor"]) % 4)
    assert msgspec.msgpack.decode(base64.urlsafe_b64decode(token)) == [at(100), 2]  # [run_after, id], as Airflow
    second = (await client.get(base, params={"cursor": first["next_cursor"], "limit": "3",
                                             "order_by": "-run_after"}, headers=admin)).json()
    assert _names(second) == ["alpha/run_1"]
    assert second["next_cursor"] is None and second["previous_cursor"].startswith("~")
    back = (await client.get(base, params={"cursor": second["previous_cursor"], "limit": "3",
                                           "order_by": "-run_after"}, headers=admin)).json()
    assert _names(back) == ["beta/run_1", "alpha/run_3", "alpha/run_2"]
    assert back["next_cursor"] is not None and back["previous_cursor"] is None


def _names(body: dict[str, Any]) -> list[str]:
    return [f"{r['dag_id']}/{r['dag_run_id']}" for r in body["dag_runs"]]


async def test_batch_list(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    url = "/api/v2/dags/~/dagRuns/list"
    response = await client.post(url, json={"dag_ids": ["alpha", "beta"], "states": ["success", "queued"],
                                            "order_by": "-run_after", "page_limit": 5}, headers=admin)
    assert_json(response, 200, {"dag_runs": [run_body(3), run_body(0)], "total_entries": 2,
                                "next_cursor": None, "previous_cursor": None})
    assert _names((await client.post(url, json={"page_limit": 1, "page_offset": 1}, headers=admin)).json()) == [
        "alpha/run_2"]
    response = await client.post("/api/v2/dags/alpha/dagRuns/list", json={"page_limit": 2}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "literal_error"
    response = await client.post(url, json={"limit": 2}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "extra_forbidden"


async def test_patch_note_and_states_with_task_effects(
    client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson, app: Litestar
) -> None:
    admin = tokens["admin"]
    url = "/api/v2/dags/alpha/dagRuns/run_1"
    assert_json(await client.patch(url, params={"update_mask": "note"}, json={"note": "patched"}, headers=admin),
                200, run_body(0, note="patched"))
    # update_mask naming an unknown field: 200, nothing changes
    assert_json(await client.patch(url, params={"update_mask": "conf"}, json={"note": "x"}, headers=admin),
                200, run_body(0, note="patched"))
    response = await client.patch(url, json={"state": "running"}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "enum"
    assert_json(await client.patch("/api/v2/dags/alpha/dagRuns/nope", json={"note": "x"}, headers=admin), 404,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `nope` was not found"})

    # a running run marked failed: the running TI fails (its heartbeat then answers 409), unstarted ones skip
    response = await client.patch("/api/v2/dags/alpha/dagRuns/run_3", json={"state": "failed"}, headers=admin)
    assert response.status_code == 200 and response.json()["state"] == "failed"
    assert response.json()["end_date"] is not None
    assert await _ti_states(app, "run_3") == {"extract/-1": "failed", "fan/0": "success", "fan/1": "skipped",
                                              "load/-1": "skipped"}
    # marked success: every TI success
    response = await client.patch("/api/v2/dags/alpha/dagRuns/run_3", params={"update_mask": "state"},
                                  json={"state": "success"}, headers=admin)
    assert response.json()["state"] == "success"
    assert set((await _ti_states(app, "run_3")).values()) == {"success"}
    # queued: only the run changes, its dates reset
    response = await client.patch("/api/v2/dags/alpha/dagRuns/run_3", json={"state": "queued"}, headers=admin)
    assert response.json()["state"] == "queued" and response.json()["start_date"] is None
    assert set((await _ti_states(app, "run_3")).values()) == {"success"}


async def _ti_states(app: Litestar, run_id: str) -> dict[str, str | None]:
    async with app.state.airgate.store.read() as conn:
        rows = await conn.execute(sa.select(task_instance).where(task_instance.c.dag_id == "alpha",
                                                                 task_instance.c.run_id == run_id))
        return {f"{r.task_id}/{r.map_index}": r.state for r in rows}


async def test_delete(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    response = await client.delete("/api/v2/dags/alpha/dagRuns/run_1", headers=admin)
    assert response.status_code == 204 and response.content == b""
    assert_json(await client.delete("/api/v2/dags/alpha/dagRuns/run_1", headers=admin), 404,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `run_1` was not found"})
    assert_json(await client.delete("/api/v2/dags/alpha/dagRuns/run_3", headers=admin), 409,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `run_3` cannot be deleted in running state"})
    assert (await client.delete("/api/v2/dags/beta/dagRuns/run_1", headers=admin)).status_code == 204
    assert (await client.delete("/api/v2/dags/beta/dagRuns/run_1", headers=tokens["viewer"])).status_code == 403


async def test_clear_dry_run_then_real(
    client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson, app: Litestar
) -> None:
    admin = tokens["admin"]
    url = "/api/v2/dags/alpha/dagRuns/run_2/clear"
    assert_json(await client.post(url, json={}, headers=admin), 200,
                {"task_instances": [ti_body(2), ti_body(3)], "total_entries": 2})
    assert_json(await client.post(url, json={"only_failed": True}, headers=admin), 200,
                {"task_instances": [ti_body(3)], "total_entries": 1})
    # only_new: tasks of the latest version the run has no TI for (fan here)
    assert_json(await client.post(url, json={"only_new": True}, headers=admin), 200,
                {"task_instances": [{"task_id": "fan", "task_display_name": "fan"}], "total_entries": 1})
    response = await client.post(url, json={"dry_run": False}, headers=admin)
    body = response.json()
    assert response.status_code == 200, body
    assert body["state"] == "queued" and body["start_date"] is None and body["end_date"] is None
    assert body["queued_at"] != run_body(1)["queued_at"]
    async with app.state.airgate.store.read() as conn:
        run = (await conn.execute(sa.select(dag_run).where(dag_run.c.run_id == "run_2"))).one()
        tis = (await conn.execute(sa.select(task_instance).where(task_instance.c.run_id == "run_2",
                                                                 task_instance.c.dag_id == "alpha"))).all()
        tries = (await conn.execute(sa.select(task_instance_history.c.task_id, task_instance_history.c.try_number)
                                    .where(task_instance_history.c.run_id == "run_2")
                                    .order_by(task_instance_history.c.task_id,
                                              task_instance_history.c.try_number))).all()
    assert run.clear_number == 1
    assert {t.state for t in tis} == {None}
    assert {t.task_id: t.max_tries for t in tis} == {"extract": 1, "load": 3}  # try number + the task's retries
    assert {str(t.id) for t in tis}.isdisjoint({ti_body(2)["id"], ti_body(3)["id"]})  # new try, new id
    assert [tuple(t) for t in tries] == [("extract", 1), ("load", 1), ("load", 2)]
    assert_json(await client.post("/api/v2/dags/alpha/dagRuns/nope/clear", json={"dry_run": True},
                                  headers=admin), 404,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `nope` was not found"})
    response = await client.post(url, json={"dry_run": True, "reset": True}, headers=admin)
    assert response.status_code == 422


async def test_upstream_asset_events_and_wait(
    client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/run_1/upstreamAssetEvents", headers=admin), 200,
                {"asset_events": [], "total_entries": 0})
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/nope/upstreamAssetEvents", headers=admin), 404,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `nope` was not found"})
    response = await client.get("/api/v2/dags/alpha/dagRuns/run_1/wait",
                                params={"interval": "0.1", "result": ["extract", "load"]}, headers=admin)
    assert response.status_code == 200
    assert "content-type" not in response.headers
    assert [json.loads(line) for line in response.text.splitlines()] == [
        {"state": "success", "results": {"extract": 42, "load": {"rows": 3}}}]
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/nope/wait", params={"interval": "1"},
                                 headers=admin), 404,
                {"detail": "The DagRun with dag_id: `alpha` and run_id: `nope` was not found"})
