"""Dependencies between DAGs (Airflow's ``DagDependency``), computed from the latest compiled version of
every non-stale DAG: asset schedules, task outlets (assets and aliases), ``TriggerDagRunOperator`` and
``ExternalTaskSensor`` tasks; assets resolved to their ids through the asset tables (an asset not
registered there yet is left out, as it has no id to show)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset,
    dag,
    dag_version,
    serialized_dag,
)

ASSET_TYPES = ("asset", "asset-alias", "asset-name-ref", "asset-uri-ref")
_TRIGGER = "TriggerDagRunOperator"
_SENSOR = "ExternalTaskSensor"


@dataclass(frozen=True, order=True)
class DagDependency:
    """One edge end of the DAG dependency graph."""

    source: str
    target: str
    label: str
    dependency_type: str
    dependency_id: str | None = None

    @property
    def node_id(self) -> str:
        value = self.dependency_type
        if self.dependency_type not in ASSET_TYPES:
            value = f"{value}:{self.source}:{self.target}"
        if self.dependency_id:
            value = f"{value}:{self.dependency_id}"
        return value


def condition_leaves(expr: Any) -> Iterator[Mapping[str, Any]]:
    """The assets, aliases and references of an asset condition (dag.json form), in order."""
    if not isinstance(expr, Mapping):
        return
    if expr.get("__type") in ("asset_all", "asset_any"):
        for item in expr.get("objects") or []:
            yield from condition_leaves(item)
    elif expr.get("__type") in ("asset", "asset_alias", "asset_ref"):
        yield expr


def _leaf_dependency(leaf: Mapping[str, Any], source: str, target: str) -> DagDependency:
    kind = leaf["__type"]
    if kind == "asset":
        return DagDependency(source or "asset", target or "asset", leaf["name"], "asset",
                             f"asset\x00{leaf['name']}\x00{leaf['uri']}")
    if kind == "asset_alias":
        return DagDependency(source or "asset-alias", target or "asset-alias", leaf["name"], "asset-alias",
                             leaf["name"])
    ref_type = "asset-name-ref" if "name" in leaf else "asset-uri-ref"
    value = str(leaf.get("name") or leaf.get("uri"))
    return DagDependency(source or ref_type, target or ref_type, value, ref_type, value)


def raw_dependencies(data: Mapping[str, Any]) -> list[DagDependency]:
    """What Airflow serializes as ``dag_dependencies`` for one dag.json (sorted, unresolved)."""
    dag_id = data["dag_id"]
    deps: list[DagDependency] = []
    for task in data.get("tasks") or []:
        name = (task.get("class_ref") or {}).get("class_name") or task.get("task_type")
        kwargs = {**((task.get("mapping") or {}).get("partial_kwargs") or {}), **(task.get("kwargs") or {})}
        label = task.get("task_display_name") or task["task_id"]
        if name == _TRIGGER and isinstance(kwargs.get("trigger_dag_id"), str):
            deps.append(DagDependency(dag_id, kwargs["trigger_dag_id"], label, "trigger", task["task_id"]))
        elif name == _SENSOR and isinstance(kwargs.get("external_dag_id"), str):
            deps.append(DagDependency(kwargs["external_dag_id"], dag_id, label, "sensor", task["task_id"]))
        for outlet in task.get("outlets") or []:
            if isinstance(outlet, Mapping) and outlet.get("__type") in ("asset", "asset_alias"):
                deps.append(_leaf_dependency(outlet, dag_id, ""))
    condition = (data.get("timetable") or {}).get("args", {}).get("asset_condition") or data.get("asset_expression")
    deps.extend(_leaf_dependency(leaf, "", dag_id) for leaf in condition_leaves(condition))
    return sorted(set(deps), key=lambda d: (d.source, d.target, d.label, d.dependency_type, d.dependency_id or ""))


class _Resolver:
    """Asset ids for asset keys, references and aliases (Airflow's dependency resolution)."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, tuple[int, str]] = {}
        self.by_uri: dict[str, tuple[int, str]] = {}
        self.aliases: dict[str, list[tuple[int, str]]] = {}

    async def load(self, conn: AsyncConnection) -> None:
        for asset_id, name, uri, active in await conn.execute(
                sa.select(asset.c.id, asset.c.name, asset.c.uri, asset_active.c.name.is_not(None))
                .outerjoin(asset_active, sa.and_(asset_active.c.name == asset.c.name,
                                                 asset_active.c.uri == asset.c.uri))):
            self.by_key[(name, uri)] = asset_id
            if active:
                self.by_name[name] = (asset_id, name)
                self.by_uri[uri] = (asset_id, name)
        for alias_name, asset_id, name in await conn.execute(
                sa.select(asset_alias.c.name, asset.c.id, asset.c.name)
                .join(asset_alias_asset, asset_alias_asset.c.alias_id == asset_alias.c.id)
                .join(asset, asset.c.id == asset_alias_asset.c.asset_id).order_by(asset.c.id)):
            self.aliases.setdefault(alias_name, []).append((asset_id, name))

    def resolve(self, dep: DagDependency) -> list[DagDependency]:
        kind = dep.dependency_type
        if kind == "asset":
            _, name, uri = (dep.dependency_id or "").split("\x00")
            found = self.by_key.get((name, uri))
            return [] if found is None else [DagDependency(dep.source, dep.target, dep.label, "asset", str(found))]
        if kind in ("asset-name-ref", "asset-uri-ref"):
            table = self.by_name if kind == "asset-name-ref" else self.by_uri
            hit = table.get(dep.dependency_id or "")
            if hit is None:
                return [dep]
            is_source = dep.source == kind
            return [DagDependency("asset" if is_source else dep.source, dep.target if is_source else "asset",
                                  hit[1], "asset", str(hit[0]))]
        if kind == "asset-alias":
            alias = dep.dependency_id or ""
            resolved = self.aliases.get(alias) or []
            if not resolved:
                return [dep]
            out = []
            is_source = dep.source == "asset-alias"
            for asset_id, name in resolved:
                out.append(DagDependency("asset" if is_source else f"asset-alias:{alias}",
                                         f"asset-alias:{alias}" if is_source else "asset", name, "asset",
                                         str(asset_id)))
                out.append(DagDependency(f"asset:{asset_id}" if is_source else dep.source,
                                         dep.target if is_source else f"asset:{asset_id}", alias, "asset-alias",
                                         alias))
            return out
        return [dep]


async def latest_data(conn: AsyncConnection) -> dict[str, dict[str, Any]]:
    """dag_id → the dag.json of its latest version, for every DAG that is not stale."""
    latest = (sa.select(dag_version.c.dag_id, sa.func.max(dag_version.c.version_number).label("number"))
              .group_by(dag_version.c.dag_id).subquery())
    rows = await conn.execute(
        sa.select(dag_version.c.dag_id, serialized_dag.c.data)
        .join(latest, sa.and_(latest.c.dag_id == dag_version.c.dag_id, latest.c.number == dag_version.c.version_number))
        .join(serialized_dag, serialized_dag.c.dag_version_id == dag_version.c.id)
        .join(dag, dag.c.dag_id == dag_version.c.dag_id).where(dag.c.is_stale.is_(False)))
    return {dag_id: dict(data) for dag_id, data in rows}


async def dag_dependencies(conn: AsyncConnection) -> dict[str, list[DagDependency]]:
    """dag_id → its resolved dependencies (every non-stale DAG)."""
    resolver = _Resolver()
    await resolver.load(conn)
    out: dict[str, list[DagDependency]] = {}
    for dag_id, data in (await latest_data(conn)).items():
        out[dag_id] = [r for d in raw_dependencies(data) for r in resolver.resolve(d)]
    return out
