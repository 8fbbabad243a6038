"""Grid operations of the private UI API (get_dag_structure, get_grid_runs, get_grid_ti_summaries_stream) over
a DAG registered from a real file with runs in the store, on SQLite and PostgreSQL."""
# ruff: noqa: F811 - pytest fixtures imported from ui_registered are redefined as parameters

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import sqlalchemy as sa
from apitest import ANY, Timestamp
from litestar import Litestar
from ui_registered import app, at, dags_dir, iso, runs, settings_env, ui  # noqa: F401 - fixtures

from airgate.gateway.store.tables import dag_version, serialized_dag

AssertJson = Callable[[httpx.Response, int, Any], None]

STRUCTURE = [
    {"id": "start", "label": "start"},
    {"id": "grp", "label": "grp", "children": [{"id": "grp.one", "label": "one"}, {"id": "grp.two", "label": "Two"}]},
    {"id": "create", "label": "create", "setup_teardown_type": "setup"},
    {"id": "work", "label": "work"},
    {"id": "delete", "label": "delete", "setup_teardown_type": "teardown"},
    {"id": "publish", "label": "publish", "is_mapped": True},
    {"id": "notify", "label": "notify"},
]


def summary(task_id: str, state: str | None, start: float | None = None, end: float | None = None, *,
            children: dict[str, int] | None = None, version: int | None = 1, name: str | None = None) -> dict[str, Any]:
    """One ``LightGridTaskInstanceSummary``."""
    return {"task_id": task_id, "task_display_name": name or task_id, "state": state, "child_states": children,
            "min_start_date": iso(at(start)) if start is not None else None,
            "max_end_date": iso(at(end)) if end is not None else None, "dag_version_number": version}


R1 = [summary("start", "success", 2, 3), summary("grp.one", "success", 3, 4),
      summary("grp.two", "success", 4, 6, name="Two"), summary("grp", "success", 3, 6, children={"success": 2}),
      summary("create", "success", 6, 7), summary("work", "success", 7, 8), summary("delete", "success", 8, 9),
      summary("publish", "success", 9, 11, children={"success": 2}), summary("notify", "success", 11, 12)]
R2 = [summary("start", "success", 102, 103), summary("grp.one", "failed", 103, 104),
      summary("grp.two", "upstream_failed", name="Two"),
      summary("grp", "failed", 103, 104, children={"failed": 1, "upstream_failed": 1}),
      summary("create", "upstream_failed"), summary("work", None, version=None),
      summary("delete", None, version=None), summary("publish", None, children={"None": 1}, version=None),
      summary("notify", None, version=None)]


def lines(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.text.endswith("\n") or response.text == ""
    return [json.loads(line) for line in response.text.splitlines()]


def grid_run(run_id: str, state: str, run_type: str, after: float, start: float, end: float | None, version: str,
             missed: bool = False) -> dict[str, Any]:
    """One ``GridRunsResponse`` (nulls left out, as Airflow answers)."""
    body: dict[str, Any] = {"dag_id": "ui_graph", "run_id": run_id, "queued_at": iso(at(after)),
                            "start_date": iso(at(start))}
    if end is not None:
        body["end_date"] = iso(at(end))
    body.update({"run_after": iso(at(after)), "state": state, "run_type": run_type, "dag_versions": [
        {"id": version, "version_number": 1, "dag_id": "ui_graph", "bundle_name": "dags-folder",
         "created_at": Timestamp(), "dag_display_name": "ui_graph"}],
        "has_missed_deadline": missed, "duration": float(end - start) if end is not None else ANY})
    return body


class TestGetDagStructure:
    async def test_tree_and_merged_versions(self, ui: httpx.AsyncClient, runs: str, app: Litestar,
                                            assert_json: AssertJson) -> None:
        url = "/ui/grid/structure/ui_graph"
        assert_json(await ui.get(url, params={"limit": "10", "order_by": "-run_after"}), 200, STRUCTURE)
        assert_json(await ui.get(url, params={"root": "grp", "include_downstream": "true", "depth": "1"}), 200,
                    [STRUCTURE[1], STRUCTURE[2]])
        # version 2 drops `notify`; runs of version 1 keep showing it, after the newer structure
        async with app.state.airgate.store.write() as conn:
            data = dict(await conn.scalar(sa.select(serialized_dag.c.data).where(
                serialized_dag.c.dag_version_id == runs)))
            data["tasks"] = [t for t in data["tasks"] if t["task_id"] != "notify"]
            for task in data["tasks"]:
                task["downstream_task_ids"] = [d for d in task["downstream_task_ids"] if d != "notify"]
            new_id = "7fffffff-0000-7000-8000-000000000002"  # uuid7 order: newer than any parsed now
            await conn.execute(sa.insert(dag_version).values(id=new_id, version_number=2, dag_id="ui_graph",
                                                             bundle_name="dags-folder"))
            await conn.execute(sa.insert(serialized_dag).values(id="7fffffff-0000-7000-8000-0000000000f2",
                                                                dag_id="ui_graph", data=data, dag_hash="2" * 32,
                                                                dag_version_id=new_id))
        assert_json(await ui.get(url), 200, STRUCTURE)
        assert_json(await ui.get(url, params={"run_after_gte": iso(at(1000))}), 200, STRUCTURE[:-1])
        assert_json(await ui.get("/ui/grid/structure/no_such_dag"), 404,
                    {"detail": "Dag with id no_such_dag was not found"})
        assert_json(await ui.get("/ui/grid/structure/ui_graph", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        response = await ui.get("/ui/grid/structure/ui_graph", params={"limit": "-1"})
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "limit"]


class TestGetGridRuns:
    async def test_runs_filters_and_order(self, ui: httpx.AsyncClient, runs: str, assert_json: AssertJson) -> None:
        url = "/ui/grid/runs/ui_graph"
        r3 = grid_run("r3", "running", "manual", 200, 201, None, runs)
        r2 = grid_run("r2", "failed", "scheduled", 100, 101, 121, runs, missed=True)
        r1 = grid_run("r1", "success", "manual", 0, 1, 31, runs)
        response = await ui.get(url, params={"limit": "10", "order_by": "-run_after"})
        assert_json(response, 200, [r3, r2, r1])
        assert response.json()[0]["duration"] > 0  # a running run counts up to now
        assert_json(await ui.get(url, params={"state": ["success", "running"]}), 200, [r1, r3])  # timetable order
        assert_json(await ui.get(url, params={"run_type": "scheduled"}), 200, [r2])
        assert_json(await ui.get(url, params={"run_after_lt": iso(at(100)), "order_by": "run_after"}), 200, [r1])
        assert_json(await ui.get(url, params={"order_by": "start_date", "limit": "1", "offset": "1"}), 200, [r2])
        assert_json(await ui.get(url, params={"triggering_user": "nobody"}), 200, [])
        assert_json(await ui.get("/ui/grid/runs/no_such_dag"), 404, {"detail": "Dag with id no_such_dag was not found"})
        assert_json(await ui.get("/ui/grid/runs/no_such_dag", params={"order_by": "-run_after"}), 200, [])
        assert_json(await ui.get("/ui/grid/runs/ui_graph", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        assert_json(await ui.get("/ui/grid/runs/ui_graph", params={"state": "sleeping"}), 422,
                    {"detail": "Invalid value for state. Valid values are queued, running, success, failed"})
        del ui.headers["Authorization"]
        assert_json(await ui.get("/ui/grid/runs/ui_graph"), 401, {"detail": "Not authenticated"})


class TestGetGridTiSummariesStream:
    async def test_one_line_per_run(self, ui: httpx.AsyncClient, runs: str) -> None:
        url = "/ui/grid/ti_summaries/ui_graph"
        got = lines(await ui.get(url, params={"run_ids": ["r1", "nope", "r2"]}))
        assert got == [{"run_id": "r1", "dag_id": "ui_graph", "task_instances": R1},
                       {"run_id": "r2", "dag_id": "ui_graph", "task_instances": R2}]
        running = lines(await ui.get(url, params={"run_ids": "r3"}))[0]["task_instances"]
        assert running[:4] == [summary("start", "success", 202, 203), summary("grp.one", "running", 203),
                               summary("grp.two", None, name="Two"),
                               summary("grp", "running", 203, children={"running": 1, "None": 1})]
        assert lines(await ui.get("/ui/grid/ti_summaries/ui_graph", params={"run_ids": "no_such_run"})) == []
        assert lines(await ui.get("/ui/grid/ti_summaries/no_such_dag", params={"run_ids": "r1"})) == []
        assert lines(await ui.get("/ui/grid/ti_summaries/ui_graph")) == []
