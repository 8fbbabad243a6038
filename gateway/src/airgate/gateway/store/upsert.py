"""``INSERT ... ON CONFLICT`` for the store's two databases, importing only the dialect in use."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def insert(dialect_name: str, table: sa.Table) -> Any:
    """The dialect's ``insert(table)``, which has ``on_conflict_do_nothing`` / ``on_conflict_do_update``
    (``dialect_name``: ``conn.dialect.name``).

    Only that dialect's module is imported: a process on one database does not load the other's."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)
