"""API scenarios: requests/s and p50/p99 latency of one GET at concurrency 16 on each side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench import dags
from bench.client import HttpError
from bench.scenarios import datasets
from bench.scenarios.base import Context, Metric
from bench.sides import Side

API_METRICS = (
    Metric("rps", "req/s", True),
    Metric("p50_ms", "ms", False),
    Metric("p99_ms", "ms", False),
    Metric("errors_pct", "%", False),
)


@dataclass
class ApiScenario:
    """``GET path`` under load, after ``needs`` has loaded its data on every side."""

    name: str
    path: str
    description: str
    needs: Callable[[Context], None] | None = None
    metrics: tuple[Metric, ...] = API_METRICS
    airflow_too: bool = True

    def prepare(self, ctx: Context) -> None:
        """Load the data, then check every side answers 200 (Airgate's 404 means not implemented yet)."""
        datasets.require(ctx, self.path)
        if self.needs is not None:
            self.needs(ctx)
        for side in ctx.sides:
            status, body = side.api.request("GET", self.path)
            if status != 200:
                raise HttpError(f"{side.name} answers {status} to GET {self.path}: {str(body)[:200]}")

    def measure(self, ctx: Context, side: Side) -> dict[str, float]:
        """One load run: 2xx answers per second, latency percentiles of all answers, share of non-2xx answers."""
        result = ctx.load(side, self.path)
        busiest = max(float(str(ctx.notes.get("load generator busiest", 0.0))), result["generator_cpu_fraction"])
        ctx.notes["load generator busiest"] = round(busiest, 3)
        return {"rps": result["rps"], "p50_ms": result["p50_ms"], "p99_ms": result["p99_ms"],
                "errors_pct": result["error_pct"]}


def _rows(kind: str) -> Callable[[Context], None]:
    return lambda ctx: datasets.rows(ctx, kind)


WIDE = dags.TI_DAG_ID
SCENARIOS = [
    ApiScenario("get_version", "/api/v2/version", "GET /api/v2/version"),
    ApiScenario("get_health", "/api/v2/monitor/health", "GET /api/v2/monitor/health"),
    ApiScenario("get_variables", "/api/v2/variables?limit=100", "first page of 100 of all variables",
                _rows("variables")),
    ApiScenario("get_pools", "/api/v2/pools?limit=100", "first page of 100 of all pools", _rows("pools")),
    ApiScenario("get_connections", "/api/v2/connections?limit=100", "first page of 100 of all connections",
                _rows("connections")),
    ApiScenario("get_dags", "/api/v2/dags?limit=100", "first page of 100 of all DAGs", datasets.parsed_dags),
    ApiScenario("get_dag_runs", "/api/v2/dags/~/dagRuns?limit=100", "dag runs of all DAGs (~)",
                datasets.triggered_runs),
    ApiScenario("get_task_instances", "/api/v2/dags/~/dagRuns/~/taskInstances?limit=100",
                "task instances of all runs (~ wildcards)", datasets.triggered_runs),
    ApiScenario("get_grid_runs", f"/ui/grid/runs/{WIDE}?limit=10&order_by=-run_after",
                "grid runs as the UI asks", datasets.triggered_runs),
    ApiScenario("get_dag_structure",
                f"/ui/grid/structure/{WIDE}?include_upstream=false&include_downstream=false"
                "&limit=10&order_by=-run_after", "grid structure as the UI asks", datasets.triggered_runs),
    ApiScenario("get_grid_ti_summaries", f"/ui/grid/ti_summaries/{WIDE}?run_ids=bench_run_0000",
                "grid task-instance summaries (NDJSON)", datasets.triggered_runs),
]
