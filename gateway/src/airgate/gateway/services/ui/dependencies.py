"""The DAG dependency graph (``get_dependencies``): scheduling dependencies between DAGs, assets, aliases,
triggers and sensors; or the task-level data lineage of one asset."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.ui.dag_dependencies import dag_dependencies
from airgate.gateway.store.tables import asset, task_inlet_asset_reference, task_outlet_asset_reference

_SEPARATOR = "__SEPARATOR__"


async def scheduling_graph(conn: AsyncConnection) -> dict[str, list[dict[str, Any]]]:
    """Every DAG with dependencies, the nodes they point at, and the edges between them."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: set[tuple[str, str]] = set()
    for dag_id, deps in sorted((await dag_dependencies(conn)).items()):
        node_id = f"dag:{dag_id}"
        if node_id in nodes:
            continue
        for dep in deps:
            nodes[node_id] = {"id": node_id, "label": dag_id, "type": "dag"}
            nodes.setdefault(dep.node_id, {"id": dep.node_id, "label": dep.label, "type": dep.dependency_type})
            if dep.source != dep.dependency_type:
                edges.add((dep.source if ":" in dep.source else f"dag:{dep.source}", dep.node_id))
            if dep.target != dep.dependency_type:
                edges.add((dep.node_id, dep.target if ":" in dep.target else f"dag:{dep.target}"))
    return {"edges": [{"source_id": s, "target_id": t} for s, t in sorted(edges)], "nodes": list(nodes.values())}


def connected_component(node_id: str, nodes: Sequence[dict[str, Any]],
                        edges: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The part of the graph connected to ``node_id`` (404 with Airflow's message when it is not in it)."""
    adjacent: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        adjacent[edge["source_id"]].append(edge["target_id"])
        adjacent[edge["target_id"]].append(edge["source_id"])
    visited: set[str] = set()
    components: list[list[str]] = []
    for start in list(adjacent):
        if start in visited:
            continue
        component: list[str] = []
        stack = [start]
        while stack:  # depth first, neighbours in insertion order (the order Airflow lists a component in)
            current = stack.pop()
            if current in visited:
                continue
            visited.add(current)
            component.append(current)
            stack.extend(reversed([n for n in adjacent[current] if n not in visited]))
        components.append(component)
    matching = [c for c in components if node_id in c]
    if len(matching) != 1:
        raise HTTPError(404, f"Unique connected component not found, got {matching} for connected components of "
                             f"node {node_id}, expected only 1 connected component.")
    members = set(matching[0])
    return {"edges": [e for e in edges if e["source_id"] in members and e["target_id"] in members],
            "nodes": [n for n in nodes if n["id"] in members]}


async def data_graph(conn: AsyncConnection, asset_id: int) -> dict[str, list[dict[str, Any]]]:
    """Tasks producing and consuming the asset, followed through their other inlets and outlets."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: set[tuple[str, str]] = set()
    pending: deque[int] = deque([asset_id])
    done_assets: set[int] = set()
    done_tasks: set[tuple[str, str]] = set()
    outlet, inlet = task_outlet_asset_reference, task_inlet_asset_reference
    while pending:
        current = pending.popleft()
        if current in done_assets:
            continue
        done_assets.add(current)
        name = await conn.scalar(sa.select(asset.c.name).where(asset.c.id == current))
        if name is None:
            continue
        asset_node = f"asset:{current}"
        nodes.setdefault(asset_node, {"id": asset_node, "label": name, "type": "asset"})
        for refs, other, producing in ((outlet, inlet, True), (inlet, outlet, False)):
            rows = (await conn.execute(sa.select(refs.c.dag_id, refs.c.task_id).where(refs.c.asset_id == current)
                                       .order_by(refs.c.dag_id, refs.c.task_id))).all()
            for dag_id, task_id in rows:
                task_node = f"task:{dag_id}{_SEPARATOR}{task_id}"
                nodes.setdefault(task_node, {"id": task_node, "label": f"{dag_id}.{task_id}", "type": "task"})
                edges.add((task_node, asset_node) if producing else (asset_node, task_node))
                if (dag_id, task_id) in done_tasks:
                    continue
                done_tasks.add((dag_id, task_id))
                follow = await conn.execute(sa.select(other.c.asset_id).where(other.c.dag_id == dag_id,
                                                                              other.c.task_id == task_id))
                pending.extend(a for (a,) in follow if a not in done_assets)
    return {"edges": [{"source_id": s, "target_id": t} for s, t in sorted(edges)], "nodes": list(nodes.values())}


async def get_dependencies(conn: AsyncConnection, node_id: str | None, dependency_type: str) -> dict[str, Any]:
    """``get_dependencies``."""
    if dependency_type == "data":
        if node_id is None or not node_id.startswith("asset:"):
            raise HTTPError(400, "Data dependencies require an asset node_id (e.g., 'asset:123')")
        try:
            asset_id = int(node_id.replace("asset:", ""))
        except ValueError:
            raise HTTPError(400, f"Invalid asset node_id: {node_id}") from None
        data = await data_graph(conn, asset_id)
        if not data["nodes"]:
            raise HTTPError(404, f"Asset with id {asset_id} was not found")
        return data
    graph = await scheduling_graph(conn)
    if node_id is not None:
        return connected_component(node_id, graph["nodes"], graph["edges"])
    return graph
