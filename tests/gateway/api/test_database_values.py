"""Values the database cannot hold are the client's input: a 422 in Airflow's error shape, never a 500, and
nothing written (docs/adr/0004-no-500s.md)."""

from __future__ import annotations

import httpx

OUT_OF_RANGE = [{"type": "value_error", "loc": ["body"], "input": None,
                 "msg": "Value error, a value is outside what the database can store"}]


async def test_an_id_beyond_the_integer_column_is_a_422(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]
) -> None:
    response = await client.get("/api/v2/importErrors/16870030683842482176", headers=tokens["admin"])
    assert response.status_code == 422
    assert response.json() == {"detail": OUT_OF_RANGE}


async def test_an_oversized_slot_count_in_a_bulk_request_writes_nothing(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]
) -> None:
    body = {"actions": [{"action": "create", "entities": [
        {"name": "fits", "slots": 3},
        {"name": "too_big", "slots": 99999999999999999999},
    ]}]}
    response = await client.patch("/api/v2/pools", json=body, headers=tokens["admin"])
    assert response.status_code == 422
    assert response.json() == {"detail": OUT_OF_RANGE}
    names = [p["name"] for p in (await client.get("/api/v2/pools", headers=tokens["admin"])).json()["pools"]]
    assert names == ["default_pool"]
