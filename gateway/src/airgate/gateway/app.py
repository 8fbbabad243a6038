"""The gateway application: routes for ``/api/v2``, ``/ui``, ``/auth``, error handling and lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Request, Response
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
)
from sqlalchemy.exc import DataError, StatementError

from airgate.gateway.api.registry import all_routes
from airgate.gateway.api.state import AppState
from airgate.gateway.api.validation import RequestValidationError, UnhandledInputError
from airgate.gateway.auth import TokenIssuer, UserDirectory
from airgate.gateway.auth.users import parse_users
from airgate.gateway.config import Settings
from airgate.gateway.errors import HTTPError
from airgate.gateway.store import migrate
from airgate.gateway.store.crypto import SecretBox
from airgate.gateway.store.engine import create_store, is_sqlite_memory
from airgate.gateway.store.migrate import check_revision
from airgate.gateway.store.urls import to_async_url
from airgate.gateway.ui import setup as ui_setup

log = logging.getLogger("airgate.gateway")

_JSON = "application/json"


def _json(status: int, body: bytes, headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(content=body, status_code=status, media_type=_JSON, headers=headers)


def _detail(status: int, detail: Any, headers: dict[str, str] | None = None) -> Response[bytes]:
    from airgate.gateway.api.routing import encode

    return _json(status, encode({"detail": detail}), headers)


def _on_http_error(_: Request[Any, Any, Any], exc: HTTPError) -> Response[bytes]:
    return _detail(exc.status, exc.detail, exc.headers)


def _on_validation(_: Request[Any, Any, Any], exc: RequestValidationError) -> Response[bytes]:
    return _detail(422, exc.errors)


def _on_unhandled_input(_: Request[Any, Any, Any], exc: UnhandledInputError) -> Response[bytes]:
    # Airflow itself crashes (500) on these inputs; Airgate answers 422 (docs/adr/0004-no-500s.md).
    return _detail(422, [{"type": "value_error", "loc": ["body"], "msg": str(exc), "input": None}])


def _on_database_value(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    """A value the database cannot hold (an integer out of range, a NUL in a string) is the client's input:
    a 422 rather than a 500 (docs/adr/0004-no-500s.md). Anything else stays an unexpected error."""
    if not _is_value_problem(exc):
        return _on_unexpected(request, exc)
    item = {"type": "value_error", "loc": ["body"], "input": None,
            "msg": "Value error, a value is outside what the database can store"}
    return _detail(422, [item])


def _is_value_problem(exc: BaseException) -> bool:
    """Whether the error chain holds an overflow or an SQL "data exception" (SQLSTATE class 22)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OverflowError | DataError):
            return True
        if str(getattr(current, "sqlstate", "") or "").startswith("22"):
            return True
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
    return False


def _on_litestar_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    if isinstance(exc, NotFoundException):
        if request.url.path.startswith(("/api/", "/ui/", "/execution/")):
            return _json(404, b'{"error":"API route not found"}' if request.url.path.startswith("/api/")
                         else b'{"detail":"Not Found"}')
        return _detail(404, "Not Found")
    if isinstance(exc, MethodNotAllowedException):
        allow = ", ".join(m.strip() for m in (exc.headers or {}).get("allow", "").split(",") if m.strip() != "OPTIONS")
        return _detail(405, "Method Not Allowed", {"allow": allow} if allow else None)
    if exc.status_code == 413:
        return _detail(413, "Request body is too large")
    return _detail(exc.status_code, exc.detail)


def _on_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _detail(500, "Internal Server Error")


async def _wake_scheduler(request: Request[Any, Any, Any]) -> None:
    """A write (a trigger, a task's state change) may make work ready: ask the scheduler for a pass now."""
    scope = request.scope
    if scope["method"] == "GET":
        return  # reads change nothing
    path = scope.get("root_path", "") + scope["path"]  # as request.url.path, without building the URL (~0.1 ms)
    if "/execution/" in path and not path.endswith(("/state", "/skip-downstream")):
        return  # heartbeats, XCom and rendered-field writes change no task state
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is not None:
        scheduler.wake(runs="/api/v2/" in path)


async def migrate_aside(url: str) -> None:
    """Bring the database at ``url`` to the newest schema without alembic entering this process's memory.

    A database already there is only checked (one query, no alembic). Otherwise ``airgate db migrate`` runs in
    a child process: alembic, its templates and the revision scripts cost a server ~19 MB it would keep until
    it exits (ADR 0018). An in-memory SQLite database, which a child cannot see, is migrated in place.
    """
    if is_sqlite_memory(to_async_url(url)):
        await migrate(url)
        return
    with contextlib.suppress(Exception):  # unreachable or unreadable: the child reports why
        if await check_revision(url) is None:
            return
    env = {**os.environ, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": url}
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "airgate.gateway.cli.main", "db", "migrate",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"the database migration failed (exit {child.returncode}):\n{stderr.decode(errors='replace')}")


def build_state(settings: Settings, announce: Callable[[str], None] | None = None) -> Callable[[Litestar], Any]:
    """A lifespan factory that opens the store and prepares users for ``settings``."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        store = await create_store(settings.sql_alchemy_conn)
        users = UserDirectory(
            parse_users(settings.simple_auth_manager_users),
            settings.simple_auth_manager_passwords_file,
            all_admins=settings.simple_auth_manager_all_admins,
        )
        users.ensure_passwords(announce if settings.print_admin_password else None)
        app.state.airgate = AppState(
            settings=settings,
            store=store,
            users=users,
            tokens=TokenIssuer(
                settings.jwt_secret,
                audience=settings.jwt_audience,
                expiration_s=settings.jwt_expiration_time,
                cli_expiration_s=settings.jwt_cli_expiration_time,
                leeway_s=settings.jwt_leeway,
            ),
            secrets=SecretBox(settings.fernet_key or None),
        )
        try:
            yield
        finally:
            await store.dispose()

    return lifespan


def create_app(
    settings: Settings,
    *,
    migrate_first: bool = False,
    announce: Callable[[str], None] | None = None,
    fetch_ui: bool | None = None,
    parse_dags: bool = False,
    run_scheduler: bool = False,
) -> Litestar:
    """The ASGI application for ``settings``. ``migrate_first`` upgrades the database on start (lite).

    ``fetch_ui`` downloads the UI assets when their cache is missing (default: as ``migrate_first``).
    ``parse_dags`` runs the DAG processor (registry) in the background for the app's lifetime.
    ``run_scheduler`` runs the scheduler too; writes through the API and the Execution API wake it.
    """
    lifespans: list[Any] = []
    if migrate_first:

        @asynccontextmanager
        async def migrating(_: Litestar) -> AsyncIterator[None]:
            await migrate_aside(settings.sql_alchemy_conn)
            yield

        lifespans.append(migrating)
    lifespans.append(build_state(settings, announce or (lambda line: print(line, file=sys.stderr, flush=True))))
    if parse_dags:
        from airgate.gateway.registry.lifespan import app_lifespan

        lifespans.append(app_lifespan(settings))
    if run_scheduler:
        from airgate.gateway.scheduler import scheduler_lifespan

        lifespans.append(scheduler_lifespan(settings))
    ui_fetch = migrate_first if fetch_ui is None else fetch_ui
    app = Litestar(
        route_handlers=[*all_routes(), *ui_setup.routes_for(settings, fetch=ui_fetch)],
        lifespan=lifespans,
        exception_handlers={
            HTTPError: _on_http_error,
            RequestValidationError: _on_validation,
            UnhandledInputError: _on_unhandled_input,
            StatementError: _on_database_value,
            OverflowError: _on_database_value,
            HTTPException: _on_litestar_http,
            Exception: _on_unexpected,
        },
        request_max_body_size=settings.max_body_size,
        after_response=_wake_scheduler if run_scheduler else None,
        openapi_config=None,
        debug=False,
    )
    app.asgi_handler = ui_setup.strip_base_path(app.asgi_handler, settings.base_path)
    return app
