"""The Graph view (``structure_data``): nodes (task groups with their join nodes, setup/teardown, mapped
tasks), the edges between them and, on request, the DAG's external dependencies (upstream asset conditions,
assets it produces, DAGs it triggers or that trigger it, sensors)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.ui.dag_dependencies import dag_dependencies
from airgate.gateway.services.ui.dag_graph import DagGraph, Group, Task
from airgate.gateway.services.ui.dags import asset_expression_body
from airgate.gateway.store.tables import (
    asset_alias,
    asset_alias_asset_event,
    asset_event,
    dag_run,
    dag_version,
    serialized_dag,
    task_outlet_asset_reference,
)

_NODE_FIELDS = ("id", "label", "type", "children", "is_mapped", "tooltip", "setup_teardown_type", "operator",
                "asset_condition_type")
_EDGE_FIELDS = ("source_id", "target_id", "is_setup_teardown", "label", "is_source_asset")


def _node(values: Mapping[str, Any]) -> dict[str, Any]:
    body = {name: values.get(name) for name in _NODE_FIELDS}
    if body["children"] is not None:
        body["children"] = [_node(c) for c in body["children"]]
    return body


def _edge(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: values.get(name) for name in _EDGE_FIELDS}


def graph_node(node: Task | Group, graph: DagGraph, parent_mapped: bool = False) -> dict[str, Any]:
    """One node of the Graph view (a group with its children and join nodes)."""
    if isinstance(node, Task):
        body: dict[str, Any] = {"id": node.task_id, "label": node.shown_name, "operator": node.operator_name,
                                "type": "task"}
        if node.is_setup:
            body["setup_teardown_type"] = "setup"
        elif node.is_teardown:
            body["setup_teardown_type"] = "teardown"
        if node.is_mapped or parent_mapped:
            body["is_mapped"] = True
        return body
    children = [graph_node(c, graph, parent_mapped or node.is_mapped) for c in node.topological(graph)]
    if node.upstream_group_ids or node.upstream_task_ids:
        children.append({"id": node.upstream_join_id, "label": "", "type": "join"})
    if node.downstream_group_ids or node.downstream_task_ids:
        children.append({"id": node.downstream_join_id, "label": "", "type": "join"})
    return {"id": node.group_id, "label": node.label, "tooltip": node.tooltip, "is_mapped": node.is_mapped,
            "children": children, "type": "task"}


def graph_edges(graph: DagGraph) -> list[dict[str, Any]]:
    """The edges of the Graph view: task edges, with those between a group and its neighbours routed through
    the group's join nodes."""
    add: set[tuple[str, str]] = set()
    skip: set[tuple[str, str]] = set()
    groups = graph.group_map
    for group in graph.group_map.values():
        leaves = group.leaves(graph)
        for target_id in group.downstream_group_ids:
            other = groups[target_id]
            add.add((group.downstream_join_id, other.upstream_join_id))
            for leaf in leaves:
                add.add((leaf.task_id, group.downstream_join_id))
                skip |= {(leaf.task_id, r.task_id) for r in other.roots()}
                skip.add((leaf.task_id, other.upstream_join_id))
            for root in other.roots():
                add.add((other.upstream_join_id, root.task_id))
                skip.add((group.downstream_join_id, root.task_id))
        for target_id in group.downstream_task_ids:
            add.add((group.downstream_join_id, target_id))
            for leaf in leaves:
                add.add((leaf.task_id, group.downstream_join_id))
                skip.add((leaf.task_id, target_id))
        for source_id in group.upstream_task_ids:
            add.add((source_id, group.upstream_join_id))
            for root in group.roots():
                add.add((group.upstream_join_id, root.task_id))
                skip.add((source_id, root.task_id))
    edges: set[tuple[str, str]] = set()
    setup_teardown: set[tuple[str, str]] = set()
    for task in graph.tasks.values():
        for down_id in task.downstream:
            down = graph.tasks.get(down_id)
            if down is None:
                continue
            edges.add((task.task_id, down_id))
            if task.is_setup and down.is_teardown:
                setup_teardown.add((task.task_id, down_id))
    out = []
    for source, target in sorted((edges | add) - skip):
        record: dict[str, Any] = {"source_id": source, "target_id": target}
        if (source, target) in setup_teardown:
            record["is_setup_teardown"] = True
        label = _label(graph, source, target)
        if label:
            record["label"] = label
        out.append(record)
    return out


def _label(graph: DagGraph, source: str, target: str) -> str | None:
    """The edge label; dag.json keeps labels between tasks, Airflow on the join nodes that replace them."""
    if (source, target) in graph.edge_labels:
        return graph.edge_labels[(source, target)]
    sources, targets = [source], [target]
    for group in graph.group_map.values():
        if source == group.downstream_join_id:
            sources = [t.task_id for t in group.leaves(graph)]
        if target == group.upstream_join_id:
            targets = [t.task_id for t in group.roots()]
    for s in sources:
        for t in targets:
            if (s, t) in graph.edge_labels:
                return graph.edge_labels[(s, t)]
    return None


def upstream_assets(expression: Mapping[str, Any], entry: str, level: int = 0) -> tuple[list[dict[str, Any]],
                                                                                       list[dict[str, Any]]]:
    """Nodes and edges of the asset condition a DAG is scheduled on (Airflow's expression form)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    key = "any" if set(expression) == {"any"} else "all" if set(expression) == {"all"} else ""
    if not key:
        return nodes, edges
    gate = "or-gate" if key == "any" else "and-gate"
    leaves: list[dict[str, Any]] = []
    nested: dict[str, Any] = {}
    for item in expression[key]:
        kind = next(iter(item))
        if kind in ("any", "all"):
            nested = item
        elif kind in ("asset", "alias", "asset-name-ref", "asset-uri-ref"):
            leaves.append({**item[kind], "type": "asset-alias" if kind == "alias" else kind})
    if not leaves:
        return nodes, edges
    gate_id = f"{gate}-{level}"
    edges.append({"source_id": gate_id, "target_id": entry, "is_source_asset": level == 0})
    nodes.append({"id": gate_id, "label": gate_id, "type": "asset-condition", "asset_condition_type": gate})
    for leaf in leaves:
        if leaf["type"] == "asset":
            source, label = str(leaf.get("id")), leaf["name"]
        elif leaf["type"] == "asset-uri-ref":
            source = label = leaf["uri"]
        else:
            source = label = leaf["name"]
        edges.append({"source_id": source, "target_id": gate_id})
        nodes.append({"id": source, "label": label, "type": leaf["type"]})
    if nested:
        more_nodes, more_edges = upstream_assets(nested, gate_id, level + 1)
        nodes += more_nodes
        edges += more_edges
    return nodes, edges


async def _bind_outputs(conn: AsyncConnection, edges: list[dict[str, Any]], dag_id: str, version_number: int) -> None:
    """Start each edge into a produced asset at the task that produces it."""
    outlets = list(await conn.execute(sa.select(task_outlet_asset_reference.c.asset_id,
                                                task_outlet_asset_reference.c.task_id)
                                      .where(task_outlet_asset_reference.c.dag_id == dag_id)))
    for edge in edges:
        if edge["target_id"].startswith("asset:") and not edge.get("resolved_from_alias"):
            asset_id = int(edge["target_id"].removeprefix("asset:"))
            producer = next((task for a, task in outlets if a == asset_id), None)
            if producer is not None:
                edge["source_id"] = producer
    aliased = [e for e in edges if e["target_id"].startswith("asset:") and e.get("resolved_from_alias")]
    if not aliased:
        return
    names = {e["resolved_from_alias"] for e in aliased}
    rows = await conn.execute(
        sa.select(asset_event.c.asset_id, asset_event.c.source_task_id).distinct()
        .join(asset_alias_asset_event, asset_alias_asset_event.c.event_id == asset_event.c.id)
        .join(asset_alias, asset_alias.c.id == asset_alias_asset_event.c.alias_id)
        .join(dag_run, sa.and_(dag_run.c.dag_id == asset_event.c.source_dag_id,
                               dag_run.c.run_id == asset_event.c.source_run_id))
        .join(dag_version, dag_version.c.id == dag_run.c.created_dag_version_id)
        .where(asset_alias.c.name.in_(names), dag_run.c.dag_id == dag_id,
               dag_version.c.version_number == version_number))
    producers: dict[int, list[str]] = {}
    for asset_id, task_id in rows:
        producers.setdefault(asset_id, []).append(task_id)
    for edge in aliased:
        for index, task_id in enumerate(sorted(producers.get(int(edge["target_id"].removeprefix("asset:")), []))):
            if index == 0:
                edge["source_id"] = task_id
            else:
                edges.append({**edge, "source_id": task_id})


async def _external(conn: AsyncConnection, dag_id: str, data: Mapping[str, Any], nodes: list[dict[str, Any]],
                    edges: list[dict[str, Any]]) -> None:
    entry = nodes[0] if nodes else None
    exit_node = nodes[-1] if nodes else None
    starts: list[dict[str, Any]] = []
    ends: list[dict[str, Any]] = []
    for other_id, deps in sorted((await dag_dependencies(conn)).items()):
        for dep in deps:
            if other_id != dag_id and dep.target != dag_id:
                continue
            if dep.target != dep.dependency_type and dep.dependency_type in ("asset-alias", "asset"):
                continue
            if (dep.source == dep.dependency_type or dep.target == dag_id) and entry:
                starts.append({"source_id": dep.node_id, "target_id": entry["id"]})
            elif (dep.target == dep.dependency_type or dep.source == dag_id) and exit_node:
                alias = dep.source.removeprefix("asset-alias:") if dep.source.startswith("asset-alias:") else None
                ends.append({"source_id": exit_node["id"], "target_id": dep.node_id, "resolved_from_alias": alias})
            nodes.append({"id": dep.node_id, "label": dep.label, "type": dep.dependency_type})
    expression = await asset_expression_body(conn, data.get("asset_expression"))
    if expression and entry:
        more_nodes, more_edges = upstream_assets(expression, entry["id"])
        nodes += more_nodes
        edges += more_edges
    edges += starts + ends


async def structure_data(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """``structure_data``."""
    number = params.get("version_number")
    if number is None:
        number = await conn.scalar(sa.select(sa.func.max(dag_version.c.version_number))
                                   .where(dag_version.c.dag_id == dag_id))
        if number is None:
            raise HTTPError(404, f"Dag with id {dag_id} was not found")
    data = await conn.scalar(sa.select(serialized_dag.c.data)
                             .join(dag_version, dag_version.c.id == serialized_dag.c.dag_version_id)
                             .where(dag_version.c.dag_id == dag_id, dag_version.c.version_number == number))
    if data is None:
        raise HTTPError(404, f"Dag with id {dag_id} and version number {number} was not found")
    data = dict(data)
    graph = DagGraph(data)
    if params.get("root"):
        graph = graph.subset(params["root"], include_upstream=bool(params.get("include_upstream")),
                             include_downstream=bool(params.get("include_downstream")), depth=params.get("depth"))
    nodes = [graph_node(n, graph) for n in graph.root.topological(graph)]
    edges = graph_edges(graph)
    if params.get("external_dependencies"):
        await _external(conn, dag_id, data, nodes, edges)
    await _bind_outputs(conn, edges, dag_id, number)
    return {"edges": [_edge(e) for e in edges], "nodes": [_node(n) for n in nodes]}
