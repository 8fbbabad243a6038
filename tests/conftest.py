"""Shared database fixtures: every store and API test runs on SQLite and on PostgreSQL.

``store_url`` gives an Airflow-form database URL (``sqlite:////tmp/.../airgate.db`` or
``postgresql://postgres@127.0.0.1:5432/airgate_t_<random>``) of a fresh database made for the test (the
PostgreSQL one is dropped after it). Where PostgreSQL is unreachable its half is skipped with the reason,
except under ``CI=true``, where it fails. ``store`` is a migrated, ready ``Store`` on that URL.

Speed: when a test asks for ``store``, its database is cloned from a template migrated once per session
(PostgreSQL ``CREATE DATABASE ... TEMPLATE``, a file copy for SQLite) instead of being migrated each time;
a test that asks only for ``store_url`` gets an empty database.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

import asyncpg
import pytest

from airgate.gateway.store import Store, create_store, migrate

PG_HOST = os.environ.get("AIRGATE_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("AIRGATE_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("AIRGATE_TEST_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("AIRGATE_TEST_PG_ADMIN_DB", "postgres")


def _pg_url(name: str) -> str:
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def _unreachable(exc: BaseException) -> NoReturn:
    reason = f"PostgreSQL not reachable at {PG_USER}@{PG_HOST}:{PG_PORT} ({type(exc).__name__}: {exc})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires it", pytrace=False)
    pytest.skip(reason)


async def _pg_execute(sql: str) -> None:
    """Run one administrative statement (CREATE/DROP DATABASE) on the server."""
    try:
        admin = await asyncpg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB, timeout=5
        )
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        _unreachable(exc)  # raises: pytest's skip (or fail under CI)
    try:
        await admin.execute(sql)
    finally:
        await admin.close()


def _run_in_thread(coro: Coroutine[Any, Any, None]) -> None:
    """Run ``coro`` to completion on a private event loop (callable from inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coro).result()


class _Templates:
    """Databases migrated once per session, cloned for each test that wants a ready store."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = threading.Lock()
        self._sqlite: Path | None = None
        self.pg_name: str | None = None

    def sqlite(self) -> Path:
        with self._lock:
            if self._sqlite is None:
                path = self._folder / "template.db"
                _run_in_thread(migrate(f"sqlite:///{path}"))
                self._sqlite = path
            return self._sqlite

    def pg(self) -> str:
        with self._lock:
            if self.pg_name is None:
                name = f"airgate_tpl_{secrets.token_hex(6)}"
                _run_in_thread(_pg_execute(f'CREATE DATABASE "{name}"'))
                self.pg_name = name
                _run_in_thread(migrate(_pg_url(name)))
            return self.pg_name


@pytest.fixture(scope="session")
def _db_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    templates = _Templates(tmp_path_factory.mktemp("airgate-template"))
    yield templates
    if templates.pg_name is not None:
        _run_in_thread(_pg_execute(f'DROP DATABASE IF EXISTS "{templates.pg_name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_url(
    request: pytest.FixtureRequest, tmp_path: Path, _db_templates: _Templates
) -> AsyncIterator[str]:
    """An Airflow-form URL of a fresh database, for each of the two supported databases."""
    ready = "store" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "airgate.db"
        if ready:
            shutil.copyfile(_db_templates.sqlite(), path)
        yield f"sqlite:///{path}"
        return
    name = f"airgate_t_{secrets.token_hex(6)}"
    template = f' TEMPLATE "{_db_templates.pg()}"' if ready else ""
    await _pg_execute(f'CREATE DATABASE "{name}"{template}')
    try:
        yield _pg_url(name)
    finally:
        await _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    """A migrated :class:`Store` on ``store_url``, disposed after the test."""
    await migrate(store_url)  # a quick no-op on a cloned template; keeps the fixture honest
    opened = await create_store(store_url)
    try:
        yield opened
    finally:
        await opened.dispose()


_EXIT_GRACE_S = 120.0
_exit_status: list[int] = [0]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status[0] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """A run that has finished must end: if something (a non-daemon thread, an atexit hook) keeps the
    interpreter alive long after the last test, say what it is and exit with the run's status."""

    def watchdog() -> None:
        time.sleep(_EXIT_GRACE_S)
        alive = Counter(re.sub(r"\d+", "N", t.name) for t in threading.enumerate()
                        if t is not threading.current_thread())
        sys.stderr.write(f"pytest: still alive {_EXIT_GRACE_S:.0f} s after the run ended; exiting with the run's "
                         f"status; threads by name: {dict(alive)}\n")
        sys.stderr.flush()
        os._exit(_exit_status[0])

    threading.Thread(target=watchdog, name="exit-watchdog", daemon=True).start()


@pytest.fixture(autouse=True, scope="session")
def _reads_never_write() -> Iterator[None]:
    """Fail any INSERT/UPDATE/DELETE or ``FOR UPDATE`` sent through a ``Store.read()`` connection: on PostgreSQL
    those run in autocommit, so a write there would not be atomic with the rest of its block and a row lock
    would end with its statement."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from airgate.gateway.store.engine import READ_ONLY_OPTION

    def check(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY_OPTION) and (
            statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE") or "FOR UPDATE" in statement
        ):
            raise AssertionError(f"a write or a row lock through Store.read(): {statement[:200]}")

    event.listen(Engine, "before_cursor_execute", check)
    yield
    event.remove(Engine, "before_cursor_execute", check)

