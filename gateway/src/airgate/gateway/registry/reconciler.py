"""What is registered against what is on disk: DAGs whose files are gone become stale, import errors of
files that are gone are cleared. Called only after a bundle was listed without error (fail-safe)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.registry.assets import drop_stale_references
from airgate.gateway.registry.bundles import Bundle
from airgate.gateway.store.tables import dag, dag_bundle, import_error


async def touch_bundle(conn: AsyncConnection, bundle: Bundle) -> None:
    """Register ``bundle`` (active, refreshed now)."""
    now = datetime.now(UTC)
    found = (await conn.execute(sa.select(dag_bundle.c.name).where(dag_bundle.c.name == bundle.name))).first()
    if found:
        await conn.execute(sa.update(dag_bundle).where(dag_bundle.c.name == bundle.name)
                           .values(active=True, last_refreshed=now))
    else:
        await conn.execute(sa.insert(dag_bundle).values(name=bundle.name, active=True, last_refreshed=now))


async def reconcile_bundle(conn: AsyncConnection, bundle: Bundle, present: Collection[str]) -> None:
    """``present``: relative paths of the bundle's DAG files that exist now."""
    await touch_bundle(conn, bundle)
    keep = list(present)
    gone_dag = sa.and_(dag.c.bundle_name == bundle.name, dag.c.is_stale.is_(False))
    gone_error = import_error.c.bundle_name == bundle.name
    if keep:
        gone_dag = sa.and_(gone_dag, sa.or_(dag.c.relative_fileloc.is_(None), dag.c.relative_fileloc.not_in(keep)))
        gone_error = sa.and_(gone_error, sa.or_(import_error.c.filename.is_(None), import_error.c.filename.not_in(keep)))
    marked = await conn.execute(sa.update(dag).where(gone_dag).values(is_stale=True))
    await conn.execute(sa.delete(import_error).where(gone_error))
    if marked.rowcount:
        await drop_stale_references(conn)


async def retire_bundles(conn: AsyncConnection, active: Collection[str]) -> None:
    """Bundles no longer configured become inactive; their DAGs stale and their import errors cleared."""
    names = list(active)
    await conn.execute(sa.update(dag_bundle).where(dag_bundle.c.name.not_in(names)).values(active=False))
    marked = await conn.execute(sa.update(dag).where(dag.c.bundle_name.not_in(names), dag.c.is_stale.is_(False))
                                .values(is_stale=True))
    if marked.rowcount:
        await drop_stale_references(conn)
    await conn.execute(sa.delete(import_error).where(import_error.c.bundle_name.not_in(names)))
