"""Variable operations against Airflow 3.2.2's recorded answers, on SQLite and PostgreSQL.

Each test walks several cases of one operation on one database (a fresh database per test is the
expensive part), asserting whole bodies and Airflow's exact messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from airgate.gateway.config import Settings
from airgate.gateway.store import create_store
from airgate.gateway.store.tables import log, variable

AssertJson = Callable[[httpx.Response, int, Any], None]
URL = "/api/v2/variables"
FORGED = {"Authorization": "Bearer this-is-not-a-jwt"}


def var(key: str, value: str, description: str | None = None) -> dict[str, Any]:
    return {"key": key, "value": value, "description": description, "is_encrypted": True, "team_name": None}


def missing(field: str, given: dict[str, Any]) -> dict[str, Any]:
    return {"detail": [{"type": "missing", "loc": ["body", field], "msg": "Field required", "input": given}]}


@pytest.fixture
async def op(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> httpx.AsyncClient:
    client.headers.update(tokens["op"])
    return client


async def create(client: httpx.AsyncClient, key: str, value: Any, **extra: Any) -> None:
    response = await client.post(URL, json={"key": key, "value": value, **extra})
    assert response.status_code == 201, response.text


async def raw_rows(settings: Settings, table: sa.Table, *where: Any) -> list[Any]:
    store = await create_store(settings.sql_alchemy_conn)
    try:
        async with store.read() as conn:
            return list((await conn.execute(sa.select(table).where(*where).order_by(table.c.id))).all())
    finally:
        await store.dispose()


class TestPostVariable:
    async def test_values_masking_and_encryption(
        self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings
    ) -> None:
        body: dict[str, Any] = {"key": "ref_var", "value": "some value", "description": "reference variable"}
        assert_json(await op.post(URL, json=body), 201, var("ref_var", "some value", "reference variable"))
        body = {"key": "ref_db_password", "value": "s3cr3t", "description": "sensitive"}
        assert_json(await op.post(URL, json=body), 201, var("ref_db_password", "***", "sensitive"))
        body = {"key": "ref_var_tmp", "value": {"nested": True}}
        assert_json(await op.post(URL, json=body), 201, var("ref_var_tmp", "{'nested': True}"))
        body = {"key": "ref_json", "value": '{"a":1, "api_key": "k3y", "list": [1,2]}'}
        assert_json(await op.post(URL, json=body), 201, var("ref_json", '{"a": 1, "api_key": "***", "list": [1, 2]}'))
        rows = await raw_rows(settings, variable)
        assert [r.is_encrypted for r in rows] == [True] * 4
        assert not any("some value" in r.val or "s3cr3t" in r.val for r in rows)
        (audit,) = await raw_rows(settings, log, log.c.event == "post_variable", log.c.owner == "op",
                                  log.c.extra.like("%ref_db_password%"))
        assert json.loads(audit.extra) == {"key": "ref_db_password", "value": "***", "description": "sensitive",
                                           "method": "POST"}

    async def test_errors(
        self, client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
    ) -> None:
        assert_json(await client.post(URL, json={"nonsense": True}), 401, {"detail": "Not authenticated"})
        assert_json(await client.post(URL, json={"nonsense": True}, headers=FORGED), 403, {"detail": "Invalid JWT token"})
        for role in ("viewer", "user"):
            response = await client.post(URL, json={"key": "k", "value": "v"}, headers=tokens[role])
            assert_json(response, 403, {"detail": "Forbidden"})
        client.headers.update(tokens["op"])
        await create(client, "ref_var", "x")
        response = await client.post(URL, json={"key": "ref_var", "value": "y"})
        assert_json(response, 409, {"detail": "The Variable with key: `ref_var` already exists"})
        assert_json(await client.post(URL, json={"key": "ref_var_x"}), 422, missing("value", {"key": "ref_var_x"}))
        assert_json(await client.post(URL, json={"value": "x"}), 422, missing("key", {"value": "x"}))
        response = await client.post(URL, json={"key": "ref_var_x", "value": "x", "team": "a"})
        extra_forbidden = {"type": "extra_forbidden", "loc": ["body", "team"], "msg": "Extra inputs are not permitted",
                           "input": "a"}
        assert_json(response, 422, {"detail": [extra_forbidden]})
        response = await client.post(URL, json={"key": "k", "value": "x", "team_name": "t"})
        # Airflow answers 500 here; Airgate a validation error the spec allows (docs/adr/0004-no-500s.md)
        no_teams = ("Value error, Multi-team mode is not configured in the Airflow environment. "
                    "To assign a team to a variable, multi-mode must be enabled.")
        assert_json(response, 422, {"detail": [{"type": "value_error", "loc": ["body", "team_name"], "msg": no_teams,
                                                "input": "t", "ctx": {"error": {}}}]})
        assert_json(await client.get(f"{URL}/k"), 404, {"detail": "The Variable with key: `k` was not found"})


class TestGetVariable:
    async def test_get(self, op: httpx.AsyncClient, assert_json: AssertJson, tokens: dict[str, dict[str, str]]) -> None:
        await create(op, "ref_var", "some value", description="reference variable")
        await create(op, "a/b/c", "v")
        assert_json(await op.get(f"{URL}/ref_var"), 200, var("ref_var", "some value", "reference variable"))
        assert_json(await op.get(f"{URL}/a/b/c"), 200, var("a/b/c", "v"))
        assert_json(await op.get(f"{URL}/no_such_key"), 404, {"detail": "The Variable with key: `no_such_key` was not found"})
        assert_json(await op.get(f"{URL}/ref_var", headers=tokens["viewer"]), 403, {"detail": "Forbidden"})


class TestGetVariables:
    async def test_list(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        for key, value in [("ref_var", "v1"), ("ref_exec_var", "v2"), ("other", "v3"), ("ref_exec_json", "v4")]:
            await create(op, key, value)
        v1, v2, v3, v4 = var("ref_var", "v1"), var("ref_exec_var", "v2"), var("other", "v3"), var("ref_exec_json", "v4")
        assert_json(await op.get(URL), 200, {"variables": [v1, v2, v3, v4], "total_entries": 4})
        response = await op.get(URL, params={"variable_key_pattern": "REF_", "order_by": "-key", "limit": 2})
        assert_json(response, 200, {"variables": [v1, v2], "total_entries": 3})
        response = await op.get(URL, params={"variable_key_prefix_pattern": "ref_exec", "offset": 1})
        assert_json(response, 200, {"variables": [v4], "total_entries": 2})
        response = await op.get(URL, params={"order_by": ["description", "-_val"], "limit": 0})
        assert_json(response, 200, {"variables": [], "total_entries": 4})
        response = await op.get(URL, params={"order_by": "value"})
        assert_json(response, 400, {"detail": "Ordering with 'value' is disallowed or the attribute does not exist on the model"})
        del op.headers["Authorization"]
        assert_json(await op.get(URL), 401, {"detail": "Not authenticated"})
        assert_json(await op.get(URL, headers=FORGED), 403, {"detail": "Invalid JWT token"})


class TestPatchVariable:
    async def test_patch(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_var", "v", description="reference variable")
        path = f"{URL}/ref_var"
        response = await op.patch(path, params={"update_mask": "value"}, json={"key": "ref_var", "value": "patched value"})
        assert_json(response, 200, var("ref_var", "patched value", "reference variable"))
        response = await op.patch(path, json={"key": "ref_var", "value": "again", "description": "new"})
        assert_json(response, 200, var("ref_var", "again", "new"))
        assert_json(await op.patch(path, json={"key": "ref_var", "value": "w"}), 200, var("ref_var", "w", "new"))
        response = await op.patch(path, params={"update_mask": "owner"}, json={"key": "ref_var", "value": "x"})
        assert_json(response, 200, var("ref_var", "w", "new"))
        response = await op.patch(path, json={"key": "ref_var", "value": None, "description": None})
        assert_json(response, 200, var("ref_var", "w"))

    async def test_errors(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, "ref_var", "v")
        response = await op.patch(f"{URL}/ref_var", json={"key": "other", "value": "x"})
        assert_json(response, 400, {"detail": "Invalid body, key from request body doesn't match uri parameter"})
        response = await op.patch(f"{URL}/ref_var", params={"update_mask": "key"}, json={"key": "ref_var", "value": "x"})
        assert_json(response, 400, {"detail": "Update not allowed: the following fields are immutable and cannot be "
                                              "modified: {'key'}"})
        response = await op.patch(f"{URL}/no_such_key", json={"key": "no_such_key", "value": "x"})
        assert_json(response, 404, {"detail": "The Variable with key: `no_such_key` was not found"})
        assert_json(await op.patch(f"{URL}/ref_var", json={"key": "ref_var"}), 422, missing("value", {"key": "ref_var"}))
        assert_json(await op.get(f"{URL}/ref_var"), 200, var("ref_var", "v"))


class TestDeleteVariable:
    async def test_delete(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        await create(op, "ref_var_tmp", "x")
        response = await op.delete(f"{URL}/ref_var_tmp")
        assert response.status_code == 204 and response.content == b""
        response = await op.delete(f"{URL}/ref_var_tmp")
        assert_json(response, 404, {"detail": "The Variable with key: `ref_var_tmp` was not found"})
        events = [r.event for r in await raw_rows(settings, log)]
        assert events == ["post_variable", "delete_variable"]  # a failed call is not audited


class TestBulkVariables:
    async def test_actions(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        body: dict[str, Any] = {"actions": [
            {"action": "create", "entities": [{"key": "b1", "value": "one"},
                                              {"key": "b2", "value": "two", "description": "bulk"}],
             "action_on_existence": "fail"},
            {"action": "update", "entities": [{"key": "b1", "value": "uno"}], "action_on_non_existence": "fail"},
            {"action": "delete", "entities": ["b2"], "action_on_non_existence": "skip"},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": ["b1", "b2"], "errors": []},
            "update": {"success": ["b1"], "errors": []},
            "delete": {"success": ["b2"], "errors": []},
        })
        await create(op, "a0", "kept")
        body = {"actions": [
            {"action": "create", "entities": [{"key": "b1", "value": "ignored"}], "action_on_existence": "skip"},
            {"action": "create", "entities": [{"key": "b1", "value": "x"}, {"key": "a0", "value": "x"},
                                              {"key": "new", "value": "x"}], "action_on_existence": "fail"},
            {"action": "delete", "entities": ["no_such_key"], "action_on_non_existence": "fail"},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": [], "errors": [
                {"error": "The variables with these keys: {'a0', 'b1'} already exist.", "status_code": 409}]},
            "update": None,
            "delete": {"success": [], "errors": [
                {"error": "The variables with these keys: {'no_such_key'} were not found.", "status_code": 404}]},
        })
        assert_json(await op.get(URL), 200, {"variables": [var("b1", "uno"), var("a0", "kept")], "total_entries": 2})
        body = {"actions": [
            {"action": "create", "entities": [{"key": "b1", "value": {"a": [1]}}], "action_on_existence": "overwrite"},
            {"action": "update", "entities": [{"key": "a0", "value": "new", "description": "ignored"},
                                              {"key": "missing", "value": "x"}],
             "update_mask": ["value"], "action_on_non_existence": "skip"},
            {"action": "delete", "entities": [{"key": "b1", "value": ""}]},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": ["b1"], "errors": []},
            "update": {"success": ["a0"], "errors": []},
            "delete": {"success": ["b1"], "errors": []},
        })
        assert_json(await op.get(URL), 200, {"variables": [var("a0", "new")], "total_entries": 1})
        assert [r.event for r in await raw_rows(settings, log)].count("bulk_variables") == 3

    async def test_overwrite_stores_objects_as_indented_json(self, op: httpx.AsyncClient, settings: Settings) -> None:
        body = {"actions": [{"action": "create", "entities": [{"key": "j", "value": {"a": [1]}}]}]}
        assert (await op.patch(URL, json=body)).status_code == 200
        assert (await op.get(f"{URL}/j")).json()["value"] == '{"a": [1]}'
        (row,) = await raw_rows(settings, variable)
        assert row.is_encrypted and "[1]" not in row.val

    async def test_invalid_bodies(
        self, op: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
    ) -> None:
        response = await op.patch(URL, json={"actions": [{"action": "create", "entities": "b1"}]})
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "list_type"
        assert_json(await op.patch(URL, json={"actions": []}, headers=tokens["viewer"]), 403, {"detail": "Forbidden"})

    async def test_unknown_action_is_422_not_500(self, op: httpx.AsyncClient) -> None:
        # Airflow answers 500 here; Airgate must not.
        response = await op.patch(URL, json={"actions": [{"action": "merge", "entities": []}]})
        assert response.status_code == 422
        (error,) = response.json()["detail"]
        assert error["loc"] == ["body"] and "merge" in error["msg"]
