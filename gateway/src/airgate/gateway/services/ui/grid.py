"""The Grid view: the task tree merged over the DAG versions the shown runs used, the runs, and per-run task
instance summaries (task groups and mapped tasks aggregated with Airflow's state priority)."""

from __future__ import annotations

import weakref
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_run_queries
from airgate.gateway.services.listing import Sorting
from airgate.gateway.services.ui.dag_graph import DagGraph, Group, Task
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag_run, dag_version, deadline, serialized_dag, task_instance

#: the order in which a group's or mapped task's aggregate state is chosen (first present wins)
STATE_PRIORITY: tuple[str | None, ...] = ("failed", "upstream_failed", "up_for_retry", "up_for_reschedule", "queued",
                                          "scheduled", "deferred", "running", "restarting", None, "success",
                                          "skipped", "removed")
_TRIVIAL = ("NullTimetable", "OnceTimetable", "ContinuousTimetable", "AssetTriggeredTimetable",
            "PartitionedAssetTimetable", "AssetOrTimeSchedule")
_ENCODER = msgspec.json.Encoder()


def dag_not_found(dag_id: str) -> HTTPError:
    return HTTPError(404, f"Dag with id {dag_id} was not found")


_GRAPHS: weakref.WeakKeyDictionary[Engine, OrderedDict[Any, DagGraph]] = weakref.WeakKeyDictionary()
"""Per database (engine): the task graphs of the serialized DAGs read lately. A serialized DAG row is never
updated (a new version is a new row), so its graph is shared by every request; not across databases, where
the same id may name another DAG (as in tests)."""
_GRAPHS_KEPT = 32


async def _graph(conn: AsyncConnection, serialized_id: Any) -> DagGraph:
    """The graph of one serialized DAG row, parsed once (reading and decoding the document and building the
    graph was most of a grid request's time)."""
    graphs = _GRAPHS.get(conn.sync_engine)
    if graphs is None:
        graphs = _GRAPHS[conn.sync_engine] = OrderedDict()
    graph = graphs.get(serialized_id)
    if graph is None:
        data = await conn.scalar(sa.select(serialized_dag.c.data).where(serialized_dag.c.id == serialized_id))
        graph = graphs[serialized_id] = DagGraph(dict(data or {}))
        while len(graphs) > _GRAPHS_KEPT:
            graphs.popitem(last=False)
    else:
        graphs.move_to_end(serialized_id)
    return graph


async def _latest_serialized(conn: AsyncConnection, dag_id: str) -> tuple[Any, DagGraph]:
    found = await conn.scalar(sa.select(serialized_dag.c.id).where(serialized_dag.c.dag_id == dag_id)
                              .order_by(serialized_dag.c.id.desc()).limit(1))
    if found is None:
        raise dag_not_found(dag_id)
    return found, await _graph(conn, found)


def _run_ordering(data: Mapping[str, Any]) -> list[str]:
    kind = (data.get("timetable") or {}).get("type")
    return ["logical_date"] if kind in _TRIVIAL else ["data_interval_end", "logical_date"]


def _default_order(params: Mapping[str, Any]) -> bool:
    """No ordering asked for (the spec's default is the primary key): the timetable's order applies."""
    return list(params.get("order_by") or ["id"]) == ["id"]


def _order(params: Mapping[str, Any], data: Mapping[str, Any] | None) -> list[sa.ColumnElement[Any]]:
    allowed = {n: dag_run.c[n] for n in ("run_after", "logical_date", "start_date", "end_date", "id")}
    if not _default_order(params) or data is None:
        return Sorting(allowed, "id").clauses(params.get("order_by"))
    ordering = _run_ordering(data)
    return Sorting({**{n: dag_run.c[n] for n in ordering}, "id": dag_run.c.id}, "id").clauses(ordering)


def _run_filters(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any]) -> list[sa.ColumnElement[bool]]:
    names = ("run_after_gte", "run_after_gt", "run_after_lte", "run_after_lt", "state", "run_type")
    translated: dict[str, Any] = {n: params[n] for n in names if params.get(n) is not None}
    translated["triggering_user_name_pattern"] = params.get("triggering_user")
    translated["triggering_user_name_prefix_pattern"] = params.get("triggering_user_prefix")
    return [dag_run.c.dag_id == dag_id, *dag_run_queries.filters(conn, translated)]


# --- structure ------------------------------------------------------------------------------------------------

def _grid_node(node: Task | Group, graph: DagGraph, parent_mapped: bool = False) -> dict[str, Any]:
    if isinstance(node, Task):
        body: dict[str, Any] = {"id": node.task_id, "label": node.shown_name}
        if parent_mapped or node.is_mapped:
            body["is_mapped"] = True
        if node.is_setup:
            body["setup_teardown_type"] = "setup"
        elif node.is_teardown:
            body["setup_teardown_type"] = "teardown"
        return body
    mapped = parent_mapped or node.is_mapped
    children = [_grid_node(c, graph, mapped) for c in node.topological(graph)]
    body = {"id": node.node_id, "label": node.label}
    if children:
        body["children"] = children
    if node.is_mapped:
        body["is_mapped"] = True
    return body


def _nodes(graph: DagGraph, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    if params.get("root"):
        graph = graph.subset(params["root"], include_upstream=bool(params.get("include_upstream")),
                             include_downstream=bool(params.get("include_downstream")), depth=params.get("depth"))
    return [_grid_node(n, graph) for n in graph.root.topological(graph)]


def _merge(current: list[dict[str, Any]], new: list[dict[str, Any]] | None) -> None:
    """Add the nodes of an older version that the newer structure lacks (children merged likewise)."""
    if new is None:
        return
    by_id = {n["id"]: n for n in current}
    for node in new:
        known = by_id.get(node["id"])
        if known is None:
            current.append(node)
            by_id[node["id"]] = node
        elif known.get("children") is not None:
            _merge(known["children"], node.get("children"))


async def dag_structure(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any], *, limit: int,
                        offset: int) -> list[dict[str, Any]]:
    """``get_dag_structure``."""
    latest_id, latest = await _latest_serialized(conn, dag_id)
    order = _order(params, latest.data)
    run_ids = (await conn.execute(sa.select(dag_run.c.run_id).where(*_run_filters(conn, dag_id, params))
                                  .order_by(*order).limit(limit).offset(offset))).scalars().all()
    merged = _nodes(latest, params)
    if not run_ids:
        return merged
    # the shown runs' task instances by their key (the ``ti_dag_run`` index): a join to ``dag_run`` let the
    # planner read every task instance of the store
    used = (sa.select(task_instance.c.dag_version_id).distinct()
            .where(task_instance.c.dag_id == dag_id, task_instance.c.run_id.in_(list(run_ids))))
    older = (await conn.execute(sa.select(serialized_dag.c.id).where(
        serialized_dag.c.dag_id == dag_id, serialized_dag.c.id != latest_id,
        serialized_dag.c.dag_version_id.in_(used)).order_by(serialized_dag.c.id))).scalars().all()
    for other in older:
        _merge(merged, _nodes(await _graph(conn, other), params))
    return merged


# --- runs -----------------------------------------------------------------------------------------------------

def _drop_none(body: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v is not None}


async def grid_runs(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any], *, limit: int,
                    offset: int) -> list[dict[str, Any]]:
    """``get_grid_runs``: the DAG must have a version only when the timetable gives the order."""
    data = (await _latest_serialized(conn, dag_id))[1].data if _default_order(params) else None
    order = _order(params, data)
    missed = sa.exists().where(deadline.c.dagrun_id == dag_run.c.id, deadline.c.missed.is_(True))
    query = (dag_run_queries._select().add_columns(missed.label("has_missed_deadline"))
             .where(*_run_filters(conn, dag_id, params)).order_by(*order).limit(limit).offset(offset))
    rows = list((await conn.execute(query)).all())
    bodies = await dag_run_queries.bodies(conn, rows)
    now = datetime.now(UTC)
    out = []
    for row, body in zip(rows, bodies, strict=True):
        start, end = row.start_date, row.end_date
        out.append(_drop_none({
            "dag_id": row.dag_id, "run_id": row.run_id, "queued_at": row.queued_at, "start_date": start,
            "end_date": end, "run_after": row.run_after, "state": row.state, "run_type": row.run_type,
            "dag_versions": [_drop_none(v) for v in body["dag_versions"]],
            "has_missed_deadline": bool(row.has_missed_deadline),
            "duration": ((end or now) - start).total_seconds() if start is not None else 0,
        }))
    return out


# --- task instance summaries ----------------------------------------------------------------------------------

@dataclass
class Summary:
    """States, first start, last end and newest version number of some task instances."""

    states: Counter[str | None] = field(default_factory=Counter)
    start: datetime | None = None
    end: datetime | None = None
    version: int | None = None

    def add(self, state: str | None, start: datetime | None, end: datetime | None, version: int | None) -> None:
        self.states[state] += 1
        self._bounds(start, end, version)

    def merge(self, other: Summary) -> None:
        self.states.update(other.states)
        self._bounds(other.start, other.end, other.version)

    def _bounds(self, start: datetime | None, end: datetime | None, version: int | None) -> None:
        if start is not None and (self.start is None or start < self.start):
            self.start = start
        if end is not None and (self.end is None or end > self.end):
            self.end = end
        if version is not None and (self.version is None or version > self.version):
            self.version = version

    def body(self) -> dict[str, Any]:
        state = next((s for s in STATE_PRIORITY if s in self.states), None)
        # pydantic writes a ``None`` key of a JSON object as "None"
        counts = {("None" if k is None else k): v for k, v in self.states.items()}
        return {"state": state, "child_states": counts, "min_start_date": self.start,
                "max_end_date": self.end, "dag_version_number": self.version}


def _aggregate(node: Task | Group, parent: Group | None, graph: DagGraph,
               details: Mapping[str, Summary]) -> list[tuple[dict[str, Any], Summary]]:
    parent_id = parent.group_id if parent is not None else None
    if isinstance(node, Task):
        summary = details.get(node.task_id) or Summary()
        kind = "task"
        if node.is_mapped:
            kind = "mapped_task"
            if not summary.states:
                placeholder = Summary(version=summary.version)
                placeholder.add(None, None, None, summary.version)
                summary = placeholder
        body = {"task_id": node.task_id, "task_display_name": node.display_name, "type": kind,
                "parent_id": parent_id, **summary.body()}
        return [(body, summary)]
    out: list[tuple[dict[str, Any], Summary]] = []
    children = Summary()
    for child in node.topological(graph):
        for found, summary in _aggregate(child, node, graph, details):
            if found["parent_id"] == node.group_id:
                children.merge(summary)
            out.append((found, summary))
    if node.group_id:
        out.append(({"task_id": node.group_id, "task_display_name": node.group_id, "type": "group",
                     "parent_id": parent_id, **children.body()}, children))
    return out


def _summaries(dag_id: str, run_id: str, details: Mapping[str, Summary], graph: DagGraph | None) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    seen: set[str] = set()
    if graph is not None:
        for body, _ in _aggregate(graph.root, None, graph, details):
            if body["type"] in ("task", "mapped_task"):
                seen.add(body["task_id"])
            nodes.append(body)
    for task_id in sorted(set(details) - seen):
        nodes.append({"task_id": task_id, "task_display_name": task_id, "type": "task", "parent_id": None,
                      **details[task_id].body()})
    groups = {n["task_id"] for n in nodes if n["type"] == "group"}
    shown = []
    for n in nodes:
        if n["type"] == "task" and n["task_id"] in groups:
            continue
        shown.append({"task_id": n["task_id"], "task_display_name": n["task_display_name"], "state": n["state"],
                      "child_states": None if n["type"] == "task" else n["child_states"],
                      "min_start_date": n["min_start_date"], "max_end_date": n["max_end_date"],
                      "dag_version_number": n["dag_version_number"]})
    return {"run_id": run_id, "dag_id": dag_id, "task_instances": shown}


async def _graph_of(conn: AsyncConnection, dag_id: str, version_id: Any) -> DagGraph | None:
    query = sa.select(serialized_dag.c.id).join(dag_version, dag_version.c.id == serialized_dag.c.dag_version_id)
    if version_id is not None:
        query = query.where(serialized_dag.c.dag_version_id == version_id)
    else:  # task instances from before versioning: the oldest version
        query = query.where(dag_version.c.dag_id == dag_id).order_by(dag_version.c.id)
    found = await conn.scalar(query.limit(1))
    return None if found is None else await _graph(conn, found)


async def _run_summary(conn: AsyncConnection, dag_id: str, run_id: str,
                       cache: dict[Any, DagGraph | None]) -> bytes | None:
    ti = task_instance
    rows = await conn.execute(
        sa.select(ti.c.task_id, ti.c.state, ti.c.dag_version_id, ti.c.start_date, ti.c.end_date,
                  dag_version.c.version_number)
        .outerjoin(dag_version, dag_version.c.id == ti.c.dag_version_id)
        .where(ti.c.dag_id == dag_id, ti.c.run_id == run_id)
        # ``task_id || ''`` sorts as ``task_id`` does but no index can give that order: SQLite otherwise walks
        # every task instance of the DAG in an index on (dag_id, task_id, ...) to skip sorting a run's few rows
        .order_by(ti.c.task_id.concat(sa.literal_column("''")), ti.c.map_index))
    details: dict[str, Summary] = {}
    version_id = None
    for task_id, state, vid, start, end, number in rows:
        version_id = version_id or vid
        details.setdefault(task_id, Summary()).add(state, start, end, number)
    if not details:
        return None
    if version_id not in cache:
        cache[version_id] = await _graph_of(conn, dag_id, version_id)
    return _ENCODER.encode(_summaries(dag_id, run_id, details, cache[version_id])) + b"\n"


async def ti_summaries(store: Store, dag_id: str, run_ids: Sequence[str]) -> AsyncIterator[bytes]:
    """``get_grid_ti_summaries_stream``: one NDJSON line per run that has task instances, each read in its own
    short transaction so a slow reader holds no connection."""
    cache: dict[Any, DagGraph | None] = {}
    for run_id in run_ids:
        async with store.read() as conn:
            line = await _run_summary(conn, dag_id, run_id, cache)
        if line is not None:
            yield line
