"""Human-in-the-loop details: created once per task instance, answered once, read back."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]


async def test_request_answer_read(
    client: httpx.AsyncClient, auth: Auth, seed_run: SeedRun, seed_ti: SeedTi
) -> None:
    await seed_run(dag_id="h", run_id="r")
    ti = await seed_ti(id=str(uuid.uuid4()), dag_id="h", run_id="r", task_id="approve", state="running")
    url, h = f"/execution/hitlDetails/{ti}", auth(ti)
    request: dict[str, Any] = {
        "ti_id": ti,
        "options": ["Approve", "Reject"],
        "subject": "Ok?",
        "body": None,
        "defaults": None,
        "multiple": False,
        "params": {},
        "assigned_users": [{"id": "admin", "name": "admin"}],
        "type": "CreateHITLDetailPayload",
    }
    created = await client.post(url, json=request, headers=h)
    expected = {k: v for k, v in request.items() if k != "type"}
    assert (created.status_code, created.json()) == (201, expected)
    unanswered: dict[str, Any] = {
        "response_received": False,
        "responded_by_user": None,
        "responded_at": None,
        "chosen_options": [],
        "params_input": {},
    }
    assert (await client.get(url, headers=h)).json() == unanswered
    answered = await client.patch(
        url, json={"ti_id": ti, "chosen_options": ["Approve"], "params_input": {"c": 1}}, headers=h
    )
    assert answered.status_code == 200
    body = answered.json()
    assert (body["response_received"], body["chosen_options"], body["params_input"]) == (
        True,
        ["Approve"],
        {"c": 1},
    )
    again = await client.patch(url, json={"ti_id": ti, "chosen_options": ["Reject"]}, headers=h)
    assert (again.status_code, again.json()) == (
        409,
        {"detail": f"Human-in-the-loop detail for Task Instance with id {ti} already exists."},
    )
    # a cleared task asking again gets its request back with the answer dropped
    assert (await client.post(url, json=request, headers=h)).status_code == 201
    assert (await client.get(url, headers=h)).json() == unanswered
    other = str(uuid.uuid4())
    missing = await client.get(f"/execution/hitlDetails/{other}", headers=auth(other))
    assert missing.status_code == 404 and missing.json()["detail"]["reason"] == "not_found"
