"""Config tag: ``get_config`` / ``get_config_value`` with Airflow's names, content negotiation and secrets hidden."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from airgate.gateway.config import OPTIONS, Settings

AssertJson = Callable[[httpx.Response, int, Any], None]
NOT_EXPOSED = "Your Airflow administrator chose not to expose the configuration, most likely for security reasons."


async def test_one_section_as_json(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], settings: Settings, assert_json: AssertJson
) -> None:
    response = await client.get("/api/v2/config", params={"section": "api"}, headers=tokens["viewer"])
    options = {o["key"]: o["value"] for o in response.json()["sections"][0]["options"]}
    assert_json(response, 200, {"sections": [{"name": "api", "options": [
        {"key": o.key, "value": options[o.key]} for o in OPTIONS if o.section == "api"
    ]}]})
    assert options["expose_config"] == "True"
    assert options["maximum_page_limit"] == "100" and options["fallback_page_limit"] == "50"
    assert options["secret_key"] == "< hidden >"


async def test_everything_and_secrets_hidden(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], settings: Settings
) -> None:
    response = await client.get("/api/v2/config", headers={**tokens["admin"], "accept": "*/*"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    sections = {s["name"]: {o["key"]: o["value"] for o in s["options"]} for s in response.json()["sections"]}
    assert {"core", "database", "api", "api_auth", "airgate"} <= set(sections)
    for option in OPTIONS:
        value = sections[option.section][option.key]
        assert (value == "< hidden >") == option.sensitive, option
    assert sections["core"]["simple_auth_manager_users"] == "admin:admin,op:op,user:user,viewer:viewer"
    assert sections["core"]["dags_folder"] == f"{settings.airflow_home}/dags"
    assert settings.jwt_secret not in response.text and settings.fernet_key not in response.text


async def test_text_plain(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]]) -> None:
    headers = {**tokens["admin"], "accept": "text/plain"}
    response = await client.get("/api/v2/config/section/core/option/parallelism", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "[core]\nparallelism = 32\n"
    response = await client.get("/api/v2/config", params={"section": "api_auth"}, headers=headers)
    assert response.text.startswith("[api_auth]\njwt_secret = < hidden >\njwt_expiration_time = 86400\n")


async def test_single_value(
    client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson
) -> None:
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/config/section/core/option/parallelism", headers=admin), 200,
                {"sections": [{"name": "core", "options": [{"key": "parallelism", "value": "32"}]}]})
    assert_json(await client.get("/api/v2/config/section/database/option/sql_alchemy_conn", headers=admin), 200,
                {"sections": [{"name": "database", "options": [{"key": "sql_alchemy_conn", "value": "< hidden >"}]}]})
    assert_json(await client.get("/api/v2/config/section/core/option/no_such_option", headers=admin), 404,
                {"detail": "Option [core/no_such_option] not found."})
    assert_json(await client.get("/api/v2/config/section/no_such_section/option/foo", headers=admin), 404,
                {"detail": "Option [no_such_section/foo] not found."})


async def test_errors(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/config", params={"section": "no_such_section"}, headers=admin), 404,
                {"detail": "Section no_such_section not found."})
    not_acceptable = {"detail": "Only application/json or text/plain is supported"}
    xml = {**admin, "accept": "application/xml"}
    assert_json(await client.get("/api/v2/config", params={"section": "core"}, headers=xml), 406, not_acceptable)
    assert_json(await client.get("/api/v2/config/section/core/option/parallelism", headers=xml), 406,
                not_acceptable)
    assert_json(await client.get("/api/v2/config"), 401, {"detail": "Not authenticated"})


async def test_not_exposed(make_client: Any, passwords: dict[str, str], assert_json: AssertJson) -> None:
    async with make_client(AIRFLOW__API__EXPOSE_CONFIG="False") as other:
        login = await other.post("/auth/token", json={"username": "admin", "password": passwords["admin"]})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        assert_json(await other.get("/api/v2/config", headers=headers), 403, {"detail": NOT_EXPOSED})
        assert_json(await other.get("/api/v2/config/section/core/option/parallelism", headers=headers), 403,
                    {"detail": NOT_EXPOSED})
