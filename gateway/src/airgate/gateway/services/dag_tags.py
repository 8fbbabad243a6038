"""DAG tags (``get_dag_tags``): distinct tag names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.store.tables import dag_tag

_SORTING = Sorting({"name": dag_tag.c.name}, "name")


async def list_tags(conn: AsyncConnection, params: Mapping[str, Any], *, limit: int, offset: int) -> dict[str, Any]:
    """``{"tags": [...], "total_entries": n}``."""
    order = _SORTING.clauses(params.get("order_by"))
    filters = where_all(search(dag_tag.c.name, params.get("tag_name_pattern")),
                        prefix(dag_tag.c.name, params.get("tag_name_prefix_pattern")))
    query = sa.select(dag_tag.c.name).where(*filters).group_by(dag_tag.c.name)
    total = (await conn.execute(sa.select(sa.func.count()).select_from(query.subquery()))).scalar_one()
    names = (await conn.execute(query.order_by(*order).limit(limit).offset(offset))).scalars().all()
    return {"tags": list(names), "total_entries": total}
