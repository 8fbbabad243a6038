"""Task operations on a DAG registered from a real file (SQLite and PostgreSQL)."""
# ruff: noqa: F811 - pytest fixtures imported from test_dag are redefined as parameters

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from test_dag import app, dags_dir, settings_env, viewer  # noqa: F401 - fixtures

AssertJson = Callable[[httpx.Response, int, Any], None]


def task(task_id: str, downstream: list[str], mapped: bool) -> dict[str, Any]:
    return {
        "task_id": task_id, "task_display_name": task_id, "owner": "airflow", "start_date": "2024-01-01T00:00:00Z",
        "end_date": None, "trigger_rule": "all_success", "depends_on_past": False, "wait_for_downstream": False,
        "retries": 0.0, "queue": "default", "pool": "default_pool", "pool_slots": 1.0, "execution_timeout": None,
        "retry_delay": {"__type": "TimeDelta", "days": 0, "seconds": 300, "microseconds": 0},
        "retry_exponential_backoff": 0.0, "priority_weight": 1.0, "weight_rule": "downstream",
        "ui_color": "#ffefeb", "ui_fgcolor": "#000", "template_fields": ["templates_dict", "op_args", "op_kwargs"],
        "downstream_task_ids": downstream, "doc_md": None, "operator_name": "@task",
        "params": {"who": {"value": "me", "schema": {}, "description": None, "source": "dag"}},
        "class_ref": {"module_path": "airflow.providers.standard.decorators.python",
                      "class_name": "_PythonDecoratedOperator"},
        "is_mapped": mapped, "extra_links": [],
    }


class TestGetTasks:
    async def test_all_ordered(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        expected = [task("add_one", ["total"], True), task("total", [], False)]
        assert_json(await viewer.get("/api/v2/dags/reg_taskflow/tasks"), 200, {"tasks": expected, "total_entries": 2})
        reverse = await viewer.get("/api/v2/dags/reg_taskflow/tasks", params={"order_by": "-task_id"})
        assert_json(reverse, 200, {"tasks": expected[::-1], "total_entries": 2})

    async def test_order_by_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/reg_taskflow/tasks", params={"order_by": "nope"}), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})

    async def test_unknown_dag(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/no_such_dag/tasks"), 404,
                    {"detail": "The Dag with ID: `no_such_dag` was not found"})


class TestGetTask:
    async def test_one(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/reg_taskflow/tasks/add_one"), 200, task("add_one", ["total"], True))

    async def test_bash_task(self, viewer: httpx.AsyncClient) -> None:
        body = (await viewer.get("/api/v2/dags/reg_simple/tasks/first")).json()
        assert (body["operator_name"], body["class_ref"], body["owner"], body["downstream_task_ids"]) == (
            "BashOperator", {"module_path": "airflow.providers.standard.operators.bash", "class_name": "BashOperator"},
            "reg", ["second"])

    async def test_unknown(self, viewer: httpx.AsyncClient, assert_json: AssertJson) -> None:
        assert_json(await viewer.get("/api/v2/dags/reg_taskflow/tasks/no_such_task"), 404,
                    {"detail": "Task with id no_such_task was not found"})
        assert_json(await viewer.get("/api/v2/dags/no_such_dag/tasks/x"), 404,
                    {"detail": "The Dag with ID: `no_such_dag` was not found"})
