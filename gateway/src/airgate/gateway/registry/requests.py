"""Priority parsing requests (Airflow's ``dag_priority_parsing_request``): ``reparse_dag_file`` stores one row
per file; whichever DAG processor serves the file's bundle (in-process or ``airgate dag-processor``) takes the
rows of its bundles on its next pass, deletes them and parses those files whether they changed or not."""

from __future__ import annotations

import hashlib
from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store import upsert
from airgate.gateway.store.tables.dags import dag_priority_parsing_request as requests


def request_id(bundle_name: str, relative_fileloc: str) -> str:
    """The row's key: md5 of ``bundle_name:relative_fileloc`` (one pending request per file, as in Airflow)."""
    return hashlib.md5(f"{bundle_name}:{relative_fileloc}".encode(), usedforsecurity=False).hexdigest()


async def add_request(conn: AsyncConnection, bundle_name: str, relative_fileloc: str) -> None:
    """Ask for a re-parse of one file (a request already pending raises the store's ``UniqueViolation``)."""
    await conn.execute(sa.insert(requests).values(id=request_id(bundle_name, relative_fileloc),
                                                  bundle_name=bundle_name, relative_fileloc=relative_fileloc))


async def ensure_request(conn: AsyncConnection, bundle_name: str, relative_fileloc: str) -> None:
    """Ask for a re-parse of one file unless one is pending already (no error: usable mid-transaction)."""
    statement = upsert.insert(conn.dialect.name, requests).values(
        id=request_id(bundle_name, relative_fileloc), bundle_name=bundle_name, relative_fileloc=relative_fileloc)
    await conn.execute(statement.on_conflict_do_nothing(index_elements=[requests.c.id]))


async def pending(conn: AsyncConnection, bundles: Collection[str]) -> list[tuple[str, str, str]]:
    """(id, bundle_name, relative_fileloc) of the requests for ``bundles``."""
    rows = await conn.execute(sa.select(requests.c.id, requests.c.bundle_name, requests.c.relative_fileloc)
                              .where(requests.c.bundle_name.in_(list(bundles))).order_by(requests.c.id))
    return [(r.id, r.bundle_name, r.relative_fileloc) for r in rows]


async def remove(conn: AsyncConnection, ids: Collection[str]) -> None:
    """Delete taken requests."""
    if ids:
        await conn.execute(sa.delete(requests).where(requests.c.id.in_(list(ids))))
