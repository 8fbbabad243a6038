"""DAG warnings (``list_dag_warnings``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.listing import Sorting, where_all
from airgate.gateway.store.tables import dag, dag_warning

_SORTING = Sorting({"dag_id": dag_warning.c.dag_id, "warning_type": dag_warning.c.warning_type,
                    "message": dag_warning.c.message, "timestamp": dag_warning.c.timestamp}, "dag_id")


async def list_warnings(conn: AsyncConnection, params: Mapping[str, Any], *, limit: int,
                        offset: int) -> dict[str, Any]:
    """``{"dag_warnings": [...], "total_entries": n}``."""
    order = _SORTING.clauses(params.get("order_by"))
    filters = where_all(
        dag_warning.c.dag_id == params["dag_id"] if params.get("dag_id") is not None else None,
        dag_warning.c.warning_type == str(params["warning_type"]) if params.get("warning_type") is not None else None,
    )
    display = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display")
    query = sa.select(dag_warning, display).join(dag, dag.c.dag_id == dag_warning.c.dag_id).where(*filters)
    total = (await conn.execute(sa.select(sa.func.count()).select_from(query.subquery()))).scalar_one()
    rows = (await conn.execute(query.order_by(*order).limit(limit).offset(offset))).mappings().all()
    return {"dag_warnings": [{"dag_id": r["dag_id"], "warning_type": r["warning_type"], "message": r["message"],
                              "timestamp": r["timestamp"], "dag_display_name": r["display"]} for r in rows],
            "total_entries": total}
