"""SQLite for the async engine without a thread per connection.

``aiosqlite`` runs every call (cursor, execute, fetch, close, commit) in the connection's own thread and
hands the result back through the event loop: four or more thread hops per statement, each a wake-up of
the loop and a GIL hand-over. A statement on a local SQLite file takes microseconds, so the hops are most
of the cost (measured: a one-statement read transaction ~3 ms of CPU, far more wall time on a busy
machine). This module offers the same awaitable interface as an ``aiosqlite`` connection, but every call
runs the ``sqlite3`` call at once, on the loop's thread; SQLAlchemy's aiosqlite dialect drives it through
``async_creator`` (see ``docs/adr/0009-sqlite-calls-inline.md``). Waiting for another process's write
lock still obeys ``busy_timeout``; it then blocks the loop for that time, which is why writers of one
process are serialised by the store's own lock first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["InlineConnection", "connect"]


class _Cursor:
    """An ``aiosqlite.Cursor`` look-alike whose coroutines finish without suspending."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> _Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> _Cursor:
        if parameters is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> _Cursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany() if size is None else self._cursor.fetchmany(size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    def __aiter__(self) -> _Cursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row


class _Immediate:
    """Stands in for ``aiosqlite``'s request queue (``_tx``): SQLAlchemy's isolation-level setter puts
    ``(future, function)`` there; the function runs at once."""

    def put_nowait(self, item: tuple[Any, Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except BaseException as exc:  # handed to the awaiting caller, as aiosqlite does
            future.set_exception(exc)


class InlineConnection:
    """An ``aiosqlite.Connection`` look-alike over one ``sqlite3`` connection used on the loop's thread."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._connection: sqlite3.Connection | None = conn  # what SQLAlchemy checks before commit/rollback
        self._tx = _Immediate()

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: Any) -> None:
        self._conn.isolation_level = value

    def cursor(self) -> _Cursor:
        return _Cursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> _Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's forced terminate)."""
        if self._connection is not None:
            self._connection = None
            self._conn.close()


def connect(database: str, *, timeout: float, uri: bool = False) -> Callable[[], Any]:
    """An ``async_creator`` for :func:`sqlalchemy.ext.asyncio.create_async_engine`."""

    async def creator() -> InlineConnection:
        # check_same_thread off: the pool may close a connection from another thread at interpreter exit.
        return InlineConnection(sqlite3.connect(database, timeout=timeout, check_same_thread=False, uri=uri))

    return creator
