"""``max_consecutive_failed_dag_runs`` on SQLite and PostgreSQL: a DAG is paused when its newest N runs (by
``run_after``) all failed; fewer runs, a success among them, or 0 never pause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from airgate.gateway.scheduler.autopause import pause_after_failures
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_run

DAY = datetime(2026, 1, 1, tzinfo=UTC)


async def seed(store: Store, limit: int, states: list[str]) -> None:
    """Runs of DAG ``d``, oldest first."""
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="d", bundle_name="dags-folder", is_paused=False,
                                                 is_stale=False, max_consecutive_failed_dag_runs=limit))
        for i, state in enumerate(states):
            await conn.execute(sa.insert(dag_run).values(dag_id="d", run_id=f"r{i}", run_type="manual", state=state,
                                                         run_after=DAY + timedelta(hours=i)))


async def pause(store: Store) -> tuple[bool, bool]:
    async with store.write() as conn:
        paused = await pause_after_failures(conn, "d")
        return paused, bool(await conn.scalar(sa.select(dag.c.is_paused).where(dag.c.dag_id == "d")))


@pytest.mark.parametrize(("limit", "states", "expected"), [
    (2, ["success", "failed", "failed"], True),
    (3, ["success", "failed", "failed"], False),  # a success among the newest three
    (3, ["failed", "failed"], False),  # fewer runs than the limit
    (0, ["failed", "failed"], False),  # 0: never
    (2, ["failed", "failed", "running"], False),  # the newest run has not failed
    (1, ["success", "failed"], True),
])
async def test_the_newest_runs_decide(store: Store, limit: int, states: list[str], expected: bool) -> None:
    await seed(store, limit, states)
    assert await pause(store) == (expected, expected)
