"""Auth Links of the private UI API (me, menus, generate_token) and the all-admins mode."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any
from unittest.mock import ANY

import httpx
import jwt

from airgate.gateway.config import Settings

AssertJson = Callable[[httpx.Response, int, Any], None]
MakeClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]

ALL_MENUS = ["Required Actions", "Assets", "Audit Log", "Config", "Connections", "Dags", "Docs", "Jobs",
             "Plugins", "Pools", "Providers", "Variables", "XComs"]


def _claims(token: str, settings: Settings) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, settings.jwt_secret, algorithms=["HS512"],
                                        audience=settings.jwt_audience)
    return claims


async def test_me(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson) -> None:
    for role in ("admin", "viewer"):
        assert_json(await client.get("/ui/auth/me", headers=tokens[role]), 200, {"id": role, "username": role})
    assert_json(await client.get("/ui/auth/me"), 401, {"detail": "Not authenticated"})


async def test_menus_as_the_simple_auth_manager_decides(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    # Airflow 3.2.2's simple auth manager does not filter menu items by role: every role gets all of them
    # (pages still answer 403 to roles that may not use them).
    for role in ("viewer", "user", "op", "admin"):
        response = await client.get("/ui/auth/menus", headers=tokens[role])
        assert_json(response, 200, {"authorized_menu_items": ALL_MENUS, "extra_menu_items": []})
    assert_json(await client.get("/ui/auth/menus"), 401, {"detail": "Not authenticated"})


async def test_generate_token(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], settings: Settings, assert_json: AssertJson
) -> None:
    api = await client.post("/ui/auth/token", json={"token_type": "api"}, headers=tokens["viewer"])
    assert_json(api, 200, {"access_token": ANY, "token_type": "api", "expires_in_seconds": 86400})
    claims = _claims(api.json()["access_token"], settings)
    assert claims["sub"] == "viewer" and claims["role"] == "viewer"
    assert claims["exp"] - claims["iat"] == 86400
    cli = await client.post("/ui/auth/token", json={"token_type": "cli"}, headers=tokens["op"])
    assert_json(cli, 200, {"access_token": ANY, "token_type": "cli", "expires_in_seconds": 3600})
    assert _claims(cli.json()["access_token"], settings)["exp"] - _claims(cli.json()["access_token"], settings)[
        "iat"] == 3600
    empty = await client.post("/ui/auth/token", json={}, headers=tokens["admin"])
    assert_json(empty, 200, {"access_token": ANY, "token_type": "api", "expires_in_seconds": 86400})
    # the new token works
    fresh = {"Authorization": f"Bearer {api.json()['access_token']}"}
    assert_json(await client.get("/ui/auth/me", headers=fresh), 200, {"id": "viewer", "username": "viewer"})


async def test_generate_token_errors(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    bad = await client.post("/ui/auth/token", json={"token_type": "root"}, headers=tokens["admin"])
    assert_json(bad, 422, {"detail": [{"type": "enum", "loc": ["body", "token_type"],
                                       "msg": "Input should be 'api' or 'cli'", "input": "root",
                                       "ctx": {"expected": "'api' or 'cli'"}}]})
    assert_json(await client.post("/ui/auth/token", json={"token_type": "api"}), 401,
                {"detail": "Not authenticated"})


async def test_generate_token_is_audited(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]
) -> None:
    await client.post("/ui/auth/token", json={"token_type": "cli"}, headers=tokens["op"])
    logs = await client.get("/api/v2/eventLogs", params={"event": "generate_token"}, headers=tokens["admin"])
    assert logs.status_code == 200, logs.text
    entries = logs.json()["event_logs"]
    assert [(e["event"], e["owner"]) for e in entries] == [("generate_token", "op")]


async def test_all_admins_mode(make_client: MakeClient, assert_json: AssertJson, settings: Settings) -> None:
    async with make_client(AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True") as other:
        assert_json(await other.get("/ui/auth/me"), 200, {"id": "Anonymous", "username": "Anonymous"})
        assert_json(await other.get("/ui/auth/menus"), 200,
                    {"authorized_menu_items": ALL_MENUS, "extra_menu_items": []})
        # admin-only operations are open to everyone, with or without a (stale) cookie
        other.cookies.set("_token", "garbage")
        response = await other.get("/api/v2/variables")
        assert_json(response, 200, {"variables": [], "total_entries": 0})
        token = await other.post("/ui/auth/token", json={})
        assert _claims(token.json()["access_token"], settings)["sub"] == "Anonymous"
        # a client's own bearer token is still checked
        bad = {"Authorization": "Bearer this-is-not-a-jwt"}
        assert_json(await other.get("/ui/auth/me", headers=bad), 403, {"detail": "Invalid JWT token"})
