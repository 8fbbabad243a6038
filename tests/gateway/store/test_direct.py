"""``Store.one``: a prebuilt statement run on its own — straight on asyncpg on PostgreSQL — gives what the same
statement gives through SQLAlchemy: the same values written and read back, the same errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from airgate.gateway.store import Store, UniqueViolation, create_store
from airgate.gateway.store.direct import prepare
from airgate.gateway.store.tables import dag_run, task_instance, variable

_INSERT_RUN = (
    dag_run.insert()
    .values(
        dag_id=sa.bindparam("dag_id"),
        run_id=sa.bindparam("run_id"),
        run_type="manual",
        conf=sa.bindparam("conf", type_=dag_run.c.conf.type),
        queued_at=sa.bindparam("queued_at", type_=dag_run.c.queued_at.type),
    )
    .returning(dag_run.c.id, dag_run.c.run_id, dag_run.c.conf, dag_run.c.queued_at, dag_run.c.state)
)
_INSERT_VARIABLE = variable.insert().values(key=sa.bindparam("key"), val=sa.bindparam("val")).returning(
    variable.c.key, variable.c.is_encrypted
)
_RENAME_TASK = (
    task_instance.update()
    .where(task_instance.c.id == sa.bindparam("ti_id", type_=task_instance.c.id.type))
    .values(state=sa.bindparam("state"), duration=sa.bindparam("duration", type_=task_instance.c.duration.type))
    .returning(task_instance.c.id, task_instance.c.state, task_instance.c.updated_at, task_instance.c.duration)
)


async def test_written_values_read_back_as_through_sqlalchemy(store: Store) -> None:
    conf = {"n": 1, "s": "café ✓", "l": [1, None, True], "d": {"x": []}}
    queued = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    row = await store.one(_INSERT_RUN, {"dag_id": "d", "run_id": "r1", "conf": conf, "queued_at": queued})
    assert row is not None
    assert (row.run_id, row.conf, row.state) == ("r1", conf, "queued")
    assert row.queued_at == queued and row.queued_at.tzinfo is UTC
    empty = await store.one(_INSERT_RUN, {"dag_id": "d", "run_id": "r2", "conf": None, "queued_at": queued})
    assert empty is not None and empty.conf is None
    async with store.read() as conn:
        stored = dict((await conn.execute(sa.select(dag_run.c.run_id, dag_run.c.conf))).all())
        nulls = (await conn.scalars(sa.select(dag_run.c.run_id).where(dag_run.c.conf.is_(None)))).all()
    assert stored == {"r1": conf, "r2": None}
    assert nulls == ["r2"]  # None is SQL NULL, not the JSON text null


async def test_column_defaults_and_onupdate_values_are_filled_in(store: Store) -> None:
    row = await store.one(_INSERT_VARIABLE, {"key": "k", "val": "v"})
    assert row is not None and (row.key, row.is_encrypted) == ("k", False)
    await store.one(_INSERT_RUN, {"dag_id": "d", "run_id": "r", "conf": None, "queued_at": datetime.now(UTC)})
    async with store.write() as conn:
        await conn.execute(task_instance.insert().values(
            id="0195f3a2-0000-7000-8000-000000000001", dag_id="d", task_id="t", run_id="r", map_index=-1,
            updated_at=datetime(2026, 1, 1, tzinfo=UTC)))
    before = datetime.now(UTC)
    changed = await store.one(_RENAME_TASK, {"ti_id": "0195f3a2-0000-7000-8000-000000000001", "state": "queued",
                                                "duration": 1.25})
    assert changed is not None
    assert changed.id == "0195f3a2-0000-7000-8000-000000000001"  # a UUID comes back as its string
    assert (changed.state, changed.duration) == ("queued", 1.25)
    assert changed.updated_at >= before - timedelta(seconds=1)  # the column's onupdate ran


async def test_nothing_returned_is_none_and_duplicates_raise_unique_violation(store: Store) -> None:
    assert await store.one(_RENAME_TASK, {"ti_id": "0195f3a2-0000-7000-8000-00000000000f", "state": "x",
                                      "duration": None}) is None
    await store.one(_INSERT_VARIABLE, {"key": "k", "val": "v"})
    with pytest.raises(UniqueViolation):
        await store.one(_INSERT_VARIABLE, {"key": "k", "val": "again"})
    assert await store.one(_INSERT_VARIABLE, {"key": "other", "val": "w"}) is not None  # the store goes on
    async with store.read() as conn:
        assert dict((await conn.execute(sa.select(variable.c.key, variable.c.val))).all()) == {"k": "v", "other": "w"}


def test_statements_that_need_sqlalchemy_at_run_time_are_refused() -> None:
    from sqlalchemy.dialects.postgresql import asyncpg

    expanding = sa.select(variable.c.key).where(variable.c.key.in_(sa.bindparam("keys", expanding=True)))
    with pytest.raises(ValueError, match="expanding"):
        prepare(expanding, asyncpg.dialect())


async def test_a_statement_cancelled_midway_leaves_no_connection_in_doubt(store_url: str) -> None:
    """A caller cancelled while its statement runs (a shutdown): the next statement runs at once on another
    connection instead of waiting behind (or reading the answer of) the cancelled one."""
    if not store_url.startswith("postgresql"):
        pytest.skip("the direct path is PostgreSQL's")
    import asyncio

    whose = sa.select(sa.func.pg_backend_pid().label("pid"))
    slow = sa.select(sa.func.pg_backend_pid().label("pid"), sa.func.pg_sleep(sa.bindparam("s")).label("slept"))
    store = await create_store(store_url)
    try:
        first = await store.one(whose, {})
        assert first is not None
        pending = asyncio.ensure_future(store.one(slow, {"s": 30}))
        await asyncio.sleep(0.3)
        pending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await pending
        after = await asyncio.wait_for(store.one(whose, {}), timeout=10)
        assert after is not None and after.pid != first.pid
    finally:
        await store.dispose()
