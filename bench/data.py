"""The data both sides hold, loaded through the same REST calls (bulk endpoints where both have them)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from bench.client import Api, HttpError

CHUNK = 250


def _variable(i: int) -> dict[str, object]:
    return {"key": f"bench_var_{i:05d}", "value": json.dumps({"index": i, "text": "x" * 40}),
            "description": f"benchmark variable {i}"}


def _pool(i: int) -> dict[str, object]:
    return {"name": f"bench_pool_{i:05d}", "slots": 1 + i % 32, "description": f"benchmark pool {i}",
            "include_deferred": bool(i % 2)}


def _connection(i: int) -> dict[str, object]:
    return {"connection_id": f"bench_conn_{i:05d}", "conn_type": "postgres", "host": f"db{i}.example.com",
            "port": 5432, "login": "bench", "password": f"secret-{i}", "schema": "bench",
            "description": f"benchmark connection {i}", "extra": json.dumps({"sslmode": "prefer"})}


KINDS: dict[str, tuple[str, Callable[[int], dict[str, object]]]] = {
    "variables": ("/api/v2/variables", _variable),
    "pools": ("/api/v2/pools", _pool),
    "connections": ("/api/v2/connections", _connection),
}


def load_rows(api: Api, kind: str, count: int) -> str:
    """Create ``count`` rows of ``kind`` (variables, pools, connections); return the method used.

    Tries the bulk endpoint (``PATCH`` with a ``create`` action) first, falls back to one ``POST`` per row
    when the bulk endpoint is not there.
    """
    path, make = KINDS[kind]
    rows = [make(i) for i in range(count)]
    status, body = api.request("PATCH", path, {"actions": [
        {"action": "create", "entities": rows[:CHUNK], "action_on_existence": "overwrite"}]})
    if status == 200:
        for start in range(CHUNK, count, CHUNK):
            api.expect("PATCH", path, {"actions": [
                {"action": "create", "entities": rows[start:start + CHUNK], "action_on_existence": "overwrite"}]})
        return "bulk PATCH"
    if status not in (404, 405):
        raise HttpError(f"PATCH {path} answered {status}: {str(body)[:300]}")
    for row in rows:
        api.expect("POST", path, row, ok=(200, 201, 409))
    return "POST per row"


def dag_count(api: Api) -> int | None:
    """``total_entries`` of ``GET /api/v2/dags``, or None when the endpoint is not implemented."""
    status, body = api.request("GET", "/api/v2/dags?limit=1")
    if status == 404:
        return None
    if status != 200:
        raise HttpError(f"GET /api/v2/dags answered {status}: {str(body)[:300]}")
    return int(body["total_entries"])


def wait_for_dags(api: Api, expected: int, timeout: float) -> float | None:
    """Poll ``GET /api/v2/dags`` until ``expected`` DAGs are registered; seconds waited (None: no endpoint)."""
    start = time.monotonic()
    while True:
        count = dag_count(api)
        if count is None:
            return None
        if count >= expected:
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise HttpError(f"only {count} of {expected} DAGs registered after {timeout:.0f} s")
        time.sleep(1.0)


def trigger_runs(api: Api, dag_id: str, runs: int) -> list[str]:
    """Trigger ``runs`` manual runs of a (paused) DAG: its task instances are created and stay unscheduled."""
    run_ids = []
    for i in range(runs):
        body = api.expect("POST", f"/api/v2/dags/{dag_id}/dagRuns",
                          {"dag_run_id": f"bench_run_{i:04d}", "logical_date": None, "conf": {}})
        run_ids.append(str(body["dag_run_id"]))
    return run_ids
