"""``get_dag_source``: the code of a DAG version (the latest unless ``version_number`` is given)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.store.tables import dag, dag_code, dag_version


async def get_source(conn: AsyncConnection, dag_id: str, version_number: int | None) -> dict[str, Any]:
    """``{"content", "dag_id", "version_number", "dag_display_name"}``."""
    query = (sa.select(dag_code.c.source_code, dag_version.c.version_number,
                       sa.func.coalesce(dag.c.dag_display_name, dag.c.dag_id).label("display"))
             .join(dag_version, dag_version.c.id == dag_code.c.dag_version_id)
             .join(dag, dag.c.dag_id == dag_version.c.dag_id)
             .where(dag_version.c.dag_id == dag_id))
    if version_number is not None:
        query = query.where(dag_version.c.version_number == version_number)
    row = (await conn.execute(query.order_by(dag_version.c.version_number.desc()).limit(1))).first()
    if row is None:
        raise HTTPError(404, f"The source code of the Dag {dag_id}, version_number {version_number} was not found")
    return {"content": row.source_code, "dag_id": dag_id, "version_number": row.version_number,
            "dag_display_name": row.display}
