"""Connections, variables and dag runs as a task reads them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]


async def test_variables(client: httpx.AsyncClient, auth: Auth, tokens: dict[str, dict[str, str]]) -> None:
    h = auth("ti")
    put = await client.put(
        "/execution/variables/folder/name", json={"val": "v1", "description": "d"}, headers=h
    )
    assert (put.status_code, put.json()) == (201, {"message": "Variable successfully set"})
    assert (
        await client.put("/execution/variables/folder/name", json={"val": "v2"}, headers=h)
    ).status_code == 201
    got = await client.get("/execution/variables/folder/name", headers=h)
    assert (got.status_code, got.json()) == (200, {"key": "folder/name", "value": "v2"})
    public = await client.get("/api/v2/variables/folder/name", headers=tokens["admin"])
    assert (public.json()["value"], public.json()["is_encrypted"]) == ("v2", True)
    deleted = await client.delete("/execution/variables/folder/name", headers=h)
    assert (deleted.status_code, deleted.content) == (204, b"")
    missing = await client.get("/execution/variables/folder/name", headers=h)
    assert (missing.status_code, missing.json()) == (
        404,
        {"detail": {"reason": "not_found", "message": "Variable with key 'folder/name' not found"}},
    )
    bad = await client.put("/execution/variables/x", json={"value": "v"}, headers=h)
    assert bad.status_code == 422


async def test_connection_secrets_are_plain(
    client: httpx.AsyncClient, auth: Auth, tokens: dict[str, dict[str, str]]
) -> None:
    body = {
        "connection_id": "c1",
        "conn_type": "http",
        "host": "h",
        "password": "s3cret",
        "extra": '{"token": "t"}',
        "port": 1,
    }
    assert (await client.post("/api/v2/connections", json=body, headers=tokens["admin"])).status_code == 201
    got = await client.get("/execution/connections/c1", headers=auth("ti"))
    assert got.json() == {
        "conn_id": "c1",
        "conn_type": "http",
        "host": "h",
        "schema": None,
        "login": None,
        "password": "s3cret",
        "port": 1,
        "extra": '{"token": "t"}',
    }


async def test_dag_runs(client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun) -> None:
    h = auth("ti")
    await seed_run(
        dag_id="d",
        run_id="a",
        state="success",
        logical_date="2026-01-01T00:00:00Z",
        run_after="2026-01-01T00:00:00Z",
    )
    await seed_run(
        dag_id="d",
        run_id="b",
        state="running",
        logical_date="2026-01-02T00:00:00Z",
        run_after="2026-01-02T00:00:00Z",
    )
    state = await client.get("/execution/dag-runs/d/b/state", headers=h)
    assert (state.status_code, state.json()) == (200, {"state": "running"})
    missing = await client.get("/execution/dag-runs/d/zz/state", headers=h)
    assert missing.json() == {
        "detail": {"reason": "not_found", "message": "Dag run with dag_id 'd' and run_id 'zz' was not found"}
    }
    count = await client.get(
        "/execution/dag-runs/count",
        params=[("dag_id", "d"), ("states", "success"), ("states", "failed")],
        headers=h,
    )
    assert count.json() == 1
    assert (
        await client.get("/execution/dag-runs/count", params={"dag_id": "d", "run_ids": "b"}, headers=h)
    ).json() == 1
    detail = await client.get("/execution/dag-runs/d/a", headers=h)
    assert (
        detail.json()["logical_date"] == "2026-01-01T00:00:00Z"
        and detail.json()["consumed_asset_events"] == []
    )
    previous = await client.get(
        "/execution/dag-runs/previous",
        params={"dag_id": "d", "logical_date": "2026-01-02T00:00:00Z"},
        headers=h,
    )
    assert previous.json()["run_id"] == "a"
    none = await client.get(
        "/execution/dag-runs/previous",
        params={"dag_id": "d", "logical_date": "2026-01-01T00:00:00Z"},
        headers=h,
    )
    assert (none.status_code, none.json()) == (200, None)
