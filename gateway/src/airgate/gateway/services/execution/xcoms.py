"""XComs as tasks read and write them: one value, an item or a slice of a mapped task's values, counts."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store import upsert
from airgate.gateway.store.tables import dag_run, xcom

if TYPE_CHECKING:
    from airgate.gateway.store.engine import Store


def _where(dag_id: str, run_id: str, task_id: str, key: str, *, prior: bool = False) -> list[Any]:
    conditions: list[Any] = [xcom.c.key == key, xcom.c.task_id == task_id, xcom.c.dag_id == dag_id]
    if prior:
        this_date = (
            sa.select(sa.func.coalesce(dag_run.c.logical_date, dag_run.c.run_after))
            .where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id)
            .scalar_subquery()
        )
        conditions.append(sa.func.coalesce(dag_run.c.logical_date, dag_run.c.run_after) <= this_date)
    else:
        conditions.append(xcom.c.run_id == run_id)
    return conditions


def _base(conditions: list[Any]) -> sa.Select[Any]:
    return (
        sa.select(xcom.c.value)
        .select_from(xcom.join(dag_run, xcom.c.dag_run_id == dag_run.c.id))
        .where(*conditions)
    )


def _missing(what: str, task_id: str, run_id: str, dag_id: str) -> HTTPError:
    message = f"XCom with {what} not found for task {task_id!r} in DAG run {run_id!r} of {dag_id!r}"
    return HTTPError(404, {"reason": "not_found", "message": message})


async def get_xcom(
    conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str, params: dict[str, Any]
) -> dict[str, Any]:
    """``{"key", "value"}`` at ``map_index`` (or the ``offset``-th non-null value)."""
    query = _base(_where(dag_id, run_id, task_id, key, prior=params.get("include_prior_dates", False)))
    offset = params.get("offset")
    map_index = params.get("map_index", -1)
    if offset is not None:
        query = query.where(xcom.c.value.is_not(None))
        query = (
            query.order_by(xcom.c.map_index.asc()).offset(offset)
            if offset >= 0
            else query.order_by(xcom.c.map_index.desc()).offset(-1 - offset)
        )
    else:
        query = query.where(xcom.c.map_index == map_index).order_by(
            dag_run.c.logical_date.desc(), xcom.c.timestamp.desc()
        )
    row = (await conn.execute(query.limit(1))).first()
    if row is None:
        what = f"key={key!r} map_index={map_index}" if offset is None else f"key={key!r} offset={offset}"
        raise _missing(what, task_id, run_id, dag_id)
    return {"key": key, "value": row.value}


async def count_xcoms(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str) -> int:
    """How many (mapped) values the task pushed under ``key`` in this run."""
    query = sa.select(sa.func.count()).select_from(xcom).where(*_where(dag_id, run_id, task_id, key))
    return int(await conn.scalar(query) or 0)


async def get_item(
    conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str, offset: int
) -> Any:
    """The ``offset``-th value by map index (negative: from the end)."""
    query = _base(_where(dag_id, run_id, task_id, key))
    query = (
        query.order_by(xcom.c.map_index.asc()).offset(offset)
        if offset >= 0
        else query.order_by(xcom.c.map_index.desc()).offset(-1 - offset)
    )
    row = (await conn.execute(query.limit(1))).first()
    if row is None:
        raise _missing(f"key={key!r} offset={offset}", task_id, run_id, dag_id)
    return row.value


async def get_slice(
    conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str, params: dict[str, Any]
) -> list[Any]:
    """Values ordered by map index, sliced with Python's ``[start:stop:step]`` semantics."""
    query = _base(_where(dag_id, run_id, task_id, key, prior=params.get("include_prior_dates", False)))
    values = [row.value for row in await conn.execute(query.order_by(xcom.c.map_index.asc()))]
    step = params.get("step") or 1
    return values[slice(params.get("start"), params.get("stop"), step)]


_SET_COLUMNS = ("task_id", "map_index", "key", "dag_id", "run_id", "value", "timestamp")


@functools.cache
def _xcom_upsert(dialect_name: str) -> Any:
    """``INSERT ... SELECT`` the run's key ``ON CONFLICT`` replace (built once per dialect; the bound
    parameters are named as the columns of ``_SET_COLUMNS``)."""
    source = sa.select(dag_run.c.id, *(sa.bindparam(c, type_=xcom.c[c].type) for c in _SET_COLUMNS)).where(
        dag_run.c.dag_id == sa.bindparam("dag_id"), dag_run.c.run_id == sa.bindparam("run_id")
    )
    insert = upsert.insert(dialect_name, xcom).from_select(["dag_run_id", *_SET_COLUMNS], source)
    return insert.on_conflict_do_update(
        index_elements=[xcom.c.dag_run_id, xcom.c.task_id, xcom.c.map_index, xcom.c.key],
        set_={"value": insert.excluded.value, "timestamp": insert.excluded.timestamp},
    ).returning(xcom.c.dag_run_id)


async def set_xcom(
    store: Store,
    dag_id: str,
    run_id: str,
    task_id: str,
    key: str,
    value: Any,
    map_index: int,
    mapped_length: int | None,
    max_map_length: int = 1024,
) -> dict[str, str]:
    """Store a value (replacing the one at the same key and map index): one statement (``store.one()``)."""
    if mapped_length is not None and mapped_length > max_map_length:
        raise HTTPError(
            400,
            {
                "reason": "unmappable_return_value_length",
                "message": "pushed value is too large to map as a downstream's dependency",
            },
        )
    given = {"task_id": task_id, "map_index": map_index, "key": key, "dag_id": dag_id, "run_id": run_id,
             "value": value, "timestamp": datetime.now(UTC)}
    if await store.one(_xcom_upsert(store.dialect_name), given) is None:
        raise HTTPError(404, f"DAG run not found on DAG {dag_id!r} with ID {run_id!r}")
    return {"message": "XCom successfully set"}


async def delete_xcom(
    conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, key: str, map_index: int
) -> dict[str, str]:
    """Delete one value (no error when absent)."""
    await conn.execute(
        sa.delete(xcom).where(
            xcom.c.key == key,
            xcom.c.run_id == run_id,
            xcom.c.task_id == task_id,
            xcom.c.dag_id == dag_id,
            xcom.c.map_index == map_index,
        )
    )
    return {"message": f"XCom with key: {key} successfully deleted."}
