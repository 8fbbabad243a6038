"""Version tag: open to everyone, Airflow's API version."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from airgate.gateway import __version__


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer this-is-not-a-jwt"}])
async def test_version(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    response = await client.get("/api/v2/version", headers=headers)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == {"version": "3.2.2", "git_version": f"airgate-{__version__}"}


async def test_version_wrong_method(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/v2/version")
    assert (response.status_code, response.headers["allow"], response.json()) == (
        405, "GET", {"detail": "Method Not Allowed"}
    )


async def test_unknown_api_path(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> None:
    for headers in ({}, tokens["admin"]):
        response = await client.get("/api/v2/no-such-thing", headers=headers)
        assert (response.status_code, response.content) == (404, b'{"error":"API route not found"}')
        assert response.headers["content-type"] == "application/json"


async def test_oversized_body(make_client: Any) -> None:
    async with make_client(AIRFLOW__AIRGATE__MAX_BODY_SIZE="2048") as other:
        response = await other.post(
            "/auth/token", content=b'{"username": "' + b"x" * 4096 + b'"}',
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 413
        assert isinstance(response.json()["detail"], str)
