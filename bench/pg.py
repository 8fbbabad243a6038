"""Fresh PostgreSQL databases for one benchmark run on the machine's server (127.0.0.1:5432, trust)."""

from __future__ import annotations

import asyncio
import os

PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def create_database(name: str) -> None:
    """Drop ``name`` if it exists and create it empty."""
    drop_database(name)
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))


def drop_database(name: str) -> None:
    """Drop ``name`` (disconnecting any session still using it)."""
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def url(name: str, driver: str = "postgresql") -> str:
    """A SQLAlchemy URL for database ``name`` with ``driver`` (e.g. ``postgresql+psycopg2``)."""
    return f"{driver}://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
