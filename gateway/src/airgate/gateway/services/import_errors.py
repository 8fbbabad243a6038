"""Import errors of DAG files (``get_import_errors``, ``get_import_error``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.store.tables import import_error

_COLUMNS = {"id": import_error.c.id, "timestamp": import_error.c.timestamp, "filename": import_error.c.filename,
            "bundle_name": import_error.c.bundle_name, "stacktrace": import_error.c.stacktrace,
            "import_error_id": import_error.c.id}
_SORTING = Sorting(_COLUMNS, "id")


def error_body(row: Mapping[Any, Any]) -> dict[str, Any]:
    """One ``ImportErrorResponse``."""
    return {"import_error_id": row["id"], "timestamp": row["timestamp"], "filename": row["filename"],
            "bundle_name": row["bundle_name"], "stack_trace": row["stacktrace"]}


async def get_error(conn: AsyncConnection, error_id: int) -> dict[str, Any]:
    """``get_import_error``."""
    row = (await conn.execute(sa.select(import_error).where(import_error.c.id == error_id))).mappings().first()
    if row is None:
        raise HTTPError(404, f"The ImportError with import_error_id: `{error_id}` was not found")
    return error_body(row)


async def list_errors(conn: AsyncConnection, params: Mapping[str, Any], *, limit: int, offset: int) -> dict[str, Any]:
    """``get_import_errors``."""
    order = _SORTING.clauses(params.get("order_by"))
    filters = where_all(search(import_error.c.filename, params.get("filename_pattern")),
                        prefix(import_error.c.filename, params.get("filename_prefix_pattern")))
    total = (await conn.execute(sa.select(sa.func.count()).select_from(import_error).where(*filters))).scalar_one()
    rows = (await conn.execute(sa.select(import_error).where(*filters).order_by(*order).limit(limit)
                               .offset(offset))).mappings().all()
    return {"import_errors": [error_body(r) for r in rows], "total_entries": total}
