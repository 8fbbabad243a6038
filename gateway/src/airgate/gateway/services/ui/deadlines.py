"""Deadlines of a dag run (``get_dag_run_deadlines``).

Airgate keeps no deadline-alert definitions of their own (a deadline row carries only the alert's id), so
``alert_name`` and ``alert_description`` are null and ordering by ``alert_name`` falls back to the id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import Sorting
from airgate.gateway.store.tables import dag_run, deadline

_SORTING = Sorting({"id": deadline.c.id, "deadline_time": deadline.c.deadline_time,
                    "created_at": deadline.c.created_at, "alert_name": sa.cast(sa.null(), sa.String)}, "id")


def _body(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {"id": row["id"], "deadline_time": row["deadline_time"], "missed": row["missed"],
            "created_at": row["created_at"], "alert_name": None, "alert_description": None}


async def get_dag_run_deadlines(conn: AsyncConnection, dag_id: str, run_id: str, order_by: list[str] | None,
                                *, limit: int, offset: int) -> dict[str, Any]:
    """``get_dag_run_deadlines``: 404 for an unknown run."""
    run_pk = await conn.scalar(sa.select(dag_run.c.id).where(dag_run.c.dag_id == dag_id, dag_run.c.run_id == run_id))
    if run_pk is None:
        raise HTTPError(404, f"No DAG run found for dag_id={dag_id} dag_run_id={run_id}")
    order = _SORTING.clauses(order_by or ["deadline_time"])
    where = deadline.c.dagrun_id == run_pk
    total = (await conn.execute(sa.select(sa.func.count()).select_from(deadline).where(where))).scalar_one()
    rows = (await conn.execute(sa.select(deadline).where(where).order_by(*order).limit(limit).offset(offset)))
    return {"deadlines": [_body(r) for r in rows.mappings().all()], "total_entries": total}
