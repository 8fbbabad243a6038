"""Replays every Execution API call the real task SDK 1.2.2 made against Airflow 3.2.2 (the recordings in
``airflow-reference/execution-api``) and asserts Airgate answers each with the same status, headers and body.

No scheduler exists yet, so the harness plays its part between calls, from what the recording shows:
before each ``/run`` it writes the dag run (as the run response shows it) and queues the task instance with the
recorded id and try number; before a read of another task's XCom, connection or variable it stores that value
(connections and variables through the public REST API). Everything else -- the XComs a task wrote itself, its
state changes, reschedules, retries -- comes from Airgate's own answers to earlier calls.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import httpx
import jwt
import pytest
import sqlalchemy as sa
from testsupport import EXECUTION_RECORDINGS as REFERENCE

from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    asset,
    asset_event,
    dag,
    dag_run,
    dag_version,
    dagrun_asset_event,
    serialized_dag,
    task_instance,
    xcom,
)

SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]


# the reference sits beside the checkout (CI included): its absence is an error, not a skip
RECORDINGS = sorted(p.name for p in REFERENCE.glob("*__*.json"))
assert RECORDINGS, f"no Execution API recordings under {REFERENCE}"
#: calls of operations Airgate does not serve yet
NOT_SERVED: tuple[str, ...] = ()


class Timestamp:
    """Equal to any ISO-8601 UTC timestamp string."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and bool(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", other))

    __hash__ = None  # type: ignore[assignment]




def _served(request: dict[str, Any]) -> bool:
    line = f"{request['method']} {request['path']}"
    return not any(marker in line for marker in NOT_SERVED)


class Replay:
    def __init__(
        self,
        client: httpx.AsyncClient,
        db: Store,
        seed_run: SeedRun,
        seed_ti: SeedTi,
        admin: dict[str, str],
        auth: Callable[..., dict[str, str]],
        name: str,
    ) -> None:
        self.client, self.db, self.seed_run, self.seed_ti, self.admin, self.auth = (
            client,
            db,
            seed_run,
            seed_ti,
            admin,
            auth,
        )
        self.name = name
        self.rec = json.loads((REFERENCE / name).read_text())

    async def _queue(self, ex: dict[str, Any]) -> None:
        body = ex["response"]["body"]
        if ex["response"]["status"] == 200:
            await self.seed_run(**body["dag_run"])
            await self._consumed(body["dag_run"]["consumed_asset_events"])
        key = self._key(self.rec["task_id"], ex["map_index"])
        values: dict[str, Any] = {"id": ex["ti_id"], "try_number": ex["try_number"]}
        if ex["response"]["status"] == 200:
            values.update(state="queued", max_tries=body["max_tries"])
            if "next_method" in body:  # the triggerer fired: it stored the event into next_kwargs
                values.update(next_method=body["next_method"], next_kwargs=body["next_kwargs"])
        async with self.db.write() as conn:
            updated = await conn.execute(sa.update(task_instance).where(*key).values(**values))
        if not updated.rowcount:
            await self.seed_ti(
                dag_id=self.rec["dag_id"],
                task_id=self.rec["task_id"],
                run_id=self.rec["run_id"],
                map_index=ex["map_index"],
                **values,
            )

    async def _consumed(self, events: list[dict[str, Any]]) -> None:
        """The asset events that triggered the run (as the scheduler would have linked them)."""
        async with self.db.write() as conn:
            run_pk = await conn.scalar(
                sa.select(dag_run.c.id).where(
                    dag_run.c.dag_id == self.rec["dag_id"], dag_run.c.run_id == self.rec["run_id"]
                )
            )
            if await conn.scalar(sa.select(sa.func.count()).select_from(dagrun_asset_event)):
                return
            for event in events:
                found = await conn.scalar(sa.select(asset.c.id).where(asset.c.name == event["asset"]["name"]))
                if found is None:
                    found = (
                        await conn.execute(
                            sa.insert(asset).values(**event["asset"], group="asset").returning(asset.c.id)
                        )
                    ).scalar_one()
                fields = {
                    k: event[k]
                    for k in ("extra", "source_task_id", "source_dag_id", "source_run_id", "source_map_index")
                }
                stamp = datetime.fromisoformat(event["timestamp"])
                event_id = (
                    await conn.execute(
                        sa.insert(asset_event)
                        .values(asset_id=found, timestamp=stamp, **fields)
                        .returning(asset_event.c.id)
                    )
                ).scalar_one()
                await conn.execute(sa.insert(dagrun_asset_event).values(dag_run_id=run_pk, event_id=event_id))

    def _key(self, task_id: str, map_index: int) -> list[Any]:
        return [
            task_instance.c.dag_id == self.rec["dag_id"],
            task_instance.c.run_id == self.rec["run_id"],
            task_instance.c.task_id == task_id,
            task_instance.c.map_index == map_index,
        ]

    async def _xcom(self, task_id: str, key: str, map_index: int, value: Any) -> None:
        if task_id == self.rec["task_id"]:
            return  # a task's own XComs come from its own earlier calls
        async with self.db.write() as conn:
            if await conn.scalar(sa.select(task_instance.c.id).where(*self._key(task_id, map_index))) is None:
                await conn.execute(
                    sa.insert(task_instance).values(
                        id=str(uuid.uuid4()),
                        dag_id=self.rec["dag_id"],
                        run_id=self.rec["run_id"],
                        task_id=task_id,
                        map_index=map_index,
                        state="success",
                        try_number=1,
                        pool="default_pool",
                    )
                )
            run_pk = await conn.scalar(
                sa.select(dag_run.c.id).where(
                    dag_run.c.dag_id == self.rec["dag_id"], dag_run.c.run_id == self.rec["run_id"]
                )
            )
            where = [
                xcom.c.dag_run_id == run_pk,
                xcom.c.task_id == task_id,
                xcom.c.map_index == map_index,
                xcom.c.key == key,
            ]
            if await conn.scalar(sa.select(sa.func.count()).select_from(xcom).where(*where)) == 0:
                await conn.execute(
                    sa.insert(xcom).values(
                        dag_run_id=run_pk,
                        dag_id=self.rec["dag_id"],
                        run_id=self.rec["run_id"],
                        task_id=task_id,
                        map_index=map_index,
                        key=key,
                        value=value,
                    )
                )

    async def _dag(self, dag_id: str) -> None:
        async with self.db.write() as conn:
            if await conn.scalar(sa.select(sa.func.count()).select_from(dag).where(dag.c.dag_id == dag_id)):
                return
            version = str(uuid.uuid4())
            await conn.execute(sa.insert(dag).values(dag_id=dag_id, bundle_name="dags-folder", is_paused=False,
                                                     is_stale=False))
            await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id=dag_id,
                                                             bundle_name="dags-folder"))
            await conn.execute(sa.insert(serialized_dag).values(id=str(uuid.uuid4()), dag_id=dag_id,
                                                                dag_hash="0" * 32, dag_version_id=version,
                                                                data={"dag_id": dag_id, "tasks": []}))

    async def _prepare(self, ex: dict[str, Any]) -> None:
        rq, rs = ex["request"], ex["response"]
        path = rq["path"]
        if path.endswith("/run") and rq["method"] == "PATCH":
            await self._queue(ex)
        elif path.endswith("/heartbeat") and rs["status"] == 409:
            async with self.db.write() as conn:  # the user marked the task instance meanwhile
                await conn.execute(
                    sa.update(task_instance)
                    .where(task_instance.c.id == ex["ti_id"])
                    .values(state=rs["body"]["detail"]["current_state"])
                )
        elif path.startswith("/execution/xcoms/") and rq["method"] == "GET" and rs["status"] == 200:
            parts = path.split("/")
            task_id, key = parts[5], parts[6]
            if len(parts) > 8 and parts[7] == "item":
                await self._xcom(task_id, key, int(parts[8]), rs["body"])
            elif path.endswith("/slice"):
                for index, value in enumerate(rs["body"]):
                    await self._xcom(task_id, key, -1 if len(rs["body"]) == 1 else index, value)
            else:
                await self._xcom(task_id, key, int(rq["query"].get("map_index", -1)), rs["body"]["value"])
        elif path.startswith("/execution/dag-runs/") and rq["method"] == "POST":
            await self._dag(path.split("/")[3])  # the DAG a task triggers is registered
        elif path.startswith("/execution/connections/") and rs["status"] == 200:
            body = dict(rs["body"])
            body["connection_id"] = body.pop("conn_id")
            seeded = await self.client.post("/api/v2/connections", json=body, headers=self.admin)
            assert seeded.status_code in (201, 409), seeded.text
        elif path.startswith("/execution/variables/") and rq["method"] == "GET" and rs["status"] == 200:
            body = {"key": rs["body"]["key"], "value": rs["body"]["value"]}
            seeded = await self.client.post("/api/v2/variables", json=body, headers=self.admin)
            assert seeded.status_code in (201, 409), seeded.text

    def _expected(self, rq: dict[str, Any], rs: dict[str, Any]) -> Any:
        body = rs["body"]
        if "/task-reschedules/" in rq["path"] and isinstance(body, str):
            return Timestamp()  # when Airgate saw the reschedule, not when Airflow did
        return body

    async def run(self) -> int:
        played = 0
        for ex in self.rec["exchanges"]:
            rq, rs = ex["request"], ex["response"]
            if not _served(rq):
                continue
            await self._prepare(ex)
            headers = {
                k: v for k, v in rq["headers"].items() if k in ("content-type", "correlation-id", "accept")
            }
            headers.update(self.auth(ex["ti_id"], ex["token_claims"]["scope"]))
            content = (
                None
                if rq["body"] is None and rq["method"] in ("GET", "HEAD", "DELETE")
                else json.dumps(rq["body"])
            )
            response = await self.client.request(
                rq["method"], rq["path"], params=rq["query"], headers=headers, content=content
            )
            where = f"{self.name} #{ex['n']} {rq['method']} {rq['path']}"
            assert response.status_code == rs["status"], f"{where}: {response.status_code} {response.text}"
            assert response.headers["airflow-api-version"] == "2026-04-06", where
            assert response.headers["correlation-id"] == rq["headers"]["correlation-id"], where
            assert response.headers["content-type"].startswith("application/json"), where
            if rs["status"] == 204 or rq["method"] == "HEAD":
                assert response.content == b"", where
            else:
                assert response.json() == self._expected(rq, rs), where
            if "refreshed-api-token" in rs["headers"]:
                claims = jwt.decode(
                    response.headers["refreshed-api-token"], options={"verify_signature": False}
                )
                assert (claims["sub"], claims["scope"], claims["aud"]) == (
                    ex["ti_id"],
                    "execution",
                    "urn:airflow.apache.org:task",
                ), where
                assert claims["exp"] - claims["iat"] == 600, where
            if rq["path"].endswith("/state") and rs["status"] == 204:
                async with self.db.read() as conn:
                    state = await conn.scalar(
                        sa.select(task_instance.c.state).where(
                            *self._key(self.rec["task_id"], ex["map_index"])
                        )
                    )
                assert state == rq["body"]["state"], where
            played += 1
        return played


@pytest.mark.parametrize("name", RECORDINGS)
async def test_replay_recording(
    name: str,
    client: httpx.AsyncClient,
    db: Store,
    seed_run: SeedRun,
    seed_ti: SeedTi,
    tokens: dict[str, dict[str, str]],
    auth: Callable[..., dict[str, str]],
) -> None:
    played = await Replay(client, db, seed_run, seed_ti, tokens["admin"], auth, name).run()
    assert played > 0
