"""Prebuilt single statements run straight on asyncpg (PostgreSQL), bypassing SQLAlchemy's execution layer.

A task's few calls of the Execution API (start, rendered fields, XCom, end) are each one prebuilt statement
with named bind parameters. Through SQLAlchemy, a statement costs the gateway ~0.2-0.3 ms of Python (checking
a connection out of the pool with its events, the execution context, the result's metadata) for ~0.05 ms of
asyncpg. Here a statement is compiled once by SQLAlchemy's own asyncpg dialect — the same SQL text, the same
bind processors (JSON serialised, datetimes as the column types want them), the same ``onupdate`` values — and
run in autocommit on a connection of a small pool of plain asyncpg connections, its rows returned as named
tuples with SQLAlchemy's result processors applied.

Only what fits that is accepted: no ``IN`` lists expanded at run time, no Python-side defaults other than
plain values and callables; :func:`prepare` refuses the rest (a programming error, found by the tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import time
from collections import namedtuple
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement

from airgate.gateway.store.errors import UniqueViolation

POOL_SIZE = 8
"""Connections kept open (and the most in use at once); a ninth caller waits for one to come back."""
IDLE_PING_S = 10.0
"""A connection idle for this long is pinged before use (as the SQLAlchemy pool's ``_ping_when_idle``)."""
_PG_UNIQUE_VIOLATION = "23505"


@dataclass(frozen=True)
class Prepared:
    """One statement compiled for asyncpg: its SQL and how to turn named parameters into positional ones and
    driver rows into rows."""

    sql: str
    names: tuple[str, ...]
    binds: tuple[Callable[[Any], Any] | None, ...]
    defaults: dict[str, Any]
    prefetch: tuple[tuple[str, Callable[[Any], Any]], ...]
    results: tuple[Callable[[Any], Any] | None, ...]
    row: Callable[..., Any] | None

    def args(self, params: dict[str, Any]) -> list[Any]:
        """The positional arguments for ``params`` (missing ones: the statement's own values)."""
        values = {**self.defaults, **{name: fn(None) for name, fn in self.prefetch}, **params}
        return [value if bind is None else bind(value)
                for bind, value in zip(self.binds, (values[name] for name in self.names), strict=True)]

    def rows(self, records: list[Any]) -> list[Any]:
        """Driver records as named rows, with the result processors applied."""
        if self.row is None:
            return []
        results = self.results
        return [self.row(*(value if fn is None else fn(value) for fn, value in zip(results, record, strict=True)))
                for record in records]


_PREPARED: dict[int, tuple[ClauseElement, Prepared]] = {}
_PREPARED_MAX = 256


_FLOAT8, _NUMERIC = 701, 1700


def _type_code(type_: Any) -> int | None:
    """The PostgreSQL type a result column of ``type_`` arrives as, where the dialect's result processor
    depends on it (numbers: a ``Float`` column is ``double precision``, a ``Numeric`` one ``numeric``)."""
    if isinstance(type_, sa.Float):
        return _FLOAT8
    if isinstance(type_, sa.Numeric):
        return _NUMERIC
    return None


def _constant(value: Any, _context: Any) -> Any:
    return value


def prepare(statement: ClauseElement, dialect: Dialect) -> Prepared:
    """``statement`` compiled once for ``dialect`` (statements are long-lived: built once by their modules)."""
    known = _PREPARED.get(id(statement))
    if known is not None and known[0] is statement:
        return known[1]
    compiled: Any = statement.compile(dialect=dialect)
    if any(bind.expanding for bind in compiled.binds.values()):
        raise ValueError("a statement with expanding IN parameters cannot run directly")
    prefetch = []
    for column in (*compiled.insert_prefetch, *compiled.update_prefetch):
        default = column.onupdate if column in compiled.update_prefetch else column.default
        if default is not None and default.is_scalar:
            prefetch.append((column.key, functools.partial(_constant, default.arg)))
        elif default is not None and default.is_callable:
            prefetch.append((column.key, default.arg))
        else:
            raise ValueError(f"column {column.name}: only plain or callable defaults can run directly")
    names = tuple(compiled.positiontup or ())
    processors = compiled._bind_processors
    defaults = {name: bind.value for name, bind in compiled.binds.items()
                if not bind.required and bind.callable is None}
    columns = [entry[0] for entry in compiled._result_columns]
    results = tuple(entry[3]._cached_result_processor(dialect, _type_code(entry[3]))
                    for entry in compiled._result_columns)
    prepared = Prepared(
        sql=compiled.string,
        names=names,
        binds=tuple(processors.get(name) for name in names),
        defaults=defaults,
        prefetch=tuple(prefetch),
        results=results,
        row=namedtuple("Row", columns, rename=True) if columns else None,
    )
    _PREPARED[id(statement)] = (statement, prepared)
    while len(_PREPARED) > _PREPARED_MAX:  # statements are meant to be built once; a stray one is forgotten
        del _PREPARED[next(iter(_PREPARED))]
    return prepared


class DirectPool:
    """A few autocommit asyncpg connections for :meth:`Store.one`, opened on first use."""

    def __init__(self, connect_kwargs: dict[str, Any], dialect: Dialect, size: int = POOL_SIZE) -> None:
        self._kwargs, self.dialect = connect_kwargs, dialect
        self._idle: list[tuple[Any, float]] = []
        self._slots = asyncio.Semaphore(size)
        self._all: set[Any] = set()

    async def _open(self) -> Any:
        import asyncpg

        conn = await asyncpg.connect(**self._kwargs)
        decode = json.loads
        try:
            await conn.set_type_codec("json", encoder=str.encode, decoder=lambda raw: decode(raw.decode()),
                                      schema="pg_catalog", format="binary")
            await conn.set_type_codec("jsonb", encoder=lambda text: b"\x01" + text.encode(),
                                      decoder=lambda raw: decode(raw[1:].decode()), schema="pg_catalog",
                                      format="binary")
        except BaseException:
            conn.terminate()
            raise
        self._all.add(conn)
        return conn

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[Any]:
        import asyncpg

        async with self._slots:
            conn = None
            while self._idle and conn is None:
                conn, used = self._idle.pop()
                if conn.is_closed() or (time.monotonic() - used >= IDLE_PING_S and not await _alive(conn)):
                    self._discard(conn)
                    conn = None
            if conn is None:
                conn = await self._open()
            try:
                yield conn
            except asyncpg.PostgresError:  # the server refused the statement: the connection is fine
                self._release(conn)
                raise
            except BaseException:  # cancelled, or the connection broke: it is never handed out again
                self._discard(conn)
                raise
            self._release(conn)

    def _release(self, conn: Any) -> None:
        if conn.is_in_transaction() or conn.is_closed():  # never hand out a connection in doubt
            self._discard(conn)
        else:
            self._idle.append((conn, time.monotonic()))

    def _discard(self, conn: Any) -> None:
        self._all.discard(conn)
        conn.terminate()

    async def fetch(self, statement: ClauseElement, params: dict[str, Any]) -> list[Any]:
        """Run ``statement`` with ``params`` on its own (autocommit); the rows it returns."""
        import asyncpg

        prepared = prepare(statement, self.dialect)
        args = prepared.args(params)
        try:
            async with self._connection() as conn:
                records = await conn.fetch(prepared.sql, *args)
        except asyncpg.UniqueViolationError as exc:
            raise UniqueViolation(str(exc).strip().splitlines()[0]) from exc
        return prepared.rows(records)

    async def close(self) -> None:
        """Close every connection."""
        conns, self._idle = list(self._all), []
        self._all.clear()
        for conn in conns:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), timeout=5)


async def _alive(conn: Any) -> bool:
    try:
        await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=5)
    except Exception:
        return False
    return True


def connect_kwargs(engine_url: Any, dialect: Any) -> dict[str, Any]:
    """asyncpg's ``connect()`` arguments for the engine's URL, as the SQLAlchemy dialect derives them."""
    _, kwargs = dialect.create_connect_args(engine_url)
    for name in ("prepared_statement_cache_size", "prepared_statement_name_func", "async_creator_fn"):
        kwargs.pop(name, None)
    return dict(kwargs)
