"""``/ui/dashboard/*`` over DAGs registered from real files (SQLite and PostgreSQL): the home page's dag and
task-instance state counts in a time window, and its active/failed/running/queued DAG counters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from ui_seed import add_run, add_ti, at, dag_file, parser_pool, register, set_dag

from airgate.gateway.store.tables import task_instance
from airgate.shim import ParserPool

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]

pool = pytest.fixture(scope="module")(parser_pool)


@pytest.fixture
async def seeded(app: Litestar, client: httpx.AsyncClient, tmp_path: Path, pool: ParserPool) -> None:
    store = app.state.airgate.store
    await register(store, tmp_path / "dags", {f"{name}.py": dag_file(name, schedule) for name, schedule in (
        ("dash_a", "'@daily'"), ("dash_b", "None"), ("dash_c", "None"), ("dash_gone", "None"))}, pool)
    await set_dag(store, "dash_a", is_paused=False)
    await set_dag(store, "dash_b", is_paused=False)
    await set_dag(store, "dash_gone", is_paused=False, is_stale=True)
    # dash_a: its latest run (by logical date) failed
    await add_run(store, "dash_a", "a1", "success", logical_date=at(0), start=at(0), end=at(10))
    await add_run(store, "dash_a", "a2", "failed", logical_date=at(100), start=at(100), end=at(110))
    await add_run(store, "dash_a", "a3", "running", logical_date=None, start=at(120))
    await add_ti(store, "dash_a", "a1", "first", "success", start=at(1), end=at(2))
    await add_ti(store, "dash_a", "a1", "second", "success", start=at(3), end=at(4))
    await add_ti(store, "dash_a", "a2", "first", "upstream_failed")
    await add_ti(store, "dash_a", "a2", "second", "failed", try_number=2, start=at(105), end=at(106))
    await add_ti(store, "dash_a", "a2", "second", "failed", history=True, start=at(101), end=at(102))
    # dash_b: running; dash_c (paused): queued, not started; dash_gone (stale): failed, not counted
    await add_run(store, "dash_b", "b1", "running", logical_date=at(50), start=at(50))
    await add_ti(store, "dash_b", "b1", "first", "running", start=at(51))
    await add_ti(store, "dash_b", "b1", "second", None, try_number=0)
    await add_run(store, "dash_c", "c1", "queued", logical_date=at(60))
    await add_run(store, "dash_gone", "g1", "failed", logical_date=at(70), start=at(70), end=at(80))


def counts(dag_runs: dict[str, int], tis: dict[str, int]) -> dict[str, Any]:
    ti_states = ["no_status", "removed", "scheduled", "queued", "running", "success", "restarting", "failed",
                 "up_for_retry", "up_for_reschedule", "upstream_failed", "skipped", "deferred"]
    return {"dag_run_states": {s: dag_runs.get(s, 0) for s in ("queued", "running", "success", "failed")},
            "task_instance_states": {s: tis.get(s, 0) for s in ti_states}, "state_count_limit": 1000}


URL = "/ui/dashboard/historical_metrics_data"


class TestHistoricalMetrics:
    async def test_window(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                          assert_json: AssertJson) -> None:
        viewer = tokens["viewer"]
        # up to now: unfinished runs end "now", unstarted ones start "now"
        assert_json(await client.get(URL, params={"start_date": "2026-11-01T11:00:00Z"}, headers=viewer), 200,
                    counts({"success": 1, "failed": 2, "running": 2, "queued": 1},
                           {"success": 2, "upstream_failed": 1, "failed": 1, "running": 1, "no_status": 1}))
        # an end date in the past leaves out what has not ended by then
        params = {"start_date": "2026-11-01T12:00:00Z", "end_date": "2026-11-01T12:01:50+00:00"}
        assert_json(await client.get(URL, params=params, headers=viewer), 200,
                    counts({"success": 1, "failed": 2}, {"success": 2, "upstream_failed": 1, "failed": 1}))
        # runs that started before start_date are left out (naive means UTC)
        assert_json(await client.get(URL, params={"start_date": "2026-11-01T12:01:00", "end_date":
                                                  "2026-11-01T12:05:00Z"}, headers=viewer), 200,
                    counts({"failed": 2}, {"upstream_failed": 1, "failed": 1}))

    async def test_counts_are_capped(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                     app: Litestar) -> None:
        async with app.state.airgate.store.write() as conn:
            await conn.execute(sa.insert(task_instance), [
                {"id": str(uuid.uuid4()), "dag_id": "dash_a", "run_id": "a1", "task_id": "first", "map_index": i,
                 "state": "skipped", "try_number": 1, "pool": "default_pool", "pool_slots": 1} for i in range(1001)])
        body = (await client.get(URL, params={"start_date": "2026-01-01"}, headers=tokens["admin"])).json()
        assert (body["task_instance_states"]["skipped"], body["state_count_limit"]) == (1000, 1000)

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        assert_json(await client.get(URL, headers=admin), 422, {"detail": [
            {"type": "missing", "loc": ["query", "start_date"], "msg": "Field required", "input": None}]})
        assert_json(await client.get(URL, params={"start_date": "x"}, headers=admin), 400,
                    {"detail": "Invalid datetime: 'x'. Please check the date parameter have this value."})
        assert_json(await client.get(URL, params={"start_date": "2026-01-01T00:00:00Z", "end_date": "later"},
                                     headers=admin), 400,
                    {"detail": "Invalid datetime: 'later'. Please check the date parameter have this value."})
        assert_json(await client.get(URL, params={"start_date": ""}, headers=admin), 422, {"detail": [
            {"type": "value_error", "loc": ["query", "start_date"], "msg": "Value error,  cannot be None.",
             "input": "", "ctx": {"error": {}}}]})
        assert_json(await client.get(URL, params={"start_date": "2026-01-01T00:00:00Z"}), 401,
                    {"detail": "Not authenticated"})


class TestDagStats:
    async def test_counters(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                            assert_json: AssertJson) -> None:
        assert_json(await client.get("/ui/dashboard/dag_stats", headers=tokens["viewer"]), 200,
                    {"active_dag_count": 2, "failed_dag_count": 1, "running_dag_count": 1, "queued_dag_count": 1})

    async def test_empty_and_unauthenticated(self, client: httpx.AsyncClient, tokens: Tokens,
                                             assert_json: AssertJson) -> None:
        assert_json(await client.get("/ui/dashboard/dag_stats", headers=tokens["admin"]), 200,
                    {"active_dag_count": 0, "failed_dag_count": 0, "running_dag_count": 0, "queued_dag_count": 0})
        assert_json(await client.get("/ui/dashboard/dag_stats",
                                     headers={"Authorization": "Bearer this-is-not-a-jwt"}), 403,
                    {"detail": "Invalid JWT token"})
