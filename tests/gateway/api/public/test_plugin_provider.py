"""Plugin and Provider tags (SQLite and PostgreSQL): Airgate's gateway loads no Airflow plugin and no provider
package (ADR 0008), so the lists are empty — in Airflow 3.2.2's shapes, with its paging validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]


class TestGetPlugins:
    async def test_empty_list_and_paging(self, client: httpx.AsyncClient, tokens: Tokens,
                                         assert_json: AssertJson) -> None:
        empty = {"plugins": [], "total_entries": 0}
        for query in ({}, {"limit": "50", "offset": "0"}, {"limit": "10", "offset": "5"}):
            assert_json(await client.get("/api/v2/plugins", params=query, headers=tokens["viewer"]), 200, empty)

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        assert_json(await client.get("/api/v2/plugins", params={"limit": "x"}, headers=tokens["admin"]), 422,
                    {"detail": [{"type": "int_parsing", "loc": ["query", "limit"], "input": "x",
                                 "msg": "Input should be a valid integer, unable to parse string as an integer"}]})
        assert_json(await client.get("/api/v2/plugins"), 401, {"detail": "Not authenticated"})
        assert_json(await client.get("/api/v2/plugins", headers={"Authorization": "Bearer this-is-not-a-jwt"}),
                    403, {"detail": "Invalid JWT token"})


class TestPluginImportErrors:
    async def test_none(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        assert_json(await client.get("/api/v2/plugins/importErrors", headers=tokens["viewer"]), 200,
                    {"import_errors": [], "total_entries": 0})
        assert_json(await client.get("/api/v2/plugins/importErrors"), 401, {"detail": "Not authenticated"})


class TestGetProviders:
    async def test_empty_list_and_paging(self, client: httpx.AsyncClient, tokens: Tokens,
                                         assert_json: AssertJson) -> None:
        empty = {"providers": [], "total_entries": 0}
        for query in ({}, {"limit": "50", "offset": "0"}, {"limit": "2", "offset": "2"}):
            assert_json(await client.get("/api/v2/providers", params=query, headers=tokens["viewer"]), 200, empty)

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        assert_json(await client.get("/api/v2/providers", params={"limit": "ten"}, headers=admin), 422,
                    {"detail": [{"type": "int_parsing", "loc": ["query", "limit"], "input": "ten",
                                 "msg": "Input should be a valid integer, unable to parse string as an integer"}]})
        assert_json(await client.get("/api/v2/providers", params={"offset": "-1"}, headers=admin), 422,
                    {"detail": [{"type": "greater_than_equal", "loc": ["query", "offset"],
                                 "msg": "Input should be greater than or equal to 0", "input": "-1",
                                 "ctx": {"ge": 0}}]})
        assert_json(await client.get("/api/v2/providers"), 401, {"detail": "Not authenticated"})
