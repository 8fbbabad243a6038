"""Pools: list, read, create, patch, delete and bulk, with Airflow 3.2.2's semantics and slot counters.

- ``default_pool`` (128 slots, "Default pool") always exists: :func:`ensure_default_pool` creates it when
  missing, it cannot be deleted and only its ``slots`` / ``include_deferred`` can change (through
  ``update_mask``).
- Counters are sums of ``pool_slots`` of the pool's task instances by state: running, queued, scheduled,
  deferred; ``occupied`` = running + queued (+ deferred when the pool ``include_deferred``);
  ``open`` = slots - occupied (may be negative), ``-1`` for an unlimited pool (slots ``-1``).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import bulk
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.services.pool_patch import checked_changes
from airgate.gateway.store.engine import Store
from airgate.gateway.store.tables import slot_pool, task_instance

DEFAULT_POOL = "default_pool"
DEFAULT_POOL_SLOTS = 128
"""Airflow's ``[core] default_pool_task_slot_count`` default."""
DEFAULT_POOL_DESCRIPTION = "Default pool"

SORTING = Sorting(allowed={"id": slot_pool.c.id, "pool": slot_pool.c.pool, "name": slot_pool.c.pool}, primary_key="id")
"""``order_by`` of ``get_pools``: ``id``, ``pool`` and its API name ``name``."""


class SlotState(StrEnum):
    """Task instance states that hold pool slots."""

    RUNNING = "running"
    QUEUED = "queued"
    SCHEDULED = "scheduled"
    DEFERRED = "deferred"


def not_found(name: str) -> HTTPError:
    return HTTPError(404, f"The Pool with name: `{name}` was not found")


async def ensure_default_pool(conn: AsyncConnection) -> None:
    """Create ``default_pool`` if it does not exist (idempotent)."""
    found = await conn.scalar(sa.select(slot_pool.c.id).where(slot_pool.c.pool == DEFAULT_POOL))
    if found is None:
        await conn.execute(
            sa.insert(slot_pool).values(
                pool=DEFAULT_POOL,
                slots=DEFAULT_POOL_SLOTS,
                description=DEFAULT_POOL_DESCRIPTION,
                include_deferred=False,
                team_name=None,
            )
        )


_READY: weakref.WeakSet[Store] = weakref.WeakSet()


async def prepare(store: Store) -> None:
    """Make sure ``default_pool`` exists in ``store`` (one write per store and process, then a no-op)."""
    if store in _READY:
        return
    async with store.write() as conn:
        await ensure_default_pool(conn)
    _READY.add(store)


async def _counters(conn: AsyncConnection, names: list[str]) -> dict[tuple[str, str], int]:
    if not names:
        return {}
    ti = task_instance
    rows = await conn.execute(
        sa.select(ti.c.pool, ti.c.state, sa.func.sum(ti.c.pool_slots))
        .where(ti.c.pool.in_(names), ti.c.state.in_([s.value for s in SlotState]))
        .group_by(ti.c.pool, ti.c.state)
    )
    return {(pool, state): int(total or 0) for pool, state, total in rows}


def _response(row: Any, counts: dict[tuple[str, str], int]) -> dict[str, Any]:
    def used(state: SlotState) -> int:
        return counts.get((row.pool, state.value), 0)

    occupied = used(SlotState.RUNNING) + used(SlotState.QUEUED)
    if row.include_deferred:
        occupied += used(SlotState.DEFERRED)
    return {
        "name": row.pool,
        "slots": row.slots,
        "description": row.description,
        "include_deferred": bool(row.include_deferred),
        "occupied_slots": occupied,
        "running_slots": used(SlotState.RUNNING),
        "queued_slots": used(SlotState.QUEUED),
        "scheduled_slots": used(SlotState.SCHEDULED),
        "open_slots": -1 if row.slots == -1 else row.slots - occupied,
        "deferred_slots": used(SlotState.DEFERRED),
        "team_name": row.team_name,
    }


async def _answer(conn: AsyncConnection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    counts = await _counters(conn, [r.pool for r in rows])
    return [_response(r, counts) for r in rows]


async def _row(conn: AsyncConnection, name: str) -> Any:
    return (await conn.execute(sa.select(slot_pool).where(slot_pool.c.pool == name))).first()


async def list_pools(
    conn: AsyncConnection,
    *,
    name_pattern: str | None,
    name_prefix_pattern: str | None,
    order_by: Sequence[str] | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """One page of pools (with counters) and the number matching the filters."""
    order = SORTING.clauses(order_by)
    conditions = where_all(search(slot_pool.c.pool, name_pattern), prefix(slot_pool.c.pool, name_prefix_pattern))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(slot_pool).where(*conditions))
    rows = (await conn.execute(sa.select(slot_pool).where(*conditions).order_by(*order).limit(limit).offset(offset))).all()
    return {"pools": await _answer(conn, rows), "total_entries": int(total or 0)}


async def get_pool(conn: AsyncConnection, name: str) -> dict[str, Any]:
    """One pool as answered by the API (404 if missing)."""
    row = await _row(conn, name)
    if row is None:
        raise not_found(name)
    return (await _answer(conn, [row]))[0]


def _columns(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "slots": fields["slots"],
        "description": fields.get("description"),
        "include_deferred": bool(fields.get("include_deferred", False)),
        "team_name": fields.get("team_name"),
    }


async def create_pool(conn: AsyncConnection, fields: dict[str, Any]) -> dict[str, Any]:
    """Insert a pool from a ``PoolBody``'s fields (a duplicate raises the store's ``UniqueViolation``)."""
    await conn.execute(sa.insert(slot_pool).values(pool=fields["name"], **_columns(fields)))
    return await get_pool(conn, fields["name"])


async def update_pool(
    conn: AsyncConnection, name: str, fields: dict[str, Any], update_mask: Sequence[str] | None
) -> dict[str, Any]:
    """Patch pool ``name`` with a body's fields (``pool`` or ``name`` for its name), as Airflow does."""
    sent_name = fields.get("pool", fields.get("name"))
    if sent_name and sent_name != name:
        raise HTTPError(400, "Invalid body, pool name from request body doesn't match uri parameter")
    row = await _row(conn, name)
    if row is None:
        raise not_found(name)
    changes = checked_changes(name == DEFAULT_POOL, fields, update_mask)
    if changes:
        await conn.execute(sa.update(slot_pool).where(slot_pool.c.pool == name).values(**changes))
    return await get_pool(conn, name)


async def delete_pool(conn: AsyncConnection, name: str) -> None:
    """Delete pool ``name`` (400 for ``default_pool``, 404 if missing)."""
    if name == DEFAULT_POOL:
        raise HTTPError(400, "Default Pool can't be deleted")
    result = await conn.execute(sa.delete(slot_pool).where(slot_pool.c.pool == name))
    if not result.rowcount:
        raise not_found(name)


async def _existing(conn: AsyncConnection, names: set[str]) -> set[str]:
    if not names:
        return set()
    rows = await conn.execute(sa.select(slot_pool.c.pool).where(slot_pool.c.pool.in_(sorted(names))))
    return {r.pool for r in rows}


async def bulk_pools(conn: AsyncConnection, actions: Sequence[Any]) -> dict[str, Any]:
    """Run a bulk request's actions in ``conn``'s transaction; the per-kind results."""

    async def create(action: Any, result: bulk.ActionResult) -> None:
        names = [e.name for e in action.entities]
        found, missing = bulk.split_existing(names, await _existing(conn, set(names)))
        if action.action_on_existence == bulk.OnExistence.FAIL and found:
            raise bulk.ActionFailed(
                409, f"The pools with these pool names: {bulk.set_text(found)} already exist."
            )
        targets = missing if action.action_on_existence == bulk.OnExistence.SKIP else set(names)
        for entity in action.entities:
            if entity.name not in targets:
                continue
            columns = _columns(bulk.given(entity))
            if await _row(conn, entity.name) is None:
                await conn.execute(sa.insert(slot_pool).values(pool=entity.name, **columns))
            else:
                await conn.execute(sa.update(slot_pool).where(slot_pool.c.pool == entity.name).values(**columns))
            result.success.append(entity.name)

    async def update(action: Any, result: bulk.ActionResult) -> None:
        names = [e.name for e in action.entities]
        found, missing = bulk.split_existing(names, await _existing(conn, set(names)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"The pools with these pool names: {bulk.set_text(missing)} were not found.")
        for entity in action.entities:
            if entity.name not in found:
                continue
            try:
                await update_pool(conn, entity.name, bulk.given(entity), action.update_mask or None)
            except HTTPError as error:
                raise bulk.ActionFailed(error.status, str(error.detail)) from None
            result.success.append(entity.name)

    async def delete(action: Any, result: bulk.ActionResult) -> None:
        names = bulk.unique(bulk.entity_key(e, "name") for e in action.entities)
        found, missing = bulk.split_existing(names, await _existing(conn, set(names)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"The pools with these pool names: {bulk.set_text(missing)} were not found.")
        if DEFAULT_POOL in found:  # Airflow's bulk delete would drop it; the default pool must always exist
            raise bulk.ActionFailed(400, "Default Pool can't be deleted")
        for name in names:
            if name in found:
                await conn.execute(sa.delete(slot_pool).where(slot_pool.c.pool == name))
                result.success.append(name)

    runners: dict[bulk.BulkAction, bulk.ActionRunner] = {
        bulk.BulkAction.CREATE: create,
        bulk.BulkAction.UPDATE: update,
        bulk.BulkAction.DELETE: delete,
    }
    return await bulk.run_actions(actions, runners)
