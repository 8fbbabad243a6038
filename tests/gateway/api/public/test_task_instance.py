"""Task Instance: lists (``~``, filters, cursor), one TI, mapped TIs, tries, batch, patch (+ dry run, relatives,
by map index), clear (Airflow's defaults) and delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from public_runs_seed import VERSION, at, iso, seed, ti_body

from airgate.gateway.store.tables import dag_run, task_instance

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]
RUN2 = "/api/v2/dags/alpha/dagRuns/run_2/taskInstances"
RUN3 = "/api/v2/dags/alpha/dagRuns/run_3/taskInstances"


@pytest.fixture
async def seeded(app: Litestar) -> None:
    await seed(app.state.airgate.store)


def _keys(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [f"{t['dag_run_id']}/{t['task_id']}/{t['map_index']}" for t in response.json()["task_instances"]]


def _page(items: list[dict[str, Any]], total: int | None = None) -> dict[str, Any]:
    return {"task_instances": items, "total_entries": len(items) if total is None else total,
            "next_cursor": None, "previous_cursor": None}


async def test_reads(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    assert_json(await client.get(RUN2, headers=admin), 200, _page([ti_body(2), ti_body(3)]))
    assert_json(await client.get(f"{RUN2}/extract", headers=admin), 200, ti_body(2))
    assert_json(await client.get(f"{RUN3}/fan/1", headers=admin), 200, ti_body(7))
    assert_json(await client.get(f"{RUN3}/fan", headers=admin), 404,
                {"detail": "Task instance is mapped, add the map_index value to the URL"})
    assert_json(await client.get(f"{RUN2}/nope", headers=admin), 404, {"detail": (
        "The Task Instance with dag_id: `alpha`, run_id: `run_2` and task_id: `nope` was not found")})
    assert_json(await client.get(f"{RUN3}/fan/7", headers=admin), 404, {"detail": (
        "The Mapped Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `fan`, and map_index: `7` "
        "was not found")})
    assert_json(await client.get(f"{RUN3}/fan/listMapped", params={"order_by": "-map_index"}, headers=admin), 200,
                _page([ti_body(7), ti_body(6)]))
    assert_json(await client.get(f"{RUN3}/extract/listMapped", headers=admin), 404,
                {"detail": "Task id extract is not mapped"})
    assert_json(await client.get(f"{RUN3}/nope/listMapped", headers=admin), 404, {"detail": "Task id nope not found"})

    cases: list[tuple[str, dict[str, Any], list[str]]] = [
        ("/api/v2/dags/~/dagRuns/~/taskInstances", {"state": ["failed", "queued"]}, ["run_2/load/-1", "run_3/fan/1"]),
        ("/api/v2/dags/alpha/dagRuns/~/taskInstances", {"task_id": "load", "order_by": "-run_after"},
         ["run_3/load/-1", "run_2/load/-1", "run_1/load/-1"]),
        ("/api/v2/dags/~/dagRuns/~/taskInstances", {"state": "none", "order_by": "id"},
         ["run_3/load/-1", "run_1/only/-1"]),
        (RUN3, {"operator_name_pattern": "@task", "map_index": ["-1", "0"]}, ["run_3/load/-1", "run_3/fan/0"]),
        (RUN3, {"start_date_gte": iso(at(203))}, ["run_3/fan/0"]),
        (RUN2, {"duration_gte": "0.6"}, ["run_2/extract/-1"]),
        (RUN2, {"try_number": "2"}, ["run_2/load/-1"]),
        (RUN3, {"limit": "2", "offset": "1", "order_by": "id"}, ["run_3/load/-1", "run_3/fan/0"]),
    ]
    for path, query, expected in cases:
        assert _keys(await client.get(path, params=query, headers=admin)) == expected, query
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/nope/taskInstances", headers=admin), 404,
                {"detail": "DagRun with dag_id: `alpha` and run_id: `nope` was not found"})
    assert_json(await client.get("/api/v2/dags/nope/dagRuns/~/taskInstances", headers=admin), 404,
                {"detail": "The Dag with ID: `nope` was not found"})
    assert_json(await client.get(RUN2, params={"order_by": "task_id"}, headers=admin), 400,
                {"detail": "Ordering with 'task_id' is disallowed or the attribute does not exist on the model"})
    response = await client.get(RUN2, params={"state": "sleeping"}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"].startswith(
        "Invalid value for state. Valid values are removed, scheduled, queued, running, success, restarting")

    # cursor paging over the 4 TIs of run_3, two at a time, and back
    first = (await client.get(RUN3, params={"cursor": "", "limit": "2", "order_by": "-id"}, headers=admin)).json()
    assert [t["id"] for t in first["task_instances"]] == [ti_body(7)["id"], ti_body(6)["id"]]
    assert first["total_entries"] is None and first["previous_cursor"] is None
    second = (await client.get(RUN3, params={"cursor": first["next_cursor"], "limit": "2", "order_by": "-id"},
                               headers=admin)).json()
    assert [t["id"] for t in second["task_instances"]] == [ti_body(5)["id"], ti_body(4)["id"]]
    assert second["next_cursor"] is None
    back = (await client.get(RUN3, params={"cursor": second["previous_cursor"], "limit": "2", "order_by": "-id"},
                             headers=admin)).json()
    assert [t["id"] for t in back["task_instances"]] == [ti_body(7)["id"], ti_body(6)["id"]]
    # keyset on a computed key (duration) across all runs of alpha
    url = "/api/v2/dags/alpha/dagRuns/~/taskInstances"
    query = {"cursor": "", "limit": "2", "order_by": "-duration", "duration_gte": "0"}
    first = (await client.get(url, params=query, headers=admin)).json()
    assert [t["id"] for t in first["task_instances"]] == [ti_body(1)["id"], ti_body(0)["id"]]
    second = (await client.get(url, params={**query, "cursor": first["next_cursor"]}, headers=admin)).json()
    assert [t["id"] for t in second["task_instances"]] == [ti_body(6)["id"], ti_body(2)["id"]]  # ties: id desc
    third = (await client.get(url, params={**query, "cursor": second["next_cursor"]}, headers=admin)).json()
    assert [t["id"] for t in third["task_instances"]] == [ti_body(3)["id"]] and third["next_cursor"] is None


async def test_tries_and_batch(client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                               assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    first_try = {k: v for k, v in ti_body(3).items() if k not in (
        "id", "logical_date", "run_after", "note", "rendered_map_index", "rendered_fields", "trigger",
        "triggerer_job")}
    first_try.update(state="up_for_retry", try_number=1, start_date=iso(at(101.5)), end_date=iso(at(102)),
                     duration=0.5, dag_version=VERSION)
    current = {k: v for k, v in ti_body(3).items() if k in first_try}
    assert_json(await client.get(f"{RUN2}/load/tries", headers=admin), 200,
                {"task_instances": [first_try, current], "total_entries": 2})
    assert_json(await client.get(f"{RUN2}/load/tries/1", headers=admin), 200, first_try)
    assert_json(await client.get(f"{RUN2}/load/tries/5", headers=admin), 404, {"detail": (
        "The Task Instance with dag_id: `alpha`, run_id: `run_2`, task_id: `load`, try_number: `5` and map_index: "
        "`-1` was not found")})
    assert_json(await client.get(f"{RUN2}/nope/tries", headers=admin), 404, {"detail": (
        "The Task Instance with dag_id: `alpha`, run_id: `run_2`, task_id: `nope` and map_index: `-1` was not found")})
    fan0 = {k: v for k, v in ti_body(6).items() if k in first_try}
    assert_json(await client.get(f"{RUN3}/fan/0/tries", headers=admin), 200, {"task_instances": [fan0],
                                                                            "total_entries": 1})
    assert_json(await client.get(f"{RUN3}/fan/0/tries/1", headers=admin), 200, fan0)

    url = "/api/v2/dags/~/dagRuns/~/taskInstances/list"
    response = await client.post(url, json={"dag_ids": ["alpha"], "state": ["failed", "success"],
                                            "order_by": "-start_date", "page_limit": 2}, headers=admin)
    assert_json(response, 200, _page([ti_body(6), ti_body(3)], total=5))
    response = await client.post(url, json={"dag_run_ids": ["run_1"], "task_ids": ["load", "only"]}, headers=admin)
    assert _keys(response) == ["run_1/load/-1", "run_1/only/-1"]
    response = await client.post("/api/v2/dags/alpha/dagRuns/~/taskInstances/list", json={}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "literal_error"


async def _states(app: Litestar, run_id: str) -> dict[str, str | None]:
    async with app.state.airgate.store.read() as conn:
        rows = await conn.execute(sa.select(task_instance).where(task_instance.c.dag_id == "alpha",
                                                                 task_instance.c.run_id == run_id))
        return {f"{r.task_id}/{r.map_index}": r.state for r in rows}


async def test_patch(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson,
                     app: Litestar) -> None:
    admin = tokens["admin"]
    assert_json(await client.patch(f"{RUN2}/extract", params={"update_mask": "note"}, json={"note": "seen"},
                                   headers=admin), 200, _page([ti_body(2, note="seen")]))
    assert_json(await client.patch(f"{RUN2}/extract", params={"update_mask": "priority"}, json={"note": "x"},
                                   headers=admin), 200, _page([ti_body(2, note="seen")]))
    assert_json(await client.patch(f"{RUN2}/nope", json={"note": "x"}, headers=admin), 404,
                {"detail": "Task 'nope' not found in Dag 'alpha'"})
    assert_json(await client.patch(f"{RUN3}/fan/9", json={"note": "x"}, headers=admin), 404, {"detail": [
        "The Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `fan` and map_index: `9` was not found"]})
    assert_json(await client.patch(f"{RUN2}/extract", json={"new_state": "queued"}, headers=admin), 422, {"detail": [
        {"type": "value_error", "loc": ["body", "new_state"],
         "msg": "Value error, 'queued' is not one of ['success', 'failed', 'skipped']", "input": "queued",
         "ctx": {"error": {}}}]})
    # dry run with downstream: what would change, nothing changes
    assert_json(await client.patch(f"{RUN3}/extract/dry_run", json={"new_state": "failed",
                                                                     "include_downstream": True}, headers=admin),
                200, _page([ti_body(4), ti_body(5)]))
    assert (await _states(app, "run_3"))["extract/-1"] == "running"
    # the running TI is marked failed (its heartbeat then answers 409 and the task stops); end_date is set
    response = await client.patch(f"{RUN3}/extract", json={"new_state": "failed"}, headers=admin)
    body = response.json()
    assert response.status_code == 200 and body["total_entries"] == 1
    assert body["task_instances"][0]["state"] == "failed" and body["task_instances"][0]["end_date"] is not None
    assert_json(await client.patch(f"{RUN3}/extract", json={"new_state": "failed"}, headers=admin), 409,
                {"detail": "Task id extract is already in failed state"})
    # a mapped task without map index: every map index is patched
    response = await client.patch(f"{RUN3}/fan", json={"note": "all"}, headers=admin)
    assert _keys(response) == ["run_3/fan/0", "run_3/fan/1"]
    assert [t["note"] for t in response.json()["task_instances"]] == ["all", "all"]
    response = await client.patch(f"{RUN3}/fan/1", params={"update_mask": "new_state"},
                                  json={"new_state": "skipped"}, headers=admin)
    assert _keys(response) == ["run_3/fan/1"] and response.json()["task_instances"][0]["state"] == "skipped"
    # marking extract success in run_2 resumes its failed downstream: load is cleared, the run queued again
    response = await client.patch(f"{RUN2}/load/dry_run", json={"new_state": "success"}, headers=admin)
    assert _keys(response) == ["run_2/load/-1"]
    response = await client.patch(f"{RUN2}/extract", json={"new_state": "failed"}, headers=admin)
    assert response.status_code == 200
    response = await client.patch(f"{RUN2}/extract", json={"new_state": "success"}, headers=admin)
    assert response.status_code == 200
    assert await _states(app, "run_2") == {"extract/-1": "success", "load/-1": None}
    async with app.state.airgate.store.read() as conn:
        state = await conn.scalar(sa.select(dag_run.c.state).where(dag_run.c.run_id == "run_2"))
    assert state == "queued"


async def test_clear_and_delete(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson,
                                app: Litestar) -> None:
    admin = tokens["admin"]
    url = "/api/v2/dags/alpha/clearTaskInstances"
    # only_failed and dry_run default true
    assert_json(await client.post(url, json={"dag_run_id": "run_2"}, headers=admin), 200, _page([ti_body(3)]))
    assert_json(await client.post(url, json={"dag_run_id": "run_1", "task_ids": ["extract"]}, headers=admin), 200,
                _page([]))
    assert_json(await client.post(url, json={"dag_run_id": "run_1", "task_ids": ["extract"], "only_failed": False,
                                             "include_downstream": True}, headers=admin),
                200, _page([ti_body(0), ti_body(1)]))
    assert_json(await client.post(url, json={"dag_run_id": "run_3", "task_ids": [["fan", 1]],
                                             "only_failed": False}, headers=admin), 200, _page([ti_body(7)]))
    assert_json(await client.post(url, json={"dag_run_id": "run_3", "only_failed": False, "only_running": True},
                                  headers=admin), 200, _page([ti_body(4)]))
    assert_json(await client.post(url, json={"dag_run_id": "nope"}, headers=admin), 404,
                {"detail": "Dag Run id nope not found in dag alpha"})
    assert_json(await client.post("/api/v2/dags/nope/clearTaskInstances", json={}, headers=admin), 404,
                {"detail": "The Dag with ID: `nope` was not found"})
    response = await client.post(url, json={"only_failed": True, "only_running": True}, headers=admin)
    assert response.status_code == 422  # Airflow answers 500 here
    assert_json(await client.post(url, json={"dry_run": False, "only_failed": False, "dag_run_id": "run_3",
                                             "task_ids": ["extract"], "prevent_running_task": True},
                                  headers=admin), 409, {"detail": (
        "AirflowClearRunningTaskException: Disable 'prevent_running_task' to proceed, or wait until the task is "
        "not running, queued, or scheduled state.")})
    # a real clear: the running TI is told to restart (its heartbeat answers 409), the failed one gets a new try
    response = await client.post(url, json={"dry_run": False, "only_failed": False, "dag_run_id": "run_3",
                                            "task_ids": ["extract"]}, headers=admin)
    assert response.status_code == 200 and response.json()["task_instances"][0]["state"] == "restarting"
    assert response.json()["task_instances"][0]["max_tries"] == 1  # so the ended try is retried, not failed
    response = await client.post(url, json={"dry_run": False, "dag_run_id": "run_2"}, headers=admin)
    cleared = response.json()["task_instances"][0]
    assert cleared["state"] is None and cleared["id"] != ti_body(3)["id"] and cleared["max_tries"] == 3
    assert cleared["try_number"] == 2
    response = await client.get(f"{RUN2}/load/tries", headers=admin)
    assert [t["try_number"] for t in response.json()["task_instances"]] == [1, 2]

    response = await client.delete(f"{RUN2}/extract", headers=admin)
    assert response.status_code == 200 and response.content == b"null"
    assert_json(await client.delete(f"{RUN2}/extract", headers=admin), 404, {"detail": (
        "The Task Instance with dag_id: `alpha`, run_id: `run_2`, task_id: `extract` and map_index: `-1` was not "
        "found")})
    assert (await client.delete(f"{RUN3}/fan", params={"map_index": "1"}, headers=admin)).status_code == 200
    assert (await client.delete(f"{RUN3}/fan", params={"map_index": "0"}, headers=tokens["viewer"])).status_code == 403


async def test_bulk(client: httpx.AsyncClient, tokens: Tokens, seeded: None, assert_json: AssertJson,
                    app: Litestar) -> None:
    admin = tokens["admin"]
    response = await client.patch(RUN3, json={"actions": [
        {"action": "update", "entities": [{"task_id": "load", "new_state": "skipped"},
                                          {"task_id": "fan", "map_index": 1, "note": "bulk note"}],
         "action_on_non_existence": "fail"},
        {"action": "update", "entities": [{"task_id": "extract", "new_state": "success"},
                                          {"task_id": "nope", "new_state": "success"}]},
        {"action": "create", "entities": [{"task_id": "x"}]},
    ]}, headers=admin)
    assert_json(response, 200, {
        "create": {"success": [], "errors": [{"error": "Task instances bulk create is not supported",
                                              "status_code": 405}]},
        "update": {"success": ["alpha.run_3.fan[1]", "alpha.run_3.load[-1]", "alpha.run_3.extract[-1]"], "errors": [
            {"error": "No task instances found for dag_id: alpha, run_id: run_3, task_id: nope", "status_code": 404}]},
        "delete": None})
    assert await _states(app, "run_3") == {"extract/-1": "success", "load/-1": "skipped", "fan/0": "success",
                                           "fan/1": "queued"}
    response = await client.patch(RUN3, json={"actions": [
        {"action": "delete", "entities": ["fan", {"task_id": "load", "map_index": 5}],
         "action_on_non_existence": "skip"}]}, headers=admin)
    assert_json(response, 200, {"create": None, "update": None,
                                "delete": {"success": ["alpha.run_3.fan[0]", "alpha.run_3.fan[1]"], "errors": []}})
    response = await client.patch(RUN3, json={"actions": [
        {"action": "update", "entities": [{"task_id": "load", "new_state": "skipped"}]}]}, headers=admin)
    assert response.json()["update"] == {"success": [], "errors": [
        {"error": "Task id load is already in skipped state", "status_code": 409}]}


async def test_dependencies(client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                            assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    assert_json(await client.get(f"{RUN2}/extract/dependencies", headers=admin), 200, {"dependencies": []})
    # alpha is paused (the default), run_3 is running, extract (load's upstream) is still running
    assert_json(await client.get(f"{RUN3}/load/dependencies", headers=admin), 200, {"dependencies": [
        {"name": "Dag Not Paused", "reason": "Task's DAG 'alpha' is paused."},
        {"name": "Task Instance State", "reason": "Task is in the 'None' state."},
        {"name": "Trigger Rule", "reason": (
            "Task's trigger rule 'all_success' requires all upstream tasks to have succeeded, but found 1 "
            "non-success(es). upstream_states=_UpstreamTIStates(success=0, skipped=0, failed=0, upstream_failed=0, "
            "removed=0, done=0, success_setup=0, skipped_setup=0), upstream_task_ids={'extract'}")}]})
    assert_json(await client.get(f"{RUN3}/fan/1/dependencies", headers=admin), 200, {"dependencies": []})
    assert_json(await client.get(f"{RUN3}/fan/9/dependencies", headers=admin), 404, {"detail": [
        "The Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `fan` and map_index: `9` was not found"]})


async def test_totals_with_and_without_run_columns(client: httpx.AsyncClient, tokens: Tokens, seeded: None) -> None:
    """``total_entries`` counts the same rows the pages show, whether or not a filter or the order reads the run
    (the count joins the run only then), and the default order is ``map_index`` then ``id``."""
    admin = tokens["admin"]
    everything = (await client.get("/api/v2/dags/~/dagRuns/~/taskInstances", params={"limit": "100"},
                                   headers=admin)).json()
    items = everything["task_instances"]
    assert everything["total_entries"] == len(items) > 3
    assert [(t["map_index"], t["id"]) for t in items] == sorted((t["map_index"], t["id"]) for t in items)
    one = (await client.get("/api/v2/dags/~/dagRuns/~/taskInstances", params={"limit": "1"}, headers=admin)).json()
    assert (one["total_entries"], one["task_instances"]) == (len(items), items[:1])
    since = sorted(t["run_after"] for t in items)[len(items) // 2]
    later = [t for t in items if t["run_after"] >= since]
    assert 0 < len(later) < len(items)
    for order in ("map_index", "-run_after"):
        body = (await client.get("/api/v2/dags/~/dagRuns/~/taskInstances", headers=admin,
                                 params={"run_after_gte": since, "order_by": order, "limit": "2"})).json()
        assert body["total_entries"] == len(later), order
        assert {t["id"] for t in body["task_instances"]} <= {t["id"] for t in later}
