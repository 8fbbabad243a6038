"""How a request's token is checked: missing, expired, forged, malformed, cookie, role, revoked."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest

from airgate.gateway.config import Settings

AssertJson = Callable[[httpx.Response, int, Any], None]
CONFIG = "/api/v2/config/section/core/option/parallelism"


def _token(settings: Settings, *, secret: str | None = None, lifetime: int = 600, **changes: Any) -> str:
    now = int(time.time())
    alg = changes.pop("alg", "HS512")
    claims = {"sub": "admin", "role": "admin", "teams": [], "jti": uuid.uuid4().hex, "aud": "apache-airflow",
              "nbf": now, "iat": now, "exp": now + lifetime, **changes}
    return jwt.encode(claims, secret or settings.jwt_secret, algorithm=alg,
                      headers={"kid": "not-used"})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_without_credentials(client: httpx.AsyncClient, assert_json: AssertJson) -> None:
    assert_json(await client.get(CONFIG), 401, {"detail": "Not authenticated"})
    assert_json(await client.get(CONFIG, headers={"Authorization": "Basic YWRtaW46YWRtaW4="}), 401,
                {"detail": "Not authenticated"})


async def test_a_well_formed_token_of_ours_is_accepted(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    assert (await client.get(CONFIG, headers=_bearer(_token(settings)))).status_code == 200


async def test_expired(client: httpx.AsyncClient, settings: Settings, assert_json: AssertJson) -> None:
    expired = _token(settings, iat=int(time.time()) - 4000, nbf=int(time.time()) - 4000, lifetime=-3600)
    assert_json(await client.get(CONFIG, headers=_bearer(expired)), 401, {"detail": "Token Expired"})


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda s: "this-is-not-a-jwt", id="malformed"),
        pytest.param(lambda s: _token(s, secret="another-secret-entirely-32-bytes!"), id="other-secret"),
        pytest.param(lambda s: _token(s, aud="someone-else"), id="other-audience"),
        pytest.param(lambda s: _token(s, alg="HS256"), id="other-algorithm"),
        pytest.param(lambda s: jwt.encode({"sub": "admin", "role": "admin", "aud": "apache-airflow",
                                           "exp": int(time.time()) + 60, "iat": int(time.time())},
                                          "", algorithm="none"), id="unsigned"),
        pytest.param(lambda s: _token(s, role=["admin"]), id="role-not-a-string"),
    ],
)
async def test_forged_or_malformed(
    client: httpx.AsyncClient, settings: Settings, assert_json: AssertJson, make: Callable[[Settings], str]
) -> None:
    assert_json(await client.get(CONFIG, headers=_bearer(make(settings))), 403, {"detail": "Invalid JWT token"})


async def test_cookie_is_accepted(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    token = tokens["viewer"]["Authorization"].split()[1]
    client.cookies.set("_token", token)
    response = await client.get(CONFIG)
    assert response.status_code == 200, response.text
    client.cookies.set("_token", "garbage")
    assert_json(await client.get(CONFIG), 403, {"detail": "Invalid JWT token"})


async def test_role_without_permission(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    for role in ("viewer", "user"):
        assert_json(await client.get("/api/v2/variables", headers=tokens[role]), 403, {"detail": "Forbidden"})
    assert (await client.get("/api/v2/variables", headers=tokens["op"])).status_code == 200
    # viewers read pools but may not create them
    assert (await client.get("/api/v2/pools", headers=tokens["viewer"])).status_code == 200
    assert_json(await client.post("/api/v2/pools", json={"name": "p", "slots": 1}, headers=tokens["user"]),
                403, {"detail": "Forbidden"})


async def test_revoked_after_logout(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    token = tokens["admin"]["Authorization"].split()[1]
    assert (await client.get(CONFIG, headers=tokens["admin"])).status_code == 200
    client.cookies.set("_token", token)
    response = await client.get("/api/v2/auth/logout")
    assert response.status_code == 307
    client.cookies.clear()
    assert_json(await client.get(CONFIG, headers=tokens["admin"]), 403, {"detail": "Invalid JWT token"})
    assert (await client.get(CONFIG, headers=tokens["op"])).status_code == 200
