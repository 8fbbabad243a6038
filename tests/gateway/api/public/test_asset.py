"""Asset tag: assets and aliases (filters, ordering, paging), asset events (list, create — which queues the
DAGs scheduled on the asset), materialisation and queued events, with Airflow's bodies and messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from asset_seed import DOCS, MANUAL, NEVER, ONE, SHARED, TWO, seed, stamped
from litestar import Litestar

from airgate.gateway.store.tables import asset_dag_run_queue, dag_run

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]


@pytest.fixture
async def ids(app: Litestar) -> dict[str, int]:
    return await seed(app.state.airgate.store)


def _ref(dag_id: str, task_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"dag_id": dag_id}
    if task_id is not None:
        body["task_id"] = task_id
    return {**body, "created_at": "<ts>", "updated_at": "<ts>"}


def _asset(ids: dict[str, int], obj: dict[str, Any], *, scheduled: tuple[str, ...] = (),
           producing: tuple[tuple[str, str], ...] = (), consuming: tuple[tuple[str, str], ...] = (),
           last: tuple[int | None, str | None] = (None, None)) -> dict[str, Any]:
    return {
        "id": ids[obj["name"]], "name": obj["name"], "uri": obj["uri"], "group": obj["group"],
        "extra": obj["extra"], "created_at": "<ts>", "updated_at": "<ts>",
        "scheduled_dags": [_ref(d) for d in scheduled],
        "producing_tasks": [_ref(d, t) for d, t in producing],
        "consuming_tasks": [_ref(d, t) for d, t in consuming],
        "aliases": [], "watchers": [], "last_asset_event": {"id": last[0], "timestamp": last[1]},
    }


def _all(ids: dict[str, int]) -> dict[str, dict[str, Any]]:
    return {
        "one": _asset(ids, ONE, scheduled=("ap_consumer", "ap_waiting"), producing=(("ap_producer", "make"),)),
        "two": _asset(ids, TWO, scheduled=("ap_consumer",), consuming=(("ap_producer", "make"),)),
        "shared": _asset(ids, SHARED, producing=(("ap_producer", "share"), ("ap_producer_2", "also"))),
        "manual": _asset(ids, MANUAL, producing=(("ap_manual_only", "produce"),)),
        "never": _asset(ids, NEVER, scheduled=("ap_waiting",)),
    }


def _names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["name"] for a in response.json()["assets"]]


async def test_get_assets_bodies_filters_ordering_and_errors(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    bodies = _all(ids)
    response = await client.get("/api/v2/assets", headers=admin)
    assert response.status_code == 200
    expected = sorted(bodies.values(), key=lambda b: b["id"])
    assert stamped(response.json()) == {"assets": expected, "total_entries": 5}
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"name_pattern": "O"}, sorted(["s3://b/one", "two", "manual_only"], key=lambda n: ids[n])),
        ({"uri_prefix_pattern": "x://", "order_by": "-name"}, ["shared", "never", "manual_only"]),
        ({"uri_pattern": "never|shared", "order_by": "uri"}, ["never", "shared"]),
        ({"dag_ids": "ap_consumer", "order_by": "name"}, ["s3://b/one", "two"]),
        ({"dag_ids": "ap_manual_only,ap_producer_2", "order_by": "name"}, ["manual_only", "shared"]),
        ({"name_prefix_pattern": "", "order_by": "name", "limit": "2", "offset": "1"}, ["never", "s3://b/one"]),
    ]
    for query, names in cases:
        assert _names(await client.get("/api/v2/assets", params=query, headers=admin)) == names, query
    paged = (await client.get("/api/v2/assets", params={"limit": "1"}, headers=admin)).json()
    assert paged["total_entries"] == 5 and len(paged["assets"]) == 1
    assert_json(await client.get("/api/v2/assets", params={"order_by": "nope"}, headers=admin), 400,
                {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.get("/api/v2/assets", params={"only_active": "perhaps"}, headers=admin), 422,
                {"detail": [{"type": "bool_parsing", "loc": ["query", "only_active"],
                             "msg": "Input should be a valid boolean, unable to interpret input",
                             "input": "perhaps"}]})
    assert_json(await client.get("/api/v2/assets"), 401, {"detail": "Not authenticated"})
    # the manual-only DAG stops producing its asset: it is referenced by nothing, so no longer active
    await seed(client._transport.app.state.airgate.store,  # type: ignore[attr-defined]
               [{**DOCS[2], "tasks": [{**DOCS[2]["tasks"][0], "outlets": []}]}])
    assert "manual_only" not in _names(await client.get("/api/v2/assets", headers=admin))
    inactive = await client.get("/api/v2/assets", params={"only_active": "false", "name_pattern": "manual"},
                                headers=admin)
    assert stamped(inactive.json()) == {"assets": [{**bodies["manual"], "producing_tasks": []}], "total_entries": 1}


async def test_get_asset_and_aliases(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    bodies = _all(ids)
    response = await client.get(f"/api/v2/assets/{ids['two']}", headers=admin)
    assert response.status_code == 200 and stamped(response.json()) == bodies["two"]
    assert_json(await client.get("/api/v2/assets/999999", headers=admin), 404,
                {"detail": "The Asset with ID: `999999` was not found"})
    assert_json(await client.get("/api/v2/assets/abc", headers=admin), 422, {"detail": [
        {"type": "int_parsing", "loc": ["path", "asset_id"],
         "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}]})
    al_in, al_out = ({"id": ids[n], "name": n, "group": "asset"} for n in ("al_in", "al_out"))
    assert_json(await client.get("/api/v2/assets/aliases", params={"order_by": "name"}, headers=admin), 200,
                {"asset_aliases": [al_in, al_out], "total_entries": 2})
    assert_json(await client.get("/api/v2/assets/aliases", params={"name_pattern": "out", "order_by": "-name"},
                                 headers=admin), 200, {"asset_aliases": [al_out], "total_entries": 1})
    assert_json(await client.get("/api/v2/assets/aliases", params={"name_prefix_pattern": "zzz"}, headers=admin),
                200, {"asset_aliases": [], "total_entries": 0})
    assert_json(await client.get("/api/v2/assets/aliases", params={"order_by": "uri"}, headers=admin), 400,
                {"detail": "Ordering with 'uri' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.get(f"/api/v2/assets/aliases/{ids['al_out']}", headers=admin), 200, al_out)
    assert_json(await client.get("/api/v2/assets/aliases/999999", headers=admin), 404,
                {"detail": "The Asset Alias with ID: `999999` was not found"})
    details = await client.get("/api/v2/dags/ap_consumer/details", headers=admin)
    assert details.status_code == 200, details.text
    assert details.json()["asset_expression"] == {"all": [  # as Airflow stores it: assets carry their ids
        {"asset": {"uri": o["uri"], "name": o["name"], "group": o["group"], "id": ids[o["name"]]}} for o in (ONE, TWO)]}


def _event(ids: dict[str, int], obj: dict[str, Any], event_id: int, extra: dict[str, Any]) -> dict[str, Any]:
    return {"id": event_id, "asset_id": ids[obj["name"]], "uri": obj["uri"], "name": obj["name"],
            "group": obj["group"], "extra": extra, "source_task_id": None, "source_dag_id": None,
            "source_run_id": None, "source_map_index": -1, "created_dagruns": [], "timestamp": "<ts>",
            "partition_key": None}


async def test_create_and_list_asset_events(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    first = await client.post("/api/v2/assets/events", json={"asset_id": ids["s3://b/one"], "extra": {"rows": 3}},
                              headers=admin)
    assert first.status_code == 200, first.text
    one_id = first.json()["id"]
    assert stamped(first.json()) == _event(ids, ONE, one_id, {"rows": 3, "from_rest_api": True})
    second = await client.post("/api/v2/assets/events", json={"asset_id": ids["two"]}, headers=admin)
    two_id = second.json()["id"]
    assert stamped(second.json()) == _event(ids, TWO, two_id, {})
    listed = await client.get("/api/v2/assets/events", headers=admin)
    assert stamped(listed.json()) == {"asset_events": [
        _event(ids, ONE, one_id, {"rows": 3, "from_rest_api": True}), _event(ids, TWO, two_id, {})],
        "total_entries": 2}
    for query, expected in [
        ({"asset_id": str(ids["two"])}, [two_id]),
        ({"order_by": "-timestamp"}, [two_id, one_id]),
        ({"name_prefix_pattern": "s3"}, [one_id]),
        ({"name_pattern": "tw"}, [two_id]),
        ({"source_dag_id": "ap_producer"}, []),
        ({"source_map_index": "-1", "limit": "1", "offset": "1"}, [two_id]),
        ({"timestamp_gte": first.json()["timestamp"], "timestamp_lt": second.json()["timestamp"]}, [one_id]),
    ]:
        got = await client.get("/api/v2/assets/events", params=query, headers=admin)
        assert [e["id"] for e in got.json()["asset_events"]] == expected, query
    last = (await client.get(f"/api/v2/assets/{ids['s3://b/one']}", headers=admin)).json()["last_asset_event"]
    assert last == {"id": one_id, "timestamp": first.json()["timestamp"]}
    assert_json(await client.get("/api/v2/assets/events", params={"order_by": "nope"}, headers=admin), 400,
                {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
    assert_json(await client.post("/api/v2/assets/events", json={"asset_id": 999999}, headers=admin), 404,
                {"detail": "Asset with ID: `999999` was not found"})
    assert_json(await client.post("/api/v2/assets/events", json={"extra": {}}, headers=admin), 422, {"detail": [
        {"type": "missing", "loc": ["body", "asset_id"], "msg": "Field required", "input": {"extra": {}}}]})
    assert_json(await client.post("/api/v2/assets/events", json={"asset_id": 2, "note": "x"}, headers=admin), 422,
                {"detail": [{"type": "extra_forbidden", "loc": ["body", "note"],
                             "msg": "Extra inputs are not permitted", "input": "x"}]})
    denied = await client.post("/api/v2/assets/events", json={"asset_id": ids["two"]}, headers=tokens["viewer"])
    assert denied.status_code == 403


async def test_queued_events_read_and_delete(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    one = ids["s3://b/one"]
    keyed = await client.post("/api/v2/assets/events", json={"asset_id": one, "partition_key": "eu"}, headers=admin)
    assert keyed.json()["partition_key"] == "eu"  # an event with a partition key queues no plain DAG (Airflow)
    assert_json(await client.get(f"/api/v2/assets/{one}/queuedEvents", headers=admin), 200,
                {"queued_events": [], "total_entries": 0})
    await client.post("/api/v2/assets/events", json={"asset_id": one}, headers=admin)

    def queued(dag_id: str) -> dict[str, Any]:
        return {"dag_id": dag_id, "asset_id": one, "created_at": "<ts>", "dag_display_name": dag_id}

    got = await client.get(f"/api/v2/assets/{one}/queuedEvents", headers=admin)
    assert stamped(got.json()) == {"queued_events": [queued("ap_consumer"), queued("ap_waiting")],
                                   "total_entries": 2}
    got = await client.get("/api/v2/dags/ap_waiting/assets/queuedEvents", headers=admin)
    assert stamped(got.json()) == {"queued_events": [queued("ap_waiting")], "total_entries": 1}
    got = await client.get(f"/api/v2/dags/ap_waiting/assets/{one}/queuedEvents", headers=admin)
    assert stamped(got.json()) == queued("ap_waiting")
    assert_json(await client.get(f"/api/v2/assets/{one}/queuedEvents", params={"before": "2020-01-01T00:00:00Z"},
                                 headers=admin), 200, {"queued_events": [], "total_entries": 0})
    assert_json(await client.get("/api/v2/assets/999999/queuedEvents", headers=admin), 200,
                {"queued_events": [], "total_entries": 0})
    assert_json(await client.get("/api/v2/dags/no_such_dag/assets/queuedEvents", headers=admin), 200,
                {"queued_events": [], "total_entries": 0})
    assert_json(await client.get(f"/api/v2/assets/{one}/queuedEvents", params={"before": "soon"}, headers=admin),
                400, {"detail": "Invalid datetime: 'soon'. Please check the date parameter have this value."})
    assert_json(await client.get(f"/api/v2/dags/ap_producer/assets/{one}/queuedEvents", headers=admin), 404,
                {"detail": f"Queued event with dag_id: `ap_producer` and asset_id: `{one}` was not found"})
    deleted = await client.delete(f"/api/v2/dags/ap_waiting/assets/{one}/queuedEvents", headers=admin)
    assert deleted.status_code == 204 and deleted.content == b""
    assert_json(await client.delete(f"/api/v2/dags/ap_waiting/assets/{one}/queuedEvents", headers=admin), 404,
                {"detail": f"Queued event with dag_id: `ap_waiting` and asset_id: `{one}` was not found"})
    assert_json(await client.delete("/api/v2/dags/ap_waiting/assets/queuedEvents", headers=admin), 404,
                {"detail": "Queue event with dag_id: `ap_waiting` was not found"})
    assert_json(await client.delete("/api/v2/dags/ap_waiting/assets/queuedEvents", params={"before": "x"},
                                    headers=admin), 400,
                {"detail": "Invalid datetime: 'x'. Please check the date parameter have this value."})
    assert (await client.delete(f"/api/v2/assets/{one}/queuedEvents", headers=admin)).status_code == 204
    assert_json(await client.delete(f"/api/v2/assets/{one}/queuedEvents", headers=admin), 404,
                {"detail": f"Queue event with asset_id: `{one}` was not found"})
    await client.post("/api/v2/assets/events", json={"asset_id": ids["two"]}, headers=admin)
    assert (await client.delete("/api/v2/dags/ap_consumer/assets/queuedEvents", headers=admin)).status_code == 204
    async with client._transport.app.state.airgate.store.read() as conn:  # type: ignore[attr-defined]
        assert (await conn.scalar(sa.select(sa.func.count()).select_from(asset_dag_run_queue))) == 0


async def test_materialize_asset(
    client: httpx.AsyncClient, tokens: Tokens, ids: dict[str, int], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    response = await client.post(f"/api/v2/assets/{ids['s3://b/one']}/materialize", headers=admin)
    assert response.status_code == 200, response.text
    body = response.json()
    run_after = body["run_after"]
    assert body["dag_run_id"] == "asset_materialization__" + run_after.replace("Z", "+00:00")
    version = body["dag_versions"][0]
    assert stamped({k: v for k, v in body.items() if k != "dag_versions"}) == {
        "dag_run_id": body["dag_run_id"], "dag_id": "ap_producer", "logical_date": None, "queued_at": "<ts>",
        "start_date": None, "end_date": None, "duration": None, "data_interval_start": None,
        "data_interval_end": None, "run_after": "<ts>", "last_scheduling_decision": None,
        "run_type": "asset_materialization", "state": "queued", "triggered_by": "rest_api",
        "triggering_user_name": "admin", "conf": {}, "note": None, "bundle_version": None,
        "dag_display_name": "ap_producer", "partition_key": None}
    assert (version["dag_id"], version["version_number"]) == ("ap_producer", 1)
    with_body = await client.post(f"/api/v2/assets/{ids['s3://b/one']}/materialize", headers=admin,
                                  json={"dag_run_id": "mat_1", "conf": {"a": 1}, "note": "n"})
    assert (with_body.status_code, with_body.json()["dag_run_id"], with_body.json()["conf"]) == (200, "mat_1", {"a": 1})
    async with client._transport.app.state.airgate.store.read() as conn:  # type: ignore[attr-defined]
        types = (await conn.scalars(sa.select(dag_run.c.run_type).where(dag_run.c.dag_id == "ap_producer"))).all()
    assert types == ["asset_materialization", "asset_materialization"]
    assert_json(await client.post(f"/api/v2/assets/{ids['shared']}/materialize", headers=admin), 409,
                {"detail": f"More than one Dag materializes asset with ID: {ids['shared']}"})
    assert_json(await client.post(f"/api/v2/assets/{ids['manual_only']}/materialize", headers=admin), 400,
                {"detail": "Dag with dag_id: 'ap_manual_only' does not allow asset materialization runs"})
    assert_json(await client.post(f"/api/v2/assets/{ids['never']}/materialize", headers=admin), 404,
                {"detail": f"No Dag materializes asset with ID: {ids['never']}"})
    assert_json(await client.post("/api/v2/assets/999999/materialize", headers=admin), 404,
                {"detail": "No Dag materializes asset with ID: 999999"})
    assert_json(await client.post("/api/v2/assets/abc/materialize", headers=admin), 422, {"detail": [
        {"type": "int_parsing", "loc": ["path", "asset_id"],
         "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}]})
