"""Pool operations against Airflow 3.2.2's recorded answers, on SQLite and PostgreSQL.

Each test walks several cases of one operation on one database (a fresh database per test is the
expensive part), asserting whole bodies and Airflow's exact messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from airgate.gateway.config import Settings
from airgate.gateway.store import create_store
from airgate.gateway.store.tables import dag_run, log, task_instance

AssertJson = Callable[[httpx.Response, int, Any], None]
URL = "/api/v2/pools"
FORGED = {"Authorization": "Bearer this-is-not-a-jwt"}
PYDANTIC = "https://errors.pydantic.dev/2.13/v/"


def pool(name: str, slots: int, description: str | None = None, include_deferred: bool = False,
         **counters: int) -> dict[str, Any]:
    counts = {"occupied_slots": 0, "running_slots": 0, "queued_slots": 0, "scheduled_slots": 0,
              "open_slots": slots, "deferred_slots": 0, **counters}
    return {"name": name, "slots": slots, "description": description, "include_deferred": include_deferred,
            **counts, "team_name": None}


DEFAULT = pool("default_pool", 128, "Default pool")


@pytest.fixture
async def op(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> httpx.AsyncClient:
    client.headers.update(tokens["op"])
    return client


async def create(client: httpx.AsyncClient, name: str, slots: int, **extra: Any) -> None:
    response = await client.post(URL, json={"name": name, "slots": slots, **extra})
    assert response.status_code == 201, response.text


async def execute(settings: Settings, *statements: Any) -> list[Any]:
    store = await create_store(settings.sql_alchemy_conn)
    try:
        async with store.write() as conn:
            results = [await conn.execute(s) for s in statements]
            return [r.all() if r.returns_rows else None for r in results]
    finally:
        await store.dispose()


async def add_task_instances(settings: Settings, *items: tuple[str, str, int]) -> None:
    """Task instances of one run: (pool, state, pool_slots) each."""
    rows = [
        {"id": str(uuid.uuid4()), "dag_id": "d", "run_id": "r", "task_id": f"t{i}", "map_index": -1, "state": state,
         "pool": pool_name, "pool_slots": slots, "try_number": 1}
        for i, (pool_name, state, slots) in enumerate(items)
    ]
    await execute(settings, sa.insert(dag_run).values(dag_id="d", run_id="r", run_type="manual"),
                  sa.insert(task_instance).values(rows))


class TestGetPools:
    async def test_list(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await op.get(URL), 200, {"pools": [DEFAULT], "total_entries": 1})
        await create(op, "ref_pool", 4, description="reference pool", include_deferred=True)
        await create(op, "other", 2)
        ref, other = pool("ref_pool", 4, "reference pool", True), pool("other", 2)
        response = await op.get(URL, params={"limit": 50, "offset": 0, "order_by": "name"})
        assert_json(response, 200, {"pools": [DEFAULT, other, ref], "total_entries": 3})
        response = await op.get(URL, params={"pool_name_pattern": "REF", "order_by": "-name"})
        assert_json(response, 200, {"pools": [ref], "total_entries": 1})
        response = await op.get(URL, params={"pool_name_prefix_pattern": "o", "order_by": "-id"})
        assert_json(response, 200, {"pools": [other], "total_entries": 1})
        response = await op.get(URL, params={"limit": 1, "offset": 1})
        assert_json(response, 200, {"pools": [ref], "total_entries": 3})
        assert_json(await op.get(URL, params={"pool_name_pattern": "zzz"}), 200, {"pools": [], "total_entries": 0})
        for field in ("slots", "nope"):
            response = await op.get(URL, params={"order_by": field})
            assert_json(response, 400, {"detail": f"Ordering with '{field}' is disallowed or the attribute does not "
                                                  "exist on the model"})

    async def test_slot_counters(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        await create(op, "tight", 2)
        await create(op, "deferring", 10, include_deferred=True)
        await create(op, "unlimited", -1)
        await add_task_instances(
            settings,
            ("tight", "running", 2), ("tight", "queued", 1), ("tight", "scheduled", 3), ("tight", "deferred", 1),
            ("tight", "success", 5), ("deferring", "deferred", 2), ("deferring", "running", 1),
            ("unlimited", "running", 4), ("default_pool", "deferred", 1),
        )
        response = await op.get(URL, params={"order_by": "id"})
        assert_json(response, 200, {"pools": [
            pool("default_pool", 128, "Default pool", deferred_slots=1),
            pool("tight", 2, occupied_slots=3, running_slots=2, queued_slots=1, scheduled_slots=3, open_slots=-1,
                 deferred_slots=1),
            pool("deferring", 10, include_deferred=True, occupied_slots=3, running_slots=1, open_slots=7,
                 deferred_slots=2),
            pool("unlimited", -1, occupied_slots=4, running_slots=4, open_slots=-1),
        ], "total_entries": 4})

    async def test_auth(self, client: httpx.AsyncClient, tokens: dict[str, dict[str, str]],
                        assert_json: AssertJson) -> None:
        assert_json(await client.get(URL), 401, {"detail": "Not authenticated"})
        assert_json(await client.get(URL, headers=FORGED), 403, {"detail": "Invalid JWT token"})
        assert_json(await client.get(URL, headers=tokens["viewer"]), 200, {"pools": [DEFAULT], "total_entries": 1})


class TestGetPool:
    async def test_get(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_pool", 4, description="reference pool", include_deferred=True)
        await create(op, "a/b", 1)
        assert_json(await op.get(f"{URL}/ref_pool"), 200, pool("ref_pool", 4, "reference pool", True))
        assert_json(await op.get(f"{URL}/default_pool"), 200, DEFAULT)
        assert_json(await op.get(f"{URL}/a/b"), 200, pool("a/b", 1))
        assert_json(await op.get(f"{URL}/no_such_pool"), 404, {"detail": "The Pool with name: `no_such_pool` was not found"})


class TestPostPool:
    async def test_post(self, client: httpx.AsyncClient, tokens: dict[str, dict[str, str]],
                        assert_json: AssertJson, settings: Settings) -> None:
        body = {"name": "ref_pool", "slots": 4, "description": "reference pool", "include_deferred": True}
        assert_json(await client.post(URL, json=body), 401, {"detail": "Not authenticated"})
        assert_json(await client.post(URL, json=body, headers=tokens["viewer"]), 403, {"detail": "Forbidden"})
        client.headers.update(tokens["op"])
        assert_json(await client.post(URL, json=body), 201, pool("ref_pool", 4, "reference pool", True))
        response = await client.post(URL, json={"name": "ref_pool", "slots": 4})
        assert response.status_code == 409
        detail = response.json()["detail"]
        assert detail == {"reason": "Unique constraint violation", "statement": "hidden", "orig_error": "hidden",
                          "message": detail["message"]}
        assert detail["message"].startswith("Serious error when handling your request. Check logs for more details"
                                            " - you will find it in api server when you look for ID ")
        response = await client.post(URL, json={"name": "ref_pool_x"})
        assert_json(response, 422, {"detail": [{"type": "missing", "loc": ["body", "slots"], "msg": "Field required",
                                                "input": {"name": "ref_pool_x"}}]})
        response = await client.post(URL, json={"name": "ref_pool_x", "slots": "many"})
        assert_json(response, 422, {"detail": [{
            "type": "int_parsing", "loc": ["body", "slots"],
            "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "many"}]})
        rows = await execute(settings, sa.select(log.c.event, log.c.owner).order_by(log.c.id))
        assert rows == [[("post_pool", "op")]]


class TestPatchPool:
    async def test_patch(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_pool", 4, description="reference pool", include_deferred=True)
        path = f"{URL}/ref_pool"
        response = await op.patch(path, params={"update_mask": "slots"},
                                  json={"pool": "ref_pool", "slots": 8, "include_deferred": False})
        assert_json(response, 200, pool("ref_pool", 8, "reference pool", True))
        body = {"pool": "ref_pool", "slots": 8, "description": "patched", "include_deferred": False}
        assert_json(await op.patch(path, json=body), 200, pool("ref_pool", 8, "patched"))
        response = await op.patch(path, params={"update_mask": "color"},
                                  json={"pool": "ref_pool", "slots": 1, "include_deferred": True})
        assert_json(response, 200, pool("ref_pool", 8, "patched"))
        response = await op.patch(path, json={"slots": 3, "include_deferred": False, "pool": None, "description": None})
        assert_json(response, 422, {"detail": [{"type": "string_type", "loc": ["pool"], "msg": "Input should be a "
                                                "valid string", "input": None, "url": PYDANTIC + "string_type"}]})

    async def test_errors(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_pool", 4)
        response = await op.patch(f"{URL}/ref_pool", params={"update_mask": "slots"}, json={"slots": 9})
        assert_json(response, 422, {"detail": [
            {"type": "missing", "loc": ["pool"], "msg": "Field required", "input": {"slots": 9}, "url": PYDANTIC + "missing"},
            {"type": "missing", "loc": ["include_deferred"], "msg": "Field required", "input": {"slots": 9},
             "url": PYDANTIC + "missing"},
        ]})
        response = await op.patch(f"{URL}/ref_pool", json={"pool": "other_name", "slots": 8, "include_deferred": False})
        assert_json(response, 400, {"detail": "Invalid body, pool name from request body doesn't match uri parameter"})
        response = await op.patch(f"{URL}/no_such_pool", json={"pool": "no_such_pool", "slots": 1, "include_deferred": False})
        assert_json(response, 404, {"detail": "The Pool with name: `no_such_pool` was not found"})
        response = await op.patch(f"{URL}/ref_pool", json={"pool": "ref_pool", "slots": "x", "include_deferred": False})
        assert_json(response, 422, {"detail": [{
            "type": "int_parsing", "loc": ["body", "slots"],
            "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"}]})
        assert_json(await op.get(f"{URL}/ref_pool"), 200, pool("ref_pool", 4))

    async def test_default_pool(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        path = f"{URL}/default_pool"
        only = {"detail": "Only slots and included_deferred can be modified on Default Pool"}
        body = {"pool": "default_pool", "slots": 5, "description": "x", "include_deferred": True}
        assert_json(await op.patch(path, json=body), 400, only)
        assert_json(await op.patch(path, params={"update_mask": ["slots", "description"]}, json=body), 400, only)
        response = await op.patch(path, params={"update_mask": ["slots", "include_deferred"]}, json=body)
        assert_json(response, 200, pool("default_pool", 5, "Default pool", True))


class TestDeletePool:
    async def test_delete(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_pool", 1)
        response = await op.delete(f"{URL}/ref_pool")
        assert response.status_code == 204 and response.content == b""
        assert_json(await op.delete(f"{URL}/ref_pool"), 404, {"detail": "The Pool with name: `ref_pool` was not found"})
        assert_json(await op.delete(f"{URL}/default_pool"), 400, {"detail": "Default Pool can't be deleted"})
        assert_json(await op.get(URL), 200, {"pools": [DEFAULT], "total_entries": 1})


class TestBulkPools:
    async def test_actions(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        body: dict[str, Any] = {"actions": [
            {"action": "create", "entities": [{"name": "p1", "slots": 2}, {"name": "p2", "slots": 3, "description": "bulk"}],
             "action_on_existence": "fail"},
            {"action": "update", "entities": [{"name": "p1", "slots": 5, "include_deferred": False}],
             "action_on_non_existence": "fail"},
            {"action": "delete", "entities": ["p2"], "action_on_non_existence": "skip"},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": ["p1", "p2"], "errors": []},
            "update": {"success": ["p1"], "errors": []},
            "delete": {"success": ["p2"], "errors": []},
        })
        body = {"actions": [
            {"action": "create", "entities": [{"name": "p1", "slots": 2}, {"name": "default_pool", "slots": 1}],
             "action_on_existence": "fail"},
            {"action": "delete", "entities": ["no_such_pool", "also_missing"], "action_on_non_existence": "fail"},
            {"action": "update", "entities": [{"name": "default_pool", "slots": 1}], "action_on_non_existence": "fail"},
            {"action": "delete", "entities": ["default_pool"]},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": [], "errors": [{
                "error": "The pools with these pool names: {'default_pool', 'p1'} already exist.", "status_code": 409}]},
            "update": {"success": [], "errors": [{
                "error": "Only slots and included_deferred can be modified on Default Pool", "status_code": 400}]},
            "delete": {"success": [], "errors": [
                {"error": "The pools with these pool names: {'also_missing', 'no_such_pool'} were not found.",
                 "status_code": 404},
                {"error": "Default Pool can't be deleted", "status_code": 400}]},
        })
        body = {"actions": [{"action": "create", "entities": [{"name": "p1", "slots": 7}], "action_on_existence": "overwrite"}]}
        assert_json(await op.patch(URL, json=body), 200, {"create": {"success": ["p1"], "errors": []}, "update": None,
                                                          "delete": None})
        assert_json(await op.get(URL), 200, {"pools": [DEFAULT, pool("p1", 7)], "total_entries": 2})
        events = await execute(settings, sa.select(log.c.event).order_by(log.c.id))
        assert [e for (e,) in events[0]] == ["bulk_pools"] * 3
        response = await op.patch(URL, json={"actions": [{"action": "merge", "entities": []}]})
        assert response.status_code == 422  # Airflow answers 500
