"""``GET /ui/gantt/{dag_id}/{run_id}`` over a DAG registered from a real file (SQLite and PostgreSQL): every
try of every unmapped task instance, as Airflow 3.2.2 answers it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from ui_seed import add_run, add_ti, at, dag_file, parser_pool, register

from airgate.shim import ParserPool

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]

pool = pytest.fixture(scope="module")(parser_pool)


@pytest.fixture
async def seeded(app: Litestar, client: httpx.AsyncClient, tmp_path: Path, pool: ParserPool) -> None:
    store = app.state.airgate.store
    await register(store, tmp_path / "dags", {"gantt.py": dag_file("gantt_dag", "None")}, pool)
    await add_run(store, "gantt_dag", "r1", "running", logical_date=at(0), start=at(0))
    await add_ti(store, "gantt_dag", "r1", "first", "success", scheduled=at(1), queued=at(2), start=at(3), end=at(4),
                 display="first")
    # the current try waits for a retry: only the archived first try shows
    await add_ti(store, "gantt_dag", "r1", "second", "up_for_retry", try_number=2, display="Second!")
    await add_ti(store, "gantt_dag", "r1", "second", "failed", try_number=1, scheduled=at(5), queued=at(6),
                 start=at(7), end=at(8.5), display="Second!", history=True)
    # mapped task instances are left out; a task instance without state shows with nulls
    await add_ti(store, "gantt_dag", "r1", "fan", "success", map_index=0, start=at(3), end=at(4))
    await add_ti(store, "gantt_dag", "r1", "after", None, try_number=0)
    await add_run(store, "gantt_dag", "r2", "queued", logical_date=at(100))


def entry(task_id: str, try_number: int, state: str | None, *dates: str | None, name: str | None = None) -> dict[str, Any]:
    scheduled, queued, start, end = dates or (None, None, None, None)
    return {"task_id": task_id, "task_display_name": name or task_id, "try_number": try_number, "state": state,
            "scheduled_dttm": scheduled, "queued_dttm": queued, "start_date": start, "end_date": end,
            "is_group": False, "is_mapped": False}


class TestGetGanttData:
    async def test_tries_in_order(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                  assert_json: AssertJson) -> None:
        assert_json(await client.get("/ui/gantt/gantt_dag/r1", headers=tokens["viewer"]), 200, {
            "dag_id": "gantt_dag", "run_id": "r1", "task_instances": [
                entry("after", 0, None),
                entry("first", 1, "success", "2026-11-01T12:00:01Z", "2026-11-01T12:00:02Z", "2026-11-01T12:00:03Z",
                      "2026-11-01T12:00:04Z"),
                entry("second", 1, "failed", "2026-11-01T12:00:05Z", "2026-11-01T12:00:06Z", "2026-11-01T12:00:07Z",
                      "2026-11-01T12:00:08.500000Z", name="Second!"),
            ]})

    async def test_retry_then_success_shows_both_tries(self, client: httpx.AsyncClient, tokens: Tokens,
                                                       seeded: None, app: Litestar) -> None:
        store = app.state.airgate.store
        await add_ti(store, "gantt_dag", "r2", "first", "success", try_number=2, start=at(110), end=at(111))
        await add_ti(store, "gantt_dag", "r2", "first", "failed", try_number=1, start=at(101), end=at(102),
                     history=True)
        body = (await client.get("/ui/gantt/gantt_dag/r2", headers=tokens["admin"])).json()
        assert [(t["task_id"], t["try_number"], t["state"]) for t in body["task_instances"]] == [
            ("first", 1, "failed"), ("first", 2, "success")]

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                          assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        # a run without task instances, an unknown run and an unknown DAG all answer 404
        for dag_id, run_id in (("gantt_dag", "r2"), ("gantt_dag", "no_such_run"), ("no_such_dag", "r1")):
            assert_json(await client.get(f"/ui/gantt/{dag_id}/{run_id}", headers=admin), 404,
                        {"detail": f"No task instances for dag_id={dag_id} run_id={run_id}"})
        assert_json(await client.get("/ui/gantt/gantt_dag/r1"), 401, {"detail": "Not authenticated"})
