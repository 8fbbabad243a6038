"""UI asset views: ``next_run_assets`` (what an asset-scheduled DAG waits for) and the partitioned dag run
views, which answer as Airflow 3.2.2 does when no DAG run is partitioned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from asset_seed import NEVER, ONE, TWO, seed
from litestar import Litestar

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]


@pytest.fixture
async def ids(app: Litestar) -> dict[str, int]:
    return await seed(app.state.airgate.store)


def _expr(obj: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    return {"asset": {"uri": obj["uri"], "name": obj["name"], "group": obj["group"], "id": ids[obj["name"]]}}


def _waiting(obj: dict[str, Any], ids: dict[str, int], last: str | None = None) -> dict[str, Any]:
    return {"id": ids[obj["name"]], "uri": obj["uri"], "name": obj["name"], "lastUpdate": last}


async def test_next_run_assets(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    expression = {"any": [{"all": [_expr(ONE, ids), _expr(NEVER, ids)]}, {"alias": {"name": "al_in",
                                                                                      "group": "asset"}}]}
    assert_json(await client.get("/ui/next_run_assets/ap_waiting", headers=admin), 200, {
        "asset_expression": expression, "events": [_waiting(ONE, ids), _waiting(NEVER, ids)]})
    event = (await client.post("/api/v2/assets/events", json={"asset_id": ids["s3://b/one"]}, headers=admin)).json()
    assert_json(await client.get("/ui/next_run_assets/ap_waiting", headers=admin), 200, {
        "asset_expression": expression,
        "events": [_waiting(ONE, ids, event["timestamp"]), _waiting(NEVER, ids)]})
    assert_json(await client.get("/ui/next_run_assets/ap_consumer", headers=admin), 200, {
        "asset_expression": {"all": [_expr(ONE, ids), _expr(TWO, ids)]},
        "events": [_waiting(TWO, ids), _waiting(ONE, ids, event["timestamp"])]})
    assert_json(await client.get("/ui/next_run_assets/ap_producer", headers=admin), 200,
                {"asset_expression": None, "events": []})
    assert_json(await client.get("/ui/next_run_assets/no_such_dag", headers=admin), 404,
                {"detail": "Dag with id no_such_dag was not found"})
    assert_json(await client.get("/ui/next_run_assets/ap_waiting"), 401, {"detail": "Not authenticated"})


async def test_partitioned_dag_runs_when_nothing_is_partitioned(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    empty = {"partitioned_dag_runs": [], "total": 0, "asset_expressions": None}
    assert_json(await client.get("/ui/partitioned_dag_runs", headers=admin), 200, empty)
    assert_json(await client.get("/ui/partitioned_dag_runs", params={"dag_id": "ap_consumer"}, headers=admin),
                200, empty)
    assert_json(await client.get("/ui/partitioned_dag_runs", params={"dag_id": "ap_consumer",
                                                                     "has_created_dag_run_id": "false"},
                                 headers=admin), 200, empty)
    assert_json(await client.get("/ui/partitioned_dag_runs", params={"dag_id": "no_such_dag"}, headers=admin), 404,
                {"detail": "Dag with id no_such_dag was not found"})
    assert_json(await client.get("/ui/partitioned_dag_runs", params={"has_created_dag_run_id": "x"}, headers=admin),
                422, {"detail": [{"type": "bool_parsing", "loc": ["query", "has_created_dag_run_id"],
                                  "msg": "Input should be a valid boolean, unable to interpret input",
                                  "input": "x"}]})
    assert_json(await client.get("/ui/pending_partitioned_dag_run/ap_consumer/us", headers=admin), 404,
                {"detail": "No PartitionedDagRun for dag=ap_consumer partition=us"})
    assert_json(await client.get("/ui/partitioned_dag_runs"), 401, {"detail": "Not authenticated"})
