"""Asset-triggered runs: queued asset events → an ``asset_triggered`` run once the DAG's condition holds, with
the consumed events linked and the queue entries used removed (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from asset_seed import seed

from airgate.gateway.scheduler.asset_runs import create_asset_triggered_runs
from airgate.gateway.services.assets.events import create_event
from airgate.gateway.services.dag_run_actions import upstream_asset_events
from airgate.gateway.store import Store
from airgate.gateway.store.tables import asset_alias_asset, asset_dag_run_queue, dag, dag_run


async def _emit(store: Store, asset_id: int) -> int:
    async with store.write() as conn:
        return int((await create_event(conn, asset_id, None, None))["id"])


async def _schedule(store: Store) -> int:
    async with store.write() as conn:
        return await create_asset_triggered_runs(conn, datetime.now(UTC), None)


async def _runs(store: Store, dag_id: str) -> list[dict[str, Any]]:
    async with store.read() as conn:
        rows = await conn.execute(sa.select(dag_run).where(dag_run.c.dag_id == dag_id).order_by(dag_run.c.id))
        return [dict(r) for r in rows.mappings()]


async def _queue(store: Store) -> list[tuple[str, int]]:
    async with store.read() as conn:
        rows = await conn.execute(sa.select(asset_dag_run_queue.c.target_dag_id, asset_dag_run_queue.c.asset_id)
                                  .order_by(asset_dag_run_queue.c.target_dag_id, asset_dag_run_queue.c.asset_id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_all_condition_waits_for_every_asset_then_consumes(store: Store) -> None:
    ids = await seed(store)
    one, two = ids["s3://b/one"], ids["two"]
    first = await _emit(store, one)
    assert await _schedule(store) == 0  # ap_consumer needs one AND two; ap_waiting needs one AND never
    assert await _queue(store) == [("ap_consumer", one), ("ap_waiting", one)]
    second = await _emit(store, two)
    assert await _schedule(store) == 1
    [run] = await _runs(store, "ap_consumer")
    assert run["run_id"].startswith(f"asset_triggered__{run['run_after'].isoformat()}_")
    assert len(run["run_id"].rsplit("_", 1)[1]) == 8
    assert {k: run[k] for k in ("run_type", "state", "triggered_by", "logical_date", "data_interval_start",
                                "conf")} == {"run_type": "asset_triggered", "state": "queued",
                                             "triggered_by": "asset", "logical_date": None,
                                             "data_interval_start": None, "conf": {}}
    assert await _queue(store) == [("ap_waiting", one)]  # the consumer's entries are used up
    async with store.read() as conn:
        upstream = await upstream_asset_events(conn, "ap_consumer", run["run_id"])
    created = [{"run_id": run["run_id"], "dag_id": "ap_consumer", "logical_date": None, "start_date": None,
                "end_date": None, "state": "queued", "data_interval_start": None, "data_interval_end": None,
                "partition_key": None}]
    assert [{k: v for k, v in e.items() if k != "timestamp"} for e in upstream["asset_events"]] == [
        {"id": event_id, "asset_id": asset_id, "uri": uri, "name": name, "group": group, "extra": {},
         "source_task_id": None, "source_dag_id": None, "source_run_id": None, "source_map_index": -1,
         "created_dagruns": created, "partition_key": None}
        for event_id, asset_id, uri, name, group in [(first, one, "s3://b/one", "s3://b/one", "asset"),
                                                     (second, two, "file:///two", "two", "grp")]]
    # the next run consumes only newer events
    third = await _emit(store, one)
    await _emit(store, two)
    assert await _schedule(store) == 1
    latest = (await _runs(store, "ap_consumer"))[-1]
    async with store.read() as conn:
        upstream = await upstream_asset_events(conn, "ap_consumer", latest["run_id"])
    assert [e["id"] for e in upstream["asset_events"]] == [third, third + 1]


async def test_any_condition_alias_paused_and_unscheduled_dags(store: Store) -> None:
    ids = await seed(store)
    async with store.write() as conn:
        # an asset emitted through the alias the waiting DAG is scheduled on
        await conn.execute(sa.insert(asset_alias_asset).values(alias_id=ids["al_in"], asset_id=ids["shared"]))
        await conn.execute(sa.insert(asset_dag_run_queue).values(asset_id=ids["shared"], target_dag_id="ap_waiting"))
        await conn.execute(sa.update(dag).where(dag.c.dag_id == "ap_consumer").values(is_paused=True))
        await conn.execute(sa.insert(asset_dag_run_queue).values(asset_id=ids["two"], target_dag_id="ap_consumer"))
        await conn.execute(sa.insert(asset_dag_run_queue).values(asset_id=ids["s3://b/one"],
                                                                 target_dag_id="ap_consumer"))
        # a DAG that is not scheduled on assets any more: its queue entries are dropped
        await conn.execute(sa.insert(asset_dag_run_queue).values(asset_id=ids["two"], target_dag_id="ap_producer"))
    assert await _schedule(store) == 1
    assert [r["run_type"] for r in await _runs(store, "ap_waiting")] == ["asset_triggered"]
    assert await _runs(store, "ap_consumer") == []  # paused: its entry waits
    assert await _queue(store) == sorted([("ap_consumer", ids["two"]), ("ap_consumer", ids["s3://b/one"])])
