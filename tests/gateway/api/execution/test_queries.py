"""Questions a task asks about other task instances and its DAG; event-log rows a task's start and end leave."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import httpx
import sqlalchemy as sa

from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag, dag_tag, log

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]


async def _seed(seed_run: SeedRun, seed_ti: SeedTi) -> None:
    await seed_run(dag_id="q", run_id="r1", logical_date="2026-01-01T00:00:00Z")
    await seed_run(dag_id="q", run_id="r2", logical_date="2026-01-02T00:00:00Z")
    rows = [
        ("r1", "a", -1, "success"),
        ("r1", "g.x", -1, "failed"),
        ("r1", "m", 0, "success"),
        ("r1", "m", 1, None),
        ("r2", "a", -1, "running"),
        ("r2", "g.x", -1, None),
    ]
    for run_id, task_id, index, state in rows:
        await seed_ti(
            id=str(uuid.uuid4()),
            dag_id="q",
            run_id=run_id,
            task_id=task_id,
            map_index=index,
            state=state,
            operator="EmptyOperator",
            duration=1.5 if state == "success" else None,
        )


async def test_counts_states_previous_breadcrumbs(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi
) -> None:
    await _seed(seed_run, seed_ti)
    h = auth("ti")
    count = "/execution/task-instances/count"
    assert (await client.get(count, params={"dag_id": "q"}, headers=h)).json() == 6
    assert (await client.get(count, params=[("dag_id", "q"), ("states", "null")], headers=h)).json() == 2
    assert (
        await client.get(count, params=[("dag_id", "q"), ("states", "null"), ("states", "failed")], headers=h)
    ).json() == 3
    assert (await client.get(count, params={"dag_id": "q", "task_group_id": "g"}, headers=h)).json() == 2
    assert (
        await client.get(count, params={"dag_id": "q", "logical_dates": "2026-01-02T00:00:00Z"}, headers=h)
    ).json() == 2
    states = await client.get(
        "/execution/task-instances/states", params={"dag_id": "q", "run_ids": "r1"}, headers=h
    )
    assert states.json() == {
        "task_states": {"r1": {"a": "success", "g.x": "failed", "m_0": "success", "m_1": None}}
    }
    previous = await client.get(
        "/execution/task-instances/previous/q/a", params={"logical_date": "2026-01-02T00:00:00Z"}, headers=h
    )
    assert previous.json() == {
        "task_id": "a",
        "dag_id": "q",
        "run_id": "r1",
        "logical_date": "2026-01-01T00:00:00Z",
        "start_date": None,
        "end_date": None,
        "state": "success",
        "try_number": 1,
        "map_index": -1,
        "duration": 1.5,
    }
    latest = await client.get("/execution/task-instances/previous/q/a", headers=h)
    assert latest.json()["run_id"] == "r2"
    none = await client.get("/execution/task-instances/previous/q/a", params={"state": "failed"}, headers=h)
    assert (none.status_code, none.json()) == (200, None)
    crumbs = await client.get(
        "/execution/task-instances/breadcrumbs", params={"dag_id": "q", "run_id": "r1"}, headers=h
    )
    assert crumbs.json() == {
        "breadcrumbs": [
            {
                "task_id": "a",
                "map_index": -1,
                "state": "success",
                "operator": "EmptyOperator",
                "duration": 1.5,
            },
            {
                "task_id": "g.x",
                "map_index": -1,
                "state": "failed",
                "operator": "EmptyOperator",
                "duration": None,
            },
            {
                "task_id": "m",
                "map_index": 0,
                "state": "success",
                "operator": "EmptyOperator",
                "duration": 1.5,
            },
        ]
    }


async def test_get_dag(client: httpx.AsyncClient, auth: Auth, db: Store) -> None:
    async with db.write() as conn:
        await conn.execute(
            sa.insert(dag).values(
                dag_id="d1",
                is_paused=False,
                owners="ops",
                bundle_name="dags-folder",
                relative_fileloc="d1.py",
            )
        )
        await conn.execute(
            sa.insert(dag_tag).values([{"dag_id": "d1", "name": "z"}, {"dag_id": "d1", "name": "a"}])
        )
    got = await client.get("/execution/dags/d1", headers=auth("ti"))
    assert got.json() == {
        "dag_id": "d1",
        "is_paused": False,
        "bundle_name": "dags-folder",
        "bundle_version": None,
        "relative_fileloc": "d1.py",
        "owners": "ops",
        "tags": ["a", "z"],
        "next_dagrun": None,
    }
    missing = await client.get("/execution/dags/nope", headers=auth("ti"))
    assert (missing.status_code, missing.json()) == (
        404,
        {"detail": {"reason": "not_found", "message": "The Dag with dag_id: `nope` was not found"}},
    )


async def test_start_and_end_are_in_the_event_log(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi, db: Store
) -> None:
    await seed_run(dag_id="q", run_id="r1")
    ti = await seed_ti(id=str(uuid.uuid4()), dag_id="q", run_id="r1", task_id="a")
    start = {
        "state": "running",
        "hostname": "h1",
        "unixname": "u",
        "pid": 5,
        "start_date": "2026-01-01T00:00:00Z",
    }
    assert (
        await client.patch(f"/execution/task-instances/{ti}/run", json=start, headers=auth(ti, "workload"))
    ).status_code == 200
    end = {"state": "failed", "end_date": "2026-01-01T00:00:03Z"}
    assert (
        await client.patch(f"/execution/task-instances/{ti}/state", json=end, headers=auth(ti))
    ).status_code == 204
    async with db.read() as conn:
        rows = (
            await conn.execute(
                sa.select(log.c.event, log.c.task_id, log.c.try_number, log.c.extra).order_by(log.c.id)
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("running", "a", 1, '{"host_name": "h1"}'),
        ("failed", "a", 1, '{"host_name": "h1"}'),
    ]
