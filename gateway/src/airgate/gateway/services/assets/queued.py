"""Queued asset events (``asset_dag_run_queue``): what an asset-scheduled DAG has received since its last run."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store.tables import asset_dag_run_queue, dag

_Q = asset_dag_run_queue


def _where(*, asset_id: int | None = None, dag_id: str | None = None,
           before: datetime | None = None) -> list[sa.ColumnElement[bool]]:
    clauses: list[sa.ColumnElement[bool]] = []
    if dag_id is not None:
        clauses.append(_Q.c.target_dag_id == dag_id)
    if asset_id is not None:
        clauses.append(_Q.c.asset_id == asset_id)
    if before is not None:
        clauses.append(_Q.c.created_at < before)
    return clauses


def _select() -> sa.Select[Any]:
    return sa.select(_Q, sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display")).join(
        dag, dag.c.dag_id == _Q.c.target_dag_id)


def _body(row: Any) -> dict[str, Any]:
    return {"dag_id": row.target_dag_id, "asset_id": row.asset_id, "created_at": row.created_at,
            "dag_display_name": row.display}


async def list_queued(conn: AsyncConnection, *, asset_id: int | None = None, dag_id: str | None = None,
                      before: datetime | None = None) -> dict[str, Any]:
    """``get_asset_queued_events`` / ``get_dag_asset_queued_events``."""
    query = _select().where(*_where(asset_id=asset_id, dag_id=dag_id, before=before))
    rows = (await conn.execute(query.order_by(_Q.c.created_at, _Q.c.target_dag_id, _Q.c.asset_id))).all()
    return {"queued_events": [_body(r) for r in rows], "total_entries": len(rows)}


def _pair_missing(dag_id: str, asset_id: int) -> HTTPError:
    return HTTPError(404, f"Queued event with dag_id: `{dag_id}` and asset_id: `{asset_id}` was not found")


async def get_queued(conn: AsyncConnection, dag_id: str, asset_id: int, before: datetime | None) -> dict[str, Any]:
    """``get_dag_asset_queued_event``."""
    row = (await conn.execute(_select().where(*_where(asset_id=asset_id, dag_id=dag_id, before=before)))).first()
    if row is None:
        raise _pair_missing(dag_id, asset_id)
    return _body(row)


async def delete_queued(conn: AsyncConnection, *, asset_id: int | None = None, dag_id: str | None = None,
                        before: datetime | None = None) -> None:
    """The three ``delete_*queued_event*`` operations (404 when nothing was queued)."""
    result = await conn.execute(sa.delete(_Q).where(*_where(asset_id=asset_id, dag_id=dag_id, before=before)))
    if result.rowcount:
        return
    if asset_id is not None and dag_id is not None:
        raise _pair_missing(dag_id, asset_id)
    if asset_id is not None:
        raise HTTPError(404, f"Queue event with asset_id: `{asset_id}` was not found")
    raise HTTPError(404, f"Queue event with dag_id: `{dag_id}` was not found")
