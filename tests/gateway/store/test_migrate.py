"""Migrations: from empty to head, idempotent, and ``check`` agrees with the tables (no drift)."""

from __future__ import annotations

import sqlalchemy as sa

from airgate.gateway.store import check, create_store, migrate
from airgate.gateway.store.migrate import head_revision
from airgate.gateway.store.tables import metadata


async def _tables(url: str) -> set[str]:
    store = await create_store(url)
    try:
        async with store.read() as conn:
            return set(await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names()))
    finally:
        await store.dispose()


async def test_empty_database_is_reported_then_migrated_to_head(store_url: str) -> None:
    assert await check(store_url) == "the database has no Airgate schema yet; run `airgate db migrate`"
    await migrate(store_url)
    assert await check(store_url) is None
    assert await _tables(store_url) == {*metadata.tables, "alembic_version"}


async def test_migrating_twice_is_a_no_op(store_url: str) -> None:
    await migrate(store_url)
    store = await create_store(store_url)
    try:
        async with store.write() as conn:
            await conn.execute(
                sa.text("INSERT INTO variable (key, val, is_encrypted) VALUES ('k', 'v', false)")
            )
        await migrate(store_url)
        async with store.read() as conn:
            assert (await conn.execute(sa.text("SELECT val FROM variable"))).scalar_one() == "v"
            version = (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalars().all()
        assert version == [head_revision()]
    finally:
        await store.dispose()
    assert await check(store_url) is None


async def test_check_reports_drift_between_database_and_tables(store_url: str) -> None:
    await migrate(store_url)
    store = await create_store(store_url)
    try:
        async with store.write() as conn:
            await conn.execute(sa.text("ALTER TABLE variable ADD COLUMN surprise INTEGER"))
    finally:
        await store.dispose()
    reason = await check(store_url)
    assert reason is not None
    assert "differs" in reason and "variable.surprise" in reason


async def test_check_reports_a_revision_it_does_not_know(store_url: str) -> None:
    await migrate(store_url)
    store = await create_store(store_url)
    try:
        async with store.write() as conn:
            await conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    finally:
        await store.dispose()
    reason = await check(store_url)
    assert reason is not None and "ffff_from_the_future" in reason and "does not know" in reason
