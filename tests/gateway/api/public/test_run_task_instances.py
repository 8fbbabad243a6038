"""A dag run's task instances exist from the moment the run is created, as in Airflow (``verify_integrity``):
a queued run — its DAG paused, or waiting for a slot — lists every task with no state and try number 0, a
mapped task over literals one instance per element, a mapped task over an upstream XCom (or over nothing) one
``map_index`` -1 placeholder; the scheduler then runs those same task instances. Triggered, scheduled,
backfill, asset-materialization and asset-triggered runs alike, against SQLite and PostgreSQL."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from asset_seed import ASSET_TIMETABLE, seed

from airgate.gateway.scheduler.asset_runs import create_asset_triggered_runs
from airgate.gateway.scheduler.dispatch import decide_runs, queue_ready
from airgate.gateway.scheduler.docs import DocCache
from airgate.gateway.scheduler.runs import create_scheduled_runs, start_queued_runs
from airgate.gateway.services.assets.events import create_event
from airgate.gateway.services.pools import ensure_default_pool
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag_run, task_instance

Tokens = dict[str, dict[str, str]]
OUT = {"__type": "asset", "name": "qt_out", "uri": "qt://out", "group": "asset", "extra": {}}
DAILY = {"type": "CronTriggerTimetable", "args": {"expression": "0 0 * * *", "timezone": "UTC", "interval": 0.0}}
XCOM = {"__type": "xcomarg", "task_id": "extract", "key": "return_value"}


def _task(task_id: str, up: list[str], down: list[str], **extra: Any) -> dict[str, Any]:
    return {"task_id": task_id, "upstream_task_ids": up, "downstream_task_ids": down, "retries": 0,
            "task_type": "BashOperator", "outlets": [], "inlets": [], **extra}


def _mapped(task_id: str, expand_input: Any, expand_type: str = "dict") -> dict[str, Any]:
    return _task(task_id, ["extract"], [], is_mapped=True, task_type="_PythonDecoratedOperator",
                 mapping={"expand_type": expand_type, "expand_input": expand_input})


TASKS = [
    _task("extract", [], ["double", "per_key", "per_kwargs", "per_row", "per_nothing"], retries=2, outlets=[OUT]),
    _mapped("double", {"x": [1, 2, 3]}),
    _mapped("per_key", {"x": {"a": 1, "b": 2}}),
    _mapped("per_kwargs", [{"x": 1}, {"x": 2}], "list"),
    _mapped("per_row", {"row": XCOM}),
    _mapped("per_nothing", {"x": []}),
]
DOCS = [
    {"dag_id": "qt", "tasks": TASKS, "timetable": DAILY, "timetable_summary": "0 0 * * *", "catchup": False,
     "start_date": "2024-01-01T00:00:00+00:00", "asset_expression": None},
    {"dag_id": "qt_fed", "tasks": [_task("use", [], [])], "timetable": ASSET_TIMETABLE, "timetable_summary": "Asset",
     "asset_expression": {"__type": "asset_all", "objects": [OUT]}},
]
# (task_id, map_index, state, try_number, max_tries) of a run that has not started
WAITING = [("double", 0, None, 0, 0), ("double", 1, None, 0, 0), ("double", 2, None, 0, 0),
           ("extract", -1, None, 0, 2), ("per_key", 0, None, 0, 0), ("per_key", 1, None, 0, 0),
           ("per_kwargs", 0, None, 0, 0), ("per_kwargs", 1, None, 0, 0), ("per_nothing", -1, None, 0, 0),
           ("per_row", -1, None, 0, 0)]


async def _listed(client: httpx.AsyncClient, tokens: Tokens, run_id: str,
                  dag_id: str = "qt") -> list[tuple[Any, ...]]:
    response = await client.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances", headers=tokens["admin"])
    assert response.status_code == 200, response.text
    body = response.json()
    rows = sorted(body["task_instances"], key=lambda t: (t["dag_run_id"], t["task_id"], t["map_index"]))
    assert body["total_entries"] == len(rows)
    return [(t["task_id"], t["map_index"], t["state"], t["try_number"], t["max_tries"]) for t in rows]


async def _pause(client: httpx.AsyncClient, tokens: Tokens, paused: bool) -> None:
    response = await client.patch("/api/v2/dags/qt", json={"is_paused": paused}, headers=tokens["admin"])
    assert response.status_code == 200, response.text


async def _scheduler_pass(store: Store) -> None:
    now = datetime.now(UTC) + timedelta(seconds=1)
    docs = DocCache()
    async with store.write() as conn:
        await ensure_default_pool(conn)
        await start_queued_runs(conn, now, docs)
        await decide_runs(conn, now, docs)
        await queue_ready(conn, now, 100, None)


async def _run_ids(store: Store, dag_id: str) -> list[str]:
    async with store.read() as conn:
        return list((await conn.scalars(sa.select(dag_run.c.run_id).where(dag_run.c.dag_id == dag_id)
                                        .order_by(dag_run.c.run_id))).all())


async def test_triggered_run_of_a_paused_dag_lists_its_task_instances_then_runs_them(
        client: httpx.AsyncClient, tokens: Tokens, store: Store) -> None:
    await seed(store, DOCS)
    await _pause(client, tokens, True)
    created = await client.post("/api/v2/dags/qt/dagRuns", json={"dag_run_id": "r1", "logical_date": None},
                                headers=tokens["admin"])
    assert created.status_code == 200 and created.json()["state"] == "queued"
    assert await _listed(client, tokens, "r1") == WAITING
    one = (await client.get("/api/v2/dags/qt/dagRuns/r1/taskInstances/extract", headers=tokens["admin"])).json()
    assert {k: one[k] for k in ("start_date", "end_date", "duration", "hostname", "unixname", "pid", "queued_when",
                                "scheduled_when", "operator", "pool", "queue")} == {
        "start_date": None, "end_date": None, "duration": None, "hostname": "", "unixname": getpass.getuser(),
        "pid": None, "queued_when": None, "scheduled_when": None, "operator": "BashOperator", "pool": "default_pool",
        "queue": "default"}
    assert one["dag_version"]["version_number"] == 1
    grid = await client.get("/ui/grid/ti_summaries/qt", params={"run_ids": "r1"}, headers=tokens["admin"])
    [line] = [json.loads(x) for x in grid.text.splitlines() if x]
    assert {(t["task_id"], t["state"]) for t in line["task_instances"]} == {(t, None) for t, *_ in WAITING}

    await _scheduler_pass(store)  # paused: nothing starts
    assert await _listed(client, tokens, "r1") == WAITING
    await _pause(client, tokens, False)
    await _scheduler_pass(store)
    listed = await _listed(client, tokens, "r1")
    assert listed == [("extract", -1, "queued", 1, 2) if row[0] == "extract" else row for row in WAITING]
    again = (await client.get("/api/v2/dags/qt/dagRuns/r1/taskInstances/extract", headers=tokens["admin"])).json()
    assert again["id"] == one["id"]  # the same task instance runs


async def test_scheduled_backfill_and_asset_runs_have_their_task_instances(
        client: httpx.AsyncClient, tokens: Tokens, store: Store) -> None:
    ids = await seed(store, DOCS)
    async with store.write() as conn:
        assert await create_scheduled_runs(conn, datetime.now(UTC), None) == 1
    [scheduled] = await _run_ids(store, "qt")
    assert scheduled.startswith("scheduled__")
    assert await _listed(client, tokens, scheduled) == WAITING

    body = {"dag_id": "qt", "from_date": "2024-03-01T00:00:00Z", "to_date": "2024-03-02T00:00:00Z"}
    dry = await client.post("/api/v2/backfills/dry_run", json=body, headers=tokens["admin"])
    assert dry.status_code == 200 and dry.json()["total_entries"] == 2
    assert await _run_ids(store, "qt") == [scheduled]  # a dry run creates nothing
    assert (await client.post("/api/v2/backfills", json=body, headers=tokens["admin"])).status_code == 200
    backfilled = [r for r in await _run_ids(store, "qt") if r.startswith("backfill__")]
    assert len(backfilled) == 2
    for run_id in backfilled:
        assert await _listed(client, tokens, run_id) == WAITING

    materialized = await client.post(f"/api/v2/assets/{ids['qt_out']}/materialize", headers=tokens["admin"])
    assert materialized.status_code == 200, materialized.text
    assert await _listed(client, tokens, materialized.json()["dag_run_id"]) == WAITING

    async with store.write() as conn:
        await create_event(conn, ids["qt_out"], None, None)
        assert await create_asset_triggered_runs(conn, datetime.now(UTC), None) == 1
    [fed] = await _run_ids(store, "qt_fed")
    assert await _listed(client, tokens, fed, "qt_fed") == [("use", -1, None, 0, 0)]
    async with store.read() as conn:  # every run is still queued: nothing has started them
        states = set((await conn.scalars(sa.select(dag_run.c.state))).all())
        total = await conn.scalar(sa.select(sa.func.count()).select_from(task_instance))
    assert states == {"queued"}
    assert total == 4 * len(WAITING) + 1  # scheduled, two backfill, materialized; the asset-triggered one


async def test_clear_mark_and_delete_a_queued_run_act_on_its_task_instances(
        client: httpx.AsyncClient, tokens: Tokens, store: Store) -> None:
    await seed(store, DOCS)
    await _pause(client, tokens, True)
    for run_id in ("r1", "r2", "r3"):
        response = await client.post("/api/v2/dags/qt/dagRuns", json={"dag_run_id": run_id, "logical_date": None},
                                     headers=tokens["admin"])
        assert response.status_code == 200
    url = "/api/v2/dags/qt/dagRuns"
    dry = (await client.post(f"{url}/r1/clear", json={"dry_run": True}, headers=tokens["admin"])).json()
    assert [(t["task_id"], t["map_index"], t["state"], t["try_number"], t["max_tries"])
            for t in dry["task_instances"]] == WAITING
    assert dry["total_entries"] == len(WAITING)
    cleared = await client.post(f"{url}/r1/clear", json={"dry_run": False}, headers=tokens["admin"])
    assert cleared.status_code == 200 and cleared.json()["state"] == "queued"
    assert await _listed(client, tokens, "r1") == WAITING

    failed = await client.patch(f"{url}/r2", json={"state": "failed"}, headers=tokens["admin"])
    assert failed.status_code == 200 and failed.json()["state"] == "failed"
    assert await _listed(client, tokens, "r2") == [(t, i, "skipped", 0, m) for t, i, _, _, m in WAITING]
    succeeded = await client.patch(f"{url}/r3", json={"state": "success"}, headers=tokens["admin"])
    assert succeeded.status_code == 200
    assert await _listed(client, tokens, "r3") == [(t, i, "success", 0, m) for t, i, _, _, m in WAITING]

    assert (await client.delete(f"{url}/r1", headers=tokens["admin"])).status_code == 204
    async with store.read() as conn:
        left = set((await conn.scalars(sa.select(task_instance.c.run_id))).all())
    assert left == {"r2", "r3"}


DATED = [
    {"dag_id": "qt_dated", "timetable": DAILY, "timetable_summary": "0 0 * * *", "catchup": False,
     "start_date": "2024-01-01T00:00:00+00:00", "asset_expression": None,
     "tasks": [_task("always", [], []),
               _task("later", [], [], start_date="2024-06-01T00:00:00+00:00"),
               _task("retired", [], [], end_date="2024-03-01T00:00:00+00:00")]},
]


async def test_tasks_outside_their_own_dates_get_no_task_instance(
        client: httpx.AsyncClient, tokens: Tokens, store: Store) -> None:
    """As Airflow: a run whose logical date is before a task's start_date, or after its end_date, has no task
    instance of that task; a run without a logical date, and a backfill, have every task."""
    await seed(store, DATED)

    async def tasks_of(run_id: str) -> list[str]:
        return [row[0] for row in await _listed(client, tokens, run_id, "qt_dated")]

    for run_id, logical_date in (("early", "2024-02-01T00:00:00Z"), ("middle", "2024-04-01T00:00:00Z"),
                                 ("late", "2024-07-01T00:00:00Z"), ("undated", None)):
        response = await client.post("/api/v2/dags/qt_dated/dagRuns",
                                     json={"dag_run_id": run_id, "logical_date": logical_date},
                                     headers=tokens["admin"])
        assert response.status_code == 200, response.text
    assert await tasks_of("early") == ["always", "retired"]
    assert await tasks_of("middle") == ["always"]
    assert await tasks_of("late") == ["always", "later"]
    assert await tasks_of("undated") == ["always", "later", "retired"]

    body = {"dag_id": "qt_dated", "from_date": "2024-02-02T00:00:00Z", "to_date": "2024-02-02T00:00:00Z"}
    assert (await client.post("/api/v2/backfills", json=body, headers=tokens["admin"])).status_code == 200
    [backfilled] = [r for r in await _run_ids(store, "qt_dated") if r.startswith("backfill__")]
    assert await tasks_of(backfilled) == ["always", "later", "retired"]


def _group(group_id: str, task_ids: list[str], expand_input: Any, parent: str | None = None) -> dict[str, Any]:
    return {"group_id": group_id, "parent_group_id": parent, "is_mapped": True, "task_ids": task_ids,
            "mapping": {"expand_type": "dict", "expand_input": expand_input}}


GROUPED = [
    {"dag_id": "qt_grouped", "timetable": None, "timetable_summary": None, "catchup": False,
     "asset_expression": None,
     "tasks": [_task("extract", [], ["lit.add", "xcom.add"]),
               _task("lit.add", ["extract"], ["lit.double"], task_group_id="lit"),
               _task("lit.double", ["lit.add"], [], task_group_id="lit"),
               _task("xcom.add", ["extract"], [], task_group_id="xcom"),
               _task("empty.add", [], [], task_group_id="empty")],
     "task_groups": [_group("lit", ["lit.add", "lit.double"], {"x": [1, 2], "y": {"a": 1, "b": 2, "c": 3}}),
                     _group("xcom", ["xcom.add"], {"x": XCOM}),
                     _group("empty", ["empty.add"], {"x": []})]},
]


async def test_members_of_a_task_group_mapped_over_literals_have_their_instances_with_the_run(
        client: httpx.AsyncClient, tokens: Tokens, store: Store) -> None:
    """As Airflow (``get_mapped_ti_count`` of a task in a mapped group): a group mapped over literals gives each
    of its tasks one instance per element of the expansion (here 2 x 3) when the run is created; a group over an
    upstream XCom, or over nothing, a -1 placeholder until the scheduler knows its length."""
    await seed(store, GROUPED)
    response = await client.post("/api/v2/dags/qt_grouped/dagRuns", json={"dag_run_id": "g", "logical_date": None},
                                 headers=tokens["admin"])
    assert response.status_code == 200, response.text
    listed = await _listed(client, tokens, "g", "qt_grouped")
    assert [(task_id, index) for task_id, index, *_ in listed] == [
        ("empty.add", -1), ("extract", -1), *[("lit.add", i) for i in range(6)],
        *[("lit.double", i) for i in range(6)], ("xcom.add", -1)]
    assert {state for _, _, state, *_ in listed} == {None}
