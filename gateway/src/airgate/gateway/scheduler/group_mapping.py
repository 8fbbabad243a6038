"""Mapped task groups (``@task_group`` ... ``.expand(...)``) at run time.

Every task of a mapped group starts as one placeholder task instance (``map_index`` -1). Once the tasks the
group's expansion reads (its XCom sources; none for literal lists) have all succeeded, the expansion length N
is known and each member's placeholder becomes N task instances with no state (map indexes 0..N-1); an empty
expansion skips the members, a value that cannot be mapped fails them, and a source that failed (or was
skipped) makes them ``upstream_failed`` (``skipped``) whatever their trigger rules, as Airflow's "Mapped
dependencies have succeeded" does (for mapped tasks too). Inside the group, instance ``i`` of a
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
from airgate.gateway.services.dag_docs import member_groups
from airgate.gateway.services.execution.task_instances import uuid7
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.states import transition
from airgate.gateway.store.tables import task_instance as ti_t

_FINISHED = (TIS.SUCCESS, TIS.FAILED, TIS.SKIPPED, TIS.UPSTREAM_FAILED, TIS.REMOVED)


def mapping_sources(value: Any) -> set[str]:
    """Task ids of the XCom references in an expansion input (a mapped task's or group's)."""
    if isinstance(value, dict):
        if value.get("__type") == "xcomarg":
            return {str(value["task_id"])}
        return set().union(*(mapping_sources(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(mapping_sources(v) for v in value)) if value else set()
    return set()


def mapped_dependency_state(tis: Sequence[Any], expand_input: Any) -> TIS | None:
    """Airflow's "Mapped dependencies have succeeded": when an unmapped task whose XCom a mapped task (or
    group) expands over has finished without success, the mapped task's placeholder is ``upstream_failed``
    (the source failed) or ``skipped`` (it was skipped); None while that is not so."""
    sources = mapping_sources(expand_input)
    if not sources:
        return None
    finished = {ti.state for ti in tis if ti.task_id in sources and ti.map_index < 0 and ti.state in _FINISHED}
    if not finished or finished == {TIS.SUCCESS}:
        return None
    if TIS.FAILED in finished or TIS.UPSTREAM_FAILED in finished:
        return TIS.UPSTREAM_FAILED
    return TIS.SKIPPED if TIS.SKIPPED in finished else None


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
    """Expand the placeholders of every mapped group whose XCom sources all succeeded, end the placeholders of
    mapped tasks and groups whose source did not succeed; whether any changed."""
    changed = False
    for ti in tis:  # mapped tasks: they expand when they are ready (dispatch), but a failed source ends them
        task = doc.tasks.get(ti.task_id) or {}
        if ti.state is None and ti.map_index < 0 and task.get("is_mapped"):
            ended = mapped_dependency_state(tis, (task.get("mapping") or {}).get("expand_input"))
            if ended is not None:
                await _end(conn, [ti], ended, now)
                changed = True
    members = member_groups(doc)
    if not members:
        return changed
    waiting: dict[str, list[Any]] = defaultdict(list)
    for ti in tis:
        if ti.state is None and is_placeholder(members, ti.task_id, ti.map_index):
            waiting[members[ti.task_id]["group_id"]].append(ti)
    if not waiting:
        return changed
    states: dict[str, list[str | None]] = defaultdict(list)
    for ti in tis:
        states[ti.task_id].append(ti.state)
    for group_id, placeholders in waiting.items():
        group = next(g for g in members.values() if g["group_id"] == group_id)
        mapping = group.get("mapping") or {}
        ended = mapped_dependency_state(tis, mapping.get("expand_input"))
        if ended is not None:
            await _end(conn, placeholders, ended, now)
            changed = True
            continue
        sources = mapping_sources(mapping.get("expand_input"))
        if not all(state == TIS.SUCCESS for source in sources for state in states.get(source, [None])):
            continue  # not known yet
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
