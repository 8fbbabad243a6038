"""Execution API fixtures: rows written straight into the store (no scheduler yet) and task tokens.

- ``db``: a :class:`~airgate.gateway.store.Store` on the app's database, for seeding and checking rows.
- ``task_tokens``: the app's task-token issuer (same secret as the gateway).
- ``seed_run(**fields)`` / ``seed_ti(**fields)``: insert a dag run / task instance (sensible defaults).
- ``auth(ti_id, scope="execution")``: request headers carrying a task token and the API version.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from airgate.gateway.auth.task_tokens import TaskTokens
from airgate.gateway.store import Store, create_store
from airgate.gateway.store.tables import dag_run, task_instance

VERSION = "2026-04-06"
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]


@pytest.fixture
async def db(client: httpx.AsyncClient, app: Litestar) -> AsyncIterator[Store]:
    store = await create_store(app.state.airgate.settings.sql_alchemy_conn)
    try:
        yield store
    finally:
        await store.dispose()


@pytest.fixture
def task_tokens(client: httpx.AsyncClient, app: Litestar) -> TaskTokens:
    return TaskTokens(app.state.airgate.settings.jwt_secret)


@pytest.fixture
def auth(task_tokens: TaskTokens) -> Callable[..., dict[str, str]]:
    def make(ti_id: str, scope: str = "execution") -> dict[str, str]:
        return {"Authorization": f"Bearer {task_tokens.issue(ti_id, scope)}", "Airflow-API-Version": VERSION}

    return make


def _dt(value: Any) -> Any:
    if isinstance(value, str):
        return datetime.fromisoformat(value).astimezone(UTC)
    return value


RUN_DATES = (
    "logical_date",
    "data_interval_start",
    "data_interval_end",
    "run_after",
    "start_date",
    "end_date",
)


@pytest.fixture
def seed_run(db: Store) -> SeedRun:
    async def seed(**fields: Any) -> None:
        values = {"run_type": "manual", "state": "running", "run_after": datetime.now(UTC), **fields}
        values.pop("consumed_asset_events", None)
        values = {k: (_dt(v) if k in RUN_DATES else v) for k, v in values.items()}
        async with db.write() as conn:
            found = await conn.scalar(
                sa.select(dag_run.c.id).where(
                    dag_run.c.dag_id == values["dag_id"], dag_run.c.run_id == values["run_id"]
                )
            )
            if found is None:
                await conn.execute(sa.insert(dag_run).values(**values))
            else:
                await conn.execute(sa.update(dag_run).where(dag_run.c.id == found).values(**values))

    return seed


@pytest.fixture
def seed_ti(db: Store) -> SeedTi:
    async def seed(**fields: Any) -> str:
        values = {
            "map_index": -1,
            "state": "queued",
            "try_number": 1,
            "max_tries": 0,
            "pool": "default_pool",
            **fields,
        }
        async with db.write() as conn:
            await conn.execute(sa.insert(task_instance).values(**values))
        return str(values["id"])

    return seed
