"""A successful task's outlets become asset events and queue the DAGs scheduled on them (the recorded
``produce_asset`` payload: one Asset outlet with an extra, one AssetAlias adding a new asset)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import httpx
import sqlalchemy as sa

from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    asset_alias_asset,
    asset_alias_asset_event,
    asset_dag_run_queue,
    asset_event,
    dag,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_reference,
)

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]
SUCCESS = {
    "state": "success",
    "end_date": "2026-11-23T21:52:23.342014Z",
    "task_outlets": [
        {"name": "ref_exec_asset", "uri": "ref://assets/exec", "type": "Asset"},
        {"name": "ref_exec_alias", "uri": None, "type": "AssetAlias"},
        {"name": "inactive", "uri": "ref://inactive", "type": "Asset"},
    ],
    "outlet_events": [
        {"dest_asset_key": {"name": "ref_exec_asset", "uri": "ref://assets/exec"}, "extra": {"rows": 10}},
        {
            "source_alias_name": "ref_exec_alias",
            "dest_asset_key": {"name": "ref_from_alias", "uri": "ref://assets/from-alias"},
            "dest_asset_extra": {},
            "extra": {"via": "alias"},
        },
    ],
    "rendered_map_index": None,
}


async def test_outlets_become_events_and_queue_consumers(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi, db: Store
) -> None:
    async with db.write() as conn:
        await conn.execute(
            sa.insert(dag).values(
                [
                    {"dag_id": "consumer", "bundle_name": "dags-folder", "is_paused": False},
                    {"dag_id": "paused_consumer", "bundle_name": "dags-folder", "is_paused": True},
                    {"dag_id": "alias_consumer", "bundle_name": "dags-folder", "is_paused": False},
                ]
            )
        )
        await conn.execute(
            sa.insert(asset).values(name="ref_exec_asset", uri="ref://assets/exec", group="asset", extra={})
        )
        await conn.execute(
            sa.insert(asset).values(name="inactive", uri="ref://inactive", group="asset", extra={})
        )
        await conn.execute(sa.insert(asset_active).values(name="ref_exec_asset", uri="ref://assets/exec"))
        asset_id = await conn.scalar(sa.select(asset.c.id).where(asset.c.name == "ref_exec_asset"))
        await conn.execute(
            sa.insert(dag_schedule_asset_reference).values(
                [
                    {"asset_id": asset_id, "dag_id": "consumer"},
                    {"asset_id": asset_id, "dag_id": "paused_consumer"},
                ]
            )
        )
        alias_id = (
            await conn.execute(
                sa.insert(asset_alias)
                .values(name="ref_exec_alias", group="asset")
                .returning(asset_alias.c.id)
            )
        ).scalar_one()
        await conn.execute(
            sa.insert(dag_schedule_asset_alias_reference).values(alias_id=alias_id, dag_id="alias_consumer")
        )
    await seed_run(dag_id="producer", run_id="r1")
    ti = await seed_ti(id=str(uuid.uuid4()), dag_id="producer", run_id="r1", task_id="produce_asset")
    start = {
        "state": "running",
        "hostname": "h",
        "unixname": "u",
        "pid": 1,
        "start_date": "2026-11-23T21:52:20Z",
    }
    assert (
        await client.patch(f"/execution/task-instances/{ti}/run", json=start, headers=auth(ti))
    ).status_code == 200
    response = await client.patch(f"/execution/task-instances/{ti}/state", json=SUCCESS, headers=auth(ti))
    assert response.status_code == 204
    async with db.read() as conn:
        events = (
            await conn.execute(
                sa.select(
                    asset.c.name,
                    asset_event.c.extra,
                    asset_event.c.source_task_id,
                    asset_event.c.source_map_index,
                )
                .select_from(asset_event.join(asset, asset.c.id == asset_event.c.asset_id))
                .order_by(asset_event.c.id)
            )
        ).all()
        queued = (
            await conn.execute(
                sa.select(asset.c.name, asset_dag_run_queue.c.target_dag_id)
                .select_from(asset_dag_run_queue.join(asset, asset.c.id == asset_dag_run_queue.c.asset_id))
                .order_by(asset_dag_run_queue.c.target_dag_id)
            )
        ).all()
        alias_links = await conn.scalar(sa.select(sa.func.count()).select_from(asset_alias_asset))
        alias_events = await conn.scalar(sa.select(sa.func.count()).select_from(asset_alias_asset_event))
    assert [tuple(e) for e in events] == [
        ("ref_exec_asset", {"rows": 10}, "produce_asset", -1),
        ("ref_from_alias", {"via": "alias"}, "produce_asset", -1),
    ]
    assert [tuple(q) for q in queued] == [
        ("ref_from_alias", "alias_consumer"),
        ("ref_exec_asset", "consumer"),
    ]
    assert (alias_links, alias_events) == (1, 1)


async def test_reads(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi, db: Store
) -> None:
    await test_outlets_become_events_and_queue_consumers(client, auth, seed_run, seed_ti, db)
    h = auth("reader")
    got = await client.get("/execution/assets/by-name", params={"name": "ref_exec_asset"}, headers=h)
    assert got.json() == {"name": "ref_exec_asset", "uri": "ref://assets/exec", "group": "asset", "extra": {}}
    inactive = await client.get("/execution/assets/by-uri", params={"uri": "ref://inactive"}, headers=h)
    assert inactive.status_code == 404
    assert inactive.json() == {
        "detail": {"reason": "not_found", "message": "Asset with URI ref://inactive not found"}
    }
    by_asset = await client.get(
        "/execution/asset-events/by-asset", params={"name": "ref_exec_asset", "uri": ""}, headers=h
    )
    [event] = by_asset.json()["asset_events"]
    assert {k: event[k] for k in ("extra", "source_dag_id", "source_run_id", "created_dagruns")} == {
        "extra": {"rows": 10},
        "source_dag_id": "producer",
        "source_run_id": "r1",
        "created_dagruns": [],
    }
    # an asset created through an alias is not active: found by name and URI together only
    by_name = await client.get(
        "/execution/asset-events/by-asset", params={"name": "ref_from_alias", "uri": ""}, headers=h
    )
    assert by_name.json() == {"asset_events": []}
    both = {"name": "ref_from_alias", "uri": "ref://assets/from-alias"}
    assert (
        len(
            (await client.get("/execution/asset-events/by-asset", params=both, headers=h)).json()[
                "asset_events"
            ]
        )
        == 1
    )
    by_alias = await client.get(
        "/execution/asset-events/by-asset-alias", params={"name": "ref_exec_alias"}, headers=h
    )
    assert [e["asset"]["name"] for e in by_alias.json()["asset_events"]] == ["ref_from_alias"]
    neither = await client.get("/execution/asset-events/by-asset", params={"name": "", "uri": ""}, headers=h)
    assert (neither.status_code, neither.json()) == (
        400,
        {"detail": {"reason": "Missing parameter", "message": "name and uri cannot both be None"}},
    )
