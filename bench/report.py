"""Summaries (median, min-max, Airgate/Airflow ratio), the machine, and the Markdown + JSON report."""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


class Status(StrEnum):
    """What became of a scenario in a run."""

    MEASURED = "measured"
    NOT_IMPLEMENTED = "not implemented yet"
    FAILED = "failed"


@dataclass
class ScenarioResult:
    """All values of one scenario: ``values[metric][side]`` is one list entry per repetition."""

    name: str
    description: str
    status: Status = Status.MEASURED
    reason: str = ""
    units: dict[str, str] = field(default_factory=dict)
    higher_is_better: dict[str, bool] = field(default_factory=dict)
    values: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def add(self, side: str, figures: dict[str, float]) -> None:
        """Record one repetition's figures for ``side``."""
        for metric, value in figures.items():
            self.values.setdefault(metric, {}).setdefault(side, []).append(value)

    def summary(self) -> dict[str, dict[str, object]]:
        """Per metric: per side median/min/max/values, and ``ratio`` = Airgate median / Airflow median."""
        out: dict[str, dict[str, object]] = {}
        for metric, by_side in self.values.items():
            entry: dict[str, object] = {"unit": self.units.get(metric, ""),
                                        "higher_is_better": self.higher_is_better.get(metric, False)}
            for side, vals in by_side.items():
                entry[side] = {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
                               "values": vals}
            if "airgate" in by_side and "airflow" in by_side:
                airflow = statistics.median(by_side["airflow"])
                entry["ratio"] = statistics.median(by_side["airgate"]) / airflow if airflow else None
            out[metric] = entry
        return out


def machine() -> dict[str, object]:
    """CPU model, cores, RAM, Python, OS and the load average when the run started."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram_gb, 1),
            "python": platform.python_version(), "os": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cell(entry: dict[str, object], side: str) -> str:
    data = entry.get(side)
    if not isinstance(data, dict):
        return "-"
    return f"{_fmt(data['median'])} ({_fmt(data['min'])}-{_fmt(data['max'])})"


def markdown(run: dict[str, object], results: list[ScenarioResult]) -> str:
    """The report as Markdown: setup, one table row per scenario metric, then skipped scenarios."""
    mach = run["machine"]
    assert isinstance(mach, dict)
    lines = [
        f"# Airgate benchmark — {run['mode']} mode, {run['started']}",
        "",
        f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM, Python {mach['python']}, "
        f"{mach['os']}; load average at start {mach['load_average']}.",
        "",
    ]
    for name, desc in dict(run["sides"]).items():  # type: ignore[call-overload]
        lines.append(f"- **{name}**: {desc}")
    for key, note in dict(run["notes"]).items():  # type: ignore[call-overload]
        lines.append(f"- {key}: {note}")
    both = "airflow" in dict(run["sides"])  # type: ignore[call-overload]
    if both:
        lines += [
            f"- {run['repetitions']} repetitions per side, alternating Airgate, Airflow, Airgate, Airflow, ...; "
            "cells are median (min-max); ratio = Airgate median / Airflow median.",
            "",
            "| scenario | metric | better | Airgate | Airflow 3.2.2 | Airgate/Airflow |",
            "|---|---|---|---|---|---|",
        ]
    else:
        lines += [f"- {run['repetitions']} repetitions, Airgate only; cells are median (min-max).", "",
                  "| scenario | metric | better | Airgate |", "|---|---|---|---|"]
    skipped = []
    for res in results:
        if res.status != Status.MEASURED:
            skipped.append(f"- `{res.name}` ({res.description}): **{res.status}** - {res.reason}")
            continue
        for metric, entry in res.summary().items():
            ratio = entry.get("ratio")
            better = "higher" if entry["higher_is_better"] else "lower"
            row = f"| {res.name} | {metric} ({entry['unit']}) | {better} | {_cell(entry, 'airgate')} |"
            if both:
                shown = f"{ratio:.2f}x" if isinstance(ratio, float) else "-"
                row += f" {_cell(entry, 'airflow')} | {shown} |"
            lines.append(row)
    if skipped:
        lines += ["", "Not measured:", "", *skipped]
    return "\n".join(lines) + "\n"


def write(run: dict[str, object], results: list[ScenarioResult], directory: Path = RESULTS) -> Path:
    """Write ``<timestamp>-<mode>.{md,json}`` and ``latest.{md,json}`` (full mode) to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    body = dict(run)
    body["scenarios"] = [
        {"name": r.name, "description": r.description, "status": r.status.value, "reason": r.reason,
         "metrics": r.summary()} for r in results]
    text = markdown(run, results)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = directory / f"{stamp}-{run['mode']}"
    stem.with_suffix(".md").write_text(text)
    stem.with_suffix(".json").write_text(json.dumps(body, indent=2) + "\n")
    latest = "latest" if run["mode"] == "full" else f"latest-{run['mode']}"
    (directory / f"{latest}.md").write_text(text)
    (directory / f"{latest}.json").write_text(json.dumps(body, indent=2) + "\n")
    return stem.with_suffix(".md")
