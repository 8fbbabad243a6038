"""XCom routes: values, mapped items and slices, counts, deletes and errors."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import httpx
import pytest

Auth = Callable[..., dict[str, str]]
SeedRun = Callable[..., Awaitable[None]]
SeedTi = Callable[..., Awaitable[str]]
BASE = "/execution/xcoms/xd/r1"


@pytest.fixture
async def headers(seed_run: SeedRun, seed_ti: SeedTi, auth: Auth) -> dict[str, str]:
    await seed_run(dag_id="xd", run_id="r1")
    ti = await seed_ti(id=str(uuid.uuid4()), dag_id="xd", run_id="r1", task_id="one")
    for index in range(4):
        await seed_ti(id=str(uuid.uuid4()), dag_id="xd", run_id="r1", task_id="mapped", map_index=index)
    return auth(ti)


async def test_set_get_delete(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    created = await client.post(f"{BASE}/one/k", json={"a": [1, None]}, headers=headers)
    assert (created.status_code, created.json()) == (201, {"message": "XCom successfully set"})
    assert (await client.post(f"{BASE}/one/k", json="replaced", headers=headers)).status_code == 201
    got = await client.get(f"{BASE}/one/k", headers=headers)
    assert (got.status_code, got.json()) == (200, {"key": "k", "value": "replaced"})
    deleted = await client.delete(f"{BASE}/one/k", headers=headers)
    assert (deleted.status_code, deleted.json()) == (
        200,
        {"message": "XCom with key: k successfully deleted."},
    )
    missing = await client.get(f"{BASE}/one/k", params={"map_index": 2}, headers=headers)
    assert missing.status_code == 404
    assert missing.json() == {
        "detail": {
            "reason": "not_found",
            "message": "XCom with key='k' map_index=2 not found for task 'one' in DAG run 'r1' of 'xd'",
        }
    }
    no_run = await client.post("/execution/xcoms/xd/nope/one/k", json=1, headers=headers)
    assert (no_run.status_code, no_run.json()) == (
        404,
        {"detail": "DAG run not found on DAG 'xd' with ID 'nope'"},
    )
    too_long = await client.post(f"{BASE}/one/k", params={"mapped_length": 5000}, json=[1], headers=headers)
    assert too_long.status_code == 400
    assert too_long.json()["detail"]["reason"] == "unmappable_return_value_length"


async def test_mapped_values(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for index in range(4):
        response = await client.post(
            f"{BASE}/mapped/return_value", params={"map_index": index}, json=index * 10, headers=headers
        )
        assert response.status_code == 201
    head = await client.head(f"{BASE}/mapped/return_value", headers=headers)
    assert (head.status_code, head.headers["content-range"], head.content) == (200, "map_indexes 4", b"")
    bad_head = await client.head(f"{BASE}/mapped/return_value", params={"map_index": 1}, headers=headers)
    assert bad_head.status_code == 400
    item = await client.get(f"{BASE}/mapped/return_value/item/-1", headers=headers)
    assert (item.status_code, item.json()) == (200, 30)
    assert (await client.get(f"{BASE}/mapped/return_value/item/1", headers=headers)).json() == 10
    gone = await client.get(f"{BASE}/mapped/return_value/item/4", headers=headers)
    assert (
        gone.json()["detail"]["message"]
        == "XCom with key='return_value' offset=4 not found for task 'mapped' in DAG run 'r1' of 'xd'"
    )
    values = [0, 10, 20, 30]
    for query in (
        {},
        {"start": 1},
        {"stop": -1},
        {"start": -3, "stop": 3},
        {"step": 2},
        {"step": -1},
        {"start": 2, "step": -2},
    ):
        response = await client.get(f"{BASE}/mapped/return_value/slice", params=query, headers=headers)
        expected = values[slice(query.get("start"), query.get("stop"), query.get("step"))]
        assert (response.status_code, response.json()) == (200, expected), query
    by_offset = await client.get(f"{BASE}/mapped/return_value", params={"offset": -2}, headers=headers)
    assert by_offset.json() == {"key": "return_value", "value": 20}
