"""Extra Links: ``get_extra_links`` answers and errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from litestar import Litestar
from public_runs_seed import seed

AssertJson = Callable[[httpx.Response, int, Any], None]
RUN = "/api/v2/dags/alpha/dagRuns/run_2/taskInstances"


async def test_extra_links(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], app: Litestar,
                           assert_json: AssertJson) -> None:
    await seed(app.state.airgate.store)
    admin = tokens["admin"]
    assert_json(await client.get(f"{RUN}/extract/links", params={"map_index": "-1"}, headers=admin), 200,
                {"extra_links": {}, "total_entries": 0})
    assert_json(await client.get(f"{RUN}/load/links", params={"try_number": "1"}, headers=admin), 200,
                {"extra_links": {}, "total_entries": 0})
    assert_json(await client.get(f"{RUN}/load/links", params={"try_number": "7"}, headers=admin), 404,
                {"detail": "TaskInstanceHistory not found for try_number=7"})
    assert_json(await client.get(f"{RUN}/nope/links", headers=admin), 404, {"detail": "TaskInstance not found"})
    assert_json(await client.get("/api/v2/dags/alpha/dagRuns/nope/taskInstances/load/links", headers=admin), 404,
                {"detail": "TaskInstance not found"})
    assert_json(await client.get(f"{RUN}/load/links"), 401, {"detail": "Not authenticated"})
