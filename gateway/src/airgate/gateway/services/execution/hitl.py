"""Human-in-the-loop details of a task instance: the request a HITL operator makes and the answer it reads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store.tables import hitl_detail

_MISSING = {
    "reason": "not_found",
    "message": "HITLDetail not found. This happens most likely due to clearing task instance before receiving response.",
}


async def _row(conn: AsyncConnection, ti_id: str, *, lock: bool = True) -> Any:
    """The task instance's detail row, locked ``FOR UPDATE`` unless ``lock`` is false (a plain read)."""
    query = sa.select(hitl_detail).where(hitl_detail.c.ti_id == ti_id)
    return (await conn.execute(query.with_for_update() if lock else query)).first()


def _request(row: Any) -> dict[str, Any]:
    return {
        "ti_id": row.ti_id,
        "options": row.options,
        "subject": row.subject,
        "body": row.body,
        "defaults": row.defaults,
        "multiple": bool(row.multiple),
        "params": row.params or {},
        "assigned_users": [{"id": u["id"], "name": u["name"]} for u in row.assignees or []],
    }


def _response(row: Any) -> dict[str, Any]:
    by = row.responded_by
    return {
        "response_received": row.responded_at is not None,
        "responded_by_user": {"id": by["id"], "name": by["name"]} if by else None,
        "responded_at": row.responded_at,
        "chosen_options": row.chosen_options or [],
        "params_input": row.params_input or {},
    }


async def upsert(conn: AsyncConnection, ti_id: str, payload: Any) -> dict[str, Any]:
    """Create the detail; an existing one is kept, its earlier answer (if any) dropped."""
    row = await _row(conn, ti_id)
    if row is None:
        users = msgspec.to_builtins(payload.assigned_users) if payload.assigned_users else []
        await conn.execute(
            sa.insert(hitl_detail).values(
                ti_id=ti_id,
                options=list(payload.options),
                subject=payload.subject,
                body=payload.body,
                defaults=list(payload.defaults) if payload.defaults is not None else None,
                multiple=bool(payload.multiple),
                params=msgspec.to_builtins(payload.params) if payload.params else {},
                assignees=users,
            )
        )
    elif row.responded_at is not None:
        await conn.execute(
            sa.update(hitl_detail)
            .where(hitl_detail.c.ti_id == ti_id)
            .values(responded_by=None, responded_at=None, chosen_options=None, params_input={})
        )
    return _request(await _row(conn, ti_id))


async def respond(
    conn: AsyncConnection, ti_id: str, chosen: list[str], params_input: dict[str, Any]
) -> dict[str, Any]:
    """Record an answer (409 when one exists)."""
    row = await _row(conn, ti_id)
    if row is None:
        raise HTTPError(404, _MISSING)
    if row.responded_at is not None:
        raise HTTPError(409, f"Human-in-the-loop detail for Task Instance with id {ti_id} already exists.")
    await conn.execute(
        sa.update(hitl_detail)
        .where(hitl_detail.c.ti_id == ti_id)
        .values(
            responded_by=None,
            responded_at=datetime.now(UTC),
            chosen_options=chosen,
            params_input=params_input,
        )
    )
    return _response(await _row(conn, ti_id))


async def get(conn: AsyncConnection, ti_id: str) -> dict[str, Any]:
    """The answer part of the detail (404 when none)."""
    row = await _row(conn, ti_id, lock=False)
    if row is None:
        raise HTTPError(404, _MISSING)
    return _response(row)
