"""``trigger_dag_run`` and ``get_dag_run`` (the scheduler's part of the DagRun tag), against SQLite and
PostgreSQL: bodies as Airflow 3.2 answers them, generated run ids, data intervals, conflicts, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import sqlalchemy as sa
from apitest import Timestamp
from litestar import Litestar
from public_runs_seed import VERSION, seed

from airgate.gateway.store.tables import dag, dag_version, serialized_dag

URL = "/api/v2/dags/alpha/dagRuns"
JSON = dict[str, Any]


async def _seeded(app: Litestar) -> None:
    """The runs seed, its DAGs registered from a file that is still there (a stale DAG cannot be triggered)."""
    store = app.state.airgate.store
    await seed(store)
    async with store.write() as conn:
        await conn.execute(sa.update(dag).values(is_stale=False))


def expected(**changes: Any) -> JSON:
    body: JSON = {
        "dag_run_id": Timestamp(), "dag_id": "alpha", "logical_date": None, "queued_at": Timestamp(),
        "start_date": None, "end_date": None, "duration": None, "data_interval_start": None,
        "data_interval_end": None, "run_after": Timestamp(), "last_scheduling_decision": None,
        "run_type": "manual", "state": "queued", "triggered_by": "rest_api", "triggering_user_name": "admin",
        "conf": {}, "note": None, "dag_versions": [VERSION], "bundle_version": None,
        "dag_display_name": "Alpha", "partition_key": None,
    }
    body.update(changes)
    return body


class TestTriggerDagRun:
    async def test_without_logical_date(self, app: Litestar, client: httpx.AsyncClient,
                                        tokens: dict[str, dict[str, str]], assert_json: Callable[..., None]) -> None:
        await _seeded(app)
        response = await client.post(URL, headers=tokens["admin"],
                                     json={"logical_date": None, "conf": {"greeting": "hi"}, "note": "by hand"})
        body = response.json()
        assert_json(response, 200, expected(dag_run_id=body["dag_run_id"], conf={"greeting": "hi"}, note="by hand"))
        assert body["dag_run_id"] == "manual__" + body["run_after"].replace("Z", "+00:00")

    async def test_explicit_run_id_and_logical_date(self, app: Litestar, client: httpx.AsyncClient,
                                                    tokens: dict[str, dict[str, str]],
                                                    assert_json: Callable[..., None]) -> None:
        await _seeded(app)
        body = {"dag_run_id": "mine", "logical_date": "2026-11-23T21:25:15.079Z", "conf": {}}
        response = await client.post(URL, headers=tokens["user"], json=body)
        assert_json(response, 200, expected(
            dag_run_id="mine", logical_date="2026-11-23T21:25:15.079000Z",
            data_interval_start="2026-11-23T21:25:15.079000Z", data_interval_end="2026-11-23T21:25:15.079000Z",
            triggering_user_name="user"))
        again = await client.post(URL, headers=tokens["admin"], json={"dag_run_id": "mine", "logical_date": None})
        assert again.status_code == 409
        assert again.json()["detail"]["reason"] == "Unique constraint violation"
        same_date = await client.post(URL, headers=tokens["admin"], json={"logical_date": "2026-11-23T21:25:15.079Z"})
        assert same_date.status_code == 409

    async def test_run_after_given(self, app: Litestar, client: httpx.AsyncClient,
                                   tokens: dict[str, dict[str, str]]) -> None:
        await _seeded(app)
        response = await client.post(URL, headers=tokens["admin"],
                                     json={"logical_date": None, "run_after": "2026-11-23T22:25:15.139Z"})
        assert response.status_code == 200
        body = response.json()
        assert (body["dag_run_id"], body["run_after"]) == (
            "manual__2026-11-23T22:25:15.139000+00:00", "2026-11-23T22:25:15.139000Z")

    async def test_unknown_dag(self, app: Litestar, client: httpx.AsyncClient,
                               tokens: dict[str, dict[str, str]], assert_json: Callable[..., None]) -> None:
        await _seeded(app)
        response = await client.post("/api/v2/dags/no_such_dag/dagRuns", headers=tokens["admin"],
                                     json={"logical_date": None})
        assert_json(response, 404, {"detail": "Dag with dag_id: 'no_such_dag' not found"})

    async def test_viewer_may_not_trigger(self, app: Litestar, client: httpx.AsyncClient,
                                          tokens: dict[str, dict[str, str]]) -> None:
        await _seeded(app)
        response = await client.post(URL, headers=tokens["viewer"], json={"logical_date": None})
        assert response.status_code == 403

    async def test_logical_date_is_required(self, app: Litestar, client: httpx.AsyncClient,
                                            tokens: dict[str, dict[str, str]]) -> None:
        await _seeded(app)
        response = await client.post(URL, headers=tokens["admin"], json={})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "logical_date"]


class TestGetDagRun:
    async def test_triggered_run(self, app: Litestar, client: httpx.AsyncClient,
                                 tokens: dict[str, dict[str, str]], assert_json: Callable[..., None]) -> None:
        await _seeded(app)
        created = (await client.post(URL, headers=tokens["admin"], json={"logical_date": None})).json()
        response = await client.get(f"{URL}/{created['dag_run_id']}", headers=tokens["viewer"])
        assert_json(response, 200, created)

    async def test_a_page_triggers_as_ui(self, app: Litestar, client: httpx.AsyncClient,
                                         tokens: dict[str, dict[str, str]]) -> None:
        """Airflow records ``triggered_by: ui`` when the request carries a Referer (the UI's trigger form)."""
        await _seeded(app)
        headers = {**tokens["admin"], "Referer": "http://127.0.0.1:8088/dags/example"}
        from_page = (await client.post(URL, headers=headers, json={"logical_date": None})).json()
        from_script = (await client.post(URL, headers=tokens["admin"], json={"logical_date": None})).json()
        assert (from_page["triggered_by"], from_script["triggered_by"]) == ("ui", "rest_api")

    async def test_unknown_run(self, app: Litestar, client: httpx.AsyncClient,
                               tokens: dict[str, dict[str, str]], assert_json: Callable[..., None]) -> None:
        await _seeded(app)
        response = await client.get("/api/v2/dags/no_such_dag/dagRuns/no_such_run", headers=tokens["admin"])
        assert_json(response, 404, {
            "detail": "The DagRun with dag_id: `no_such_dag` and run_id: `no_such_run` was not found"})


class TestTriggerParams:
    async def test_conf_failing_a_param_schema(self, app: Litestar, client: httpx.AsyncClient,
                                               tokens: dict[str, dict[str, str]],
                                               assert_json: Callable[..., None]) -> None:
        version = "01a20a5a-9481-79ea-9af0-b1064d18351a"
        params = {"count": {"value": 1, "has_value": True, "description": None,
                            "schema": {"minimum": 0, "type": "integer"}}}
        async with app.state.airgate.store.write() as conn:
            await conn.execute(sa.insert(dag).values(dag_id="typed", bundle_name="dags-folder", is_stale=False))
            await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id="typed",
                                                             bundle_name="dags-folder"))
            await conn.execute(sa.insert(serialized_dag).values(
                id="01a20a5a-0000-7000-8000-000000000002", dag_id="typed", dag_hash="1" * 32,
                dag_version_id=version, data={"dag_id": "typed", "params": params, "tasks": []}))
        response = await client.post("/api/v2/dags/typed/dagRuns", headers=tokens["admin"],
                                     json={"logical_date": None, "conf": {"count": "three"}})
        assert_json(response, 400, {"detail": (
            "Invalid input for param count: 'three' is not of type 'integer'\n\nFailed validating 'type' in "
            "schema:\n    {'type': 'integer', 'minimum': 0}\n\nOn instance:\n    'three'")})
        below = await client.post("/api/v2/dags/typed/dagRuns", headers=tokens["admin"],
                                  json={"logical_date": None, "conf": {"count": -1}})
        assert below.status_code == 400
        assert below.json()["detail"].startswith("Invalid input for param count: -1 is less than the minimum of 0")
        good = await client.post("/api/v2/dags/typed/dagRuns", headers=tokens["admin"],
                                 json={"logical_date": None, "conf": {"count": 3}})
        assert good.status_code == 200
