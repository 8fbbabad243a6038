"""``GET /ui/dags`` (get_dags_ui) and ``GET /ui/dags/{dag_id}/latest_run`` (get_latest_run_info) over DAGs
registered from real files, on SQLite and PostgreSQL, against Airflow 3.2.2's recorded shapes."""
# ruff: noqa: F811 - pytest fixtures imported from ui_registered are redefined as parameters

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from apitest import ANY, Timestamp
from litestar import Litestar
from ui_registered import app, at, dags_dir, iso, runs, settings_env, ui  # noqa: F401 - fixtures

from airgate.gateway.store.tables import hitl_detail, task_instance

AssertJson = Callable[[httpx.Response, int, Any], None]
DEFERRED_TI = "01a20a65-0000-7000-8000-230000000002"  # r3's grp.two, as ui_registered seeds it


def light(run_id: str, run_after: float, start: float | None, end: float | None, state: str,
          logical: float | None = None) -> dict[str, Any]:
    """A ``DAGRunLightResponse`` as the list shows it (nulls left out)."""
    body: dict[str, Any] = {"id": int(run_id[1:]), "dag_id": "ui_graph", "run_id": run_id}
    if logical is not None:
        body["logical_date"] = iso(at(logical))
    body["run_after"] = iso(at(run_after))
    if start is not None:
        body["start_date"] = iso(at(start))
    if end is not None:
        body["end_date"] = iso(at(end))
    body["state"] = state
    if start is not None and end is not None:
        body["duration"] = float(end - start)
    return body


def dag_entry(dags_dir: Path, dag_id: str, **fields: Any) -> dict[str, Any]:
    """One ``DAGWithLatestDagRunsResponse`` of the test file (Airflow leaves null fields out)."""
    body: dict[str, Any] = {
        "dag_id": dag_id, "dag_display_name": dag_id, "is_paused": True, "is_stale": False,
        "last_parsed_time": Timestamp(), "last_parse_duration": ANY, "bundle_name": "dags-folder",
        "relative_fileloc": "ui_graph.py", "fileloc": str(dags_dir / "ui_graph.py"),
    }
    if dag_id == "ui_graph":
        body.update(description="graph test DAG", timetable_description="Never, external triggers only")
    else:
        body.update(timetable_summary="Asset", timetable_description="Triggered by assets")
    body.update({
        "timetable_partitioned": False,
        "tags": [{"name": "ui", "dag_id": dag_id, "dag_display_name": dag_id}],
        "max_active_tasks": 16, "max_active_runs": 16, "max_consecutive_failed_dag_runs": 0,
        "has_task_concurrency_limits": False, "has_import_errors": False, "owners": ["airflow"],
    })
    if dag_id == "ui_consumer":
        body["asset_expression"] = {"all": [{"asset": {"uri": "ui://orders", "name": "ui_orders", "group": "asset",
                                                       "id": ANY}}]}
    body.update({"latest_dag_runs": [], "pending_actions": [], "is_favorite": False, "file_token": ANY})
    body.update(fields)
    return body


async def pending_approval(app: Litestar) -> None:
    """``grp.two`` of run ``r3`` deferred on a human-in-the-loop request nobody answered yet."""
    async with app.state.airgate.store.write() as conn:
        await conn.execute(sa.update(task_instance).where(task_instance.c.id == DEFERRED_TI).values(state="deferred"))
        await conn.execute(sa.insert(hitl_detail).values(ti_id=DEFERRED_TI, options=["yes", "no"], subject="Go?",
                                                         created_at=at(205), params={}, params_input={}))


class TestGetDagsUi:
    async def test_recent_runs_favourites_filters_and_errors(
        self, ui: httpx.AsyncClient, runs: str, dags_dir: Path, app: Litestar, assert_json: AssertJson
    ) -> None:
        assert (await ui.post("/api/v2/dags/ui_graph/favorite")).status_code == 204
        query = {"dag_ids": ["ui_graph", "ui_consumer"], "dag_runs_limit": "2", "order_by": "-dag_id"}
        response = await ui.get("/ui/dags", params=query)
        recent = [light("r3", 200, 201, None, "running"), light("r2", 100, 101, 121, "failed", logical=100)]
        assert_json(response, 200, {"total_entries": 2, "dags": [
            dag_entry(dags_dir, "ui_graph", latest_dag_runs=recent, is_favorite=True),
            dag_entry(dags_dir, "ui_consumer"),
        ]})
        assert list(response.json()["dags"][0]) == list(dag_entry(dags_dir, "ui_graph"))  # Airflow's key order
        everything = (await ui.get("/ui/dags", params={"dag_ids": "ui_graph"})).json()["dags"][0]
        assert [r["run_id"] for r in everything["latest_dag_runs"]] == ["r3", "r2", "r1"]  # default limit 10

        async def ids(**query: Any) -> list[str]:
            response = await ui.get("/ui/dags", params=query)
            assert response.status_code == 200, response.text
            return [d["dag_id"] for d in response.json()["dags"]]

        assert await ids() == ["reg_simple", "reg_taskflow", "ui_consumer", "ui_graph", "ui_nested"]
        assert await ids(is_favorite="true") == ["ui_graph"]
        assert await ids(is_favorite="false", tags=["ui", "registry"], tags_match_mode="all") == []
        assert await ids(tags=["ui", "basic"]) == ["reg_simple", "ui_consumer", "ui_graph", "ui_nested"]
        assert await ids(dag_id_pattern="ui_") == ["ui_consumer", "ui_graph", "ui_nested"]
        assert await ids(has_asset_schedule="true") == ["ui_consumer"]
        assert await ids(last_dag_run_state="running") == ["ui_graph"]
        assert await ids(has_pending_actions="true") == []
        assert await ids(has_pending_actions="false", limit="1", offset="1") == ["reg_taskflow"]
        assert await ids(order_by="-dag_display_name", dag_id_prefix_pattern="ui") == [
            "ui_nested", "ui_graph", "ui_consumer"]
        await pending_approval(app)
        pending = await ui.get("/ui/dags", params={"has_pending_actions": "true", "dag_runs_limit": "1"})
        assert_json(pending, 200, {"total_entries": 1, "dags": [dag_entry(
            dags_dir, "ui_graph", latest_dag_runs=recent[:1], is_favorite=True, pending_actions=[{
                "options": ["yes", "no"], "subject": "Go?", "multiple": False, "params": {}, "assigned_users": [],
                "created_at": iso(at(205)), "params_input": {}, "response_received": False, "task_instance": {
                    "id": DEFERRED_TI, "task_id": "grp.two", "dag_id": "ui_graph", "dag_run_id": "r3",
                    "map_index": -1, "run_after": iso(at(200)), "state": "deferred", "try_number": 1,
                    "max_tries": -1, "task_display_name": "grp.two", "dag_display_name": "ui_graph",
                    "pool": "default_pool", "pool_slots": 1, "queue": "default", "priority_weight": 1,
                    "executor_config": "{}", "rendered_fields": {}, "dag_version": {
                        "id": runs, "version_number": 1, "dag_id": "ui_graph", "bundle_name": "dags-folder",
                        "created_at": Timestamp(), "dag_display_name": "ui_graph"}}}])]})
        assert await ids(has_pending_actions="false") == ["reg_simple", "reg_taskflow", "ui_consumer", "ui_nested"]
        assert_json(await ui.get("/ui/dags", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        assert_json(await ui.get("/ui/dags", params={"dag_runs_limit": "many"}), 422, {"detail": [
            {"type": "int_parsing", "loc": ["query", "dag_runs_limit"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "many"}]})
        del ui.headers["Authorization"]
        assert_json(await ui.get("/ui/dags"), 401, {"detail": "Not authenticated"})


class TestGetLatestRunInfo:
    async def test_latest_by_run_after_or_null(self, ui: httpx.AsyncClient, runs: str, assert_json: AssertJson) -> None:
        assert_json(await ui.get("/ui/dags/ui_graph/latest_run"), 200, {
            "id": 3, "dag_id": "ui_graph", "run_id": "r3", "logical_date": None, "run_after": iso(at(200)),
            "start_date": iso(at(201)), "end_date": None, "state": "running", "duration": None})
        assert_json(await ui.get("/ui/dags/ui_consumer/latest_run"), 200, None)
        assert_json(await ui.get("/ui/dags/no_such_dag/latest_run"), 200, None)
        assert_json(await ui.get("/ui/dags/~/latest_run"), 400,
                    {"detail": "`~` was supplied as dag_id, but querying multiple dags is not supported."})
        del ui.headers["Authorization"]
        assert_json(await ui.get("/ui/dags/ui_graph/latest_run"), 401, {"detail": "Not authenticated"})
