"""Fixtures every API test uses: settings, a migrated app, an HTTP client over it, tokens per role, assertions.

- ``settings``: AIRFLOW_HOME in ``tmp_path``, the database at ``store_url`` (SQLite and PostgreSQL), users
  ``admin:admin,op:op,user:user,viewer:viewer``, ``[api] expose_config = True``.
- ``app``: the gateway for ``settings`` over a migrated database.
- ``client``: an ``httpx.AsyncClient`` over the ASGI app, on the test's event loop, with the app's lifespan
  running; redirects are not followed. ``app.state.airgate.store`` may be used directly to seed data.
- ``tokens``: role name → ``{"Authorization": "Bearer <jwt>"}``, obtained through ``POST /auth/token`` with the
  generated passwords (``tokens["admin"]``, ``tokens["op"]``, ``tokens["user"]``, ``tokens["viewer"]``).
- ``passwords``: username → generated password.
- ``make_client``: ``async with make_client(AIRFLOW__API__EXPOSE_CONFIG="False") as c:`` — another app on the
  same database with some settings changed (environment-variable names).
- ``assert_json(response, status, body)``: the whole JSON body, with :data:`ANY` / :class:`Timestamp` allowed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from airgate.gateway.app import create_app
from airgate.gateway.config import Settings, load_settings
from airgate.gateway.store import Store

USERS = "admin:admin,op:op,user:user,viewer:viewer"
ROLES = ("admin", "op", "user", "viewer")
BASE_URL = "http://testserver.local"


def _env(tmp_path: Path, store_url: str, **overrides: str) -> dict[str, str]:
    env = {
        "AIRFLOW_HOME": str(tmp_path / "airflow_home"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": store_url,
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": USERS,
        "AIRFLOW__API__EXPOSE_CONFIG": "True",
        "AIRFLOW__AIRGATE__PRINT_ADMIN_PASSWORD": "False",
    }
    env.update(overrides)
    return env


@asynccontextmanager
async def _running(app: Litestar) -> AsyncIterator[None]:
    """The app's lifespan, entered and left in one task of its own (anyio scopes must not change task;
    pytest-asyncio sets a fixture up and tears it down in different tasks)."""
    started, stop = asyncio.Event(), asyncio.Event()

    async def run() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(run())
    waiter = asyncio.create_task(started.wait())
    await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        waiter.cancel()
        task.result()  # start-up failed: raise its error
    try:
        yield
    finally:
        stop.set()
        await task


@asynccontextmanager
async def _serve(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    # The app runs on the test's own event loop (not in a portal thread as litestar's test client does), so a
    # test may also use ``app.state.airgate.store`` directly without sharing pooled connections across loops.
    async with _running(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
        base_url=BASE_URL,
        follow_redirects=False,
    ) as http:
        yield http


@pytest.fixture
def settings_env(tmp_path: Path, store_url: str) -> dict[str, str]:
    """The environment ``settings`` is read from (Airflow's variable names)."""
    return _env(tmp_path, store_url)


@pytest.fixture
def settings(settings_env: dict[str, str]) -> Settings:
    """Settings of the app under test."""
    return load_settings(settings_env)


@pytest.fixture
async def app(settings: Settings, store: Store) -> Litestar:
    """The gateway over a freshly migrated database (``store`` clones it from a migrated template)."""
    return create_app(settings)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client over ``app`` with its lifespan running."""
    async with _serve(app) as test_client:
        yield test_client


@pytest.fixture
def passwords(client: httpx.AsyncClient, settings: Settings) -> dict[str, str]:
    """The generated passwords (written when the app started)."""
    data: dict[str, str] = json.loads(Path(settings.simple_auth_manager_passwords_file).read_text())
    return data


@pytest.fixture
async def tokens(client: httpx.AsyncClient, passwords: dict[str, str]) -> dict[str, dict[str, str]]:
    """Role → Authorization header of a user with that role, from ``POST /auth/token``."""
    headers = {}
    for role in ROLES:
        response = await client.post("/auth/token", json={"username": role, "password": passwords[role]})
        assert response.status_code == 201, response.text
        headers[role] = {"Authorization": f"Bearer {response.json()['access_token']}"}
    return headers


@pytest.fixture
def make_client(
    tmp_path: Path, store_url: str, app: Litestar
) -> Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]:
    """Another app on the same (migrated) database and AIRFLOW_HOME, with some settings overridden."""

    @asynccontextmanager
    async def make(**overrides: str) -> AsyncIterator[httpx.AsyncClient]:
        other = create_app(load_settings(_env(tmp_path, store_url, **overrides)))
        async with _serve(other) as test_client:
            yield test_client

    return make


def _assert_json(response: httpx.Response, status: int, body: Any) -> None:
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    assert response.headers.get("content-type", "").startswith("application/json"), response.headers
    assert response.json() == body


@pytest.fixture
def assert_json() -> Callable[[httpx.Response, int, Any], None]:
    """``assert_json(response, status, body)``: status, JSON content type and the whole body."""
    return _assert_json
