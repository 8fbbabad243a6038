"""Alembic environment for Airgate (async engine; batch mode so SQLite can alter tables).

Normally driven by :mod:`airgate.gateway.store.migrate`, which hands over an open connection in
``config.attributes["connection"]``; otherwise the URL comes from ``sqlalchemy.url``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from airgate.gateway.store.engine import make_engine
from airgate.gateway.store.tables import metadata
from airgate.gateway.store.types import UtcDateTime

config = context.config


def _render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """Write plain SQLAlchemy types into revisions, so old revisions never depend on today's code."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = make_engine(url, foreign_keys=False)
    try:
        async with engine.connect() as conn:
            await conn.run_sync(_run)
            await conn.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        asyncio.run(_run_async(config.get_main_option("sqlalchemy.url") or ""))
