"""XCom entries as the public REST API shows and edits them (``~`` wildcards for DAG, run and task)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.services.ti_marking import now
from airgate.gateway.store.tables import dag, dag_run, task_instance, xcom

_SORTING = Sorting({"key": xcom.c.key, "dag_id": xcom.c.dag_id, "run_id": xcom.c.run_id, "task_id": xcom.c.task_id,
                    "map_index": xcom.c.map_index, "timestamp": xcom.c.timestamp, "run_after": dag_run.c.run_after},
                   "key")
_DEFAULT_ORDER = ["dag_id", "task_id", "run_id", "map_index", "key"]
_OPS = {"gte": "__ge__", "gt": "__gt__", "lte": "__le__", "lt": "__lt__"}


def _select() -> sa.Select[Any]:
    ti = task_instance
    joined = (
        xcom.join(dag_run, dag_run.c.id == xcom.c.dag_run_id)
        .outerjoin(dag, dag.c.dag_id == xcom.c.dag_id)
        .outerjoin(ti, sa.and_(ti.c.dag_id == xcom.c.dag_id, ti.c.run_id == xcom.c.run_id,
                               ti.c.task_id == xcom.c.task_id, ti.c.map_index == xcom.c.map_index))
    )
    return sa.select(
        xcom, dag_run.c.logical_date, dag_run.c.run_after,
        sa.func.coalesce(dag.c.dag_display_name, xcom.c.dag_id).label("dag_display_name"),
        sa.func.coalesce(ti.c.task_display_name, xcom.c.task_id).label("task_display_name"),
    ).select_from(joined)


def _body(row: Mapping[str, Any], *, with_value: bool = False, stringify: bool = False) -> dict[str, Any]:
    body = {
        "key": row["key"], "timestamp": row["timestamp"], "logical_date": row["logical_date"],
        "map_index": row["map_index"], "task_id": row["task_id"], "dag_id": row["dag_id"], "run_id": row["run_id"],
        "dag_display_name": row["dag_display_name"], "task_display_name": row["task_display_name"],
        "run_after": row["run_after"],
    }
    if with_value:
        value = row["value"]
        body["value"] = str(value) if stringify and value is not None else value
    return body


async def list_entries(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, params: Mapping[str, Any],
                       *, limit: int, offset: int) -> dict[str, Any]:
    """``get_xcom_entries``; an unknown DAG, run or task is an empty list."""
    ranged = []
    for name, column in (("logical_date", dag_run.c.logical_date), ("run_after", dag_run.c.run_after)):
        for suffix, op in _OPS.items():
            value = params.get(f"{name}_{suffix}")
            if value is not None:
                ranged.append(getattr(column, op)(value))
    display = sa.func.coalesce(dag.c.dag_display_name, xcom.c.dag_id)
    conditions = where_all(
        xcom.c.dag_id == dag_id if dag_id != "~" else None,
        xcom.c.run_id == run_id if run_id != "~" else None,
        xcom.c.task_id == task_id if task_id != "~" else None,
        xcom.c.key == params["xcom_key"] if params.get("xcom_key") is not None else None,
        xcom.c.map_index == params["map_index"] if params.get("map_index") is not None else None,
        xcom.c.map_index == params["map_index_filter"] if params.get("map_index_filter") is not None else None,
        search(xcom.c.key, params.get("xcom_key_pattern")), prefix(xcom.c.key, params.get("xcom_key_prefix_pattern")),
        search(display, params.get("dag_display_name_pattern")),
        prefix(display, params.get("dag_display_name_prefix_pattern")),
        search(xcom.c.run_id, params.get("run_id_pattern")), prefix(xcom.c.run_id, params.get("run_id_prefix_pattern")),
        search(xcom.c.task_id, params.get("task_id_pattern")),
        prefix(xcom.c.task_id, params.get("task_id_prefix_pattern")),
        *ranged,
    )
    order = _SORTING.clauses(params.get("order_by") or _DEFAULT_ORDER)
    query = _select().where(*conditions)
    total = await conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = (await conn.execute(query.order_by(*order).limit(limit).offset(offset))).mappings().all()
    return {"xcom_entries": [_body(r) for r in rows], "total_entries": int(total or 0)}


def _key(dag_id: str, run_id: str, task_id: str, key: str, map_index: int) -> list[sa.ColumnElement[bool]]:
    return [xcom.c.dag_id == dag_id, xcom.c.run_id == run_id, xcom.c.task_id == task_id, xcom.c.key == key,
            xcom.c.map_index == map_index]


async def _one(conn: AsyncConnection, where: list[sa.ColumnElement[bool]]) -> Mapping[str, Any] | None:
    return (await conn.execute(_select().where(*where))).mappings().first()


async def get_entry(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str, map_index: int,
                    *, stringify: bool) -> dict[str, Any]:
    """``get_xcom_entry`` (values are stored as JSON, so ``deserialize`` changes nothing; ``stringify`` gives
    the value as Python prints it)."""
    row = await _one(conn, _key(dag_id, run_id, task_id, key, map_index))
    if row is None:
        raise HTTPError(404, f"XCom entry with key: `{key}` not found")
    return _body(row, with_value=True, stringify=stringify)


def _missing(key: str) -> HTTPError:
    return HTTPError(404, f"The XCom with key: `{key}` with mentioned task instance doesn't exist.")


async def create_entry(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str,
                       body: Mapping[str, Any]) -> dict[str, Any]:
    """``create_xcom_entry``."""
    key, map_index = body["key"], body.get("map_index", -1)
    data = await dag_serialized.latest(conn, dag_id)
    if data is None:
        raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")
    if task_id not in {t["task_id"] for t in data.get("tasks", [])}:
        raise HTTPError(404, f"Task with ID: `{task_id}` not found in dag: `{dag_id}`")
    run = (await conn.execute(sa.select(dag_run.c.id).where(dag_run.c.dag_id == dag_id,
                                                           dag_run.c.run_id == run_id))).first()
    if run is None:
        raise HTTPError(404, f"Dag Run with ID: `{run_id}` not found for dag: `{dag_id}`")
    if await _one(conn, _key(dag_id, run_id, task_id, key, map_index)) is not None:
        raise HTTPError(409, f"The XCom with key: `{key}` with mentioned task instance already exists.")
    ti = task_instance
    found = await conn.scalar(sa.select(sa.func.count()).select_from(ti).where(
        ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index))
    if not found:
        raise HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}` "
                             f"and map_index: `{map_index}` was not found")
    await conn.execute(sa.insert(xcom).values(dag_run_id=run.id, dag_id=dag_id, run_id=run_id, task_id=task_id,
                                              map_index=map_index, key=key, value=body["value"], timestamp=now()))
    return await get_entry(conn, dag_id, run_id, task_id, key, map_index, stringify=False)


async def update_entry(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str,
                       body: Mapping[str, Any]) -> dict[str, Any]:
    """``update_xcom_entry``: a new value (and timestamp)."""
    map_index = body.get("map_index", -1)
    where = _key(dag_id, run_id, task_id, key, map_index)
    result = await conn.execute(sa.update(xcom).where(*where).values(value=body["value"], timestamp=now()))
    if not result.rowcount:
        raise _missing(key)
    return await get_entry(conn, dag_id, run_id, task_id, key, map_index, stringify=False)


async def delete_entry(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str,
                       map_index: int) -> None:
    """``delete_xcom_entry``."""
    result = await conn.execute(sa.delete(xcom).where(*_key(dag_id, run_id, task_id, key, map_index)))
    if not result.rowcount:
        raise _missing(key)
