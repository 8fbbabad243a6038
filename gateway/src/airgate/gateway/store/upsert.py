"""``INSERT ... ON CONFLICT`` for the store's two databases, importing only the dialect in use."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection


def insert(conn: AsyncConnection, table: sa.Table) -> Any:
    """The dialect's ``insert(table)``, which has ``on_conflict_do_nothing`` / ``on_conflict_do_update``.

    Only that dialect's module is imported: a process on one database does not load the other's."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)
