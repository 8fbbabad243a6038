"""Task instances as the public REST API shows them (``TaskInstanceResponse``), their lists and their tries."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.dag_run_queries import cursor_page, duration_in, duration_of, require_dag
from airgate.gateway.services.dag_versions import version_body
from airgate.gateway.services.listing import Sorting, any_of, mentions, prefix, search, where_all
from airgate.gateway.states import TaskInstanceState
from airgate.gateway.store.tables import (
    dag,
    dag_run,
    dag_version,
    job,
    rendered_task_instance_fields,
    task_instance,
    task_instance_history,
    trigger,
)

ti = task_instance
_RANGES = {"run_after": dag_run.c.run_after, "logical_date": dag_run.c.logical_date,
           "start_date": ti.c.start_date, "end_date": ti.c.end_date, "updated_at": ti.c.updated_at}
_OPS = {"gte": "__ge__", "gt": "__gt__", "lte": "__le__", "lt": "__lt__"}


def check_states(states: Sequence[str] | None) -> list[str | None]:
    """TI ``state`` filter values (``none``/``no_status`` is no state), or Airflow's 422."""
    valid = [s.value for s in TaskInstanceState]
    for value in states or ():
        if value not in ("none", "no_status") and value not in valid:
            raise HTTPError(422, f"Invalid value for state. Valid values are {', '.join(valid)}")
    return [None if s in ("none", "no_status") else s for s in states or ()]


def rendered_map_index_of(table: sa.Table) -> sa.ColumnElement[Any]:
    """The rendered map index as Airflow reads it: the stored one, else a mapped instance's index as text."""
    return sa.case(
        (table.c.rendered_map_index.is_not(None), table.c.rendered_map_index),
        (table.c.map_index >= 0, sa.cast(table.c.map_index, sa.String)),
        else_=None,
    )


def rendered_map_index(row: Mapping[str, Any]) -> str | None:
    """:func:`rendered_map_index_of` for a fetched row."""
    stored = row["rendered_map_index"]
    if stored is not None:
        return str(stored)
    return str(row["map_index"]) if row["map_index"] >= 0 else None


def _sorting(conn: AsyncConnection) -> Sorting:
    return _sorting_for(conn.dialect.name)


@functools.cache
def _sorting_for(dialect: str) -> Sorting:
    """The orderings of a TI list on ``dialect`` (built once: the expressions are immutable)."""
    names = ("id", "state", "duration", "start_date", "end_date", "map_index", "try_number", "logical_date",
             "run_after", "data_interval_start", "data_interval_end", "rendered_map_index", "operator",
             "dag_id", "run_id", "task_display_name")
    columns: dict[str, sa.ColumnElement[Any]] = {}
    for name in names:
        if name in ("logical_date", "run_after", "data_interval_start", "data_interval_end"):
            columns[name] = dag_run.c[name]
        elif name == "task_display_name":
            columns[name] = sa.func.coalesce(ti.c.task_display_name, ti.c.task_id)
        elif name == "rendered_map_index":
            columns[name] = rendered_map_index_of(ti)
        else:
            columns[name] = ti.c[name]
    columns["duration"] = duration_in(dialect, ti)
    columns["dag_run_id"] = ti.c.run_id
    return Sorting(columns, "id")


@functools.cache
def _searched() -> dict[str, sa.ColumnElement[Any]]:
    """The columns of the ``*_pattern`` / ``*_prefix_pattern`` filters (built once)."""
    return {"task_display_name": sa.func.coalesce(ti.c.task_display_name, ti.c.task_id),
            "dag_id": ti.c.dag_id, "run_id": ti.c.run_id, "pool_name": ti.c.pool, "queue_name": ti.c.queue,
            "operator_name": sa.func.coalesce(ti.c.custom_operator_name, ti.c.operator),
            "rendered_map_index": rendered_map_index_of(ti)}


def filters(conn: AsyncConnection, params: Mapping[str, Any]) -> list[sa.ColumnElement[bool]]:
    """Every ``get_task_instances`` query filter as SQL (path parameters excluded)."""
    ranged: list[sa.ColumnElement[bool] | None] = []
    for name in (*_RANGES, "duration"):
        for suffix, op in _OPS.items():
            value = params.get(f"{name}_{suffix}")
            if value is not None:
                column = _RANGES[name] if name in _RANGES else duration_of(conn, ti)
                ranged.append(getattr(column, op)(value))
    searched = _searched()
    versions = params.get("version_number")
    group = params.get("task_group_id")
    return where_all(
        *ranged,
        ti.c.task_id == params["task_id"] if params.get("task_id") is not None else None,
        any_of(ti.c.state, check_states(params.get("state"))),
        any_of(ti.c.pool, params.get("pool")),
        any_of(ti.c.queue, params.get("queue")),
        any_of(ti.c.executor, params.get("executor")),
        any_of(ti.c.try_number, params.get("try_number")),
        any_of(ti.c.operator, params.get("operator")),
        any_of(ti.c.map_index, params.get("map_index")),
        ti.c.dag_version_id.in_(sa.select(dag_version.c.id).where(dag_version.c.version_number.in_(versions)))
        if versions else None,
        sa.or_(ti.c.task_id == group, ti.c.task_id.startswith(f"{group}.", autoescape=True)) if group else None,
        *(search(c, params.get(f"{n}_pattern")) for n, c in searched.items()),
        *(prefix(c, params.get(f"{n}_prefix_pattern")) for n, c in searched.items()),
    )


@functools.cache
def select_tis(table: sa.Table = ti) -> sa.Select[Any]:
    """Task instance (or try) rows with what the response needs from the run, DAG, rendered fields and trigger
    (built once per table: a select is immutable, callers derive theirs with ``where()`` & co.)."""
    rtif = rendered_task_instance_fields
    triggerer = job.alias("triggerer")
    joined = (
        table.join(dag_run, sa.and_(dag_run.c.dag_id == table.c.dag_id, dag_run.c.run_id == table.c.run_id))
        .outerjoin(dag, dag.c.dag_id == table.c.dag_id)
        .outerjoin(rtif, sa.and_(rtif.c.dag_id == table.c.dag_id, rtif.c.task_id == table.c.task_id,
                                 rtif.c.run_id == table.c.run_id, rtif.c.map_index == table.c.map_index))
        .outerjoin(trigger, trigger.c.id == table.c.trigger_id)
        .outerjoin(triggerer, triggerer.c.id == trigger.c.triggerer_id)
        .outerjoin(dag_version, dag_version.c.id == table.c.dag_version_id)
    )
    return sa.select(
        table,
        dag_run.c.logical_date, dag_run.c.run_after,
        sa.func.coalesce(dag.c.dag_display_name, table.c.dag_id).label("dag_display_name"),
        rtif.c.rendered_fields,
        trigger.c.id.label("trg_id"), trigger.c.classpath.label("trg_classpath"),
        trigger.c.kwargs.label("trg_kwargs"), trigger.c.created_date.label("trg_created"),
        trigger.c.triggerer_id.label("trg_triggerer"), trigger.c.queue.label("trg_queue"),
        *(triggerer.c[c].label(f"tj_{c}") for c in ("id", "dag_id", "state", "job_type", "start_date",
                                                     "end_date", "latest_heartbeat", "executor_class",
                                                     "hostname", "unixname")),
        *(dag_version.c[c].label(f"dv_{c}") for c in ("id", "version_number", "dag_id", "bundle_name",
                                                       "bundle_version", "created_at")),
    ).select_from(joined)


def _trigger(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if row["trg_id"] is None:
        return None
    return {"id": row["trg_id"], "classpath": row["trg_classpath"], "kwargs": row["trg_kwargs"],
            "created_date": row["trg_created"], "queue": row["trg_queue"], "triggerer_id": row["trg_triggerer"]}


def _triggerer(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if row["tj_id"] is None:
        return None
    body = {c: row[f"tj_{c}"] for c in ("id", "dag_id", "state", "job_type", "start_date", "end_date",
                                        "latest_heartbeat", "executor_class", "hostname", "unixname")}
    body["dag_display_name"] = None
    return body


def ti_body(row: Mapping[str, Any], *, history: bool = False) -> dict[str, Any]:
    """One ``TaskInstanceResponse`` (``history``: a ``TaskInstanceHistoryResponse``)."""
    duration = row["duration"]
    if duration is None and row["start_date"] is not None and row["end_date"] is not None:
        duration = (row["end_date"] - row["start_date"]).total_seconds()
    version = None
    if row["dv_id"] is not None:
        version = version_body({k: row[f"dv_{k}"] for k in ("id", "version_number", "dag_id", "bundle_name",
                                                           "bundle_version", "created_at")},
                               row["dag_display_name"])
    config = row["executor_config"]
    body: dict[str, Any] = {} if history else {"id": row["id"]}
    body.update({
        "task_id": row["task_id"], "dag_id": row["dag_id"], "dag_run_id": row["run_id"],
        "map_index": row["map_index"],
    })
    if not history:
        body.update(logical_date=row["logical_date"], run_after=row["run_after"])
    body.update({
        "start_date": row["start_date"], "end_date": row["end_date"], "duration": duration,
        "state": row["state"], "try_number": row["try_number"], "max_tries": row["max_tries"],
        "task_display_name": row["task_display_name"] or row["task_id"],
        "dag_display_name": row["dag_display_name"],
        "hostname": row["hostname"], "unixname": row["unixname"], "pool": row["pool"],
        "pool_slots": row["pool_slots"], "queue": row["queue"], "priority_weight": row["priority_weight"],
        "operator": row["operator"], "operator_name": row["custom_operator_name"] or row["operator"],
        "queued_when": row["queued_dttm"], "scheduled_when": row["scheduled_dttm"], "pid": row["pid"],
        "executor": row["executor"], "executor_config": _python_str(config if config is not None else {}),
    })
    if history:
        body["dag_version"] = version
        return body
    body.update({
        "note": row["note"], "rendered_map_index": rendered_map_index(row),
        "rendered_fields": row["rendered_fields"] if row["rendered_fields"] is not None else {},
        "trigger": _trigger(row), "triggerer_job": _triggerer(row), "dag_version": version,
    })
    return body


def _python_str(value: Any) -> str:
    """``str()`` of a JSON value as Python prints it (Airflow shows ``executor_config`` that way)."""
    return str(value)


async def require_run(conn: AsyncConnection, dag_id: str, run_id: str) -> Any:
    """The ``dag_run`` row (404 as Airflow words it)."""
    row = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                      dag_run.c.run_id == run_id))).first()
    if row is None:
        raise HTTPError(404, f"DagRun with dag_id: `{dag_id}` and run_id: `{run_id}` was not found")
    return row


def _tis_with_run(clauses: Sequence[sa.ColumnElement[Any]]) -> sa.FromClause:
    """``task_instance`` joined to its run only when ``clauses`` need a run column: every task instance has its
    run (foreign key, cascading delete), so the join changes no count and no order, and without it a count or
    a sort reads one narrow index instead of joining 100,000 rows."""
    if not mentions(dag_run, clauses):
        return ti
    return ti.join(dag_run, sa.and_(dag_run.c.dag_id == ti.c.dag_id, dag_run.c.run_id == ti.c.run_id))


async def list_tis(conn: AsyncConnection, dag_id: str, run_id: str, params: Mapping[str, Any], *,
                   limit: int, offset: int, extra: Sequence[sa.ColumnElement[bool]] = (),
                   check: bool = True) -> dict[str, Any]:
    """``get_task_instances`` (``~`` for every DAG and/or run; a run needs its DAG: 400 under ``~``). The run,
    then the DAG, must exist (404), in Airflow's order, unless ``check`` is false (the caller checked)."""
    if check and run_id != "~":
        if dag_id == "~":
            raise HTTPError(400, "dag_id is required when dag_run_id is specified")
        await require_run(conn, dag_id, run_id)
    if check and dag_id != "~":
        await require_dag(conn, dag_id)
    conditions = filters(conn, params) + list(extra)
    if dag_id != "~":
        conditions.append(ti.c.dag_id == dag_id)
    if run_id != "~":
        conditions.append(ti.c.run_id == run_id)
    order = _sorting(conn).clauses(params.get("order_by") or ["map_index"])
    cursor = params.get("cursor")
    if cursor is not None:
        rows, next_cursor, previous = await cursor_page(conn, select_tis().where(*conditions), order, cursor, limit)
        return {"task_instances": [ti_body(r._mapping) for r in rows], "total_entries": None,
                "next_cursor": next_cursor, "previous_cursor": previous}
    total = await conn.scalar(sa.select(sa.func.count()).select_from(_tis_with_run(conditions)).where(*conditions))
    # the page's ids first (a narrow sort), then the wide rows of just those: sorting every joined row with its
    # rendered fields and configs made a list over 100,000 task instances take seconds
    page_ids = (sa.select(ti.c.id).select_from(_tis_with_run([*conditions, *order])).where(*conditions)
                .order_by(*order).limit(limit))
    ids = list((await conn.execute(page_ids.offset(offset))).scalars())
    rows = (await conn.execute(select_tis().where(ti.c.id.in_(ids)))).mappings().all() if ids else []
    position = {ti_id: n for n, ti_id in enumerate(ids)}
    ordered = sorted(rows, key=lambda r: position[r["id"]])
    return {"task_instances": [ti_body(r) for r in ordered], "total_entries": int(total or 0),
            "next_cursor": None, "previous_cursor": None}


def _ti_not_found(dag_id: str, run_id: str, task_id: str, map_index: int | None) -> HTTPError:
    if map_index is None:
        return HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}` and task_id: "
                              f"`{task_id}` was not found")
    return HTTPError(404, f"The Mapped Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: "
                          f"`{task_id}`, and map_index: `{map_index}` was not found")


async def get_ti(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str,
                 map_index: int | None) -> dict[str, Any]:
    """``get_task_instance`` (``map_index`` None) and ``get_mapped_task_instance``."""
    key = [ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id]
    rows = (await conn.execute(select_tis().where(*key, ti.c.map_index == (map_index if map_index is not None
                                                                            else -1)))).mappings().all()
    if not rows:
        if map_index is None:
            mapped = await conn.scalar(sa.select(sa.func.count()).select_from(ti).where(*key))
            if mapped:
                raise HTTPError(404, "Task instance is mapped, add the map_index value to the URL")
        raise _ti_not_found(dag_id, run_id, task_id, map_index)
    return ti_body(rows[0])


async def tries(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                try_number: int | None = None) -> list[dict[str, Any]]:
    """Every try of a task instance (archived tries, then the current one), oldest first."""
    h = task_instance_history
    key = [h.c.dag_id == dag_id, h.c.run_id == run_id, h.c.task_id == task_id, h.c.map_index == map_index]
    query = select_tis(h).where(*key).order_by(h.c.try_number)
    found = [ti_body(r, history=True) for r in (await conn.execute(query)).mappings()]
    tkey = [ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index]
    current = (await conn.execute(select_tis().where(*tkey))).mappings().first()
    if current is not None and current["try_number"] not in {t["try_number"] for t in found}:
        body = ti_body(current)
        history = {k: body[k] for k in ("task_id", "dag_id", "dag_run_id", "map_index", "start_date",
                                        "end_date", "duration", "state", "try_number", "max_tries",
                                        "task_display_name", "dag_display_name", "hostname", "unixname",
                                        "pool", "pool_slots", "queue", "priority_weight", "operator",
                                        "operator_name", "queued_when", "scheduled_when", "pid", "executor",
                                        "executor_config", "dag_version")}
        found.append(history)
    if try_number is not None:
        found = [t for t in found if t["try_number"] == try_number]
    return found


async def list_mapped(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, params: Mapping[str, Any],
                      *, limit: int, offset: int) -> dict[str, Any]:
    """``get_mapped_task_instances``: the map indexes (>= 0) of one task in one run."""
    await require_dag(conn, dag_id)
    key = [ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index >= 0]
    if not await conn.scalar(sa.select(sa.func.count()).select_from(ti).where(*key)):
        data = await dag_serialized.latest(conn, dag_id) or {}
        tasks = {t["task_id"]: t for t in data.get("dag", data).get("tasks", [])}
        if task_id not in tasks:
            raise HTTPError(404, f"Task id {task_id} not found")
        if not tasks[task_id].get("is_mapped"):
            raise HTTPError(404, f"Task id {task_id} is not mapped")
    return await list_tis(conn, dag_id, run_id, params, limit=limit, offset=offset,
                          extra=[ti.c.task_id == task_id, ti.c.map_index >= 0], check=False)


async def list_batch(conn: AsyncConnection, body: Mapping[str, Any]) -> dict[str, Any]:
    """``get_task_instances_batch``: filters, ``order_by`` and paging in the body."""
    params = {k: v for k, v in body.items() if k not in ("dag_ids", "dag_run_ids", "task_ids", "order_by",
                                                          "page_offset", "page_limit", "state")}
    if body.get("state"):
        params["state"] = ["none" if s is None else str(s) for s in body["state"]]
    conditions = filters(conn, params)
    for name, column in (("dag_ids", ti.c.dag_id), ("dag_run_ids", ti.c.run_id), ("task_ids", ti.c.task_id)):
        if body.get(name):
            conditions.append(column.in_(list(body[name])))
    sorting = Sorting({k: v for k, v in _sorting(conn).allowed.items()
                       if k in ("id", "state", "duration", "start_date", "end_date", "map_index")}, "id")
    order = sorting.clauses([body["order_by"]] if body.get("order_by") else None)
    counted = sa.select(sa.func.count()).select_from(_tis_with_run(conditions)).where(*conditions)
    total = await conn.scalar(counted)
    query = select_tis().where(*conditions).order_by(*order)
    rows = (await conn.execute(query.limit(body.get("page_limit", 100)).offset(body.get("page_offset", 0))))
    return {"task_instances": [ti_body(r) for r in rows.mappings()], "total_entries": int(total or 0),
            "next_cursor": None, "previous_cursor": None}
