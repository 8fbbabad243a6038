"""A dag run's task instances, created with the run as Airflow does (``DagRun.verify_integrity``): no state,
try number 0, no host yet, one per task; a mapped task over literal lists gets one per element, and so does
each unmapped task of a mapped task group over literals; any other mapped task or group member (over an
upstream XCom, or an empty literal) one placeholder with ``map_index`` -1 until the scheduler expands it.

A task whose ``start_date`` is after the run's logical date, or whose ``end_date`` is before it, gets none
(Airflow's ``task_filter``; not for backfills, nor for runs without a logical date).

Every place that inserts a ``dag_run`` row calls :func:`create_run_task_instances` in the same transaction;
the scheduler calls :func:`create_task_instances` again when it starts a run (idempotent: only the missing
ones are inserted)."""

from __future__ import annotations

import getpass
import weakref
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.dag_docs import DagDoc, DocCache, member_groups
from airgate.gateway.services.execution.task_instances import uuid7
from airgate.gateway.store.tables import task_instance

_DOCS: weakref.WeakKeyDictionary[Engine, DocCache] = weakref.WeakKeyDictionary()
"""Per database (engine): the documents of the versions runs were created on lately (immutable, so shared by
every request; not across databases, where the same version id may name another DAG, as in tests)."""


def _docs(conn: AsyncConnection) -> DocCache:
    engine = conn.sync_engine
    found = _DOCS.get(engine)
    if found is None:
        found = _DOCS[engine] = DocCache(limit=64)
    return found


@cache
def _unixname() -> str | None:
    """The user creating task instances (Airflow records it on every new task instance)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return None


def _ti_row(dag_id: str, run_id: str, task: dict[str, Any], doc: DagDoc, map_index: int) -> dict[str, Any]:
    return {
        "id": uuid7(), "dag_id": dag_id, "run_id": run_id, "task_id": task["task_id"], "map_index": map_index,
        "state": None, "try_number": 0, "max_tries": int(task.get("retries") or 0),
        "hostname": "", "unixname": _unixname(),
        "pool": task.get("pool") or "default_pool", "pool_slots": int(task.get("pool_slots") or 1),
        "queue": task.get("queue") or "default", "priority_weight": doc.weights[task["task_id"]],
        "operator": task.get("task_type"), "custom_operator_name": task.get("custom_operator_name"),
        "executor": task.get("executor"), "executor_config": task.get("executor_config") or {},
        "task_display_name": task.get("task_display_name") or task["task_id"], "dag_version_id": doc.version_id,
        "span_status": "not_started",
    }


def _literal_size(value: Any) -> int | None:
    """The length of a literal list or dict in dag.json (None for an XCom reference or an encoded object)."""
    if isinstance(value, list) or (isinstance(value, dict) and "__type" not in value):
        return len(value)
    return None


def _literal_length(task: dict[str, Any]) -> int | None:
    """How many instances a mapped task over literals has (None when it needs an upstream XCom):
    ``expand(x=[...], y={...})`` the product of the lengths, ``expand_kwargs([...])`` the list's length."""
    mapping = task.get("mapping") or {}
    expand = mapping.get("expand_input")
    if mapping.get("expand_type") == "list":
        return len(expand) if isinstance(expand, list) else None
    if not isinstance(expand, dict) or not expand:
        return None
    length = 1
    for value in expand.values():
        size = _literal_size(value)
        if size is None:
            return None
        length *= size
    return length


def _date(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _in_dates(task: dict[str, Any], logical_date: datetime | None) -> bool:
    """Whether the task runs on ``logical_date`` (within its own start and end dates; always when None)."""
    if logical_date is None:
        return True
    start, end = _date(task.get("start_date")), _date(task.get("end_date"))
    return (start is None or start <= logical_date) and (end is None or logical_date <= end)


def _group_literal_lengths(doc: DagDoc) -> dict[str, int | None]:
    """task_id -> how many instances an unmapped task inside a mapped task group over literals has (the group's
    expansion length); None for a member of nested mapped groups or of a group over XComs."""
    members = member_groups(doc)
    if not members:
        return {}
    groups = {g["group_id"]: g for g in doc.doc.get("task_groups") or []}
    lengths: dict[str, int | None] = {}
    for task_id, group in members.items():
        parent = groups.get(group.get("parent_group_id") or "")
        while parent is not None and not parent.get("is_mapped"):
            parent = groups.get(parent.get("parent_group_id") or "")
        lengths[task_id] = None if parent is not None else _literal_length(group)  # nested: at run time
    return lengths


def _rows(
    dag_id: str, run_id: str, doc: DagDoc, skip: set[str], logical_date: datetime | None
) -> list[dict[str, Any]]:
    in_groups = _group_literal_lengths(doc)
    rows: list[dict[str, Any]] = []
    for task in doc.tasks.values():
        if task["task_id"] in skip or not _in_dates(task, logical_date):
            continue
        count = _literal_length(task) if task.get("is_mapped") else in_groups.get(task["task_id"])
        rows.extend(_ti_row(dag_id, run_id, task, doc, i) for i in (range(count) if count else (-1,)))
    return rows


async def create_task_instances(
    conn: AsyncConnection, dag_id: str, run_id: str, doc: DagDoc, logical_date: datetime | None
) -> None:
    """Insert the run's missing task instances. A mapped task whose length is not known yet, or is zero (Airflow
    skips it when it is due), gets the placeholder. A cleared run keeps the task instances it has.
    ``logical_date``: the run's, to leave out tasks outside their dates (None: a backfill or a run without one)."""
    existing = set((await conn.scalars(sa.select(task_instance.c.task_id).where(
        task_instance.c.dag_id == dag_id, task_instance.c.run_id == run_id))).all())
    rows = _rows(dag_id, run_id, doc, existing, logical_date)
    if rows:
        await conn.execute(sa.insert(task_instance), rows)


async def create_run_task_instances(
    conn: AsyncConnection, dag_id: str, run_id: str, version_id: Any, logical_date: datetime | None
) -> None:
    """The task instances of a run just inserted (it has none yet) on DAG version ``version_id`` (none when
    the version has no serialized DAG); ``logical_date`` as for :func:`create_task_instances`."""
    doc = await _docs(conn).get(conn, version_id)
    rows = _rows(dag_id, run_id, doc, set(), logical_date) if doc is not None else []
    if rows:
        await conn.execute(sa.insert(task_instance), rows)
