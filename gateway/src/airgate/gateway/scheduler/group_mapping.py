"""Mapped task groups (``@task_group`` ... ``.expand(...)``) at run time.

Every task of a mapped group starts as one placeholder task instance (``map_index`` -1). Once the tasks the
group's expansion reads (its XCom sources; none for literal lists) have all succeeded, the expansion length N
is known and each member's placeholder becomes N task instances with no state (map indexes 0..N-1); an empty
expansion skips the members, a value that cannot be mapped fails them. Inside the group, instance ``i`` of a
member waits for instance ``i`` of its upstream members only; a task downstream of the group waits for all
instances (and pulls their XComs as one list), as in Airflow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.scheduler.docs import DagDoc
from airgate.gateway.scheduler.mapping import Unmappable, expansion_length
from airgate.gateway.services.execution.task_instances import uuid7
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import transition
from airgate.gateway.store.tables import task_instance as ti_t


def member_groups(doc: DagDoc) -> dict[str, dict[str, Any]]:
    """task_id -> the innermost mapped task group it belongs to (only members of mapped groups)."""
    groups = {g["group_id"]: g for g in doc.doc.get("task_groups") or []}
    if not any(g.get("is_mapped") for g in groups.values()):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for task_id, task in doc.tasks.items():
        group_id = task.get("task_group_id")
        while group_id is not None and group_id in groups:
            if groups[group_id].get("is_mapped"):
                found[task_id] = groups[group_id]
                break
            group_id = groups[group_id].get("parent_group_id")
    return found


def _sources(value: Any) -> set[str]:
    """Task ids of the XCom references in a group's expansion input."""
    if isinstance(value, dict):
        if value.get("__type") == "xcomarg":
            return {str(value["task_id"])}
        return set().union(*(_sources(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_sources(v) for v in value)) if value else set()
    return set()


def upstream_states(states: dict[str, list[str | None]], by_index: dict[tuple[str, int], str | None],
                    members: dict[str, dict[str, Any]], task_id: str, map_index: int,
                    upstream_id: str) -> list[str | None]:
    """The states of ``upstream_id``'s instances that task instance (``task_id``, ``map_index``) waits for."""
    group = members.get(task_id)
    if group is not None and map_index >= 0 and members.get(upstream_id) is group:
        return [by_index.get((upstream_id, map_index))]
    return states.get(upstream_id, [None])


def is_placeholder(members: dict[str, dict[str, Any]], task_id: str, map_index: int) -> bool:
    """A mapped group member's instance that waits for the group's expansion (never runs itself)."""
    return map_index < 0 and task_id in members


async def expand_groups(conn: AsyncConnection, run: Any, doc: DagDoc, tis: Sequence[Any], now: datetime) -> bool:
    """Expand the placeholders of every mapped group whose XCom sources all succeeded; whether any changed."""
    members = member_groups(doc)
    if not members:
        return False
    waiting: dict[str, list[Any]] = defaultdict(list)
    for ti in tis:
        if ti.state is None and is_placeholder(members, ti.task_id, ti.map_index):
            waiting[members[ti.task_id]["group_id"]].append(ti)
    if not waiting:
        return False
    states: dict[str, list[str | None]] = defaultdict(list)
    for ti in tis:
        states[ti.task_id].append(ti.state)
    changed = False
    for group_id, placeholders in waiting.items():
        group = next(g for g in members.values() if g["group_id"] == group_id)
        mapping = group.get("mapping") or {}
        sources = _sources(mapping.get("expand_input"))
        if not all(state == TIS.SUCCESS for source in sources for state in states.get(source, [None])):
            continue  # not known yet (or a source did not succeed: the members' trigger rules decide)
        try:
            count = await expansion_length(conn, run.dag_id, run.run_id, group)
        except Unmappable:
            await _end(conn, placeholders, TIS.FAILED, now)
        else:
            if count == 0:
                await _end(conn, placeholders, TIS.SKIPPED, now)
            else:
                for ti in placeholders:
                    await _expand_member(conn, ti.id, count, now)
        changed = True
    return changed


async def _end(conn: AsyncConnection, placeholders: Sequence[Any], state: TIS, now: datetime) -> None:
    for ti in placeholders:
        await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti.id).values(
            state=transition(ti.state, state), start_date=now, end_date=now, duration=0))


async def _expand_member(conn: AsyncConnection, ti_id: Any, count: int, now: datetime) -> None:
    """The placeholder becomes map index 0 and gets copies 1..count-1, all with no state."""
    row = (await conn.execute(sa.select(ti_t).where(ti_t.c.id == ti_id))).mappings().one()
    await conn.execute(sa.update(ti_t).where(ti_t.c.id == ti_id).values(map_index=0))
    copies = []
    for index in range(1, count):
        copy = dict(row)
        copy.update(id=uuid7(), map_index=index, updated_at=now)
        copies.append(copy)
    if copies:
        await conn.execute(sa.insert(ti_t), copies)
