"""The async engine and the :class:`Store`: one transaction per ``read()`` / ``write()`` block.

SQLite (aiosqlite) runs in WAL mode with a busy timeout and foreign keys on; every write transaction starts
with ``BEGIN IMMEDIATE`` so concurrent writers queue on the database lock instead of failing (or losing
updates) when a deferred transaction tries to upgrade to a write. Reads use a plain deferred ``BEGIN``.
PostgreSQL runs through an asyncpg connection pool. Its reads and single-statement writes (``statement()``)
run in autocommit: under PostgreSQL's READ COMMITTED every statement reads its own snapshot anyway, and a
lone statement is atomic by itself, so ``BEGIN`` and ``COMMIT`` would only be two more round trips.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import weakref
from collections.abc import AsyncIterator, Iterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from airgate.gateway.store.direct import DirectPool, connect_kwargs
from airgate.gateway.store.errors import as_unique_violation
from airgate.gateway.store.urls import to_async_url

SQLITE_BUSY_TIMEOUT_MS = 30_000
IDLE_PING_S = 10.0
_BEGIN_OPTION = "airgate_sqlite_begin"
READ_ONLY_OPTION = "airgate_read_only"
"""Execution option marking a ``Store.read()`` connection on PostgreSQL (autocommit: a write there would not be
atomic with the block's other statements; the test suite fails any write made through one)."""


def is_sqlite_memory(async_url: str) -> bool:
    """Whether ``async_url`` names an in-memory SQLite database."""
    url = make_url(async_url)
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def make_engine(url: str, *, echo: bool = False, foreign_keys: bool = True) -> AsyncEngine:
    """Create the async engine for an Airflow-style or async database URL, configured for Airgate.

    ``foreign_keys=False`` is for migrations on SQLite (batch mode rebuilds tables, which must not cascade).
    """
    async_url = to_async_url(url)
    backend = make_url(async_url).get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(async_url, echo=echo, foreign_keys=foreign_keys)
    engine = create_async_engine(
        async_url,
        echo=echo,
        pool_size=32,
        max_overflow=16,
        pool_timeout=30,
        pool_recycle=1800,
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Pre-ping a pooled connection only when it sat idle for ``IDLE_PING_S``: a connection used a moment ago
    is alive, and a ping on every checkout is one more round trip per transaction. A failed ping makes the
    pool replace the connection (``DisconnectionError``), as ``pool_pre_ping`` does."""
    import time

    from sqlalchemy.exc import DisconnectionError

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["airgate_used"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        used = record.info.get("airgate_used")
        if used is None or time.monotonic() - used < IDLE_PING_S:
            return  # new (just connected) or used a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc
        if not alive:
            raise DisconnectionError("stale pooled connection")


def _sqlite_engine(async_url: str, *, echo: bool, foreign_keys: bool) -> AsyncEngine:
    kwargs: dict[str, Any] = {"echo": echo, "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if is_sqlite_memory(async_url):
        # One shared connection, or every connection would see its own empty database.
        kwargs.update(poolclass=StaticPool)
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        # Every Store block ends its transaction (and a closed Connection rolls back an open one), so the
        # pool's own rollback on check-in would only add a round trip to the driver thread per transaction.
        kwargs.update(pool_size=5, max_overflow=10, pool_timeout=60, pool_reset_on_return=None)
    url = make_url(async_url)
    if not url.query:  # sqlite3 calls on the loop's thread, not one aiosqlite thread hop per call
        from airgate.gateway.store import sqlite_inline  # here: a PostgreSQL process does not load sqlite3

        kwargs["async_creator"] = sqlite_inline.connect(url.database or ":memory:", timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    engine = create_async_engine(async_url, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take control of BEGIN away from the sqlite3 module (the SQLAlchemy recipe for pysqlite/aiosqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(_BEGIN_OPTION, "BEGIN"))

    return engine


async def begin_immediate(conn: AsyncConnection) -> None:
    """Mark ``conn`` (before its transaction starts) so that SQLite opens it with ``BEGIN IMMEDIATE``."""
    await conn.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"})


_FILE_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


@contextlib.contextmanager
def _unique_violations() -> Iterator[None]:
    """A unique-key failure raised inside surfaces as :class:`UniqueViolation`."""
    try:
        yield
    except IntegrityError as exc:
        violation = as_unique_violation(exc)
        if violation is not None:
            raise violation from exc
        raise


class Store:
    """The database: ``async with store.read() as conn`` / ``async with store.write() as conn``.

    Each block is ONE transaction on a SQLAlchemy :class:`AsyncConnection`, committed when the block ends and
    rolled back if it raises. A unique-key failure surfaces as
    :class:`~airgate.gateway.store.errors.UniqueViolation`. On SQLite, writes of this process are also
    serialised by an asyncio lock (do not nest ``write()`` blocks: that deadlocks); keep them short.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.dialect_name: str = engine.dialect.name
        self._sqlite = self.dialect_name == "sqlite"
        self._memory = self._sqlite and is_sqlite_memory(str(engine.url))
        self._write_lock = asyncio.Lock()
        # SQLite calls run on the loop's thread (see sqlite_inline): two stores of one process on one file
        # must not wait for each other's database lock there, so their writers share one asyncio lock.
        self._file = None if self._memory or not self._sqlite else os.path.abspath(str(engine.url.database))
        # PostgreSQL's autocommit views of the engine (same pool): reads, marked so, and lone statements
        self._reads = engine.execution_options(isolation_level="AUTOCOMMIT", **{READ_ONLY_OPTION: True})
        self._statements = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._direct: DirectPool | None = None
        if not self._sqlite:
            self._direct = DirectPool(connect_kwargs(engine.url, engine.dialect), engine.dialect)

    @property
    def engine(self) -> AsyncEngine:
        """The underlying engine (for tools such as migrations; services use read()/write())."""
        return self._engine

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A read transaction (deferred ``BEGIN`` on SQLite; autocommit statements on PostgreSQL)."""
        if self._memory:  # one shared connection: transactions must not interleave
            async with self._write_lock, self._transaction(write=False) as conn:
                yield conn
        elif self._sqlite:
            async with self._transaction(write=False) as conn:
                yield conn
        else:
            async with self._autocommit(self._reads) as conn:
                yield conn

    @contextlib.asynccontextmanager
    async def statement(self) -> AsyncIterator[AsyncConnection]:
        """A write of ONE statement (atomic by itself): autocommit on PostgreSQL, ``write()`` on SQLite."""
        if self._sqlite:
            async with self.write() as conn:
                yield conn
        else:
            async with self._autocommit(self._statements) as conn:
                yield conn

    async def one(self, statement: Any, params: dict[str, Any]) -> Any:
        """Run ONE prebuilt statement on its own (as ``statement()``); the first row it returns, or None.

        On PostgreSQL it goes straight to asyncpg (:mod:`airgate.gateway.store.direct`): for the few
        statements each task makes, the hot path of the Execution API."""
        if self._direct is None:
            async with self.statement() as conn:
                return (await conn.execute(statement, params)).first()
        rows = await self._direct.fetch(statement, params)
        return rows[0] if rows else None

    @contextlib.asynccontextmanager
    async def _autocommit(self, engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
        async with engine.connect() as conn:
            with _unique_violations():
                yield conn

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction (``BEGIN IMMEDIATE`` on SQLite)."""
        if self._sqlite:
            async with self._lock(), self._transaction(write=True) as conn:
                yield conn
        else:
            async with self._transaction(write=True) as conn:
                yield conn

    def _lock(self) -> asyncio.Lock:
        """The write lock: shared by the stores of this event loop on the same SQLite file."""
        if self._file is None:
            return self._write_lock
        locks = _FILE_LOCKS.setdefault(asyncio.get_running_loop(), {})
        return locks.setdefault(self._file, asyncio.Lock())

    @contextlib.asynccontextmanager
    async def _transaction(self, *, write: bool) -> AsyncIterator[AsyncConnection]:
        async with self._engine.connect() as conn:
            if write and self._sqlite:
                await begin_immediate(conn)
            with _unique_violations():
                async with conn.begin():
                    yield conn

    async def dispose(self) -> None:
        """Close every pooled connection."""
        if self._direct is not None:
            await self._direct.close()
        await self._engine.dispose()


async def create_store(url: str, *, echo: bool = False) -> Store:
    """Open the store for an Airflow-style (``sqlite:////path``, ``postgresql://``) or async URL.

    Connections are opened lazily; the schema is not created here (see ``migrate``).
    """
    return Store(make_engine(url, echo=echo))
