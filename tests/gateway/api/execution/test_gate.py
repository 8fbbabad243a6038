"""Tokens, scopes, the API version header and correlation ids, answered as Airflow's execution app does."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx
import jwt
import pytest

from airgate.gateway.auth.task_tokens import AUDIENCE, TaskTokens

Auth = Callable[..., dict[str, str]]
URL = "/execution/dag-runs/count"
PARAMS = {"dag_id": "nothing"}


class TestTokens:
    async def test_missing_and_invalid(self, client: httpx.AsyncClient) -> None:
        response = await client.get(URL, params=PARAMS)
        assert (response.status_code, response.json()) == (401, {"detail": "Missing auth token"})
        response = await client.get(URL, params=PARAMS, headers={"Authorization": "Bearer not-a-jwt"})
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Invalid auth token: Not enough segments"},
        )
        forged = TaskTokens("another-secret-" + "x" * 64).issue(str(uuid.uuid4()))
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {forged}"})
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Invalid auth token: Signature verification failed"},
        )

    async def test_expired_and_wrong_audience(
        self, client: httpx.AsyncClient, task_tokens: TaskTokens, app: object
    ) -> None:
        secret = app.state.airgate.settings.jwt_secret  # type: ignore[attr-defined]
        now = int(time.time())
        expired = jwt.encode(
            {"sub": "x", "aud": AUDIENCE, "iat": now - 700, "exp": now - 100}, secret, algorithm="HS512"
        )
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {expired}"})
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Invalid auth token: Signature has expired"},
        )
        rest = jwt.encode(
            {"sub": "admin", "aud": "apache-airflow", "iat": now, "exp": now + 60}, secret, algorithm="HS512"
        )
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {rest}"})
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Invalid auth token: Audience doesn't match"},
        )
        odd = task_tokens.issue("x", "admin")
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {odd}"})
        assert (response.status_code, response.json()) == (403, {"detail": "Invalid token scope: admin"})

    async def test_scopes(self, client: httpx.AsyncClient, auth: Auth) -> None:
        response = await client.get(URL, params=PARAMS, headers=auth("x", "workload"))
        assert response.status_code == 403
        assert response.json() == {
            "detail": "Token type 'workload' not allowed for this endpoint. Allowed types: execution"
        }
        response = await client.get(URL, params=PARAMS, headers=auth("x"))
        assert (response.status_code, response.json()) == (200, 0)

    async def test_token_near_expiry_is_reissued(self, client: httpx.AsyncClient, app: object) -> None:
        secret = app.state.airgate.settings.jwt_secret  # type: ignore[attr-defined]
        now = int(time.time())
        claims = {
            "sub": "ti-1",
            "scope": "execution",
            "aud": AUDIENCE,
            "iat": now - 590,
            "nbf": now - 590,
            "exp": now + 10,
        }
        old = jwt.encode(claims, secret, algorithm="HS512", headers={"kid": "not-used"})
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {old}"})
        assert response.status_code == 200
        fresh = jwt.decode(
            response.headers["refreshed-api-token"], secret, algorithms=["HS512"], audience=AUDIENCE
        )
        assert (fresh["sub"], fresh["scope"], fresh["exp"] - fresh["iat"]) == ("ti-1", "execution", 600)
        workload = jwt.encode({**claims, "scope": "workload"}, secret, algorithm="HS512")
        response = await client.get(URL, params=PARAMS, headers={"Authorization": f"Bearer {workload}"})
        assert "refreshed-api-token" not in response.headers


class TestVersionHeader:
    @pytest.mark.parametrize(
        ("sent", "status"), [(None, 200), ("2026-04-06", 200), ("2027-01-01", 200), ("2025-01-01", 404)]
    )
    async def test_versions(
        self, client: httpx.AsyncClient, auth: Auth, sent: str | None, status: int
    ) -> None:
        headers = auth("x")
        del headers["Airflow-API-Version"]
        if sent:
            headers["Airflow-API-Version"] = sent
        response = await client.get(URL, params=PARAMS, headers={**headers, "correlation-id": "c-1"})
        assert response.status_code == status
        assert response.headers["airflow-api-version"] == (sent or "2026-04-06")
        assert response.headers["correlation-id"] == "c-1"
        if status == 404:
            assert response.json() == {"detail": "Not Found"}

    async def test_not_a_date(self, client: httpx.AsyncClient, auth: Auth) -> None:
        response = await client.get(
            URL, params=PARAMS, headers={**auth("x"), "Airflow-API-Version": "latest"}
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["header", "Airflow-API-Version"]


async def test_health_needs_no_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/execution/health")
    assert (response.status_code, response.json()) == (200, {"status": "healthy"})
    assert response.headers["airflow-api-version"] == "2026-04-06"


def test_validated_tokens_are_remembered_within_a_bound() -> None:
    """Many tasks' tokens do not grow the gateway's memory: past the bound the oldest are forgotten, and a
    forgotten token is still accepted (decoded again) while one signed with another secret never is."""
    from airgate.gateway.auth import task_tokens

    tokens = TaskTokens("bound-test-secret-" + "x" * 32)
    issued = [tokens.issue(str(uuid.uuid4()), "execution") for _ in range(task_tokens._VALIDATED_MAX + 50)]
    for token in issued:
        tokens.validate(token)
    assert len(task_tokens._VALIDATED) == task_tokens._VALIDATED_MAX
    assert tokens.validate(issued[0]).scope == "execution"
    with pytest.raises(task_tokens.TaskTokenError):
        TaskTokens("another-secret-" + "y" * 32).validate(issued[1])


def test_a_token_issued_here_is_held_to_its_times_with_the_validators_leeway() -> None:
    """The gateway remembers the tokens it issues (no decode on a task's first call), yet an expired one is
    refused as PyJWT refuses it, and the leeway of the validating side counts, not the issuer's."""
    from airgate.gateway.auth import task_tokens

    secret = "times-test-secret-" + "x" * 32
    expired = TaskTokens(secret, expiration_s=-20).issue(str(uuid.uuid4()), "execution")
    with pytest.raises(task_tokens.TaskTokenError, match="Signature has expired"):
        TaskTokens(secret, leeway_s=10).validate(expired)
    assert TaskTokens(secret, leeway_s=30).validate(expired).scope == "execution"
    fresh = TaskTokens(secret).issue("ti-1", "workload")
    claims = TaskTokens(secret, leeway_s=10).validate(fresh)
    assert (claims.ti_id, claims.scope, claims.lifetime) == ("ti-1", "workload", 600)
