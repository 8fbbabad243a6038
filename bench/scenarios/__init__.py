"""The scenario registry: every scenario module contributes to :data:`ALL`, in run order."""

from __future__ import annotations

from bench.scenarios import api, footprint, parse, runs, scale
from bench.scenarios.base import Context, Metric, NotImplementedYet, Scenario, Sizes

# scale last: it bulk-loads Airgate's store, which must not weigh on the other scenarios
ALL: list[Scenario] = [*api.SCENARIOS, footprint.Footprint(), footprint.ColdStart(), *runs.SCENARIOS,
                       *parse.SCENARIOS, *scale.SCENARIOS]

__all__ = ["ALL", "Context", "Metric", "NotImplementedYet", "Scenario", "Sizes", "by_name"]


def by_name(names: list[str]) -> list[Scenario]:
    """The scenarios named (in registry order); unknown names raise ``KeyError``."""
    known = {s.name for s in ALL}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [s for s in ALL if s.name in names]
