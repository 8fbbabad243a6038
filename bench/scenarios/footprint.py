"""Footprint: memory of all of a control plane's processes, idle and under API load; cold start."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bench.scenarios import datasets
from bench.scenarios.base import Context, Metric, NotImplementedYet
from bench.sides import Side

MB = 1024 * 1024


@dataclass
class Footprint:
    """Total RSS (and PSS) of every process of a side: idle, then at its peak under the variables load."""

    name: str = "footprint"
    description: str = ("memory of all processes of the control plane (RSS summed; PSS counts shared pages "
                        "once), idle and peak under GET /api/v2/variables load")
    metrics: tuple[Metric, ...] = (
        Metric("rss_idle_mb", "MB", False),
        Metric("pss_idle_mb", "MB", False),
        Metric("rss_load_mb", "MB", False),
        Metric("pss_load_mb", "MB", False),
    )
    airflow_too: bool = True
    path: str = "/api/v2/version"

    def prepare(self, ctx: Context) -> None:
        """Load under the variables list when Airgate serves it, else under ``get_version``."""
        try:
            datasets.rows(ctx, "variables")
            self.path = "/api/v2/variables?limit=100"
        except NotImplementedYet:
            self.path = "/api/v2/version"
        ctx.notes["footprint load"] = f"GET {self.path}"

    def measure(self, ctx: Context, side: Side) -> dict[str, float]:
        """Idle: mean of three samples one second apart; under load: peak of samples every 0.2 s."""
        samples = []
        for _ in range(3):
            time.sleep(1.0)
            samples.append(side.memory())
        idle_rss = sum(m.rss for m in samples) / len(samples)
        idle_pss = sum(m.pss for m in samples) / len(samples)
        proc = ctx.start_load(side, self.path)
        peak_rss, peak_pss, _ = ctx.sample_peak_memory(side, proc)
        return {"rss_idle_mb": idle_rss / MB, "pss_idle_mb": idle_pss / MB,
                "rss_load_mb": peak_rss / MB, "pss_load_mb": peak_pss / MB}


@dataclass
class ColdStart:
    """Seconds from launching one more API server (database already migrated) to a 200 from the health check."""

    name: str = "cold_start"
    description: str = "one more api-server on the already migrated database: launch to healthy"
    metrics: tuple[Metric, ...] = (Metric("seconds", "s", False),)
    airflow_too: bool = True

    def prepare(self, ctx: Context) -> None:
        """Nothing to load."""

    def measure(self, ctx: Context, side: Side) -> dict[str, float]:
        """Start, wait for health, stop."""
        return {"seconds": side.cold_start(ctx.timeout)}
