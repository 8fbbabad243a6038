"""DAG versions (``get_dag_versions`` incl. ``~`` for every DAG, ``get_dag_version``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import Sorting, where_all
from airgate.gateway.store.tables import dag, dag_version

_SORTING = Sorting({"id": dag_version.c.id, "version_number": dag_version.c.version_number,
                    "bundle_name": dag_version.c.bundle_name, "bundle_version": dag_version.c.bundle_version}, "id")


def version_body(row: Mapping[Any, Any], dag_display_name: str) -> dict[str, Any]:
    """One ``DagVersionResponse``."""
    return {"id": row["id"], "version_number": row["version_number"], "dag_id": row["dag_id"],
            "bundle_name": row["bundle_name"], "bundle_version": row["bundle_version"],
            "created_at": row["created_at"], "dag_display_name": dag_display_name, "bundle_url": None}


def _select() -> sa.Select[Any]:
    name = sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display")
    return sa.select(dag_version, name).join(dag, dag.c.dag_id == dag_version.c.dag_id)


async def get_version(conn: AsyncConnection, dag_id: str, number: int) -> dict[str, Any]:
    """``get_dag_version``."""
    row = (await conn.execute(_select().where(dag_version.c.dag_id == dag_id,
                                              dag_version.c.version_number == number))).mappings().first()
    if row is None:
        raise HTTPError(404, f"The DagVersion with dag_id: `{dag_id}` and version_number: `{number}` was not found")
    return version_body(row, row["display"])


async def list_versions(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any], *, limit: int,
                        offset: int) -> dict[str, Any]:
    """``get_dag_versions``; ``dag_id`` ``~`` lists the versions of every DAG."""
    order = _SORTING.clauses(params.get("order_by"))
    if dag_id != "~":
        found = (await conn.execute(sa.select(dag.c.dag_id).where(dag.c.dag_id == dag_id))).first()
        if found is None:
            raise HTTPError(404, f"The Dag with ID: `{dag_id}` was not found")
    filters = where_all(
        dag_version.c.dag_id == dag_id if dag_id != "~" else None,
        dag_version.c.version_number == params["version_number"] if params.get("version_number") is not None else None,
        dag_version.c.bundle_name == params["bundle_name"] if params.get("bundle_name") is not None else None,
        dag_version.c.bundle_version == params["bundle_version"] if params.get("bundle_version") is not None else None,
    )
    query = _select().where(*filters)
    total = (await conn.execute(sa.select(sa.func.count()).select_from(query.subquery()))).scalar_one()
    rows = (await conn.execute(query.order_by(*order).limit(limit).offset(offset))).mappings().all()
    return {"dag_versions": [version_body(r, r["display"]) for r in rows], "total_entries": total}
