"""DagStats: run counts per state for each DAG with runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from litestar import Litestar
from public_runs_seed import seed

AssertJson = Callable[[httpx.Response, int, Any], None]


def _stats(queued: int, running: int, success: int, failed: int) -> list[dict[str, Any]]:
    return [{"state": "queued", "count": queued}, {"state": "running", "count": running},
            {"state": "success", "count": success}, {"state": "failed", "count": failed}]


async def test_dag_stats(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], app: Litestar,
                         assert_json: AssertJson) -> None:
    admin = tokens["admin"]
    assert_json(await client.get("/api/v2/dagStats", headers=admin), 200, {"dags": [], "total_entries": 0})
    await seed(app.state.airgate.store)
    alpha = {"dag_id": "alpha", "dag_display_name": "Alpha", "stats": _stats(0, 1, 1, 1)}
    beta = {"dag_id": "beta", "dag_display_name": "beta", "stats": _stats(1, 0, 0, 0)}
    assert_json(await client.get("/api/v2/dagStats", headers=admin), 200, {"dags": [alpha, beta], "total_entries": 2})
    assert_json(await client.get("/api/v2/dagStats", params={"dag_ids": ["beta", "nope"]}, headers=admin), 200,
                {"dags": [beta], "total_entries": 1})
    assert_json(await client.get("/api/v2/dagStats", params={"dag_ids": "nope"}, headers=admin), 200,
                {"dags": [], "total_entries": 0})
    assert_json(await client.get("/api/v2/dagStats"), 401, {"detail": "Not authenticated"})
