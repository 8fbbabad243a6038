"""Dag runs as the public REST API shows them (``DAGRunResponse``), and their lists.

``get_dag_runs`` filters, ordering and both paging modes: offset (with ``total_entries``) and keyset cursors
(``cursor=`` starts; ``next_cursor``/``previous_cursor`` are URL-safe base64 of a MessagePack list of the
sort-key values of the boundary row, ``~`` marks a backward cursor; ``total_entries`` is null then).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.dag_versions import version_body
from airgate.gateway.services.listing import Sorting, any_of, prefix, search, where_all
from airgate.gateway.states import DagRunState
from airgate.gateway.store.tables import (
    asset,
    asset_event,
    dag,
    dag_run,
    dag_version,
    dagrun_asset_event,
    task_instance,
    task_instance_history,
)

RUN_TYPES = ("backfill", "scheduled", "manual", "asset_triggered", "asset_materialization")
_RANGES = ("run_after", "logical_date", "start_date", "end_date", "updated_at")
_OPS = {"gte": "__ge__", "gt": "__gt__", "lte": "__le__", "lt": "__lt__"}


def run_not_found(dag_id: str, run_id: str) -> HTTPError:
    """Airflow's 404 for an unknown run."""
    return HTTPError(404, f"The DagRun with dag_id: `{dag_id}` and run_id: `{run_id}` was not found")


def duration_of(conn: AsyncConnection, table: sa.Table) -> sa.ColumnElement[Any]:
    """``end_date - start_date`` in seconds as SQL (null unless both are set), per dialect."""
    return duration_in(conn.dialect.name, table)


@functools.cache
def duration_in(dialect: str, table: sa.Table) -> sa.ColumnElement[Any]:
    """:func:`duration_of` for a dialect name (built once)."""
    start, end = table.c.start_date, table.c.end_date
    if dialect == "sqlite":
        seconds: sa.ColumnElement[Any] = (sa.func.julianday(end) - sa.func.julianday(start)) * 86400
    else:
        seconds = sa.func.extract("epoch", end - start)
    return sa.case((sa.and_(end.is_not(None), start.is_not(None)), seconds), else_=None)


def _sorting(conn: AsyncConnection) -> Sorting:
    return _sorting_for(conn.dialect.name)


@functools.cache
def _sorting_for(dialect: str) -> Sorting:
    columns: dict[str, sa.ColumnElement[Any]] = {name: dag_run.c[name] for name in (
        "id", "state", "dag_id", "run_id", "logical_date", "run_after", "start_date", "end_date", "updated_at")}
    # PostgreSQL's json has no ordering: order as Airflow's jsonb column does (SQLite: the JSON text, as Airflow)
    columns["conf"] = sa.cast(dag_run.c.conf, JSONB if dialect == "postgresql" else sa.Text)
    return Sorting({**columns, "duration": duration_in(dialect, dag_run), "dag_run_id": dag_run.c.run_id}, "id")


def check_states(states: Sequence[str] | None) -> list[str | None]:
    """The ``state`` filter values (``none`` is no state), or Airflow's 422."""
    valid = [s.value for s in DagRunState]
    for value in states or ():
        if value != "none" and value not in valid:
            raise HTTPError(422, f"Invalid value for state. Valid values are {', '.join(valid)}")
    return [None if s == "none" else s for s in states or ()]


def _check_run_types(types: Sequence[str] | None) -> list[str]:
    for value in types or ():
        if value not in RUN_TYPES:
            raise HTTPError(422, f"Invalid value for run type. Valid values are {', '.join(RUN_TYPES)}")
    return list(types or ())


def _ranges(conn: AsyncConnection, params: Mapping[str, Any]) -> list[sa.ColumnElement[bool] | None]:
    found: list[sa.ColumnElement[bool] | None] = []
    columns: dict[str, sa.ColumnElement[Any]] = {name: dag_run.c[name] for name in _RANGES}
    columns["duration"] = duration_of(conn, dag_run)
    for name, column in columns.items():
        for suffix, op in _OPS.items():
            value = params.get(f"{name}_{suffix}")
            if value is not None:
                found.append(getattr(column, op)(value))
    return found


def _consuming(value: str | None) -> sa.ColumnElement[bool] | None:
    if not value:
        return None
    events = (
        sa.select(asset_event.c.id)
        .join(asset, asset.c.id == asset_event.c.asset_id)
        .where(sa.or_(asset.c.name.ilike(f"%{value}%"), asset.c.uri.ilike(f"%{value}%")))
    )
    runs = sa.select(dagrun_asset_event.c.dag_run_id).where(dagrun_asset_event.c.event_id.in_(events))
    return dag_run.c.id.in_(runs)


def _dag_version_filter(numbers: Sequence[int] | None) -> sa.ColumnElement[bool] | None:
    if not numbers:
        return None
    ids = sa.select(dag_version.c.id).where(dag_version.c.version_number.in_(list(numbers)))
    return dag_run.c.created_dag_version_id.in_(ids)


def filters(conn: AsyncConnection, params: Mapping[str, Any]) -> list[sa.ColumnElement[bool]]:
    """Every ``get_dag_runs`` filter as SQL conditions (the ``dag_id`` path parameter excluded)."""
    conf = params.get("conf_contains")
    searched = ("run_id", "triggering_user_name", "dag_id", "partition_key")
    return where_all(
        *_ranges(conn, params),
        sa.cast(dag_run.c.conf, sa.Text).contains(conf) if conf else None,
        any_of(dag_run.c.state, check_states(params.get("state"))),
        any_of(dag_run.c.run_type, _check_run_types(params.get("run_type"))),
        _dag_version_filter(params.get("dag_version")),
        dag_run.c.bundle_version == params["bundle_version"] if params.get("bundle_version") is not None else None,
        *(search(dag_run.c[c], params.get(f"{c}_pattern")) for c in searched),
        *(prefix(dag_run.c[c], params.get(f"{c}_prefix_pattern")) for c in searched),
        _consuming(params.get("consuming_asset_pattern")),
    )


async def _versions(conn: AsyncConnection, rows: Sequence[Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The DAG versions each run's tries ran with (``dag_versions``), sorted by id."""
    keys = [(r.dag_id, r.run_id) for r in rows]
    found: dict[tuple[str, str], list[dict[str, Any]]] = {k: [] for k in keys}
    if not keys:
        return found
    dag_ids = sorted({k[0] for k in keys})
    run_ids = sorted({k[1] for k in keys})
    parts = [
        sa.select(t.c.dag_id, t.c.run_id, t.c.dag_version_id.label("vid")).where(
            t.c.dag_id.in_(dag_ids), t.c.run_id.in_(run_ids), t.c.dag_version_id.is_not(None))
        for t in (task_instance, task_instance_history)
    ]
    used = sa.union(*parts).subquery()
    name = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display")
    query = (
        sa.select(used.c.dag_id.label("run_dag"), used.c.run_id.label("run_key"), dag_version, name)
        .join(dag_version, dag_version.c.id == used.c.vid)
        .join(dag, dag.c.dag_id == dag_version.c.dag_id)
    )
    for row in (await conn.execute(query)).mappings():
        key = (row["run_dag"], row["run_key"])
        if key in found:
            found[key].append(version_body(row, row["display"]))
    by_created = {r.created_dag_version_id for r in rows if r.bundle_version and r.created_dag_version_id}
    created: dict[Any, dict[str, Any]] = {}
    if by_created:
        query2 = sa.select(dag_version, name).join(dag, dag.c.dag_id == dag_version.c.dag_id).where(
            dag_version.c.id.in_(list(by_created)))
        created = {r["id"]: version_body(r, r["display"]) for r in (await conn.execute(query2)).mappings()}
    for r in rows:
        key = (r.dag_id, r.run_id)
        if r.bundle_version:
            found[key] = [created[r.created_dag_version_id]] if r.created_dag_version_id in created else []
        else:
            found[key].sort(key=lambda v: str(v["id"]))
    return found


def _body(row: Any, versions: list[dict[str, Any]]) -> dict[str, Any]:
    duration = None
    if row.start_date is not None and row.end_date is not None:
        duration = (row.end_date - row.start_date).total_seconds()
    return {
        "dag_run_id": row.run_id,
        "dag_id": row.dag_id,
        "logical_date": row.logical_date,
        "queued_at": row.queued_at,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "duration": duration,
        "data_interval_start": row.data_interval_start,
        "data_interval_end": row.data_interval_end,
        "run_after": row.run_after,
        "last_scheduling_decision": row.last_scheduling_decision,
        "run_type": row.run_type,
        "state": row.state,
        "triggered_by": row.triggered_by,
        "triggering_user_name": row.triggering_user_name,
        "conf": row.conf,
        "note": row.note,
        "dag_versions": versions,
        "bundle_version": row.bundle_version,
        "dag_display_name": row.dag_display_name,
        "partition_key": row.partition_key,
    }


@functools.cache
def _select() -> sa.Select[Any]:
    """Run rows with the DAG's display name (built once; callers derive theirs)."""
    name = sa.func.coalesce(dag.c.dag_display_name, dag_run.c.dag_id).label("dag_display_name")
    return sa.select(dag_run, name).select_from(dag_run.outerjoin(dag, dag.c.dag_id == dag_run.c.dag_id))


async def bodies(conn: AsyncConnection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """``DAGRunResponse`` dicts for rows of :func:`_select`."""
    versions = await _versions(conn, rows)
    return [_body(r, versions[(r.dag_id, r.run_id)]) for r in rows]


async def run_response(conn: AsyncConnection, dag_id: str, run_id: str) -> dict[str, Any]:
    """One ``DAGRunResponse`` (404 when the run does not exist)."""
    row = (await conn.execute(_select().where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id))).first()
    if row is None:
        raise run_not_found(dag_id, run_id)
    return (await bodies(conn, [row]))[0]


async def require_dag(conn: AsyncConnection, dag_id: str) -> None:
    """404 ``The Dag with ID: ... was not found`` unless the DAG is registered."""
    if (await conn.execute(sa.select(dag.c.dag_id).where(dag.c.dag_id == dag_id))).first() is None:
        raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")


def encode_cursor(values: Sequence[Any]) -> str:
    """A cursor token for the sort-key values of a boundary row."""
    return base64.urlsafe_b64encode(msgspec.msgpack.encode(list(values))).decode("ascii").rstrip("=")


def decode_cursor(token: str) -> list[Any]:
    """The sort-key values of a cursor token (400 ``Invalid cursor token``)."""
    try:
        raw = base64.urlsafe_b64decode((token + "=" * (-len(token) % 4)).encode("ascii"))
        data = msgspec.msgpack.decode(raw)
    except Exception:
        raise HTTPError(400, "Invalid cursor token") from None
    if not isinstance(data, list):
        raise HTTPError(400, "Invalid cursor token structure")
    return data


def keyset(keys: Sequence[tuple[sa.ColumnElement[Any], bool]], values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """Rows strictly after ``values`` in the order ``keys`` (column, descending)."""
    if len(values) != len(keys):
        raise HTTPError(400, "Cursor token does not match current query shape")
    column, desc = keys[-1]
    inner: sa.ColumnElement[bool] = column < values[-1] if desc else column > values[-1]
    for (col, is_desc), value in zip(reversed(keys[:-1]), reversed(values[:-1]), strict=True):
        loose = col <= value if is_desc else col >= value
        inner = sa.and_(loose, sa.or_(col < value if is_desc else col > value, inner))
    return inner


async def cursor_page(
    conn: AsyncConnection, query: sa.Select[Any], order: Sequence[Any], cursor: str, limit: int
) -> tuple[list[Any], str | None, str | None]:
    """One keyset page of ``query`` ordered by ``order`` (``UnaryExpression``s): rows, next, previous."""
    keys = [(o.element, o.modifier is sa.sql.operators.desc_op) for o in order]
    backward = cursor.startswith("~")
    token = cursor[1:] if backward else cursor
    if token:
        values = decode_cursor(token)
        flipped = [(c, not d) if backward else (c, d) for c, d in keys]
        query = query.where(keyset(flipped, values))
    ordering = [(c.asc() if d else c.desc()) if backward else (c.desc() if d else c.asc()) for c, d in keys]
    labels = [f"_cursor_key_{n}" for n in range(len(keys))]
    query = query.add_columns(*(c.label(name) for (c, _), name in zip(keys, labels, strict=True)))
    rows = list((await conn.execute(query.order_by(*ordering).limit(limit + 1))).all())
    more = len(rows) > limit
    rows = rows[:limit]
    if backward:
        rows.reverse()
    has_prev, has_next = (more, True) if backward else (bool(token), more)

    def values_of(row: Any) -> list[Any]:
        values = [row._mapping[name] for name in labels]
        return [float(v) if isinstance(v, Decimal) else v for v in values]

    next_cursor = encode_cursor(values_of(rows[-1])) if has_next and rows else None
    previous = "~" + encode_cursor(values_of(rows[0])) if has_prev and rows else None
    return rows, next_cursor, previous


async def list_runs(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any], *, limit: int,
                    offset: int) -> dict[str, Any]:
    """``get_dag_runs``: ``dag_id`` ``~`` lists every DAG's runs."""
    if dag_id != "~":
        await require_dag(conn, dag_id)
    order = _sorting(conn).clauses(params.get("order_by"))
    conditions = filters(conn, params)
    if dag_id != "~":
        conditions.append(dag_run.c.dag_id == dag_id)
    query = _select().where(*conditions)
    cursor = params.get("cursor")
    if cursor is not None:
        rows, next_cursor, previous = await cursor_page(conn, query, order, cursor, limit)
        return {"dag_runs": await bodies(conn, rows), "total_entries": None,
                "next_cursor": next_cursor, "previous_cursor": previous}
    total = await conn.scalar(sa.select(sa.func.count()).select_from(dag_run).where(*conditions))
    rows = list((await conn.execute(query.order_by(*order).limit(limit).offset(offset))).all())
    return {"dag_runs": await bodies(conn, rows), "total_entries": int(total or 0),
            "next_cursor": None, "previous_cursor": None}
