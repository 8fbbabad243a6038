"""Scenarios whose Airgate capability is still to come: reported "not implemented yet" instead of pretending.

Each becomes a real module (runs, parse, scale) once Airgate serves what it needs; until then ``prepare``
probes Airgate and skips with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.scenarios import datasets
from bench.scenarios.base import Context, Metric, NotImplementedYet
from bench.sides import Side


@dataclass
class Pending:
    """A planned scenario: skipped with a reason naming the endpoint it waits for."""

    name: str
    description: str
    probe: str
    metrics: tuple[Metric, ...] = ()
    airflow_too: bool = True

    def prepare(self, ctx: Context) -> None:
        """Skip: "not implemented yet" when Airgate answers 404 to the probe, else the module is still to write."""
        datasets.require(ctx, self.probe)
        raise NotImplementedYet(f"the harness module for {self.name} is not written yet "
                                f"(Airgate now serves GET {self.probe.split('?')[0]})")

    def measure(self, ctx: Context, side: Side) -> dict[str, float]:
        """Never reached."""
        raise NotImplementedYet(self.name)


SCENARIOS = [
    Pending("runs_fanout_200", "200-task fan-out (bash and python), trigger to run success",
            "/api/v2/dags/~/dagRuns?limit=1"),
    Pending("runs_chain_50", "50-task chain, trigger to run success", "/api/v2/dags/~/dagRuns?limit=1"),
    Pending("scale_100k", "Airgate alone with 100,000 task instances: list endpoints p99",
            "/api/v2/dags/~/dagRuns/~/taskInstances?limit=1", airflow_too=False),
]
