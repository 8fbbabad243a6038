"""Task-instance routes of the Execution API: the conflict, kill and payload cases beyond the recordings."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from airgate.gateway.services.execution import task_instances
from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    dag,
    log,
    rendered_task_instance_fields,
    task_instance,
    task_instance_history,
    task_reschedule,
    trigger,
)

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]
DAG, RUN = "exec_dag", "manual__1"
START = {
    "state": "running",
    "hostname": "host-a",
    "unixname": "me",
    "pid": 100,
    "start_date": "2026-11-23T21:52:24.177951Z",
}
NOT_FOUND = {"detail": {"reason": "not_found", "message": "Task Instance not found"}}


@pytest.fixture
async def ti(seed_run: SeedRun, seed_ti: SeedTi) -> str:
    await seed_run(dag_id=DAG, run_id=RUN, state="running", conf={"a": 1})
    return await seed_ti(id=str(uuid.uuid4()), dag_id=DAG, run_id=RUN, task_id="t", max_tries=1)


async def _state(db: Store, ti_id: str) -> Any:
    async with db.read() as conn:
        return (await conn.execute(sa.select(task_instance).where(task_instance.c.id == ti_id))).first()


async def _start(client: httpx.AsyncClient, auth: Auth, ti_id: str) -> httpx.Response:
    response = await client.patch(
        f"/execution/task-instances/{ti_id}/run", json=START, headers=auth(ti_id, "workload")
    )
    assert response.status_code == 200, response.text
    return response


class TestTiRun:
    async def test_context_and_token(self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store) -> None:
        response = await _start(client, auth, ti)
        body = response.json()
        assert body["max_tries"] == 1 and body["should_retry"] is True and body["xcom_keys_to_clear"] == []
        assert body["dag_run"]["conf"] == {"a": 1} and body["dag_run"]["state"] == "running"
        assert "next_method" not in body
        assert response.headers["refreshed-api-token"]
        row = await _state(db, ti)
        assert (row.state, row.hostname, row.pid) == ("running", "host-a", 100)
        # the refreshed execution token works on the other routes; the workload token does not
        fresh = {"Authorization": f"Bearer {response.headers['refreshed-api-token']}"}
        beat = await client.put(
            f"/execution/task-instances/{ti}/heartbeat",
            json={"hostname": "host-a", "pid": 100},
            headers=fresh,
        )
        assert beat.status_code == 204
        beat = await client.put(
            f"/execution/task-instances/{ti}/heartbeat",
            json={"hostname": "host-a", "pid": 100},
            headers=auth(ti, "workload"),
        )
        assert beat.status_code == 403
        assert beat.json() == {
            "detail": "Token type 'workload' not allowed for this endpoint. Allowed types: execution"
        }

    async def test_duplicate_start_is_accepted_other_process_conflicts(
        self, client: httpx.AsyncClient, auth: Auth, ti: str
    ) -> None:
        await _start(client, auth, ti)
        again = await client.patch(f"/execution/task-instances/{ti}/run", json=START, headers=auth(ti))
        assert again.status_code == 200
        assert "refreshed-api-token" not in again.headers  # an execution token is not near its expiry
        other = await client.patch(
            f"/execution/task-instances/{ti}/run", json={**START, "pid": 7}, headers=auth(ti)
        )
        assert other.status_code == 409
        assert other.json() == {
            "detail": {
                "reason": "invalid_state",
                "message": "TI was not in a state where it could be marked as running",
                "previous_state": "running",
            }
        }

    @pytest.mark.parametrize("state", ["success", "failed", "scheduled", None, "deferred"])
    async def test_conflicts(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store, state: str | None
    ) -> None:
        async with db.write() as conn:
            await conn.execute(sa.update(task_instance).where(task_instance.c.id == ti).values(state=state))
        response = await client.patch(f"/execution/task-instances/{ti}/run", json=START, headers=auth(ti))
        assert response.status_code == 409
        assert response.json()["detail"]["previous_state"] == state

    async def test_not_found_and_wrong_subject(self, client: httpx.AsyncClient, auth: Auth) -> None:
        other = str(uuid.uuid4())
        response = await client.patch(
            f"/execution/task-instances/{other}/run", json=START, headers=auth(other)
        )
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
        response = await client.patch(
            f"/execution/task-instances/{other}/run", json=START, headers=auth(str(uuid.uuid4()))
        )
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Token subject does not match task instance ID"},
        )

    async def test_invalid_payload(self, client: httpx.AsyncClient, auth: Auth, ti: str) -> None:
        response = await client.patch(
            f"/execution/task-instances/{ti}/run", json={"state": "running"}, headers=auth(ti)
        )
        assert response.status_code == 422
        assert {e["loc"][-1] for e in response.json()["detail"]} == {
            "hostname",
            "unixname",
            "pid",
            "start_date",
        }


class TestTiUpdateState:
    async def test_not_running_conflicts(self, client: httpx.AsyncClient, auth: Auth, ti: str) -> None:
        body = {"state": "success", "end_date": "2026-11-23T21:52:27Z"}
        response = await client.patch(f"/execution/task-instances/{ti}/state", json=body, headers=auth(ti))
        assert response.status_code == 409
        assert response.json() == {
            "detail": {
                "reason": "invalid_state",
                "message": "TI was not in the running state so it cannot be updated",
                "previous_state": "queued",
            }
        }

    async def test_retry_archives_the_try_and_old_id_is_gone(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
    ) -> None:
        await _start(client, auth, ti)
        body = {"state": "up_for_retry", "end_date": "2026-11-23T21:52:30Z", "rendered_map_index": None}
        assert (
            await client.patch(f"/execution/task-instances/{ti}/state", json=body, headers=auth(ti))
        ).status_code == 204
        async with db.read() as conn:
            row = (await conn.execute(sa.select(task_instance).where(task_instance.c.task_id == "t"))).one()
            archived = (await conn.execute(sa.select(task_instance_history))).one()
        assert row.state == "up_for_retry" and row.id != ti and row.duration == pytest.approx(5.822049)
        assert (archived.task_instance_id, archived.try_number, archived.state) == (ti, 1, "failed")
        beat = await client.put(
            f"/execution/task-instances/{ti}/heartbeat",
            json={"hostname": "host-a", "pid": 100},
            headers=auth(ti),
        )
        assert beat.status_code == 410
        assert beat.json() == {
            "detail": {
                "reason": "not_found",
                "message": "Task Instance not found, it may have been moved to the Task Instance History table",
            }
        }

    async def test_deferred_stores_a_trigger(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
    ) -> None:
        await _start(client, auth, ti)
        body = {
            "state": "deferred",
            "classpath": "x.DateTimeTrigger",
            "trigger_kwargs": {"moment": 1},
            "trigger_timeout": "PT30S",
            "next_method": "execute_complete",
            "next_kwargs": {"k": 1},
        }
        assert (
            await client.patch(f"/execution/task-instances/{ti}/state", json=body, headers=auth(ti))
        ).status_code == 204
        row = await _state(db, ti)
        assert (row.state, row.next_method, row.next_kwargs) == ("deferred", "execute_complete", {"k": 1})
        assert row.trigger_timeout is not None
        async with db.read() as conn:
            stored = (await conn.execute(sa.select(trigger).where(trigger.c.id == row.trigger_id))).one()
        assert (stored.classpath, stored.kwargs) == ("x.DateTimeTrigger", '{"moment": 1}')
        # resumed: the run context hands next_method/next_kwargs and the original start back
        async with db.write() as conn:
            await conn.execute(
                sa.update(task_instance).where(task_instance.c.id == ti).values(state="queued")
            )
        resumed = (
            await client.patch(
                f"/execution/task-instances/{ti}/run",
                json={**START, "start_date": "2026-11-23T22:00:00Z"},
                headers=auth(ti),
            )
        ).json()
        assert (resumed["next_method"], resumed["next_kwargs"], resumed["start_date"]) == (
            "execute_complete",
            {"k": 1},
            "2026-11-23T21:52:24.177951Z",
        )

    async def test_reschedule_records_and_counts(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
    ) -> None:
        await _start(client, auth, ti)
        body = {
            "state": "up_for_reschedule",
            "reschedule_date": "2026-11-23T21:53:00Z",
            "end_date": "2026-11-23T21:52:25Z",
        }
        assert (
            await client.patch(f"/execution/task-instances/{ti}/state", json=body, headers=auth(ti))
        ).status_code == 204
        assert (await _state(db, ti)).state == "up_for_reschedule"
        async with db.read() as conn:
            assert await conn.scalar(sa.select(sa.func.count()).select_from(task_reschedule)) == 1
        start = await client.get(f"/execution/task-reschedules/{ti}/start_date", headers=auth(ti))
        assert start.status_code == 200 and isinstance(start.json(), str)
        async with db.write() as conn:
            await conn.execute(
                sa.update(task_instance).where(task_instance.c.id == ti).values(state="queued")
            )
        assert (await _start(client, auth, ti)).json()["task_reschedule_count"] == 1
        none = await client.get(f"/execution/task-reschedules/{uuid.uuid4()}/start_date", headers=auth(ti))
        assert (none.status_code, none.json()) == (200, None)

    async def test_intermediate_state_fails_the_task(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
    ) -> None:
        await _start(client, auth, ti)
        response = await client.patch(
            f"/execution/task-instances/{ti}/state", json={"state": "queued"}, headers=auth(ti)
        )
        assert response.status_code == 204
        assert (await _state(db, ti)).state == "failed"

    async def test_payload_errors(self, client: httpx.AsyncClient, auth: Auth, ti: str) -> None:
        await _start(client, auth, ti)
        response = await client.patch(
            f"/execution/task-instances/{ti}/state", json={"state": "success"}, headers=auth(ti)
        )
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {
                "type": "missing",
                "loc": ["body", "success", "end_date"],
                "msg": "Field required",
                "input": {"state": "success"},
            }
        ]
        response = await client.patch(
            f"/execution/task-instances/{ti}/state",
            json={"state": "up_for_reschedule", "end_date": "2026-11-23T21:52:25Z", "x": 1},
            headers=auth(ti),
        )
        assert [(e["type"], e["loc"][-1]) for e in response.json()["detail"]] == [
            ("missing", "reschedule_date"),
            ("extra_forbidden", "x"),
        ]


class TestTiHeartbeat:
    async def test_kill_semantics(self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store) -> None:
        url = f"/execution/task-instances/{ti}/heartbeat"
        await _start(client, auth, ti)
        elsewhere = await client.put(url, json={"hostname": "host-b", "pid": 100}, headers=auth(ti))
        assert elsewhere.status_code == 409
        assert elsewhere.json() == {
            "detail": {
                "reason": "running_elsewhere",
                "message": "TI is already running elsewhere",
                "current_hostname": "host-a",
                "current_pid": 100,
            }
        }
        async with db.write() as conn:
            await conn.execute(
                sa.update(task_instance).where(task_instance.c.id == ti).values(state="failed")
            )
        stopped = await client.put(url, json={"hostname": "host-a", "pid": 100}, headers=auth(ti))
        assert stopped.status_code == 409
        assert stopped.json() == {
            "detail": {
                "reason": "not_running",
                "message": "TI is no longer in the running state and task should terminate",
                "current_state": "failed",
            }
        }
        gone = str(uuid.uuid4())
        missing = await client.put(
            f"/execution/task-instances/{gone}/heartbeat",
            json={"hostname": "h", "pid": 1},
            headers=auth(gone),
        )
        assert (missing.status_code, missing.json()) == (404, NOT_FOUND)


class TestOtherTiRoutes:
    async def test_skip_downstream(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, seed_ti: SeedTi, db: Store
    ) -> None:
        ids = {}
        for task_id, state, index in [
            ("b", None, -1),
            ("c", "running", -1),
            ("m", "scheduled", 0),
            ("m", None, 1),
        ]:
            ids[(task_id, index)] = await seed_ti(
                id=str(uuid.uuid4()), dag_id=DAG, run_id=RUN, task_id=task_id, map_index=index, state=state
            )
        response = await client.patch(
            f"/execution/task-instances/{ti}/skip-downstream",
            json={"tasks": ["b", "c", ["m", 0]]},
            headers=auth(ti),
        )
        assert response.status_code == 204
        states = {k: (await _state(db, v)).state for k, v in ids.items()}
        assert states == {("b", -1): "skipped", ("c", -1): "running", ("m", 0): "skipped", ("m", 1): None}

    async def test_rendered_map_index_and_rtif(
        self, client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
    ) -> None:
        url = f"/execution/task-instances/{ti}/rendered-map-index"
        assert (await client.patch(url, json="label-1", headers=auth(ti))).status_code == 204
        assert (await _state(db, ti)).rendered_map_index == "label-1"
        empty = await client.patch(url, json="", headers=auth(ti))
        assert (empty.status_code, empty.json()) == (422, {"detail": "rendered_map_index cannot be empty"})
        rtif = await client.put(
            f"/execution/task-instances/{ti}/rtif", json={"bash_command": "echo 1"}, headers=auth(ti)
        )
        assert (rtif.status_code, rtif.json()) == (
            201,
            {"message": "Rendered task instance fields successfully set"},
        )
        again = await client.put(  # a second put replaces the first
            f"/execution/task-instances/{ti}/rtif", json={"bash_command": "echo 2"}, headers=auth(ti)
        )
        assert again.status_code == 201
        async with db.read() as conn:
            stored = (await conn.execute(sa.select(rendered_task_instance_fields.c.rendered_fields))).scalars().all()
        assert stored == [{"bash_command": "echo 2"}]
        unknown = "0196a0b0-0000-7000-8000-000000000000"
        missing = await client.put(
            f"/execution/task-instances/{unknown}/rtif", json={"bash_command": "x"}, headers=auth(unknown)
        )
        assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})

    async def test_previous_successful_dagrun(
        self, client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi
    ) -> None:
        await seed_run(
            dag_id=DAG,
            run_id="old",
            state="success",
            logical_date="2026-11-01T00:00:00Z",
            start_date="2026-11-01T00:00:01Z",
            end_date="2026-11-01T00:00:09Z",
            data_interval_start="2026-10-31T00:00:00Z",
            data_interval_end="2026-11-01T00:00:00Z",
        )
        await seed_run(dag_id=DAG, run_id="failed", state="failed", logical_date="2026-11-02T00:00:00Z")
        await seed_run(dag_id=DAG, run_id="now", state="running", logical_date="2026-11-03T00:00:00Z")
        ti = await seed_ti(id=str(uuid.uuid4()), dag_id=DAG, run_id="now", task_id="t")
        response = await client.get(
            f"/execution/task-instances/{ti}/previous-successful-dagrun", headers=auth(ti)
        )
        assert response.json() == {
            "data_interval_start": "2026-10-31T00:00:00Z",
            "data_interval_end": "2026-11-01T00:00:00Z",
            "start_date": "2026-11-01T00:00:01Z",
            "end_date": "2026-11-01T00:00:09Z",
        }


async def test_concurrent_starts_one_wins(client: httpx.AsyncClient, auth: Auth, ti: str) -> None:
    """Two processes racing to start the same task instance: exactly one runs it (the start is a
    compare-and-set: the others find the row no longer queued)."""
    url = f"/execution/task-instances/{ti}/run"
    answers = await asyncio.gather(
        *(client.patch(url, json={**START, "pid": pid}, headers=auth(ti, "workload")) for pid in range(1, 7))
    )
    assert sorted(r.status_code for r in answers) == [200, 409, 409, 409, 409, 409]


async def test_an_end_checked_before_a_mark_does_not_overwrite_it(
    client: httpx.AsyncClient, auth: Auth, ti: str, db: Store
) -> None:
    """A task's success checked while the task was running, but written after the user marked it failed:
    the mark stands, no event is logged for the task's report, and reporting again answers 409."""
    await _start(client, auth, ti)
    async with db.read() as conn:
        running = (await conn.execute(sa.select(task_instance).where(task_instance.c.id == ti))).first()
    fields = {"state": "success", "end_date": datetime.now(UTC)}
    change = task_instances.Change(running, task_instances._end_values(running, fields), "success", "host-a")
    async with db.write() as conn:  # the user's mark lands between the check and the write
        await conn.execute(sa.update(task_instance).where(task_instance.c.id == ti).values(state="failed"))
    assert await task_instances._apply(db, change) is False
    assert (await _state(db, ti)).state == "failed"
    async with db.read() as conn:
        events = (await conn.scalars(sa.select(log.c.event).where(log.c.dag_id == DAG).order_by(log.c.id))).all()
    assert events == ["running"]
    again = await client.patch(
        f"/execution/task-instances/{ti}/state",
        json={"state": "success", "end_date": "2026-11-23T21:52:30Z"},
        headers=auth(ti),
    )
    assert (again.status_code, again.json()) == (
        409,
        {
            "detail": {
                "reason": "invalid_state",
                "message": "TI was not in the running state so it cannot be updated",
                "previous_state": "failed",
            }
        },
    )


async def test_start_and_end_events_name_the_run_and_owner(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi, db: Store
) -> None:
    """The event-log rows of a start and a success carry the run's logical date and the DAG's owners."""
    async with db.write() as conn:
        await conn.execute(
            sa.insert(dag).values(
                dag_id=DAG, is_paused=False, owners="ops", bundle_name="dags-folder", relative_fileloc="d.py"
            )
        )
    await seed_run(dag_id=DAG, run_id=RUN, state="running", logical_date="2026-11-03T00:00:00Z")
    ti = await seed_ti(id=str(uuid.uuid4()), dag_id=DAG, run_id=RUN, task_id="t", map_index=2)
    await _start(client, auth, ti)
    end = await client.patch(
        f"/execution/task-instances/{ti}/state",
        json={"state": "success", "end_date": "2026-11-23T21:52:30Z"},
        headers=auth(ti),
    )
    assert end.status_code == 204, end.text
    async with db.read() as conn:
        rows = (
            await conn.execute(
                sa.select(
                    log.c.event, log.c.task_id, log.c.map_index, log.c.try_number, log.c.logical_date,
                    log.c.owner, log.c.extra,
                ).order_by(log.c.id)
            )
        ).all()
    logical = datetime(2026, 11, 3, tzinfo=UTC)
    assert [tuple(r) for r in rows] == [
        ("running", "t", 2, 1, logical, "ops", '{"host_name": "host-a"}'),
        ("success", "t", 2, 1, logical, "ops", '{"host_name": "host-a"}'),
    ]
