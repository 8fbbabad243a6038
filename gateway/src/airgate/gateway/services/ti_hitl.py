"""Human-in-the-loop details as the public REST API shows and answers them (Task Instance tag).

Airgate keeps the detail of the current try only; a past try's detail reads as absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.services.task_instances import check_states, rendered_map_index_of, select_tis, ti_body
from airgate.gateway.store.tables import dag_run, hitl_detail, task_instance

ti = task_instance
h = hitl_detail
_OPS = {"gte": "__ge__", "gt": "__gt__", "lte": "__le__", "lt": "__lt__"}
_SORTING = Sorting({
    "ti_id": h.c.ti_id, "subject": h.c.subject, "responded_at": h.c.responded_at, "created_at": h.c.created_at,
    "dag_id": ti.c.dag_id, "run_id": ti.c.run_id, "task_display_name": ti.c.task_display_name,
    "run_after": dag_run.c.run_after, "rendered_map_index": rendered_map_index_of(ti),
    "task_instance_operator": ti.c.operator, "task_instance_state": ti.c.state,
}, "ti_id")


def _params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {}
    for key, value in (params or {}).items():
        is_param = isinstance(value, dict) and all(k in value for k in ("description", "schema", "value"))
        out[key] = value if is_param else {"value": value, "description": None, "schema": {}}
    return out


def detail_body(row: Mapping[str, Any], task: dict[str, Any]) -> dict[str, Any]:
    """One ``HITLDetail`` (``task``: its ``task_instance``)."""
    by = row["responded_by"]
    return {
        "options": row["options"], "subject": row["subject"], "body": row["body"], "defaults": row["defaults"],
        "multiple": bool(row["multiple"]), "params": _params(row["params"]),
        "assigned_users": [{"id": u["id"], "name": u["name"]} for u in row["assignees"] or []],
        "created_at": row["created_at"],
        "responded_by_user": {"id": by["id"], "name": by["name"]} if by else None,
        "responded_at": row["responded_at"], "chosen_options": row["chosen_options"],
        "params_input": row["params_input"] or {}, "response_received": row["responded_at"] is not None,
        "task_instance": task,
    }


def _detail_columns() -> list[Any]:
    return [h.c[c].label(f"h_{c}") for c in h.c.keys()]  # noqa: SIM118


def _unprefixed(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k[2:]: v for k, v in row.items() if k.startswith("h_")}


async def _find(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                try_number: int | None = None) -> Mapping[str, Any]:
    where = [ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index]
    query = select_tis().add_columns(*_detail_columns()).outerjoin(h, h.c.ti_id == ti.c.id).where(*where)
    row = (await conn.execute(query)).mappings().first()
    if row is None or (try_number is not None and row["try_number"] != try_number):
        raise HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}` "
                             f"and map_index: `{map_index}` was not found")
    if row["h_ti_id"] is None:
        raise HTTPError(404, f"Human-in-the-loop detail does not exist for Task Instance with id {row['id']}")
    return dict(row)


async def get_detail(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                     try_number: int | None = None) -> dict[str, Any]:
    """``get_hitl_detail`` / ``get_hitl_detail_try_detail`` (a try's task instance is shown as a try)."""
    row = await _find(conn, dag_id, run_id, task_id, map_index, try_number)
    task = ti_body(row)
    if try_number is not None:
        task = {k: v for k, v in task.items() if k not in ("id", "logical_date", "run_after", "note",
                                                           "rendered_map_index", "rendered_fields", "trigger",
                                                           "triggerer_job")}
    return detail_body(_unprefixed(row), task)


async def respond(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int,
                  body: Mapping[str, Any], user: tuple[str, str]) -> dict[str, Any]:
    """``update_hitl_detail``: record the user's answer once (409 afterwards, 403 if not an assignee)."""
    row = await _find(conn, dag_id, run_id, task_id, map_index)
    if row["h_responded_at"] is not None:
        raise HTTPError(409, f"Human-in-the-loop detail has already been updated for Task Instance with id "
                             f"{row['id']} and is not allowed to write again.")
    user_id, name = user
    assigned = {u["id"] for u in row["h_assignees"] or []}
    if assigned and user_id not in assigned:
        raise HTTPError(403, f"User={name} (id={user_id}) is not a respondent for the task.")
    when = datetime.now(UTC)
    params_input = body.get("params_input") or {}
    await conn.execute(sa.update(h).where(h.c.ti_id == row["id"]).values(
        responded_by={"id": user_id, "name": name}, responded_at=when, chosen_options=list(body["chosen_options"]),
        params_input=params_input))
    return {"responded_by": {"id": user_id, "name": name}, "responded_at": when,
            "chosen_options": list(body["chosen_options"]), "params_input": params_input}


async def list_details(conn: AsyncConnection, dag_id: str, run_id: str, params: Mapping[str, Any], *, limit: int,
                       offset: int) -> dict[str, Any]:
    """``get_hitl_details`` (``~`` for every DAG and/or run)."""
    ranged = []
    for suffix, op in _OPS.items():
        value = params.get(f"created_at_{suffix}")
        if value is not None:
            ranged.append(getattr(h.c.created_at, op)(value))
    received = params.get("response_received")
    states = check_states(params.get("state"))
    conditions = where_all(
        ti.c.dag_id == dag_id if dag_id != "~" else None,
        ti.c.run_id == run_id if run_id != "~" else None,
        search(ti.c.dag_id, params.get("dag_id_pattern")), prefix(ti.c.dag_id, params.get("dag_id_prefix_pattern")),
        ti.c.task_id == params["task_id"] if params.get("task_id") is not None else None,
        search(ti.c.task_id, params.get("task_id_pattern")),
        prefix(ti.c.task_id, params.get("task_id_prefix_pattern")),
        ti.c.map_index == params["map_index"] if params.get("map_index") is not None else None,
        sa.or_(*([ti.c.state.in_([s for s in states if s])] + ([ti.c.state.is_(None)] if None in states else [])))
        if states else None,
        (h.c.responded_at.is_not(None) if received else h.c.responded_at.is_(None)) if received is not None else None,
        search(h.c.subject, params.get("subject_search")), search(h.c.body, params.get("body_search")),
        *ranged,
    )
    order = _SORTING.clauses(params.get("order_by"))
    query = select_tis().add_columns(*_detail_columns()).join(h, h.c.ti_id == ti.c.id).where(*conditions)
    total = await conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    result = await conn.execute(query.order_by(*order).limit(limit).offset(offset))
    filtered = [r for r in (dict(row) for row in result.mappings()) if _user_matches(r, params)]
    return {"hitl_details": [detail_body(_unprefixed(r), ti_body(r)) for r in filtered], "total_entries": int(total or 0)}


def _user_matches(row: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    by = row["h_responded_by"] or {}
    ids, names = params.get("responded_by_user_id"), params.get("responded_by_user_name")
    return (not ids or by.get("id") in ids) and (not names or by.get("name") in names)
