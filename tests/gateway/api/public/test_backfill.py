"""Backfill tag against SQLite and PostgreSQL: creating a backfill (its queued ``backfill`` runs and
``backfill_dag_run`` rows, reprocessing existing runs), the dry run, reading, listing, pausing, unpausing and
cancelling, with Airflow 3.2.2's bodies and every validation message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from apitest import Timestamp
from litestar import Litestar

from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    backfill,
    backfill_dag_run,
    dag,
    dag_run,
    dag_version,
    serialized_dag,
    task_instance,
)

URL = "/api/v2/backfills"
JSON = dict[str, Any]
AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
T0 = datetime(2024, 1, 1, tzinfo=UTC)
DAILY = {"type": "CronTriggerTimetable", "args": {"expression": "0 0 * * *", "timezone": "UTC", "interval": 0.0}}
NONE = {"type": "NullTimetable", "args": {}}


def _doc(dag_id: str, timetable: JSON, *, depends_on_past: bool = False, params: JSON | None = None) -> JSON:
    return {"dag_id": dag_id, "timetable": timetable, "params": params or {},
            "tasks": [{"task_id": "work", "upstream_task_ids": [], "downstream_task_ids": [],
                       "depends_on_past": depends_on_past}]}


DAGS: dict[str, tuple[JSON, str, JSON]] = {  # dag_id -> (dag.json, timetable summary, extra dag columns)
    "daily": (_doc("daily", DAILY), "0 0 * * *", {"dag_display_name": "Daily"}),
    "manual": (_doc("manual", NONE), "None", {}),
    "past": (_doc("past", DAILY, depends_on_past=True), "0 0 * * *", {}),
    "typed": (_doc("typed", DAILY, params={"count": {"value": 1, "schema": {"type": "integer"}}}), "0 0 * * *", {}),
    "only_manual": (_doc("only_manual", DAILY), "0 0 * * *", {"allowed_run_types": ["manual"]}),
    "asset_fed": (_doc("asset_fed", {"type": "AssetTriggeredTimetable", "args": {}}), "Asset", {}),
    "every_second": (_doc("every_second", {"type": "DeltaTriggerTimetable", "args": {
        "delta": {"__type": "timedelta", "seconds": 1}, "interval": 0.0}}), "0:00:01", {}),
}


async def _seed(store: Store) -> None:
    async with store.write() as conn:
        for n, (dag_id, (doc, summary, extra)) in enumerate(DAGS.items()):
            version = f"01a20a4a-9f91-7424-a5fc-{n:012d}"
            await conn.execute(sa.insert(dag).values(dag_id=dag_id, bundle_name="dags-folder", is_paused=False,
                                                     is_stale=False, timetable_type=doc["timetable"]["type"],
                                                     timetable_summary=summary, **extra))
            await conn.execute(sa.insert(dag_version).values(id=version, version_number=1, dag_id=dag_id,
                                                             bundle_name="dags-folder", created_at=T0))
            await conn.execute(sa.insert(serialized_dag).values(
                id=f"01a20a4a-0000-7000-8000-{n:012d}", dag_id=dag_id, dag_hash="0" * 32,
                dag_version_id=version, data=doc))


async def _add_run(store: Store, day: int, state: str, *, with_ti: bool = False) -> None:
    """A manual run of ``daily`` at 2024-03-<day> (midnight)."""
    when = datetime(2024, 3, day, tzinfo=UTC)
    async with store.write() as conn:
        await conn.execute(sa.insert(dag_run).values(
            dag_id="daily", run_id=f"old_{day}", run_type="manual", state=state, logical_date=when, run_after=when,
            data_interval_start=when, data_interval_end=when, conf={"old": True}, triggered_by="rest_api",
            start_date=when, end_date=when if state in ("success", "failed") else None,
            created_dag_version_id="01a20a4a-9f91-7424-a5fc-000000000000"))
        if with_ti:
            await conn.execute(sa.insert(task_instance).values(
                id=f"01a20a65-0000-7000-8000-{day:012d}", dag_id="daily", run_id=f"old_{day}", task_id="work",
                map_index=-1, state=state, try_number=1, max_tries=0, pool="default_pool", pool_slots=1,
                executor_config={}))


@pytest.fixture
async def seeded(app: Litestar) -> Store:
    store: Store = app.state.airgate.store
    await _seed(store)
    return store


def request(**changes: Any) -> JSON:
    body: JSON = {"dag_id": "daily", "from_date": "2024-03-01T00:00:00Z", "to_date": "2024-03-03T00:00:00Z",
                  "run_backwards": False, "dag_run_conf": {"source": "reference"},
                  "reprocess_behavior": "completed", "max_active_runs": 1}
    body.update(changes)
    return body


def expected(**changes: Any) -> JSON:
    body: JSON = {"id": 1, "dag_id": "daily", "from_date": "2024-03-01T00:00:00Z",
                  "to_date": "2024-03-03T00:00:00Z", "dag_run_conf": {"source": "reference"}, "is_paused": False,
                  "reprocess_behavior": "completed", "max_active_runs": 1, "created_at": Timestamp(),
                  "completed_at": None, "updated_at": Timestamp(), "dag_display_name": "Daily"}
    body.update(changes)
    return body


def dates(*days: int) -> JSON:
    found = [{"logical_date": f"2024-03-0{d}T00:00:00Z", "partition_key": None, "partition_date": None}
             for d in days]
    return {"backfills": found, "total_entries": len(found)}


async def _runs(store: Store) -> list[tuple[Any, ...]]:
    async with store.read() as conn:
        rows = (await conn.execute(
            sa.select(dag_run.c.run_id, dag_run.c.run_type, dag_run.c.state, dag_run.c.triggered_by,
                      dag_run.c.triggering_user_name, dag_run.c.conf, dag_run.c.backfill_id,
                      dag_run.c.data_interval_end, dag_run.c.clear_number)
            .order_by(dag_run.c.logical_date))).all()
    return [tuple(r) for r in rows]


async def _links(store: Store) -> list[tuple[Any, ...]]:
    async with store.read() as conn:
        rows = (await conn.execute(
            sa.select(backfill_dag_run.c.sort_ordinal, backfill_dag_run.c.logical_date,
                      dag_run.c.run_id, backfill_dag_run.c.exception_reason)
            .select_from(backfill_dag_run.outerjoin(dag_run, dag_run.c.id == backfill_dag_run.c.dag_run_id))
            .order_by(backfill_dag_run.c.sort_ordinal))).all()
    return [(o, d.day, r, e) for o, d, r, e in rows]


class TestCreateBackfill:
    async def test_creates_queued_backfill_runs(self, client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                assert_json: AssertJson) -> None:
        response = await client.post(URL, json=request(), headers=tokens["user"])
        assert_json(response, 200, expected())
        assert response.json()["created_at"] == response.json()["updated_at"]
        day = [datetime(2024, 3, d, tzinfo=UTC) for d in (1, 2, 3)]
        conf = {"source": "reference"}
        assert await _runs(seeded) == [
            (f"backfill__{d.isoformat()}", "backfill", "queued", "backfill", "user", conf, 1, d, 0) for d in day]
        assert await _links(seeded) == [(1, 1, f"backfill__{day[0].isoformat()}", None),
                                        (2, 2, f"backfill__{day[1].isoformat()}", None),
                                        (3, 3, f"backfill__{day[2].isoformat()}", None)]
        # one unfinished backfill per DAG
        assert_json(await client.post(URL, json=request(from_date="2024-05-01T00:00:00Z",
                                                        to_date="2024-05-02T00:00:00Z"), headers=tokens["admin"]),
                    409, {"detail": "There is already a running backfill for dag daily"})

    async def test_defaults_backwards_and_no_conf(self, client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                  assert_json: AssertJson) -> None:
        body = {"dag_id": "daily", "from_date": "2024-03-01T00:00:00Z", "to_date": "2024-03-02T12:00:00+02:00",
                "run_backwards": True}
        assert_json(await client.post(URL, json=body, headers=tokens["admin"]), 200, expected(
            to_date="2024-03-02T10:00:00Z", dag_run_conf=None, reprocess_behavior="none", max_active_runs=10))
        runs = await _runs(seeded)
        assert [(r[0], r[5]) for r in runs] == [("backfill__2024-03-01T00:00:00+00:00", {}),
                                                ("backfill__2024-03-02T00:00:00+00:00", {})]
        assert [(o, d) for o, d, _, _ in await _links(seeded)] == [(1, 2), (2, 1)]  # latest date first

    async def test_existing_runs_per_reprocess_behavior(self, client: httpx.AsyncClient, tokens: Tokens,
                                                        seeded: Store, assert_json: AssertJson) -> None:
        await _add_run(seeded, 1, "success", with_ti=True)
        await _add_run(seeded, 2, "failed", with_ti=True)
        await _add_run(seeded, 3, "running")
        response = await client.post(URL, json=request(to_date="2024-03-04T00:00:00Z", reprocess_behavior="failed"),
                                     headers=tokens["admin"])
        assert_json(response, 200, expected(to_date="2024-03-04T00:00:00Z", reprocess_behavior="failed"))
        assert await _links(seeded) == [(1, 1, None, "already exists"), (2, 2, "old_2", None),
                                        (3, 3, None, "in flight"), (4, 4, "backfill__2024-03-04T00:00:00+00:00", None)]
        runs = {r[0]: r for r in await _runs(seeded)}
        conf = {"source": "reference"}
        # the failed run is cleared and taken over by the backfill (queued, its conf replaced, a new clear)
        assert runs["old_2"][1:] == ("backfill", "queued", "backfill", None, conf, 1,
                                     datetime(2024, 3, 2, tzinfo=UTC), 1)
        assert runs["old_1"][1:3] == ("manual", "success") and runs["old_3"][1:3] == ("manual", "running")
        async with seeded.read() as conn:
            ti_states = dict((await conn.execute(sa.select(task_instance.c.run_id, task_instance.c.state))).all())
        # the new run has its task instance from the start (no state yet), as Airflow creates it with the run
        assert ti_states == {"old_1": "success", "old_2": None, "backfill__2024-03-04T00:00:00+00:00": None}

    async def test_completed_reprocesses_successful_runs(self, client: httpx.AsyncClient, tokens: Tokens,
                                                         seeded: Store) -> None:
        await _add_run(seeded, 1, "success")
        response = await client.post(URL, json=request(to_date="2024-03-01T00:00:00Z", dag_run_conf=None),
                                     headers=tokens["admin"])
        assert response.status_code == 200, response.text
        assert await _links(seeded) == [(1, 1, "old_1", None)]
        (run,) = await _runs(seeded)
        assert run[1:7] == ("backfill", "queued", "backfill", None, {"old": True}, 1)  # no conf given: kept

    async def test_validation_errors(self, client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                     assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        cases: list[tuple[JSON, int, Any]] = [
            (request(dag_id="no_such_dag"), 404, "Could not find dag no_such_dag"),
            (request(dag_id="manual"), 422, "manual has no schedule"),
            (request(dag_id="only_manual"), 400, "Dag with dag_id: 'only_manual' does not allow backfill runs"),
            (request(from_date="2024-06-05T00:00:00Z", to_date="2024-06-01T00:00:00Z"), 400,
             "Backfill from_date (2024-06-05T00:00:00+00:00) must not be after to_date (2024-06-01T00:00:00+00:00)."),
            (request(from_date="2999-01-01T00:00:00Z", to_date="2999-01-02T00:00:00Z"), 422,
             "Backfill cannot be executed for future dates."),
            (request(dag_id="past", run_backwards=True), 422,
             "Backfill cannot be run in reverse when the Dag has tasks where depends_on_past=True."),
            (request(dag_id="past", reprocess_behavior="none"), 422,
             "Dag has tasks for which depends_on_past=True. "
             "You must set reprocess behavior to reprocess completed or reprocess failed."),
            (request(dag_id="typed", dag_run_conf={"count": "many"}), 422,
             "Invalid input for param count: 'many' is not of type 'integer'\n\nFailed validating 'type' in "
             "schema:\n    {'type': 'integer'}\n\nOn instance:\n    'many'"),
            (request(from_date="2024-03-01T06:00:00Z", to_date="2024-03-01T12:00:00Z"), 400,
             "No runs to create for Dag daily"),
            (request(dag_id="asset_fed"), 400, "No runs to create for Dag asset_fed"),
            (request(max_active_runs=2**40), 400, "max_active_runs must be between -2147483648 and 2147483647"),
            (request(dag_id="every_second"), 422, "A backfill may create at most 100000 dag runs"),
        ]
        for body, status, detail in cases:
            assert_json(await client.post(URL, json=body, headers=admin), status, {"detail": detail})
        assert_json(await client.post(URL, json=request(reprocess_behavior="sometimes"), headers=admin), 422, {
            "detail": [{"type": "enum", "loc": ["body", "reprocess_behavior"],
                        "msg": "Input should be 'failed', 'completed' or 'none'", "input": "sometimes",
                        "ctx": {"expected": "'failed', 'completed' or 'none'"}}]})
        assert_json(await client.post(URL, json=request(from_date="March"), headers=admin), 422, {
            "detail": [{"type": "datetime_from_date_parsing", "loc": ["body", "from_date"],
                        "msg": "Input should be a valid datetime or date, input is too short", "input": "March",
                        "ctx": {"error": "input is too short"}}]})
        assert_json(await client.post(URL, json=request(priority=1), headers=admin), 422, {
            "detail": [{"type": "extra_forbidden", "loc": ["body", "priority"],
                        "msg": "Extra inputs are not permitted", "input": 1}]})
        assert (await client.post(URL, json=request(), headers=tokens["viewer"])).status_code == 403
        assert_json(await client.post(URL, json=request()), 401, {"detail": "Not authenticated"})
        async with seeded.read() as conn:  # nothing was left behind by the refused requests
            assert await conn.scalar(sa.select(sa.func.count()).select_from(backfill)) == 0
            assert await conn.scalar(sa.select(sa.func.count()).select_from(dag_run)) == 0


class TestDryRun:
    async def test_dates_per_direction_and_reprocess_behavior(self, client: httpx.AsyncClient, tokens: Tokens,
                                                              seeded: Store, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        dry = URL + "/dry_run"
        assert_json(await client.post(dry, json=request(), headers=admin), 200, dates(1, 2, 3))
        assert_json(await client.post(dry, json=request(run_backwards=True, reprocess_behavior="none"),
                                      headers=admin), 200, dates(3, 2, 1))
        await _add_run(seeded, 1, "success")
        await _add_run(seeded, 2, "failed")
        await _add_run(seeded, 3, "queued")
        to_5 = {"to_date": "2024-03-05T00:00:00Z"}
        assert_json(await client.post(dry, json=request(**to_5, reprocess_behavior="none"), headers=admin),
                    200, dates(4, 5))
        assert_json(await client.post(dry, json=request(**to_5, reprocess_behavior="failed"), headers=admin),
                    200, dates(2, 4, 5))
        assert_json(await client.post(dry, json=request(**to_5), headers=admin), 200, dates(1, 2, 4, 5))
        # from_date after to_date, or a range without a run: nothing to run (the dry run does not refuse it)
        assert_json(await client.post(dry, json=request(from_date="2024-06-05T00:00:00Z",
                                                         to_date="2024-06-01T00:00:00Z"), headers=admin),
                    200, dates())
        assert_json(await client.post(dry, json=request(from_date="2024-03-01T06:00:00Z",
                                                         to_date="2024-03-01T12:00:00Z"), headers=admin),
                    200, dates())
        async with seeded.read() as conn:
            assert await conn.scalar(sa.select(sa.func.count()).select_from(backfill)) == 0

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                          assert_json: AssertJson) -> None:
        dry, admin = URL + "/dry_run", tokens["admin"]
        assert_json(await client.post(dry, json=request(dag_id="nope"), headers=admin), 404,
                    {"detail": "Could not find dag nope"})
        assert_json(await client.post(dry, json=request(dag_id="manual"), headers=admin), 422,
                    {"detail": "manual has no schedule"})
        assert_json(await client.post(dry, json=request(dag_id="past", run_backwards=True), headers=admin), 422,
                    {"detail": "Backfill cannot be run in reverse when the Dag has tasks where depends_on_past=True."})
        # a dry run does not look at other backfills nor at allowed run types
        assert (await client.post(URL, json=request(), headers=admin)).status_code == 200
        assert_json(await client.post(dry, json=request(reprocess_behavior="none"), headers=admin), 200, dates())
        assert (await client.post(dry, json=request(dag_id="only_manual"), headers=admin)).status_code == 200


class TestReadAndControl:
    async def test_get_list_pause_unpause_cancel(self, client: httpx.AsyncClient, tokens: Tokens, seeded: Store,
                                                 assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        created = (await client.post(URL, json=request(), headers=admin)).json()
        assert_json(await client.get(f"{URL}/1", headers=tokens["viewer"]), 200, created)
        assert_json(await client.get(URL, params={"dag_id": "daily"}, headers=admin), 200,
                    {"backfills": [created], "total_entries": 1})

        paused = await client.put(f"{URL}/1/pause", headers=admin)
        assert_json(paused, 200, expected(is_paused=True))
        assert paused.json()["updated_at"] > created["updated_at"]
        assert_json(await client.put(f"{URL}/1/pause", headers=admin), 200, paused.json())  # no change
        unpaused = await client.put(f"{URL}/1/unpause", headers=admin)
        # as Airflow: the answer shows the time of the previous change
        assert_json(unpaused, 200, {**paused.json(), "is_paused": False})
        stored = (await client.get(f"{URL}/1", headers=admin)).json()
        assert stored["is_paused"] is False and stored["updated_at"] > paused.json()["updated_at"]

        async with seeded.write() as conn:  # the first run has started
            await conn.execute(sa.update(dag_run).where(dag_run.c.run_id == "backfill__2024-03-01T00:00:00+00:00")
                               .values(state="running"))
        cancelled = await client.put(f"{URL}/1/cancel", headers=admin)
        assert_json(cancelled, 200, expected(is_paused=True, completed_at=Timestamp()))
        body = cancelled.json()
        assert body["completed_at"] >= body["updated_at"] > stored["updated_at"]
        assert [r[2] for r in await _runs(seeded)] == ["running", "failed", "failed"]
        assert_json(await client.get(f"{URL}/1", headers=admin), 200,
                    expected(is_paused=True, completed_at=body["completed_at"]))
        for action in ("pause", "unpause", "cancel"):
            assert_json(await client.put(f"{URL}/1/{action}", headers=admin), 409,
                        {"detail": "Backfill is already completed."})
            assert_json(await client.put(f"{URL}/999999/{action}", headers=admin), 404,
                        {"detail": "Could not find backfill with id 999999"})
        assert (await client.put(f"{URL}/1/cancel", headers=tokens["viewer"])).status_code == 403
        # a finished backfill no longer blocks a new one
        assert (await client.post(URL, json=request(), headers=admin)).status_code == 200

    async def test_cancel_an_already_paused_backfill(self, client: httpx.AsyncClient, tokens: Tokens,
                                                     seeded: Store, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        await client.post(URL, json=request(), headers=admin)
        paused = (await client.put(f"{URL}/1/pause", headers=admin)).json()
        cancelled = await client.put(f"{URL}/1/cancel", headers=admin)
        assert_json(cancelled, 200, {**paused, "completed_at": Timestamp()})
        assert [r[2] for r in await _runs(seeded)] == ["failed", "failed", "failed"]

    async def test_get_and_list_errors_and_ordering(self, client: httpx.AsyncClient, tokens: Tokens,
                                                    seeded: Store, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        await client.post(URL, json=request(), headers=admin)
        await client.put(f"{URL}/1/cancel", headers=admin)
        await client.post(URL, json=request(from_date="2024-04-01T00:00:00Z", to_date="2024-04-01T00:00:00Z"),
                          headers=admin)
        listed = await client.get(URL, params={"dag_id": "daily", "order_by": "-id", "limit": "1"}, headers=admin)
        assert_json(listed, 200, {"backfills": [expected(id=2, from_date="2024-04-01T00:00:00Z",
                                                         to_date="2024-04-01T00:00:00Z")], "total_entries": 2})
        page2 = (await client.get(URL, params={"dag_id": "daily", "offset": "1"}, headers=admin)).json()
        assert [b["id"] for b in page2["backfills"]] == [2] and page2["total_entries"] == 2
        assert_json(await client.get(URL, params={"dag_id": "manual"}, headers=admin), 200,
                    {"backfills": [], "total_entries": 0})
        assert_json(await client.get(f"{URL}/999999", headers=admin), 404, {"detail": "Backfill not found"})
        assert_json(await client.get(f"{URL}/{2**40}", headers=admin), 404, {"detail": "Backfill not found"})
        assert_json(await client.put(f"{URL}/{2**40}/pause", headers=admin), 404,
                    {"detail": f"Could not find backfill with id {2**40}"})
        assert_json(await client.get(f"{URL}/abc", headers=admin), 422, {"detail": [{
            "type": "int_parsing", "loc": ["path", "backfill_id"],
            "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}]})
        assert_json(await client.put(f"{URL}/abc/cancel", headers=admin), 422, {"detail": [{
            "type": "int_parsing", "loc": ["path", "backfill_id"],
            "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}]})
        assert_json(await client.get(URL, headers=admin), 422, {"detail": [{
            "type": "missing", "loc": ["query", "dag_id"], "msg": "Field required", "input": None}]})
        assert_json(await client.get(URL, params={"dag_id": "daily", "order_by": "nope"}, headers=admin), 400,
                    {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
        assert_json(await client.get(URL, params={"dag_id": "daily"}), 401, {"detail": "Not authenticated"})
        assert_json(await client.get(URL, params={"dag_id": "daily"},
                                     headers={"Authorization": "Bearer this-is-not-a-jwt"}),
                    403, {"detail": "Invalid JWT token"})
