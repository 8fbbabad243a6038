"""Login tag: ``/api/v2/auth/login`` redirects to the login page, ``/api/v2/auth/logout`` clears the cookie."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

AssertJson = Callable[[httpx.Response, int, Any], None]


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({}, "/auth/login"),
        ({"next": "http://testserver.local/dags"}, "/auth/login?next=http%3A%2F%2Ftestserver.local%2Fdags"),
        ({"next": "/dags"}, "/auth/login?next=%2Fdags"),
    ],
)
async def test_login_redirects(client: httpx.AsyncClient, query: dict[str, str], location: str) -> None:
    response = await client.get("/api/v2/auth/login", params=query)
    assert (response.status_code, response.headers["location"], response.content) == (307, location, b"")


@pytest.mark.parametrize("target", ["http://evil.example.com/x", "javascript:alert(1)", "//evil.example.com/"])
async def test_login_refuses_unsafe_next(client: httpx.AsyncClient, assert_json: AssertJson, target: str) -> None:
    assert_json(await client.get("/api/v2/auth/login", params={"next": target}), 400,
                {"detail": "Invalid or unsafe next URL"})


async def test_login_with_base_url(make_client: Any) -> None:
    async with make_client(AIRFLOW__API__BASE_URL="http://127.0.0.1:29080") as other:
        response = await other.get("/api/v2/auth/login", params={"next": "http://127.0.0.1:29080/dags"})
        assert response.status_code == 307
        assert response.headers["location"] == "/auth/login?next=http%3A%2F%2F127.0.0.1%3A29080%2Fdags"


@pytest.mark.parametrize("path", ["/api/v2/auth/login", "/api/v2/auth/logout"])
async def test_wrong_method(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(path)
    assert (response.status_code, response.headers["allow"], response.json()) == (
        405, "GET", {"detail": "Method Not Allowed"}
    )


async def test_logout_clears_the_cookie(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> None:
    token = tokens["admin"]["Authorization"].split()[1]
    for cookies in ({"_token": token}, {}):
        client.cookies.clear()
        client.cookies.update(cookies)
        response = await client.get("/api/v2/auth/logout")
        assert (response.status_code, response.headers["location"], response.content) == (307, "/auth/login", b"")
        cleared = [c for c in response.headers.get_list("set-cookie") if c.startswith("_token=")]
        assert cleared, response.headers
        for cookie in cleared:
            attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
            assert cookie.split(";")[0] in ('_token=""', "_token="), cookie
            assert {"max-age", "path", "httponly", "samesite"} <= attributes, cookie
            assert "Max-Age=0" in cookie and "Path=/" in cookie
