"""Run counts per DAG and state (``get_dag_stats``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.states import DagRunState
from airgate.gateway.store.tables import dag, dag_run


async def dag_stats(conn: AsyncConnection, dag_ids: Sequence[str] | None) -> dict[str, Any]:
    """Every DAG that has runs (of ``dag_ids`` when given), by dag_id, with a count for each run state."""
    name = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id)
    query = (
        sa.select(dag_run.c.dag_id, dag_run.c.state, name.label("display"), sa.func.count(dag_run.c.state))
        .join(dag, dag.c.dag_id == dag_run.c.dag_id)
        .group_by(dag_run.c.dag_id, dag_run.c.state, name)
        .order_by(dag_run.c.dag_id)
    )
    if dag_ids:
        query = query.where(dag_run.c.dag_id.in_(list(dag_ids)))
    counts: dict[tuple[str, str], int] = {}
    names: dict[str, str] = {}
    for dag_id, state, display, count in (await conn.execute(query)).all():
        counts[(dag_id, state)] = count
        names.setdefault(dag_id, display)
    dags = [{"dag_id": dag_id, "dag_display_name": display,
             "stats": [{"state": s.value, "count": counts.get((dag_id, s.value), 0)} for s in DagRunState]}
            for dag_id, display in names.items()]
    return {"dags": dags, "total_entries": len(dags)}
