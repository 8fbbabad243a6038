"""Task Instance, human-in-the-loop: list, read (+ try), answer once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import sqlalchemy as sa
from apitest import Timestamp
from litestar import Litestar
from public_runs_seed import at, iso, seed, ti_body, ti_id

from airgate.gateway.store.tables import hitl_detail

AssertJson = Callable[[httpx.Response, int, Any], None]
RUN3 = "/api/v2/dags/alpha/dagRuns/run_3"


def _detail(**changes: Any) -> dict[str, Any]:
    body = {"options": ["alpha", "beta"], "subject": "Pick one", "body": None, "defaults": ["alpha"],
            "multiple": False, "params": {"comment": {"value": "", "description": None, "schema": {"type": "string"},
                                                      "source": "task"}, "n": {"value": 1, "description": None,
                                                                                 "schema": {}}},
            "assigned_users": [], "created_at": iso(at(202)), "responded_by_user": None, "responded_at": None,
            "chosen_options": None, "params_input": {}, "response_received": False, "task_instance": ti_body(4)}
    body.update(changes)
    return body


async def test_hitl(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], app: Litestar,
                    assert_json: AssertJson) -> None:
    store = app.state.airgate.store
    await seed(store)
    async with store.write() as conn:
        await conn.execute(sa.insert(hitl_detail).values(
            ti_id=ti_id(4), options=["alpha", "beta"], subject="Pick one", defaults=["alpha"], multiple=False,
            params={"comment": {"value": "", "description": None, "schema": {"type": "string"}, "source": "task"},
                    "n": 1}, assignees=[], created_at=at(202), params_input={}))
    admin = tokens["admin"]
    assert_json(await client.get(f"{RUN3}/taskInstances/extract/-1/hitlDetails", headers=admin), 200, _detail())
    assert_json(await client.get(f"{RUN3}/hitlDetails", params={"state": "running", "response_received": "false"},
                                 headers=admin), 200, {"hitl_details": [_detail()], "total_entries": 1})
    assert_json(await client.get("/api/v2/dags/~/dagRuns/~/hitlDetails", params={"subject_search": "nothing"},
                                 headers=admin), 200, {"hitl_details": [], "total_entries": 0})
    assert_json(await client.get(f"{RUN3}/hitlDetails", params={"order_by": "nope"}, headers=admin), 400,
                {"detail": "Ordering with 'nope' is disallowed or the attribute does not exist on the model"})
    try_task = {k: v for k, v in ti_body(4).items() if k not in (
        "id", "logical_date", "run_after", "note", "rendered_map_index", "rendered_fields", "trigger",
        "triggerer_job")}
    assert_json(await client.get(f"{RUN3}/taskInstances/extract/-1/hitlDetails/tries/1", headers=admin), 200,
                _detail(task_instance=try_task))
    assert_json(await client.get(f"{RUN3}/taskInstances/extract/-1/hitlDetails/tries/3", headers=admin), 404,
                {"detail": "The Task Instance with dag_id: `alpha`, run_id: `run_3`, task_id: `extract` and "
                           "map_index: `-1` was not found"})
    assert_json(await client.get(f"{RUN3}/taskInstances/fan/0/hitlDetails", headers=admin), 404,
                {"detail": f"Human-in-the-loop detail does not exist for Task Instance with id {ti_id(6)}"})

    url = f"{RUN3}/taskInstances/extract/-1/hitlDetails"
    answer = {"responded_by": {"id": "admin", "name": "admin"}, "responded_at": Timestamp(),
              "chosen_options": ["beta"], "params_input": {"comment": "ok"}}
    assert_json(await client.patch(url, json={"chosen_options": ["beta"], "params_input": {"comment": "ok"}},
                                   headers=admin), 200, answer)
    assert_json(await client.patch(url, json={"chosen_options": ["alpha"]}, headers=admin), 409, {"detail": (
        f"Human-in-the-loop detail has already been updated for Task Instance with id {ti_id(4)} and is not "
        "allowed to write again.")})
    response = await client.get(url, headers=admin)
    assert response.json()["response_received"] is True and response.json()["chosen_options"] == ["beta"]
    assert response.json()["responded_by_user"] == {"id": "admin", "name": "admin"}
    response = await client.patch(url, json={"params_input": {}}, headers=admin)
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "missing"
