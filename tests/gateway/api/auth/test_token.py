"""``/auth/token``, ``/auth/token/cli``, the all-admins ``GET /auth/token`` and ``/auth/token/login``."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import jwt

AssertJson = Callable[[httpx.Response, int, Any], None]
ALL_ADMINS_ONLY = "This method is only allowed if ``[core] simple_auth_manager_all_admins`` is True"


def _segment(token: str, n: int) -> dict[str, Any]:
    part = token.split(".")[n]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _check_token(token: str, *, sub: str, role: str, lifetime: int) -> None:
    assert _segment(token, 0) == {"alg": "HS512", "kid": "not-used", "typ": "JWT"}
    claims = _segment(token, 1)
    assert set(claims) == {"sub", "role", "teams", "jti", "aud", "nbf", "exp", "iat"}
    assert (claims["sub"], claims["role"], claims["teams"], claims["aud"]) == (sub, role, [], "apache-airflow")
    assert re.fullmatch(r"[0-9a-f]{32}", claims["jti"])
    assert claims["nbf"] == claims["iat"] and claims["exp"] - claims["iat"] == lifetime


async def test_token_from_json_and_form(client: httpx.AsyncClient, passwords: dict[str, str]) -> None:
    response = await client.post("/auth/token", json={"username": "admin", "password": passwords["admin"]})
    assert response.status_code == 201 and response.headers["content-type"] == "application/json"
    assert list(response.json()) == ["access_token"]
    _check_token(response.json()["access_token"], sub="admin", role="admin", lifetime=86400)

    response = await client.post("/auth/token", data={"username": "op", "password": passwords["op"]})
    assert response.status_code == 201, response.text
    _check_token(response.json()["access_token"], sub="op", role="op", lifetime=86400)


async def test_token_is_usable_and_signed_with_the_configured_secret(
    client: httpx.AsyncClient, passwords: dict[str, str], settings: Any
) -> None:
    token = (await client.post("/auth/token", json={"username": "viewer", "password": passwords["viewer"]})).json()
    claims = jwt.decode(token["access_token"], settings.jwt_secret, algorithms=["HS512"], audience="apache-airflow")
    assert claims["sub"] == "viewer"
    response = await client.get("/api/v2/config", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert response.status_code == 200, response.text


async def test_token_cli_lasts_an_hour(client: httpx.AsyncClient, passwords: dict[str, str]) -> None:
    response = await client.post("/auth/token/cli", json={"username": "user", "password": passwords["user"]})
    assert response.status_code == 201, response.text
    _check_token(response.json()["access_token"], sub="user", role="user", lifetime=3600)


async def test_wrong_credentials(
    client: httpx.AsyncClient, passwords: dict[str, str], assert_json: AssertJson
) -> None:
    invalid = {"detail": "Invalid credentials"}
    assert_json(await client.post("/auth/token", json={"username": "admin", "password": "wrong"}), 401, invalid)
    assert_json(await client.post("/auth/token", json={"username": "nobody", "password": "x"}), 401, invalid)
    assert_json(await client.post("/auth/token", data={"username": "admin", "password": passwords["op"]}),
                401, invalid)
    assert_json(await client.post("/auth/token/cli", json={"username": "admin", "password": "nope"}), 401, invalid)


async def test_body_errors(client: httpx.AsyncClient, assert_json: AssertJson) -> None:
    assert_json(await client.post("/auth/token", json={"username": "admin"}), 422, {"detail": (
        "1 validation error for LoginBody\npassword\n  Field required [type=missing, "
        "input_value={'username': 'admin'}, input_type=dict]\n"
        "    For further information visit https://errors.pydantic.dev/2.13/v/missing"
    )})
    assert_json(await client.post("/auth/token", data={"username": "admin"}), 422, {"detail": (
        "1 validation error for LoginBody\npassword\n  Input should be a valid string [type=string_type, "
        "input_value=None, input_type=NoneType]\n"
        "    For further information visit https://errors.pydantic.dev/2.13/v/string_type"
    )})
    assert_json(
        await client.post("/auth/token", content=b"admin:admin", headers={"content-type": "text/plain"}),
        415, {"detail": "Only application/json or application/x-www-form-urlencoded is supported"},
    )
    assert_json(await client.post("/auth/token/cli", json={"password": "admin"}), 422, {"detail": [
        {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": {"password": "admin"}}
    ]})
    # Airflow answers a plain-text 500 here; Airgate a 4xx with a detail, never a 5xx
    response = await client.post("/auth/token", content=b"{not json", headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500 and "detail" in response.json()


async def test_all_admins_endpoints_refused_when_disabled(client: httpx.AsyncClient, assert_json: AssertJson) -> None:
    assert_json(await client.get("/auth/token"), 403, {"detail": ALL_ADMINS_ONLY})
    assert_json(await client.get("/auth/token/login"), 403, {"detail": ALL_ADMINS_ONLY})


async def test_all_admins_mode(make_client: Any) -> None:
    async with make_client(
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True", AIRFLOW__API__BASE_URL="http://127.0.0.1:29081"
    ) as other:
        response = await other.get("/auth/token")
        assert response.status_code == 201, response.text
        _check_token(response.json()["access_token"], sub="Anonymous", role="admin", lifetime=86400)

        response = await other.get("/auth/token/login")
        assert response.status_code == 307 and response.content == b""
        assert response.headers["location"] == "http://127.0.0.1:29081"
        cookie = response.headers["set-cookie"]
        assert re.fullmatch(r"_token=[\w.-]+; HttpOnly; Path=/; SameSite=lax", cookie, re.I), cookie
        token = cookie.split(";")[0].split("=", 1)[1]
        _check_token(token, sub="Anonymous", role="admin", lifetime=86400)
        assert other.cookies.get("_token") == token  # the client keeps the cookie it was given
        used = await other.get("/api/v2/config")
        assert used.status_code == 200, used.text
