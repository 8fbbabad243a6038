"""``GET /ui/structure/structure_data`` (the Graph view) over DAGs registered from a real file, on SQLite and
PostgreSQL: task groups with join nodes, setup/teardown, mapped tasks, labels, subsets, versions and the
external dependencies (asset condition, produced asset, trigger, sensor)."""
# ruff: noqa: F811 - pytest fixtures imported from ui_registered are redefined as parameters

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from litestar import Litestar
from ui_registered import app, asset_id, dags_dir, settings_env, ui  # noqa: F401 - fixtures

AssertJson = Callable[[httpx.Response, int, Any], None]
URL = "/ui/structure/structure_data"


def node(node_id: str, label: str, kind: str = "task", **fields: Any) -> dict[str, Any]:
    """One ``NodeResponse`` (every field present, as Airflow answers)."""
    body = {"id": node_id, "label": label, "type": kind, "children": None, "is_mapped": None, "tooltip": None,
            "setup_teardown_type": None, "operator": None, "asset_condition_type": None}
    body.update(fields)
    return body


def edge(source: str, target: str, **fields: Any) -> dict[str, Any]:
    """One ``EdgeResponse``."""
    return {"source_id": source, "target_id": target, "is_setup_teardown": None, "label": None,
            "is_source_asset": None, **fields}


START = node("start", "start", operator="EmptyOperator")
ONE = node("grp.one", "one", operator="BashOperator")
TWO = node("grp.two", "Two", operator="BashOperator")
UP_JOIN = node("grp.upstream_join_id", "", "join")
DOWN_JOIN = node("grp.downstream_join_id", "", "join")
CREATE = node("create", "create", operator="BashOperator", setup_teardown_type="setup")
WORK = node("work", "work", operator="EmptyOperator")
DELETE = node("delete", "delete", operator="BashOperator", setup_teardown_type="teardown")
PUBLISH = node("publish", "publish", operator="@task", is_mapped=True)
NOTIFY = node("notify", "notify", operator="TriggerDagRunOperator")
GRAPH_EDGES = [
    edge("create", "delete", is_setup_teardown=True), edge("create", "work"),
    edge("grp.downstream_join_id", "create", label="then"), edge("grp.one", "grp.two"),
    edge("grp.two", "grp.downstream_join_id"), edge("grp.upstream_join_id", "grp.one"), edge("publish", "notify"),
    edge("start", "grp.upstream_join_id"), edge("work", "delete"), edge("work", "publish"),
]


def group(*children: dict[str, Any]) -> dict[str, Any]:
    return node("grp", "grp", children=list(children), is_mapped=False, tooltip="a group")


class TestStructureData:
    async def test_graph(self, ui: httpx.AsyncClient, assert_json: AssertJson) -> None:
        body = {"edges": GRAPH_EDGES,
                "nodes": [START, group(ONE, TWO, UP_JOIN, DOWN_JOIN), CREATE, WORK, DELETE, PUBLISH, NOTIFY]}
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph"}), 200, body)
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph", "version_number": "1",
                                             "external_dependencies": "false"}), 200, body)
        query = {"dag_id": "ui_graph", "root": "grp", "include_downstream": "true", "depth": "1"}
        assert_json(await ui.get(URL, params=query), 200, {
            "edges": [edge("grp.downstream_join_id", "create", label="then"), edge("grp.one", "grp.two"),
                      edge("grp.two", "grp.downstream_join_id")],
            "nodes": [group(ONE, TWO, DOWN_JOIN), CREATE]})
        # a task alone brings the setup it needs and that setup's teardown
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph", "root": "work"}), 200, {
            "edges": [edge("create", "delete", is_setup_teardown=True), edge("create", "work"),
                      edge("work", "delete")],
            "nodes": [CREATE, WORK, DELETE]})
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph", "root": "publish", "include_upstream": "true",
                                             "depth": "1"}), 200, {
            "edges": [edge("work", "publish")], "nodes": [WORK, PUBLISH]})

    async def test_nested_and_mapped_groups(self, ui: httpx.AsyncClient, assert_json: AssertJson) -> None:
        after = node("after", "after", children=[node("after.c", "c", operator="EmptyOperator"),
                                                 node("after.upstream_join_id", "", "join")], is_mapped=False, tooltip="")
        fan = node("fan", "fan", children=[node("fan.square", "square", operator="@task", is_mapped=True)],
                   is_mapped=True, tooltip="")
        inner = node("outer.inner", "inner", children=[node("outer.inner.b", "b", operator="EmptyOperator"),
                                                       node("outer.inner.upstream_join_id", "", "join")],
                     is_mapped=False, tooltip="")
        outer = node("outer", "outer", children=[node("outer.a", "a", operator="EmptyOperator"), inner,
                                                 node("outer.downstream_join_id", "", "join")],
                     is_mapped=False, tooltip="")
        assert_json(await ui.get(URL, params={"dag_id": "ui_nested"}), 200, {
            "edges": [edge("after.upstream_join_id", "after.c"), edge("outer.a", "outer.inner.upstream_join_id"),
                      edge("outer.downstream_join_id", "after.upstream_join_id"),
                      edge("outer.inner.b", "outer.downstream_join_id"),
                      edge("outer.inner.upstream_join_id", "outer.inner.b")],
            "nodes": [after, fan, outer]})
        assert_json(await ui.get("/ui/grid/structure/ui_nested"), 200, [
            {"id": "after", "label": "after", "children": [{"id": "after.c", "label": "c"}]},
            {"id": "fan", "label": "fan", "children": [{"id": "fan.square", "label": "square", "is_mapped": True}],
             "is_mapped": True},
            {"id": "outer", "label": "outer", "children": [
                {"id": "outer.a", "label": "a"},
                {"id": "outer.inner", "label": "inner", "children": [{"id": "outer.inner.b", "label": "b"}]}]},
        ])

    async def test_external_dependencies(self, ui: httpx.AsyncClient, app: Litestar,
                                         assert_json: AssertJson) -> None:
        orders = await asset_id(app)
        trigger = "trigger:ui_graph:ui_consumer:notify"
        query = {"dag_id": "ui_graph", "external_dependencies": "true"}
        assert_json(await ui.get(URL, params=query), 200, {
            "edges": [*GRAPH_EDGES, edge("publish", f"asset:{orders}"), edge("notify", trigger)],
            "nodes": [START, group(ONE, TWO, UP_JOIN, DOWN_JOIN), CREATE, WORK, DELETE, PUBLISH, NOTIFY,
                      node(f"asset:{orders}", "ui_orders", "asset"), node(trigger, "notify", "trigger")]})
        sensor = "sensor:ui_graph:ui_consumer:wait"
        query = {"dag_id": "ui_consumer", "external_dependencies": "true"}
        assert_json(await ui.get(URL, params=query), 200, {
            "edges": [edge("wait", "consume"), edge("and-gate-0", "wait", is_source_asset=True),
                      edge(str(orders), "and-gate-0"), edge(sensor, "wait"), edge(trigger, "wait")],
            "nodes": [node("wait", "wait", operator="ExternalTaskSensor"),
                      node("consume", "consume", operator="EmptyOperator"), node(sensor, "wait", "sensor"),
                      node(trigger, "notify", "trigger"),
                      node("and-gate-0", "and-gate-0", "asset-condition", asset_condition_type="and-gate"),
                      node(str(orders), "ui_orders", "asset")]})
        assert_json(await ui.get(URL, params={"dag_id": "no_such_dag"}), 404,
                    {"detail": "Dag with id no_such_dag was not found"})
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph", "version_number": "999"}), 404,
                    {"detail": "Dag with id ui_graph and version number 999 was not found"})
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph", "root": "work", "depth": "-1"}), 400,
                    {"detail": "depth must be non-negative, got -1"})
        assert_json(await ui.get(URL), 422, {"detail": [
            {"type": "missing", "loc": ["query", "dag_id"], "msg": "Field required", "input": None}]})
        del ui.headers["Authorization"]
        assert_json(await ui.get(URL, params={"dag_id": "ui_graph"}), 401, {"detail": "Not authenticated"})
