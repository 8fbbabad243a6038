"""Connection operations against Airflow 3.2.2's recorded answers, on SQLite and PostgreSQL.

Each test walks several cases of one operation on one database (a fresh database per test is the
expensive part), asserting whole bodies and Airflow's exact messages.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from airgate.gateway.config import Settings
from airgate.gateway.store import SecretBox, create_store
from airgate.gateway.store.tables import connection, log

AssertJson = Callable[[httpx.Response, int, Any], None]
MakeClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
URL = "/api/v2/connections"
FORGED = {"Authorization": "Bearer this-is-not-a-jwt"}
FULL = {"connection_id": "ref_conn", "conn_type": "postgres", "description": "reference connection",
        "host": "db.example.com", "login": "ref_user", "schema": "analytics", "port": 5432,
        "password": "ref-password", "extra": '{"sslmode": "require", "api_token": "t0k3n"}'}


def conn(connection_id: str, conn_type: str, **fields: Any) -> dict[str, Any]:
    base = dict.fromkeys(("description", "host", "login", "schema", "port", "password", "extra", "team_name"))
    return {"connection_id": connection_id, "conn_type": conn_type, **base, **fields}


FULL_ANSWER = conn("ref_conn", "postgres", description="reference connection", host="db.example.com",
                   login="ref_user", schema="analytics", port=5432, password="***",
                   extra='{"sslmode": "require", "api_token": "***"}')


@pytest.fixture
async def op(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> httpx.AsyncClient:
    client.headers.update(tokens["op"])
    return client


async def create(client: httpx.AsyncClient, **body: Any) -> None:
    response = await client.post(URL, json=body)
    assert response.status_code == 201, response.text


async def rows(settings: Settings, query: Any) -> list[Any]:
    store = await create_store(settings.sql_alchemy_conn)
    try:
        async with store.read() as c:
            return list((await c.execute(query)).all())
    finally:
        await store.dispose()


async def stored_secrets(settings: Settings, conn_id: str) -> tuple[Any, str | None, str | None]:
    """(raw row, decrypted password, decrypted extra) of a stored connection."""
    (row,) = await rows(settings, sa.select(connection).where(connection.c.conn_id == conn_id))
    box = SecretBox(settings.fernet_key)
    return row, box.decrypt(row.password) if row.is_encrypted else row.password, (
        box.decrypt(row.extra) if row.is_extra_encrypted else row.extra)


def value_error(loc: list[Any], message: str, value: Any) -> dict[str, Any]:
    return {"type": "value_error", "loc": loc, "msg": f"Value error, {message}", "input": value, "ctx": {"error": {}}}


class TestPostConnection:
    async def test_post(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        assert_json(await op.post(URL, json=FULL), 201, FULL_ANSWER)
        response = await op.post(URL, json={"connection_id": "ref_conn_min", "conn_type": "http", "extra": ""})
        assert_json(response, 201, conn("ref_conn_min", "http", extra="{}"))
        row, password, extra = await stored_secrets(settings, "ref_conn")
        assert row.is_encrypted and row.is_extra_encrypted
        assert "ref-password" not in row.password and "t0k3n" not in row.extra
        assert (password, extra) == ("ref-password", FULL["extra"])
        (audit,) = await rows(settings, sa.select(log.c.event, log.c.owner, log.c.extra).where(log.c.event == "post_connection").limit(1))
        assert audit.owner == "op"
        assert json.loads(audit.extra)["password"] == "***"
        assert json.loads(audit.extra)["extra"] == {"sslmode": "require", "api_token": "***"}

    async def test_errors(self, client: httpx.AsyncClient, tokens: dict[str, dict[str, str]],
                          assert_json: AssertJson) -> None:
        assert_json(await client.post(URL, json={"x": 1}), 401, {"detail": "Not authenticated"})
        assert_json(await client.post(URL, json={"x": 1}, headers=FORGED), 403, {"detail": "Invalid JWT token"})
        assert_json(await client.post(URL, json=FULL, headers=tokens["user"]), 403, {"detail": "Forbidden"})
        client.headers.update(tokens["op"])
        await create(client, **FULL)
        response = await client.post(URL, json={"connection_id": "ref_conn", "conn_type": "http"})
        assert response.status_code == 409
        assert response.json()["detail"]["reason"] == "Unique constraint violation"
        response = await client.post(URL, json={"connection_id": "ref_conn_x"})
        assert_json(response, 422, {"detail": [{"type": "missing", "loc": ["body", "conn_type"], "msg": "Field required",
                                                "input": {"connection_id": "ref_conn_x"}}]})
        response = await client.post(URL, json={"connection_id": "bad id!", "conn_type": "http"})
        assert_json(response, 422, {"detail": [{
            "type": "string_pattern_mismatch", "loc": ["body", "connection_id"],
            "msg": "String should match pattern '^[\\w.-]+$'", "input": "bad id!", "ctx": {"pattern": "^[\\w.-]+$"}}]})
        for extra, message in [
            ("not json", "The `extra` field must be a valid JSON object (e.g., {'key': 'value'}), but encountered "
                         "non-JSON in `extra` field"),
            ("[1]", "The `extra` field must be a valid JSON object (e.g., {'key': 'value'})"),
        ]:
            response = await client.post(URL, json={"connection_id": "c", "conn_type": "http", "extra": extra})
            assert_json(response, 422, {"detail": [value_error(["body", "extra"], message, extra)]})
        assert_json(await client.get(f"{URL}/c"), 404, {"detail": "The Connection with connection_id: `c` was not found"})


class TestGetConnection:
    async def test_get(self, op: httpx.AsyncClient, assert_json: AssertJson, tokens: dict[str, dict[str, str]]) -> None:
        await create(op, **FULL)
        assert_json(await op.get(f"{URL}/ref_conn"), 200, FULL_ANSWER)
        assert_json(await op.get(f"{URL}/no_such_conn"), 404,
                    {"detail": "The Connection with connection_id: `no_such_conn` was not found"})
        assert_json(await op.get(f"{URL}/ref_conn", headers=tokens["viewer"]), 403, {"detail": "Forbidden"})


class TestGetConnections:
    async def test_list(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert (await op.post(f"{URL}/defaults")).status_code == 204
        await create(op, **FULL)
        await create(op, connection_id="ref_conn_min", conn_type="http")
        response = await op.get(URL, params={"limit": 2, "offset": 3})
        assert_json(response, 200, {"connections": [
            conn("azure_batch_default", "azure_batch", login="<ACCOUNT_NAME>", extra='{"account_url": "<ACCOUNT_URL>"}'),
            conn("azure_cosmos_default", "azure_cosmos",
                 extra='{"database_name": "<DATABASE_NAME>", "collection_name": "<COLLECTION_NAME>"}'),
        ], "total_entries": 64})
        response = await op.get(URL, params={"connection_id_pattern": "ref_", "order_by": "-connection_id"})
        assert_json(response, 200, {"connections": [conn("ref_conn_min", "http"), FULL_ANSWER], "total_entries": 2})
        response = await op.get(URL, params={"limit": 1, "order_by": "connection_id"})
        assert_json(response, 200, {"connections": [
            conn("airflow_db", "mysql", host="mysql", login="root", schema="airflow")], "total_entries": 64})
        response = await op.get(URL, params={"connection_id_prefix_pattern": "ref_c", "order_by": ["conn_type", "id"]})
        assert_json(response, 200, {"connections": [conn("ref_conn_min", "http"), FULL_ANSWER], "total_entries": 2})
        response = await op.get(URL, params={"order_by": "password"})
        assert_json(response, 400, {"detail": "Ordering with 'password' is disallowed or the attribute does not exist on the model"})
        del op.headers["Authorization"]
        assert_json(await op.get(URL), 401, {"detail": "Not authenticated"})


class TestPatchConnection:
    async def test_patch(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        await create(op, **FULL)
        path = f"{URL}/ref_conn"
        response = await op.patch(path, params={"update_mask": "host"},
                                  json={"connection_id": "ref_conn", "conn_type": "postgres", "host": "db2.example.com"})
        assert_json(response, 200, {**FULL_ANSWER, "host": "db2.example.com"})
        response = await op.patch(path, params={"update_mask": "nope"}, json={"connection_id": "ref_conn", "conn_type": "x"})
        assert_json(response, 200, {**FULL_ANSWER, "host": "db2.example.com"})
        # Secrets sent back masked keep the stored ones; an unsent description is kept.
        body = {"connection_id": "ref_conn", "conn_type": "postgres", "password": "***", "port": 6543,
                "extra": '{"sslmode": "disable", "api_token": "***"}'}
        response = await op.patch(path, json=body)
        assert_json(response, 200, {**FULL_ANSWER, "host": "db2.example.com", "port": 6543,
                                    "extra": '{"sslmode": "disable", "api_token": "***"}'})
        _, password, extra = await stored_secrets(settings, "ref_conn")
        assert password == "ref-password"
        assert json.loads(extra or "") == {"sslmode": "disable", "api_token": "t0k3n"}
        body = {"connection_id": "ref_conn", "conn_type": "http", "password": "new-secret", "description": None}
        response = await op.patch(path, params={"update_mask": ["password", "conn_type", "description", "extra"]}, json=body)
        assert_json(response, 200, {**FULL_ANSWER, "conn_type": "http", "description": None, "host": "db2.example.com",
                                    "port": 6543, "extra": None})
        _, password, extra = await stored_secrets(settings, "ref_conn")
        assert (password, extra) == ("new-secret", None)

    async def test_errors(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        await create(op, **FULL)
        response = await op.patch(f"{URL}/ref_conn", json={"connection_id": "other", "conn_type": "postgres"})
        assert_json(response, 400, {"detail": "The connection_id in the request body does not match the URL parameter"})
        response = await op.patch(f"{URL}/no_such_conn", json={"connection_id": "no_such_conn", "conn_type": "http"})
        assert_json(response, 404, {"detail": "The Connection with connection_id: `no_such_conn` was not found"})
        response = await op.patch(f"{URL}/ref_conn", json={"connection_id": "ref_conn"})
        assert_json(response, 422, {"detail": [{"type": "missing", "loc": ["body", "conn_type"], "msg": "Field required",
                                                "input": {"connection_id": "ref_conn"}}]})
        response = await op.patch(f"{URL}/ref_conn", json={"connection_id": "ref_conn", "conn_type": "x", "extra": "{"})
        assert response.status_code == 422
        assert_json(await op.get(f"{URL}/ref_conn"), 200, FULL_ANSWER)


class TestDeleteConnection:
    async def test_delete(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        await create(op, connection_id="ref_bulk_conn_1", conn_type="http")
        response = await op.delete(f"{URL}/ref_bulk_conn_1")
        assert response.status_code == 204 and response.content == b""
        assert_json(await op.delete(f"{URL}/ref_bulk_conn_1"), 404,
                    {"detail": "The Connection with connection_id: `ref_bulk_conn_1` was not found"})
        events = await rows(settings, sa.select(log.c.event).order_by(log.c.id))
        assert [e for (e,) in events] == ["post_connection", "delete_connection"]


class TestBulkConnections:
    async def test_actions(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        body: dict[str, Any] = {"actions": [
            {"action": "create", "entities": [{"connection_id": "c1", "conn_type": "http", "host": "a.example.com"},
                                              {"connection_id": "c2", "conn_type": "sqlite"}],
             "action_on_existence": "fail"},
            {"action": "update", "entities": [{"connection_id": "c1", "conn_type": "http", "host": "b.example.com"}],
             "action_on_non_existence": "fail"},
            {"action": "delete", "entities": ["c2"], "action_on_non_existence": "skip"},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": ["c1", "c2"], "errors": []},
            "update": {"success": ["c1"], "errors": []},
            "delete": {"success": ["c2"], "errors": []},
        })
        body = {"actions": [
            {"action": "create", "entities": [{"connection_id": "c1", "conn_type": "http"}], "action_on_existence": "fail"},
            {"action": "delete", "entities": ["no_such_conn"], "action_on_non_existence": "fail"},
            {"action": "update", "entities": [{"connection_id": "zz", "conn_type": "http"}]},
        ]}
        assert_json(await op.patch(URL, json=body), 200, {
            "create": {"success": [], "errors": [
                {"error": "The connections with these connection_ids: {'c1'} already exist.", "status_code": 409}]},
            "update": {"success": [], "errors": [
                {"error": "The connections with these connection_ids: {'zz'} were not found.", "status_code": 404}]},
            "delete": {"success": [], "errors": [
                {"error": "The connections with these connection_ids: {'no_such_conn'} were not found.", "status_code": 404}]},
        })
        body = {"actions": [{"action": "create", "action_on_existence": "overwrite", "entities": [
            {"connection_id": "c1", "conn_type": "ftp", "password": "pw", "extra": '{"passphrase": "x"}'}]}]}
        assert_json(await op.patch(URL, json=body), 200, {"create": {"success": ["c1"], "errors": []}, "update": None,
                                                          "delete": None})
        assert_json(await op.get(URL), 200, {"connections": [
            conn("c1", "ftp", password="***", extra='{"passphrase": "***"}')], "total_entries": 1})

    async def test_invalid_extra_changes_nothing(self, op: httpx.AsyncClient, assert_json: AssertJson) -> None:
        body = {"actions": [
            {"action": "create", "entities": [{"connection_id": "c1", "conn_type": "http"}]},
            {"action": "update", "entities": [{"connection_id": "c1", "conn_type": "http", "extra": "oops"}]},
        ]}
        message = ("The `extra` field must be a valid JSON object (e.g., {'key': 'value'}), but encountered non-JSON "
                   "in `extra` field")
        assert_json(await op.patch(URL, json=body), 422, {"detail": [
            value_error(["body", "actions", 1, "update", "entities", 0, "extra"], message, "oops")]})
        assert_json(await op.get(URL), 200, {"connections": [], "total_entries": 0})


class TestTestConnection:
    async def test_disabled_by_default(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings) -> None:
        response = await op.post(f"{URL}/test", json={"connection_id": "x", "conn_type": "postgres"})
        assert_json(response, 403, {"detail": "Testing connections is disabled in Airflow configuration. "
                                              "Contact your deployment admin to enable it."})

    async def test_enabled(self, make_client: MakeClient, passwords: dict[str, str], assert_json: AssertJson,
                           settings: Settings, tmp_path: Path) -> None:
        database = tmp_path / "probe.db"
        sqlite3.connect(database).close()
        async with make_client(AIRFLOW__CORE__TEST_CONNECTION="Enabled") as enabled:
            token = (await enabled.post("/auth/token", json={"username": "op", "password": passwords["op"]})).json()
            enabled.headers["Authorization"] = f"Bearer {token['access_token']}"
            ok = {"status": True, "message": "Connection successfully tested"}
            body = {"connection_id": "pg", "conn_type": "postgres", "host": "127.0.0.1", "port": 5432,
                    "login": "postgres", "schema": "postgres"}
            assert_json(await enabled.post(f"{URL}/test", json=body), 200, ok)
            response = await enabled.post(f"{URL}/test", json={**body, "port": 1})
            assert response.status_code == 200 and response.json()["status"] is False and response.json()["message"]
            body = {"connection_id": "lite", "conn_type": "sqlite", "host": str(database)}
            assert_json(await enabled.post(f"{URL}/test", json=body), 200, ok)
            response = await enabled.post(f"{URL}/test", json={**body, "host": str(tmp_path / "missing.db")})
            assert response.json()["status"] is False
            assert not (tmp_path / "missing.db").exists()
            response = await enabled.post(f"{URL}/test", json={"connection_id": "m", "conn_type": "mysql"})
            assert_json(response, 200, {"status": False, "message": 'Airgate cannot test connections of type "mysql" '
                                                                    "(testable: http, https, postgres, postgresql, sqlite)"})
        events = await rows(settings, sa.select(log.c.event))
        assert events == []  # not audited, as in Airflow


class TestCreateDefaultConnections:
    async def test_defaults(self, op: httpx.AsyncClient, assert_json: AssertJson, settings: Settings,
                            tokens: dict[str, dict[str, str]]) -> None:
        await create(op, connection_id="postgres_default", conn_type="postgres", host="mine")
        response = await op.post(f"{URL}/defaults")
        assert response.status_code == 204 and response.content == b""
        assert (await op.post(f"{URL}/defaults")).status_code == 204
        listed = (await op.get(URL, params={"limit": 100})).json()
        assert listed["total_entries"] == 62
        by_id = {c["connection_id"]: c for c in listed["connections"]}
        assert by_id["postgres_default"]["host"] == "mine"
        assert by_id["ftp_default"] == conn("ftp_default", "ftp", host="localhost", port=21, login="airflow",
                                            password="***", extra='{"key_file": "~/.ssh/id_rsa", "no_host_key_check": true}')
        events = await rows(settings, sa.select(log.c.event).order_by(log.c.id))
        assert [e for (e,) in events] == ["post_connection", "create_default_connections", "create_default_connections"]
        assert_json(await op.post(f"{URL}/defaults", headers=tokens["user"]), 403, {"detail": "Forbidden"})
