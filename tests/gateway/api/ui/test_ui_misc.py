"""The smaller private UI operations (SQLite and PostgreSQL): ``list_teams``, ``hook_meta_data`` and
``get_dag_run_deadlines`` (over a DAG registered from a real file), against Airflow 3.2.2's answers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from ui_seed import add_deadline, add_run, at, dag_file, parser_pool, register

from airgate.gateway.config import Settings
from airgate.shim import ParserPool

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
MakeClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]

pool = pytest.fixture(scope="module")(parser_pool)


class TestListTeams:
    async def test_multi_team_off(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        off = {"detail": "Multi-team mode is not configured in the Airflow environment"}
        assert_json(await client.get("/ui/teams", headers=tokens["admin"]), 403, off)
        assert_json(await client.get("/ui/teams", params={"limit": "10", "offset": "0", "order_by": "name"},
                                     headers=tokens["viewer"]), 403, off)
        response = await client.get("/ui/teams", params={"limit": "ten"}, headers=tokens["admin"])
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "limit"]
        assert_json(await client.get("/ui/teams"), 401, {"detail": "Not authenticated"})

    @pytest.fixture
    async def teams_client(self, make_client: MakeClient) -> AsyncIterator[httpx.AsyncClient]:
        users = "admin:admin,op:op,user:user,viewer:viewer,ana:viewer:blue|green,bo:op:red"
        async with make_client(AIRFLOW__CORE__MULTI_TEAM="True", AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=users) as c:
            yield c

    async def test_multi_team_on(self, teams_client: httpx.AsyncClient, settings: Settings,
                                 assert_json: AssertJson) -> None:
        client = teams_client
        passwords = json.loads(Path(settings.simple_auth_manager_passwords_file).read_text())

        async def token(name: str) -> dict[str, str]:
            response = await client.post("/auth/token", json={"username": name, "password": passwords[name]})
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        admin = await token("admin")
        all_teams = [{"name": "blue"}, {"name": "green"}, {"name": "red"}]
        assert_json(await client.get("/ui/teams", headers=admin), 200, {"teams": all_teams, "total_entries": 3})
        assert_json(await client.get("/ui/teams", params={"order_by": "-name", "limit": "2", "offset": "0"},
                                     headers=admin), 200,
                    {"teams": [{"name": "red"}, {"name": "green"}], "total_entries": 3})
        assert_json(await client.get("/ui/teams", params={"order_by": "id"}, headers=admin), 400,
                    {"detail": "Ordering with 'id' is disallowed or the attribute does not exist on the model"})
        # anyone else sees only their own teams
        assert_json(await client.get("/ui/teams", headers=await token("ana")), 200,
                    {"teams": [{"name": "blue"}, {"name": "green"}], "total_entries": 2})
        assert_json(await client.get("/ui/teams", headers=await token("viewer")), 200,
                    {"teams": [], "total_entries": 0})


class TestHookMetaData:
    async def test_core_connection_types(self, client: httpx.AsyncClient, tokens: Tokens,
                                         assert_json: AssertJson) -> None:
        core = [{"connection_type": t, "hook_class_name": None, "default_conn_name": None, "hook_name": name,
                 "standard_fields": None, "extra_fields": None} for t, name in (("generic", "Generic"),
                                                                                ("email", "Email"))]
        assert_json(await client.get("/ui/connections/hook_meta", headers=tokens["op"]), 200, core)
        # connections are for Op and Admin only
        assert_json(await client.get("/ui/connections/hook_meta", headers=tokens["viewer"]), 403,
                    {"detail": "Forbidden"})
        assert_json(await client.get("/ui/connections/hook_meta"), 401, {"detail": "Not authenticated"})


DEADLINES = [("01a20a83-e68d-7139-9c6c-0e4ff56eed2f", at(3 * 3600), at(0), False),
             ("01a20a83-0000-7000-8000-000000000002", at(600), at(5), True),
             ("01a20a83-0000-7000-8000-000000000003", at(7200), at(10), False)]


def deadline_body(n: int) -> dict[str, Any]:
    deadline_id, when, created, missed = DEADLINES[n]
    return {"id": deadline_id, "deadline_time": when.isoformat().replace("+00:00", "Z"), "missed": missed,
            "created_at": created.isoformat().replace("+00:00", "Z"), "alert_name": None, "alert_description": None}


class TestGetDagRunDeadlines:
    @pytest.fixture
    async def seeded(self, app: Litestar, client: httpx.AsyncClient, tmp_path: Path, pool: ParserPool) -> None:
        store = app.state.airgate.store
        await register(store, tmp_path / "dags", {"deadline.py": dag_file("dl_dag", "None")}, pool)
        run_pk = await add_run(store, "dl_dag", "queued_run", "queued", logical_date=at(0))
        await add_run(store, "dl_dag", "done_run", "success", logical_date=at(-100), start=at(-100), end=at(-90))
        for deadline_id, when, created, missed in DEADLINES:
            await add_deadline(store, run_pk, deadline_id, when, created, missed=missed)

    async def test_list_order_and_paging(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                         assert_json: AssertJson) -> None:
        url = "/ui/dags/dl_dag/dagRuns/queued_run/deadlines"
        viewer = tokens["viewer"]
        assert_json(await client.get(url, headers=viewer), 200,
                    {"deadlines": [deadline_body(1), deadline_body(2), deadline_body(0)], "total_entries": 3})
        assert_json(await client.get(url, params={"order_by": "-deadline_time", "limit": "2", "offset": "0"},
                                     headers=viewer), 200,
                    {"deadlines": [deadline_body(0), deadline_body(2)], "total_entries": 3})
        assert_json(await client.get(url, params={"order_by": "created_at", "offset": "2"}, headers=viewer), 200,
                    {"deadlines": [deadline_body(2)], "total_entries": 3})
        response = await client.get(url, params={"order_by": "-alert_name"}, headers=viewer)
        assert response.status_code == 200 and response.json()["total_entries"] == 3
        assert_json(await client.get("/ui/dags/dl_dag/dagRuns/done_run/deadlines", headers=viewer), 200,
                    {"deadlines": [], "total_entries": 0})

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                          assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        assert_json(await client.get("/ui/dags/dl_dag/dagRuns/no_such_run/deadlines", headers=admin), 404,
                    {"detail": "No DAG run found for dag_id=dl_dag dag_run_id=no_such_run"})
        assert_json(await client.get("/ui/dags/dl_dag/dagRuns/queued_run/deadlines", params={"order_by": "nope"},
                                     headers=admin), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        response = await client.get("/ui/dags/dl_dag/dagRuns/queued_run/deadlines", params={"offset": "-1"},
                                    headers=admin)
        assert response.status_code == 422 and response.json()["detail"][0]["type"] == "greater_than_equal"
        assert_json(await client.get("/ui/dags/dl_dag/dagRuns/x/deadlines"), 401, {"detail": "Not authenticated"})
