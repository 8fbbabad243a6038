"""``list_backfills_ui`` against SQLite and PostgreSQL: every backfill, filtered by DAG and by ``active``
(the grid and runs pages ask ``dag_id=...&active=true``), ordered and paged, with Airflow 3.2.2's bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from litestar import Litestar
from test_backfill import URL, _seed, expected, request

UI = "/ui/backfills"
AssertJson = Callable[[httpx.Response, int, Any], None]


async def test_active_and_dag_filters(app: Litestar, client: httpx.AsyncClient, tokens: dict[str, dict[str, str]],
                                      assert_json: AssertJson) -> None:
    await _seed(app.state.airgate.store)
    admin = tokens["admin"]
    active = {"dag_id": "daily", "active": "true"}
    assert_json(await client.get(UI, params=active, headers=admin), 200, {"backfills": [], "total_entries": 0})
    await client.post(URL, json=request(), headers=admin)
    await client.put(f"{URL}/1/cancel", headers=admin)
    await client.post(URL, json=request(from_date="2024-04-01T00:00:00Z", to_date="2024-04-01T00:00:00Z"),
                      headers=admin)
    await client.post(URL, json=request(dag_id="typed", dag_run_conf=None), headers=admin)
    second = expected(id=2, from_date="2024-04-01T00:00:00Z", to_date="2024-04-01T00:00:00Z")
    third = expected(id=3, dag_id="typed", dag_display_name="typed", dag_run_conf=None)
    assert_json(await client.get(UI, params=active, headers=tokens["viewer"]), 200,
                {"backfills": [second], "total_entries": 1})
    finished = (await client.get(UI, params={"active": "false"}, headers=admin)).json()
    assert [b["id"] for b in finished["backfills"]] == [1] and finished["backfills"][0]["completed_at"] is not None
    assert_json(await client.get(UI, params={"active": "true", "order_by": "-id"}, headers=admin), 200,
                {"backfills": [third, second], "total_entries": 2})
    listed = (await client.get(UI, params={"limit": "2", "offset": "1"}, headers=admin)).json()
    assert [b["id"] for b in listed["backfills"]] == [2, 3] and listed["total_entries"] == 3
    assert_json(await client.get(UI, params={"active": "x"}, headers=admin), 422, {"detail": [{
        "type": "bool_parsing", "loc": ["query", "active"],
        "msg": "Input should be a valid boolean, unable to interpret input", "input": "x"}]})
    assert_json(await client.get(UI, params={"order_by": "dag_id"}, headers=admin), 400,
                {"detail": "Ordering with 'dag_id' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.get(UI), 401, {"detail": "Not authenticated"})
    assert_json(await client.get(UI, headers={"Authorization": "Bearer this-is-not-a-jwt"}), 403,
                {"detail": "Invalid JWT token"})
