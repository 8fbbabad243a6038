"""Task instance changes asked through the REST API: patch (state with relatives, note), clear, delete.

The task graph (upstream/downstream ids, mapped-ness) comes from the DAG's latest compiled version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.task_instances import select_tis, ti_body
from airgate.gateway.services.ti_marking import clear_tis, mark_ti, now
from airgate.gateway.services.ti_stop import request_stop
from airgate.gateway.states import TaskInstanceState
from airgate.gateway.store.tables import dag, dag_run, task_instance

ti = task_instance
MARKABLE = ("success", "failed", "skipped")


async def graph(conn: AsyncConnection, dag_id: str) -> dict[str, dict[str, Any]]:
    """task_id → task document of the DAG's latest version (404 when the DAG is unknown)."""
    if (await conn.execute(sa.select(dag.c.dag_id).where(dag.c.dag_id == dag_id))).first() is None:
        raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")
    data = await dag_serialized.latest(conn, dag_id) or {}
    document = data.get("dag", data)
    return {t["task_id"]: t for t in document.get("tasks", [])}


def relatives(tasks: Mapping[str, Mapping[str, Any]], roots: Iterable[str], direction: str) -> set[str]:
    """Every task reachable from ``roots`` following ``upstream``/``downstream`` ids (roots excluded)."""
    key = f"{direction}_task_ids"
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for other in tasks.get(todo.pop(), {}).get(key, []):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen - set(roots)


def check_new_state(value: str | None) -> None:
    """422 as Airflow's body validator words it, unless success/failed/skipped."""
    if value is not None and value not in MARKABLE:
        raise HTTPError(422, [{"type": "value_error", "loc": ["body", "new_state"],
                               "msg": f"Value error, '{value}' is not one of {list(MARKABLE)}",
                               "input": value, "ctx": {"error": {}}}])


async def _bodies(conn: AsyncConnection, ids: Sequence[Any]) -> list[dict[str, Any]]:
    if not ids:
        return []
    query = select_tis().where(ti.c.id.in_(list(ids))).order_by(ti.c.dag_id, ti.c.run_id, ti.c.task_id,
                                                                ti.c.map_index)
    return [ti_body(r) for r in (await conn.execute(query)).mappings()]


async def _runs_in_scope(conn: AsyncConnection, dag_id: str, run_id: str, past: bool, future: bool) -> list[str]:
    if not (past or future):
        return [run_id]
    run = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                      dag_run.c.run_id == run_id))).first()
    if run is None or run.logical_date is None:
        return [run_id]
    clauses = [dag_run.c.dag_id == dag_id, dag_run.c.logical_date.is_not(None)]
    if not past:
        clauses.append(dag_run.c.logical_date >= run.logical_date)
    if not future:
        clauses.append(dag_run.c.logical_date <= run.logical_date)
    return list((await conn.execute(sa.select(dag_run.c.run_id).where(*clauses))).scalars())


async def target_tis(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str,
                     map_index: int | None) -> tuple[dict[str, dict[str, Any]], list[Any]]:
    """The task graph and the TI rows a patch addresses (every map index when ``map_index`` is None)."""
    tasks = await graph(conn, dag_id)
    if task_id not in tasks:
        raise HTTPError(404, f"Task '{task_id}' not found in Dag '{dag_id}'")
    query = sa.select(ti).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id)
    if map_index is not None:
        query = query.where(ti.c.map_index == map_index)
    rows = list((await conn.execute(query.order_by(ti.c.map_index))).all())
    if not rows:
        raise HTTPError(404, [f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: "
                              f"`{task_id}` and map_index: `{map_index}` was not found"])
    return tasks, rows


async def _to_alter(conn: AsyncConnection, tasks: Mapping[str, Any], dag_id: str, run_id: str, task_id: str,
                    map_index: int | None, state: str, options: Mapping[str, bool]) -> list[Any]:
    task_ids = {task_id}
    if options.get("include_upstream"):
        task_ids |= relatives(tasks, [task_id], "upstream")
    if options.get("include_downstream"):
        task_ids |= relatives(tasks, [task_id], "downstream")
    runs = await _runs_in_scope(conn, dag_id, run_id, options.get("include_past", False),
                                options.get("include_future", False))
    query = sa.select(ti).where(ti.c.dag_id == dag_id, ti.c.run_id.in_(runs), ti.c.task_id.in_(sorted(task_ids)),
                                sa.or_(ti.c.state.is_(None), ti.c.state != state))
    rows = list((await conn.execute(query)).all())
    if map_index is not None:
        rows = [r for r in rows if r.task_id != task_id or r.map_index == map_index]
    return rows


async def patch(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int | None,
                fields: Mapping[str, Any], options: Mapping[str, bool], user_id: str | None,
                *, dry_run: bool) -> dict[str, Any]:
    """``patch_task_instance`` (+ ``_by_map_index``, ``_dry_run``): mark a state (with relatives) and/or a note."""
    tasks, rows = await target_tis(conn, dag_id, run_id, task_id, map_index)
    state = fields.get("new_state")
    if dry_run:
        if not state:
            return collection(await _bodies(conn, [r.id for r in rows]))
        altered = await _to_alter(conn, tasks, dag_id, run_id, task_id, map_index, state, options)
        return collection(await _bodies(conn, [r.id for r in altered]))
    if state:
        altered = await _to_alter(conn, tasks, dag_id, run_id, task_id, map_index, state, options)
        if not altered:
            raise HTTPError(409, f"Task id {task_id} is already in {state} state")
        when = now()
        for row in altered:
            await mark_ti(conn, row, TaskInstanceState(state), when)
        await _resume_downstream(conn, tasks, dag_id, run_id, task_id, options)
    if "note" in fields:
        keys = [r.id for r in rows]
        await conn.execute(sa.update(ti).where(ti.c.id.in_(keys)).values(note=fields["note"], note_user_id=user_id))
    query = sa.select(ti.c.id).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id)
    if map_index is not None:
        query = query.where(ti.c.map_index == map_index)
    return collection(await _bodies(conn, list((await conn.execute(query)).scalars())))


async def _resume_downstream(conn: AsyncConnection, tasks: Mapping[str, Any], dag_id: str, run_id: str,
                             task_id: str, options: Mapping[str, bool]) -> None:
    """Clear the failed / upstream-failed TIs downstream of a marked task so the runs resume, as Airflow does
    after marking: in the run, or with ``include_past`` / ``include_future`` in the runs up to / from its logical
    date (every run with both). The marked task is left alone; downstream TIs just marked failed are cleared too."""
    below = relatives(tasks, [task_id], "downstream") - {task_id}
    if not below:
        return
    past, future = options.get("include_past", False), options.get("include_future", False)
    query = sa.select(ti).where(ti.c.dag_id == dag_id, ti.c.task_id.in_(sorted(below)),
                                ti.c.state.in_(["failed", "upstream_failed"]))
    if not (past or future):
        query = query.where(ti.c.run_id == run_id)
    elif not (past and future):
        logical_date = await conn.scalar(sa.select(dag_run.c.logical_date).where(dag_run.c.dag_id == dag_id,
                                                                                 dag_run.c.run_id == run_id))
        if logical_date is not None:
            bound = dag_run.c.logical_date >= logical_date if future else dag_run.c.logical_date <= logical_date
            query = query.where(ti.c.run_id.in_(sa.select(dag_run.c.run_id).where(dag_run.c.dag_id == dag_id,
                                                                                  bound)))
    rows = list((await conn.execute(query)).all())
    if rows:
        await clear_tis(conn, rows)


async def clear(conn: AsyncConnection, dag_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """``post_clear_task_instances``: select (dry run, the default) or clear the matching TIs."""
    tasks = await graph(conn, dag_id)
    if body.get("only_failed") and body.get("only_running"):
        raise HTTPError(400, "only_failed and only_running cannot both be true")
    run_id = body.get("dag_run_id")
    start, end = body.get("start_date"), body.get("end_date")
    past, future = body.get("include_past", False), body.get("include_future", False)
    runs: list[str] | None = None
    if run_id is not None:
        run = (await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id,
                                                          dag_run.c.run_id == run_id))).first()
        if run is None:
            raise HTTPError(404, f"Dag Run id {run_id} not found in dag {dag_id}")
        if (past or future) and run.logical_date is None:
            raise HTTPError(400, "Cannot use include_past or include_future with no logical_date(e.g. manually "
                                 "or asset-triggered).")
        start = end = run.logical_date
        if not (past or future):
            runs = [run_id]
    if past:
        start = None
    if future:
        end = None
    names: set[str] | None = None
    pairs: set[tuple[str, int]] = set()
    if body.get("task_ids") is not None:
        names = {t for t in body["task_ids"] if isinstance(t, str)}
        pairs = {(t[0], t[1]) for t in body["task_ids"] if not isinstance(t, str)}
        roots = names | {t for t, _ in pairs}
        for direction in ("upstream", "downstream"):
            if body.get(f"include_{direction}"):
                names |= relatives(tasks, roots, direction)
        pairs = {(t, m) for t, m in pairs if t not in names}
    query = sa.select(ti).join(dag_run, sa.and_(dag_run.c.dag_id == ti.c.dag_id, dag_run.c.run_id == ti.c.run_id)
                               ).where(ti.c.dag_id == dag_id)
    if runs is not None:
        query = query.where(ti.c.run_id.in_(runs))
    else:
        if start is not None:
            query = query.where(dag_run.c.logical_date >= start)
        if end is not None:
            query = query.where(dag_run.c.logical_date <= end)
    if names is not None:
        chosen = [ti.c.task_id.in_(sorted(names))] + [sa.and_(ti.c.task_id == t, ti.c.map_index == m)
                                                       for t, m in sorted(pairs)]
        query = query.where(sa.or_(*chosen))
    if body.get("only_failed", True):
        query = query.where(ti.c.state.in_(["failed", "upstream_failed"]))
    if body.get("only_running"):
        query = query.where(ti.c.state == "running")
    rows = list((await conn.execute(query)).all())
    if not body.get("dry_run", True):
        if body.get("prevent_running_task") and any(r.state in ("running", "queued", "scheduled") for r in rows):
            raise HTTPError(409, "AirflowClearRunningTaskException: Disable 'prevent_running_task' to proceed, or "
                                 "wait until the task is not running, queued, or scheduled state.")
        retries = {k: int(t.get("retries") or 0) for k, t in tasks.items()}
        await clear_tis(conn, rows, touch_runs=body.get("reset_dag_runs", True), retries=retries,
                        latest_version=body.get("run_on_latest_version", False))
        keys = [sa.and_(ti.c.run_id == r.run_id, ti.c.task_id == r.task_id, ti.c.map_index == r.map_index)
                for r in rows]
        ids = list((await conn.execute(sa.select(ti.c.id).where(ti.c.dag_id == dag_id, sa.or_(*keys))))
                   .scalars()) if keys else []
    else:
        ids = [r.id for r in rows]
    return collection(await _bodies(conn, ids))


def collection(found: list[dict[str, Any]]) -> dict[str, Any]:
    """A ``TaskInstanceCollectionResponse`` of ``found`` (no paging)."""
    return {"task_instances": found, "total_entries": len(found), "next_cursor": None, "previous_cursor": None}


async def delete(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int) -> None:
    """``delete_task_instance`` (its tries, XComs and rendered fields go with it; its process is stopped)."""
    key = (ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index)
    for row in (await conn.execute(sa.select(ti).where(*key))).all():
        await request_stop(conn, row)
    result = await conn.execute(sa.delete(ti).where(*key))
    if not result.rowcount:
        raise HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: "
                             f"`{task_id}` and map_index: `{map_index}` was not found")
