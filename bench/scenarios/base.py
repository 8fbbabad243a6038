"""What a scenario is, and the run context every scenario gets."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bench.procs import memory
from bench.sides import Side, SideName


class NotImplementedYet(Exception):
    """Raised by ``prepare`` when Airgate does not serve what the scenario needs yet (it is skipped)."""


@dataclass(frozen=True)
class Metric:
    """One measured figure: name, unit and which direction is better."""

    name: str
    unit: str
    higher_is_better: bool


@dataclass(frozen=True)
class Sizes:
    """How much data and time a mode uses."""

    rows: int            # variables, pools, connections each
    simple_dags: int     # three-task DAG files (plus one wide DAG)
    ti_tasks: int        # tasks in the wide DAG
    ti_runs: int         # runs triggered of the wide DAG: ti_tasks * ti_runs task instances
    duration: float      # seconds of load per measurement
    warmup: float        # seconds of load before recording
    repetitions: int
    concurrency: int = 16
    fan_tasks: int = 200          # tasks in each fan-out DAG (one of bash tasks, one of @task tasks)
    chain_tasks: int = 50         # tasks in the chain DAG
    scale_tis: int = 100_000      # task instances in Airgate's store for the scale scenario


QUICK = Sizes(rows=50, simple_dags=5, ti_tasks=20, ti_runs=5, duration=2.0, warmup=0.5, repetitions=2,
              fan_tasks=10, chain_tasks=5, scale_tis=5_000)
FULL = Sizes(rows=1000, simple_dags=299, ti_tasks=99, ti_runs=20, duration=8.0, warmup=2.0, repetitions=3)


@dataclass
class Context:
    """Everything scenarios share during one run."""

    sides: list[Side]
    sizes: Sizes
    timeout: float = 600.0
    notes: dict[str, object] = field(default_factory=dict)
    quiet_waits: list[float] = field(default_factory=list)  # seconds waited before each measurement
    _done: dict[str, object] = field(default_factory=dict)

    def airgate(self) -> Side:
        """The Airgate side (always present)."""
        return next(s for s in self.sides if s.name == SideName.AIRGATE)

    def once(self, key: str, build: Callable[[], object]) -> object:
        """Run ``build`` the first time ``key`` is asked for; remember its result (or its exception)."""
        if key not in self._done:
            try:
                self._done[key] = build()
            except NotImplementedYet as exc:
                self._done[key] = exc
        result = self._done[key]
        if isinstance(result, NotImplementedYet):
            raise result
        return result

    def load(self, side: Side, path: str, *, duration: float | None = None,
             concurrency: int | None = None) -> dict[str, float]:
        """Drive ``GET path`` on ``side`` with the load generator process (at ``concurrency``, default the
        sizes' one); return its summary."""
        proc = self.start_load(side, path, duration=duration, concurrency=concurrency)
        try:
            out, _ = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:  # the scenario fails; its load must not weigh on the next one
            proc.kill()
            proc.communicate()
            raise
        return parse_load(out, proc.returncode)

    def start_load(self, side: Side, path: str, *, duration: float | None = None,
                   concurrency: int | None = None) -> subprocess.Popen[str]:
        """Start the load generator against ``side`` without waiting for it."""
        return self.start_load_on(side.port, side.api.token, path, duration=duration, concurrency=concurrency)

    def start_load_on(self, port: int, token: str | None, path: str, *,
                      duration: float | None = None, concurrency: int | None = None) -> subprocess.Popen[str]:
        """Start the load generator against ``127.0.0.1:port`` without waiting for it."""
        argv = [sys.executable, "-m", "bench.loadgen", "run", "--port", str(port), "--path", path,
                "--concurrency", str(concurrency or self.sizes.concurrency), *(["--token", token] if token else []),
                "--duration", str(duration or self.sizes.duration), "--warmup", str(self.sizes.warmup)]
        return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)

    def sample_peak_memory(self, side: Side, proc: subprocess.Popen[str]) -> tuple[int, int, dict[str, float]]:
        """Sample ``side``'s memory every 0.2 s while ``proc`` runs; peak RSS, peak PSS and the load summary."""
        peak_rss = peak_pss = 0
        while proc.poll() is None:
            mem = memory(side.pids())
            peak_rss, peak_pss = max(peak_rss, mem.rss), max(peak_pss, mem.pss)
            time.sleep(0.2)
        out = proc.stdout.read() if proc.stdout else ""
        return peak_rss, peak_pss, parse_load(out, proc.returncode)


def parse_load(out: str, returncode: int | None) -> dict[str, float]:
    """The load generator's JSON summary, or an error if it failed."""
    if returncode:
        raise RuntimeError(f"the load generator exited with {returncode}")
    data = json.loads(out)
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}


class Scenario(Protocol):
    """A benchmark: prepared once on every side, then measured once per side per repetition."""

    name: str
    description: str
    metrics: tuple[Metric, ...]
    airflow_too: bool

    def prepare(self, ctx: Context) -> None:
        """Load what the scenario needs on every side; raise :class:`NotImplementedYet` to be skipped."""

    def measure(self, ctx: Context, side: Side) -> dict[str, float]:
        """One measurement on one side: metric name → value."""
        ...
