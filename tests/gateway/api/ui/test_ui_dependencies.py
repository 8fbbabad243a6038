"""``GET /ui/dependencies`` (get_dependencies) over DAGs registered from real files, on SQLite and PostgreSQL:
the scheduling graph between DAGs (asset schedule, produced asset, trigger, sensor), one node's connected part,
and an asset's task-level data lineage."""
# ruff: noqa: F811 - pytest fixtures imported from ui_registered are redefined as parameters

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from litestar import Litestar
from ui_registered import app, asset_id, dags_dir, settings_env, ui  # noqa: F401 - fixtures

AssertJson = Callable[[httpx.Response, int, Any], None]
URL = "/ui/dependencies"
TRIGGER = "trigger:ui_graph:ui_consumer:notify"
SENSOR = "sensor:ui_graph:ui_consumer:wait"


def graph(orders: int) -> dict[str, Any]:
    pairs = [(f"asset:{orders}", "dag:ui_consumer"), ("dag:ui_graph", f"asset:{orders}"), ("dag:ui_graph", SENSOR),
             ("dag:ui_graph", TRIGGER), (SENSOR, "dag:ui_consumer"), (TRIGGER, "dag:ui_consumer")]
    return {"edges": [{"source_id": s, "target_id": t} for s, t in pairs], "nodes": [
        {"id": "dag:ui_consumer", "label": "ui_consumer", "type": "dag"},
        {"id": f"asset:{orders}", "label": "ui_orders", "type": "asset"},
        {"id": SENSOR, "label": "wait", "type": "sensor"},
        {"id": "dag:ui_graph", "label": "ui_graph", "type": "dag"},
        {"id": TRIGGER, "label": "notify", "type": "trigger"},
    ]}


class TestGetDependencies:
    async def test_scheduling_graph(self, ui: httpx.AsyncClient, app: Litestar, assert_json: AssertJson) -> None:
        orders = await asset_id(app)
        assert_json(await ui.get(URL), 200, graph(orders))
        assert_json(await ui.get(URL, params={"node_id": f"asset:{orders}", "dependency_type": "scheduling"}), 200,
                    graph(orders))
        assert_json(await ui.get(URL, params={"node_id": "dag:no_such_dag"}), 404, {
            "detail": "Unique connected component not found, got [] for connected components of node "
                      "dag:no_such_dag, expected only 1 connected component."})
        assert_json(await ui.get(URL, params={"node_id": "dag:reg_simple"}), 404, {
            "detail": "Unique connected component not found, got [] for connected components of node "
                      "dag:reg_simple, expected only 1 connected component."})
        orders = await asset_id(app)
        task = "task:ui_graph__SEPARATOR__publish"
        assert_json(await ui.get(URL, params={"node_id": f"asset:{orders}", "dependency_type": "data"}), 200, {
            "edges": [{"source_id": task, "target_id": f"asset:{orders}"}],
            "nodes": [{"id": f"asset:{orders}", "label": "ui_orders", "type": "asset"},
                      {"id": task, "label": "ui_graph.publish", "type": "task"}]})
        assert_json(await ui.get(URL, params={"node_id": "asset:99999", "dependency_type": "data"}), 404,
                    {"detail": "Asset with id 99999 was not found"})
        assert_json(await ui.get(URL, params={"node_id": "dag:ui_graph", "dependency_type": "data"}), 400,
                    {"detail": "Data dependencies require an asset node_id (e.g., 'asset:123')"})
        assert_json(await ui.get(URL, params={"node_id": "asset:x", "dependency_type": "data"}), 400,
                    {"detail": "Invalid asset node_id: asset:x"})
        assert_json(await ui.get(URL, params={"dependency_type": "x"}), 422, {"detail": [
            {"type": "literal_error", "loc": ["query", "dependency_type"], "msg": "Input should be 'scheduling' or 'data'",
             "input": "x", "ctx": {"expected": "'scheduling' or 'data'"}}]})
        del ui.headers["Authorization"]
        assert_json(await ui.get(URL), 401, {"detail": "Not authenticated"})
