"""Fixtures for the private UI API tests of the DAG list, grid, graph and dependencies: the registry test DAGs
plus ``ui/dags/ui_graph.py`` (groups, nested and mapped groups, setup/teardown, mapping, a label, an asset, a
trigger and a sensor),
registered from real files by the in-app DAG processor, and runs with task instances written into the store.

Import the fixtures in a test module with
``from ui_registered import app, dags_dir, settings_env, ui, runs  # noqa: F401``.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from test_dag import DAGS, app, settings_env, wait_for  # noqa: F401 - fixtures

from airgate.gateway.store import Store
from airgate.gateway.store.tables import asset, dag_run, dag_version, deadline, task_instance

UI_DAGS = Path(__file__).parent / "ui" / "dags"
T0 = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
REGISTERED = {"reg_simple", "reg_taskflow", "ui_graph", "ui_consumer", "ui_nested"}


def at(seconds: float) -> datetime:
    """T0 plus ``seconds``."""
    return T0 + timedelta(seconds=seconds)


def iso(value: datetime | None) -> str | None:
    """A datetime as the API writes it."""
    return None if value is None else value.isoformat().replace("+00:00", "Z")


@pytest.fixture
def dags_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    shutil.copytree(DAGS, folder)
    shutil.copy(UI_DAGS / "ui_graph.py", folder / "ui_graph.py")
    return folder


@pytest.fixture
async def ui(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> AsyncIterator[httpx.AsyncClient]:
    """The client, signed in as admin, once every test DAG is registered."""
    client.headers.update(tokens["admin"])

    async def registered() -> bool:
        body = (await client.get("/api/v2/dags", params={"exclude_stale": "false"})).json()
        return {d["dag_id"] for d in body["dags"]} >= REGISTERED

    await wait_for(client, registered)
    yield client


# (run_id, state, run_type, run_after offset, start offset, end offset or None)
RUNS: list[tuple[str, str, str, float, float | None, float | None]] = [
    ("r1", "success", "manual", 0, 1, 31),
    ("r2", "failed", "scheduled", 100, 101, 121),
    ("r3", "running", "manual", 200, 201, None),
]
# run_id → (task_id, map_index, state, start offset, end offset)
TIS: dict[str, list[tuple[str, int, str | None, float | None, float | None]]] = {
    "r1": [("start", -1, "success", 2, 3), ("grp.one", -1, "success", 3, 4), ("grp.two", -1, "success", 4, 6),
           ("create", -1, "success", 6, 7), ("work", -1, "success", 7, 8), ("delete", -1, "success", 8, 9),
           ("publish", 0, "success", 9, 10), ("publish", 1, "success", 9.5, 11), ("notify", -1, "success", 11, 12)],
    "r2": [("start", -1, "success", 102, 103), ("grp.one", -1, "failed", 103, 104),
           ("grp.two", -1, "upstream_failed", None, None), ("create", -1, "upstream_failed", None, None)],
    "r3": [("start", -1, "success", 202, 203), ("grp.one", -1, "running", 203, None), ("grp.two", -1, None, None, None)],
}


async def seed_runs(store: Store) -> str:
    """:data:`RUNS` of ``ui_graph`` with :data:`TIS` on its version 1 and a missed deadline on ``r2``;
    returns the version id."""
    async with store.write() as conn:
        version_id = await conn.scalar(sa.select(dag_version.c.id).where(dag_version.c.dag_id == "ui_graph",
                                                                        dag_version.c.version_number == 1))
        for run_id, state, run_type, after, start, end in RUNS:
            await conn.execute(sa.insert(dag_run).values(
                dag_id="ui_graph", run_id=run_id, state=state, run_type=run_type, run_after=at(after),
                queued_at=at(after), start_date=at(start) if start is not None else None,
                end_date=at(end) if end is not None else None, logical_date=at(after) if run_type == "scheduled"
                else None, conf={}, triggered_by="rest_api", created_dag_version_id=version_id))
            for n, (task_id, map_index, ti_state, ti_start, ti_end) in enumerate(TIS[run_id]):
                await conn.execute(sa.insert(task_instance).values(
                    id=f"01a20a65-0000-7000-8000-{len(run_id)}{run_id[-1]}{n:010d}", dag_id="ui_graph",
                    run_id=run_id, task_id=task_id, map_index=map_index, state=ti_state, try_number=1,
                    start_date=at(ti_start) if ti_start is not None else None,
                    end_date=at(ti_end) if ti_end is not None else None, pool="default_pool", pool_slots=1,
                    queue="default", priority_weight=1, dag_version_id=version_id))
        run_pk = await conn.scalar(sa.select(dag_run.c.id).where(dag_run.c.run_id == "r2"))
        await conn.execute(sa.insert(deadline).values(id="01a20a65-0000-7000-8000-00000000dead", dagrun_id=run_pk,
                                                      deadline_time=at(110), missed=True))
    return str(version_id)


@pytest.fixture
async def runs(ui: httpx.AsyncClient, app: Litestar) -> str:  # noqa: F811 - the imported fixture
    """:func:`seed_runs` done; the version id of ``ui_graph``."""
    return await seed_runs(app.state.airgate.store)




async def asset_id(app: Litestar) -> int:  # noqa: F811 - the imported fixture
    """The id the registry gave the ``ui_orders`` asset of the test file."""
    async with app.state.airgate.store.read() as conn:
        found = await conn.scalar(sa.select(asset.c.id).where(asset.c.name == "ui_orders"))
    assert found is not None, "the registry records the assets a DAG uses"
    return int(found)
