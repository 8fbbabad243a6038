"""``GET /ui/config`` (get_configs): the body the UI boots from, as Airflow 3.2.2 answers it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx

AssertJson = Callable[[httpx.Response, int, Any], None]
MakeClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]

DEFAULTS = {
    "fallback_page_limit": 50, "auto_refresh_interval": 3, "hide_paused_dags_by_default": False,
    "instance_name": "Airflow", "enable_swagger_ui": True, "require_confirmation_dag_change": False,
    "default_wrap": False, "test_connection": "Disabled", "dashboard_alert": [],
    "show_external_log_redirect": False, "external_log_name": None, "theme": None, "multi_team": False,
}


async def test_defaults_for_every_role(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    for role in ("viewer", "user", "op", "admin"):
        response = await client.get("/ui/config", headers=tokens[role])
        assert_json(response, 200, DEFAULTS)
        assert list(response.json()) == list(DEFAULTS)  # Airflow's key order


async def test_follows_settings(make_client: MakeClient, assert_json: AssertJson) -> None:
    async with make_client(AIRFLOW__API__FALLBACK_PAGE_LIMIT="25", AIRFLOW__CORE__TEST_CONNECTION="Enabled",
                           AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True") as other:
        response = await other.get("/ui/config")
        assert_json(response, 200, {**DEFAULTS, "fallback_page_limit": 25, "test_connection": "Enabled"})


async def test_unauthenticated_and_bad_token(client: httpx.AsyncClient, assert_json: AssertJson) -> None:
    assert_json(await client.get("/ui/config"), 401, {"detail": "Not authenticated"})
    bad = {"Authorization": "Bearer this-is-not-a-jwt"}
    assert_json(await client.get("/ui/config", headers=bad), 403, {"detail": "Invalid JWT token"})
    client.cookies.set("_token", "garbage")
    assert_json(await client.get("/ui/config"), 403, {"detail": "Invalid JWT token"})


async def test_token_cookie_is_accepted(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    client.cookies.set("_token", tokens["viewer"]["Authorization"].removeprefix("Bearer "))
    assert_json(await client.get("/ui/config"), 200, DEFAULTS)
