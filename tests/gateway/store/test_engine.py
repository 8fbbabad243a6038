"""The store on both databases: transactions, UTC datetimes, JSON, unique keys, concurrent writers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from airgate.gateway.store import Store, UniqueViolation, as_unique_violation, create_store, migrate
from airgate.gateway.store.tables import dag_run, log, metadata, variable


def _run(run_id: str, **values: object) -> dict[str, object]:
    return {"dag_id": "d", "run_id": run_id, "run_type": "manual", **values}


async def test_dialect_name_matches_the_url(store: Store, store_url: str) -> None:
    assert store.dialect_name == store_url.split(":", 1)[0]


async def test_write_commits_and_a_failing_block_rolls_back(store: Store) -> None:
    async with store.write() as conn:
        await conn.execute(variable.insert().values(key="kept", val="1"))
    with pytest.raises(RuntimeError):
        async with store.write() as conn:
            await conn.execute(variable.insert().values(key="lost", val="2"))
            raise RuntimeError("boom")
    async with store.read() as conn:
        keys = (await conn.execute(sa.select(variable.c.key))).scalars().all()
    assert keys == ["kept"]


async def test_datetimes_come_back_tz_aware_utc(store: Store) -> None:
    cest = timezone(timedelta(hours=2))
    written = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=cest)
    async with store.write() as conn:
        await conn.execute(log.insert().values(event="a", dttm=written))
        await conn.execute(log.insert().values(event="b", dttm=datetime(2026, 3, 29, 0, 0, tzinfo=UTC)))
    async with store.read() as conn:
        rows = (await conn.execute(sa.select(log.c.event, log.c.dttm).order_by(log.c.dttm))).all()
        later = (
            (
                await conn.execute(
                    sa.select(log.c.event).where(log.c.dttm > datetime(2026, 3, 29, 1, 45, tzinfo=cest))
                )
            )
            .scalars()
            .all()
        )
    assert [event for event, _ in rows] == ["a", "b"]  # a is 23:30 UTC the day before
    stored = rows[0][1]
    assert stored == written
    assert stored.tzinfo is UTC
    assert stored.isoformat() == "2026-03-28T23:30:15.123456+00:00"
    assert later == ["b"]  # compared in UTC: 01:45+02:00 is 23:45 UTC


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        async with store.write() as conn:
            await conn.execute(log.insert().values(event="x", dttm=datetime(2026, 1, 1)))


async def test_json_round_trip_and_none_is_sql_null(store: Store) -> None:
    conf = {
        "n": 1,
        "f": 1.5,
        "s": "café ✓",
        "l": [1, "two", None, True],
        "d": {"nested": {"x": []}},
        "z": None,
    }
    async with store.write() as conn:
        await conn.execute(dag_run.insert().values(_run("with", conf=conf)))
        await conn.execute(dag_run.insert().values(_run("without", conf=None)))
    async with store.read() as conn:
        got = dict((await conn.execute(sa.select(dag_run.c.run_id, dag_run.c.conf))).all())
        nulls = (
            (await conn.execute(sa.select(dag_run.c.run_id).where(dag_run.c.conf.is_(None)))).scalars().all()
        )
    assert got == {"with": conf, "without": None}
    assert nulls == ["without"]


async def test_defaults_fill_timestamps_and_uuids_read_back_as_strings(store: Store) -> None:
    before = datetime.now(UTC)
    async with store.write() as conn:
        await conn.execute(dag_run.insert().values(_run("r")))
    async with store.read() as conn:
        row = (await conn.execute(sa.select(dag_run))).one()
    assert row.state == "queued"
    assert row.run_after >= before and row.run_after.tzinfo is UTC
    assert row.clear_number == 0


async def test_duplicate_keys_raise_unique_violation(store: Store) -> None:
    async with store.write() as conn:
        await conn.execute(variable.insert().values(key="k", val="v"))
        await conn.execute(dag_run.insert().values(_run("r1", logical_date=datetime(2026, 1, 1, tzinfo=UTC))))
    with pytest.raises(UniqueViolation):
        async with store.write() as conn:
            await conn.execute(variable.insert().values(key="k", val="again"))
    with pytest.raises(UniqueViolation):
        async with store.write() as conn:
            await conn.execute(dag_run.insert().values(_run("r1")))
    with pytest.raises(UniqueViolation):  # (dag_id, logical_date) is unique too
        async with store.write() as conn:
            await conn.execute(
                dag_run.insert().values(_run("r2", logical_date=datetime(2026, 1, 1, tzinfo=UTC)))
            )
    async with store.read() as conn:
        assert (await conn.execute(sa.select(variable.c.val))).scalars().all() == ["v"]


async def test_a_savepoint_keeps_the_transaction_alive_after_a_duplicate(store: Store) -> None:
    """What bulk endpoints do: each item in a savepoint, failures reported, the rest committed."""
    failed = []
    async with store.write() as conn:
        await conn.execute(variable.insert().values(key="a", val="1"))
        for key in ["a", "b"]:
            try:
                async with conn.begin_nested():
                    await conn.execute(variable.insert().values(key=key, val="2"))
            except sa.exc.IntegrityError as exc:
                assert as_unique_violation(exc) is not None
                failed.append(key)
    async with store.read() as conn:
        rows = dict((await conn.execute(sa.select(variable.c.key, variable.c.val))).all())
    assert failed == ["a"]
    assert rows == {"a": "1", "b": "2"}


async def test_foreign_keys_are_enforced_and_cascade(store: Store) -> None:
    from airgate.gateway.store.tables import task_instance

    ti = {
        "id": "0190d8a8-5f8e-7c5a-9c1e-0123456789ab",
        "dag_id": "d",
        "run_id": "r",
        "task_id": "t",
        "pool": "p",
    }
    with pytest.raises(sa.exc.IntegrityError):
        async with store.write() as conn:
            await conn.execute(task_instance.insert().values(ti))
    async with store.write() as conn:
        await conn.execute(dag_run.insert().values(_run("r")))
        await conn.execute(task_instance.insert().values(ti))
    async with store.read() as conn:
        row = (await conn.execute(sa.select(task_instance))).one()
    assert (row.id, row.map_index, row.try_number) == (ti["id"], -1, 0)
    async with store.write() as conn:
        await conn.execute(dag_run.delete())
    async with store.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(task_instance))).scalar_one() == 0


async def test_concurrent_read_modify_write_loses_no_update_on_sqlite(tmp_path: Path) -> None:
    """Two stores (as two processes would) on one SQLite file, many tasks incrementing one counter."""
    url = f"sqlite:///{tmp_path / 'airgate.db'}"
    await migrate(url)
    stores = [await create_store(url), await create_store(url)]
    async with stores[0].write() as conn:
        await conn.execute(variable.insert().values(key="counter", val="0"))

    async def bump(store: Store) -> None:
        for _ in range(5):
            async with store.write() as conn:
                current = (
                    await conn.execute(sa.select(variable.c.val).where(variable.c.key == "counter"))
                ).scalar_one()
                await asyncio.sleep(0.001)  # let the other writers run between our read and our write
                await conn.execute(
                    variable.update().where(variable.c.key == "counter").values(val=str(int(current) + 1))
                )

    try:
        await asyncio.wait_for(asyncio.gather(*(bump(stores[i % 2]) for i in range(12))), timeout=60)
        async with stores[1].read() as conn:
            final = (
                await conn.execute(sa.select(variable.c.val).where(variable.c.key == "counter"))
            ).scalar_one()
            mode = (await conn.execute(sa.text("PRAGMA journal_mode"))).scalar_one()
            fks = (await conn.execute(sa.text("PRAGMA foreign_keys"))).scalar_one()
    finally:
        for store in stores:
            await store.dispose()
    assert final == "60"
    assert (mode, fks) == ("wal", 1)


async def test_in_memory_sqlite_works_for_tools(tmp_path: Path) -> None:
    store = await create_store("sqlite://")
    try:
        async with store.write() as conn:
            await conn.run_sync(metadata.create_all)
            await conn.execute(variable.insert().values(key="k", val="v"))
        async with store.read() as conn:
            assert (await conn.execute(sa.select(variable.c.val))).scalar_one() == "v"
    finally:
        await store.dispose()


async def test_a_pooled_postgres_connection_that_died_while_idle_is_replaced(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server ends an idle session (a restart, an idle timeout): the next transaction still works, and so
    does the next statement of the direct pool (``Store.one``)."""
    if not store_url.startswith("postgresql"):
        pytest.skip("the ping on checkout is PostgreSQL's (SQLite has no server to lose)")
    from airgate.gateway.store import direct
    from airgate.gateway.store import engine as engine_module

    monkeypatch.setattr(engine_module, "IDLE_PING_S", 0.0)  # every pooled connection counts as idle
    monkeypatch.setattr(direct, "IDLE_PING_S", 0.0)
    whose = sa.select(sa.func.pg_backend_pid().label("pid"))

    async def in_transaction() -> int:
        async with store.read() as conn:
            return int(await conn.scalar(whose))

    async def direct_statement() -> int:
        row = await store.one(whose, {})
        assert row is not None
        return int(row.pid)

    store = await create_store(store_url)
    killer = await create_store(store_url)
    try:
        for backend_pid in (in_transaction, direct_statement):
            pid = await backend_pid()
            assert await backend_pid() == pid  # the same pooled connection again
            async with killer.read() as conn:
                assert await conn.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}) is True
            assert await backend_pid() != pid
    finally:
        await killer.dispose()
        await store.dispose()


async def test_postgres_reads_and_lone_statements_run_without_a_transaction(store: Store, store_url: str) -> None:
    """On PostgreSQL a ``read()`` block's statements each commit on their own (no BEGIN/COMMIT round trips;
    the transaction time moves between them), ``statement()`` commits its one write at once, and ``write()``
    stays one transaction (its transaction time holds still)."""
    if not store_url.startswith("postgresql"):
        pytest.skip("autocommit reads are PostgreSQL's (SQLite keeps a deferred transaction)")
    clock = sa.text("SELECT now()")
    async with store.read() as conn:
        first = await conn.scalar(clock)
        await asyncio.sleep(0.01)
        assert await conn.scalar(clock) > first
    async with store.write() as conn:
        first = await conn.scalar(clock)
        await asyncio.sleep(0.01)
        assert await conn.scalar(clock) == first
    with pytest.raises(RuntimeError):
        async with store.statement() as conn:
            await conn.execute(variable.insert().values(key="lone", val="v"))
            raise RuntimeError("after the statement")
    async with store.read() as conn:  # the lone statement committed by itself
        assert (await conn.execute(sa.select(variable.c.val).where(variable.c.key == "lone"))).scalar_one() == "v"
