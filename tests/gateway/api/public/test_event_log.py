"""Event Log: ``GET /api/v2/eventLogs`` (filters, ordering, paging) and ``GET /api/v2/eventLogs/{id}``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from airgate.gateway.services import event_log
from airgate.gateway.store.tables import dag

T0 = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
AssertJson = Callable[[httpx.Response, int, Any], None]


def _entry(event_log_id: int, when: str, event: str, **fields: Any) -> dict[str, Any]:
    return {
        "event_log_id": event_log_id,
        "when": when,
        "dag_id": None,
        "task_id": None,
        "run_id": None,
        "map_index": None,
        "try_number": None,
        "event": event,
        "logical_date": None,
        "owner": None,
        "extra": None,
        "dag_display_name": None,
        "task_display_name": None,
        **fields,
    }


SEED: list[dict[str, Any]] = [
    {"event": "cli_api_server", "owner": "root", "extra": '{"host_name": "vm"}'},
    {"event": "trigger_dag_run", "owner": "admin", "dag_id": "alpha_dag", "run_id": "manual_1",
     "extra": '{"method": "POST"}'},
    {"event": "running", "owner": "airflow", "dag_id": "alpha_dag", "task_id": "t1", "run_id": "manual_1",
     "map_index": -1, "try_number": 1},
    {"event": "success", "owner": "airflow", "dag_id": "alpha_dag", "task_id": "t1", "run_id": "manual_1",
     "map_index": -1, "try_number": 2},
    {"event": "post_pool", "owner": "op", "extra": '{"name": "p1", "method": "POST"}'},
    {"event": "delete_pool", "owner": "op"},
    {"event": "patch_dag", "owner": "admin", "dag_id": "beta_dag"},
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: Litestar) -> list[int]:
    """SEED written one minute apart from T0, plus the DAG ``alpha_dag`` (display name ``Alpha``)."""
    store = app.state.airgate.store
    ids = []
    async with store.write() as conn:
        await conn.execute(sa.insert(dag).values(dag_id="alpha_dag", bundle_name="dags-folder",
                                                 dag_display_name="Alpha"))
        for n, row in enumerate(SEED):
            ids.append(await event_log.record(conn, when=T0 + timedelta(minutes=n), **row))
    return ids


def _when(n: int) -> str:
    return (T0 + timedelta(minutes=n)).isoformat().replace("+00:00", "Z")


def _expected(ids: list[int], n: int) -> dict[str, Any]:
    row = dict(SEED[n])
    row.setdefault("extra", None)
    if row.get("dag_id") == "alpha_dag":
        row["dag_display_name"] = "Alpha"
    return _entry(ids[n], _when(n), **row)


async def _events(client: httpx.AsyncClient, headers: dict[str, str], **query: Any) -> list[str]:
    response = await client.get("/api/v2/eventLogs", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return [e["event"] for e in response.json()["event_logs"]]


async def test_list_default_is_every_entry_by_id(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int], assert_json: AssertJson
) -> None:
    response = await client.get("/api/v2/eventLogs", headers=tokens["admin"])
    assert_json(response, 200, {
        "event_logs": [_expected(seeded, n) for n in range(len(SEED))],
        "total_entries": len(SEED),
    })


async def test_get_one_and_errors(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    assert_json(await client.get(f"/api/v2/eventLogs/{seeded[1]}", headers=admin), 200, _expected(seeded, 1))
    assert_json(await client.get("/api/v2/eventLogs/99999999", headers=admin), 404,
                {"detail": "The Event Log with id: `99999999` not found"})
    assert_json(await client.get("/api/v2/eventLogs/abc", headers=admin), 400,
                {"detail": "'event_log_id' must be an integer"})
    assert_json(await client.get(f"/api/v2/eventLogs/{seeded[1]}"), 401, {"detail": "Not authenticated"})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"event": "post_pool"}, ["post_pool"]),
        ({"dag_id": "alpha_dag"}, ["trigger_dag_run", "running", "success"]),
        ({"dag_id": "alpha_dag", "task_id": "t1", "run_id": "manual_1", "try_number": "2"}, ["success"]),
        ({"map_index": "-1"}, ["running", "success"]),
        ({"owner": "op"}, ["post_pool", "delete_pool"]),
        ({"included_events": ["post_pool", "delete_pool"]}, ["post_pool", "delete_pool"]),
        ({"included_events": "post_pool,delete_pool"}, []),  # Airflow does not split on commas
        ({"excluded_events": ["running", "success", "cli_api_server"]},
         ["trigger_dag_run", "post_pool", "delete_pool", "patch_dag"]),
        ({"event_pattern": "POOL"}, ["post_pool", "delete_pool"]),
        ({"event_pattern": "dag_run|patch"}, ["trigger_dag_run", "patch_dag"]),
        ({"dag_id_pattern": "_dag"}, ["trigger_dag_run", "running", "success", "patch_dag"]),
        ({"dag_id_prefix_pattern": "beta"}, ["patch_dag"]),
        ({"owner_prefix_pattern": "air"}, ["running", "success"]),
        ({"event_prefix_pattern": "~"}, [e["event"] for e in SEED]),
        ({"run_id_pattern": "manual"}, ["trigger_dag_run", "running", "success"]),
        ({"task_id_pattern": "t"}, ["running", "success"]),
        ({"before": "2026-11-01T12:02:00Z"}, ["cli_api_server", "trigger_dag_run"]),
        ({"after": "2026-11-01T12:04:00Z"}, ["delete_pool", "patch_dag"]),
        ({"after": "2026-11-01T12:00:30+00:00", "before": "2026-11-01T12:02:30Z"}, ["trigger_dag_run", "running"]),
    ],
)
async def test_filters(
    client: httpx.AsyncClient,
    tokens: dict[str, dict[str, str]],
    seeded: list[int],
    query: dict[str, Any],
    expected: list[str],
) -> None:
    assert await _events(client, tokens["admin"], **query) == expected


async def test_ordering_and_paging(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    everything = [e["event"] for e in SEED]
    assert await _events(client, admin, order_by="-when") == everything[::-1]
    assert await _events(client, admin, order_by="-event_log_id") == everything[::-1]
    assert await _events(client, admin, order_by="event", limit=3) == ["cli_api_server", "delete_pool", "patch_dag"]
    # ties broken by id, descending when the first key is
    assert await _events(client, admin, order_by=["-owner", "event"]) == [
        "cli_api_server", "delete_pool", "post_pool", "running", "success", "patch_dag", "trigger_dag_run"
    ]
    assert await _events(client, admin, order_by="-owner", owner="op") == ["delete_pool", "post_pool"]
    assert await _events(client, admin, limit=2, offset=3) == everything[3:5]
    assert_json(await client.get("/api/v2/eventLogs", params={"limit": 0}, headers=admin), 200,
                {"event_logs": [], "total_entries": len(SEED)})
    assert_json(await client.get("/api/v2/eventLogs", params={"order_by": "nope"}, headers=admin), 400,
                {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})


async def test_limit_is_capped_at_maximum_page_limit(
    make_client: Any, seeded: list[int], passwords: dict[str, str]
) -> None:
    async with make_client(AIRFLOW__API__MAXIMUM_PAGE_LIMIT="3", AIRFLOW__API__FALLBACK_PAGE_LIMIT="2") as other:
        token = (await other.post("/auth/token", json={"username": "viewer", "password": passwords["viewer"]}))
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        assert len(await _events(other, headers)) == 2
        body = (await other.get("/api/v2/eventLogs", params={"limit": 1000}, headers=headers)).json()
        assert (len(body["event_logs"]), body["total_entries"]) == (3, len(SEED))


async def test_bad_input_is_a_4xx(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    response = await client.get("/api/v2/eventLogs", params={"before": "now"}, headers=admin)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "before"]
    for query in ({"limit": "-1"}, {"offset": "x"}, {"map_index": "one"}):
        response = await client.get("/api/v2/eventLogs", params=query, headers=admin)
        assert response.status_code == 422, (query, response.text)
    assert_json(await client.get("/api/v2/eventLogs", headers={"Authorization": "Bearer this-is-not-a-jwt"}),
                403, {"detail": "Invalid JWT token"})


async def test_every_role_may_read(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int]
) -> None:
    for role in ("viewer", "user", "op", "admin"):
        assert len(await _events(client, tokens[role])) == len(SEED)


async def test_mutating_calls_are_audited(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: Any
) -> None:
    """As Airflow's action logging: event = operationId, owner = the user, extra = parameters + body, masked."""
    admin = tokens["admin"]
    created = await client.post(
        "/api/v2/variables", json={"key": "api_password", "value": "s3cret", "description": "d"}, headers=admin
    )
    assert created.status_code == 201, created.text
    created = await client.post("/api/v2/variables", json={"key": "plain", "value": "v"}, headers=tokens["op"])
    assert created.status_code == 201, created.text
    deleted = await client.delete("/api/v2/variables/plain", headers=admin)
    assert deleted.status_code == 204, deleted.text

    body = (await client.get("/api/v2/eventLogs", params={"event": "post_variable"}, headers=admin)).json()
    assert body["total_entries"] == 2
    first, second = body["event_logs"]
    assert (first["owner"], second["owner"]) == ("admin", "op")
    assert json.loads(first["extra"]) == {
        "key": "api_password", "value": "***", "description": "d", "method": "POST"
    }
    assert json.loads(second["extra"]) == {"key": "plain", "value": "v", "method": "POST"}
    assert first["dag_id"] is None and first["event_log_id"] < second["event_log_id"]

    body = (await client.get("/api/v2/eventLogs", params={"event": "delete_variable"}, headers=admin)).json()
    assert [(e["owner"], json.loads(e["extra"])) for e in body["event_logs"]] == [
        ("admin", {"variable_key": "plain", "method": "DELETE"})
    ]
    # reads are not audited; a failed call is not either
    await client.get("/api/v2/variables", headers=admin)
    failed = await client.post("/api/v2/variables", json={"key": "plain2"}, headers=admin)
    assert failed.status_code == 422
    events = await _events(client, admin)
    assert events == ["post_variable", "post_variable", "delete_variable"]


async def test_ids_beyond_the_column_range_are_not_found(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], seeded: list[int], assert_json: AssertJson
) -> None:
    huge = 16870030683842482176
    assert_json(await client.get(f"/api/v2/eventLogs/{huge}", headers=tokens["admin"]), 404,
                {"detail": f"The Event Log with id: `{huge}` not found"})
    for name in ("map_index", "try_number"):
        assert await _events(client, tokens["admin"], **{name: str(2**40)}) == []
