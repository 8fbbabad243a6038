"""XCom: list (``~``, filters, ordering), read (``stringify``), create, update and delete entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from apitest import Timestamp
from litestar import Litestar
from public_runs_seed import at, iso, seed

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
RUN1 = "/api/v2/dags/alpha/dagRuns/run_1/taskInstances"


@pytest.fixture
async def seeded(app: Litestar) -> None:
    await seed(app.state.airgate.store)


def _entry(task_id: str, key: str, offset: float, **extra: Any) -> dict[str, Any]:
    return {"key": key, "timestamp": iso(at(offset)), "logical_date": None, "map_index": -1, "task_id": task_id,
            "dag_id": "alpha", "run_id": "run_1", "dag_display_name": "Alpha", "task_display_name": task_id,
            "run_after": iso(at(0)), **extra}


async def test_list_and_read(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    entries = [_entry("extract", "return_value", 4), _entry("load", "custom", 9), _entry("load", "return_value", 10)]
    assert_json(await client.get(f"{RUN1}/~/xcomEntries", headers=admin), 200,
                {"xcom_entries": entries, "total_entries": 3})
    assert_json(await client.get("/api/v2/dags/~/dagRuns/~/taskInstances/~/xcomEntries",
                                 params={"xcom_key": "return_value", "order_by": "-timestamp", "limit": "1"},
                                 headers=admin), 200, {"xcom_entries": [entries[2]], "total_entries": 2})
    assert_json(await client.get(f"{RUN1}/load/xcomEntries", params={"xcom_key_pattern": "CUST"}, headers=admin),
                200, {"xcom_entries": [entries[1]], "total_entries": 1})
    assert_json(await client.get("/api/v2/dags/nope/dagRuns/run_1/taskInstances/load/xcomEntries", headers=admin),
                200, {"xcom_entries": [], "total_entries": 0})
    assert_json(await client.get(f"{RUN1}/load/xcomEntries", params={"order_by": "value"}, headers=admin), 400,
                {"detail": "Ordering with 'value' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.get(f"{RUN1}/load/xcomEntries/return_value", headers=admin), 200,
                _entry("load", "return_value", 10, value={"rows": 3}))
    assert_json(await client.get(f"{RUN1}/load/xcomEntries/return_value",
                                 params={"deserialize": "true", "stringify": "true"}, headers=admin), 200,
                _entry("load", "return_value", 10, value="{'rows': 3}"))
    assert_json(await client.get(f"{RUN1}/load/xcomEntries/nope", headers=admin), 404,
                {"detail": "XCom entry with key: `nope` not found"})
    assert_json(await client.get(f"{RUN1}/load/xcomEntries"), 401, {"detail": "Not authenticated"})


async def test_create_update_delete(client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                    assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    url = f"{RUN1}/extract/xcomEntries"
    made = _entry("extract", "manual", 0, timestamp=Timestamp(), value={"n": 1})
    assert_json(await client.post(url, json={"key": "manual", "value": {"n": 1}}, headers=admin), 201, made)
    assert_json(await client.post(url, json={"key": "manual", "value": 1}, headers=admin), 409,
                {"detail": "The XCom with key: `manual` with mentioned task instance already exists."})
    assert_json(await client.post(f"{RUN1}/nope/xcomEntries", json={"key": "k", "value": 1}, headers=admin), 404,
                {"detail": "Task with ID: `nope` not found in dag: `alpha`"})
    assert_json(await client.post("/api/v2/dags/alpha/dagRuns/nope/taskInstances/extract/xcomEntries",
                                  json={"key": "k", "value": 1}, headers=admin), 404,
                {"detail": "Dag Run with ID: `nope` not found for dag: `alpha`"})
    response = await client.post(url, json={"key": "k2"}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "missing"
    assert_json(await client.patch(f"{url}/manual", json={"value": "changed"}, headers=admin), 200,
                {**made, "value": "changed"})
    assert_json(await client.patch(f"{url}/nope", json={"value": 1}, headers=admin), 404,
                {"detail": "The XCom with key: `nope` with mentioned task instance doesn't exist."})
    response = await client.delete(f"{url}/manual", headers=admin)
    assert response.status_code == 204 and response.content == b""
    assert_json(await client.delete(f"{url}/manual", headers=admin), 404,
                {"detail": "The XCom with key: `manual` with mentioned task instance doesn't exist."})
    assert (await client.delete(f"{url}/return_value", headers=tokens["viewer"])).status_code == 403
