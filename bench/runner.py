"""One benchmark run: start the sides, run every scenario A B A B …, write the report, stop everything."""

from __future__ import annotations

import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from bench import airflow_env, dags, data, report
from bench.procs import QUIET_BUSY, QUIET_MAX, QUIET_WINDOW, ProcessGroup, wait_quiet
from bench.report import ScenarioResult, Status
from bench.scenarios import Context, NotImplementedYet, Scenario, Sizes
from bench.scenarios.base import parse_load
from bench.scenarios.parse import paused
from bench.sides import HOST, AirflowSide, AirgateSide, Side, SideName, free_port


@dataclass
class Options:
    """What to run."""

    mode: str
    sizes: Sizes
    scenarios: list[Scenario]
    with_airflow: bool
    airgate_command: str
    airgate_postgres: bool
    results_dir: Path
    timeout: float = 600.0
    airgate_env: dict[str, str] = field(default_factory=dict)


def _say(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _generator_ceiling(ctx: Context, group: ProcessGroup) -> str:
    """Requests/s the load generator reaches against a do-nothing server on this machine."""
    port = free_port()
    group.start("noop-server", [sys.executable, "-m", "bench.loadgen", "serve", "--port", str(port),
                                "--seconds", str(ctx.sizes.duration + ctx.sizes.warmup + 30)], {})
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex((HOST, port)) == 0:
                    break
            time.sleep(0.05)
        proc = ctx.start_load_on(port, None, "/")
        out, _ = proc.communicate(timeout=ctx.timeout)
        result = parse_load(out, proc.returncode)
    finally:
        group.stop("noop-server")
    return (f"{result['rps']:,.0f} req/s at concurrency {ctx.sizes.concurrency} against a do-nothing server "
            f"(p50 {result['p50_ms']:.2f} ms); the generator used {result['generator_cpu_fraction']:.0%} "
            "of one core there")


def _settle(ctx: Context) -> None:
    """Let every side that registers DAGs finish parsing them, so parsing does not load the measurements."""
    for side in ctx.sides:
        waited = data.wait_for_dags(side.api, dags.total(ctx.sizes.simple_dags), ctx.timeout)
        if waited is None:
            ctx.notes[f"{side.name} DAGs"] = "not registered (GET /api/v2/dags answers 404)"
        else:
            ctx.notes[f"{side.name} DAGs"] = f"all {dags.total(ctx.sizes.simple_dags)} registered " \
                                             f"{waited:.0f} s after healthy"
            _say(f"{side.name}: all DAGs registered")
    time.sleep(3.0)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


def _run_scenario(ctx: Context, scenario: Scenario) -> ScenarioResult:
    began = time.monotonic()
    try:
        return _measure_scenario(ctx, scenario)
    finally:
        walls = ctx.notes.setdefault("wall time per scenario", {})
        if isinstance(walls, dict):
            walls[scenario.name] = time.monotonic() - began


def _measure_scenario(ctx: Context, scenario: Scenario) -> ScenarioResult:
    res = ScenarioResult(scenario.name, scenario.description,
                         units={m.name: m.unit for m in scenario.metrics},
                         higher_is_better={m.name: m.higher_is_better for m in scenario.metrics})
    sides = ctx.sides if scenario.airflow_too else [ctx.airgate()]
    try:
        scenario.prepare(ctx)
        for rep in range(ctx.sizes.repetitions):
            for side in sides:
                with paused([other for other in ctx.sides if other is not side]):
                    ctx.quiet_waits.append(wait_quiet())
                    figures = scenario.measure(ctx, side)
                res.add(side.name.value, figures)
                shown = ", ".join(f"{k}={v:,.2f}" for k, v in figures.items())
                _say(f"{scenario.name} #{rep + 1} {side.name}: {shown}")
    except NotImplementedYet as exc:
        res.status, res.reason = Status.NOT_IMPLEMENTED, str(exc)
        _say(f"{scenario.name}: not implemented yet — {exc}")
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        res.status, res.reason = Status.FAILED, f"{exc.__class__.__name__}: {exc}"
        _say(f"{scenario.name}: FAILED — {res.reason}")
        traceback.print_exc(file=sys.stderr)
    return res


def _report(opts: Options, ctx: Context, results: list[ScenarioResult],
            started: tuple[str, dict[str, object]], began: float) -> None:
    """Write the report of ``results`` (also after an interruption) and print it."""
    if opts.with_airflow and "not registered" in str(ctx.notes.get("airgate DAGs")):
        ctx.notes["caveat"] = ("Airgate did not register DAGs in this run (no GET /api/v2/dags yet), so its "
                               "footprint holds no DAGs while Airflow's holds them all")
    if "load generator busiest" in ctx.notes and not str(ctx.notes["load generator busiest"]).startswith("at"):
        ctx.notes["load generator busiest"] = (
            f"at most {float(str(ctx.notes['load generator busiest'])):.0%} of one core during any API "
            "measurement (it shares the machine's cores with the servers; its ceiling is above)")
    if ctx.quiet_waits:
        waits = sorted(ctx.quiet_waits)
        ctx.notes["quiet machine"] = (
            f"before each measurement (the other side already paused) the harness waited until the whole "
            f"machine was at most {QUIET_BUSY:.0%} busy over {QUIET_WINDOW} s, {QUIET_MAX:.0f} s at most: "
            f"median wait {waits[len(waits) // 2]:.1f} s, longest {waits[-1]:.1f} s over {len(waits)} "
            f"measurements ({sum(w >= QUIET_MAX for w in waits)} reached the limit)")
    ctx.notes["load average at the end"] = str(report.machine()["load_average"])
    walls = ctx.notes.get("wall time per scenario")
    if isinstance(walls, dict):
        ctx.notes["wall time per scenario"] = ", ".join(f"{k} {_minutes(v)}" for k, v in walls.items())
    ctx.notes["wall time"] = f"{_minutes(time.monotonic() - began)} from launch to the report"
    run_info: dict[str, object] = {
        "mode": opts.mode, "started": started[0], "machine": started[1], "repetitions": opts.sizes.repetitions,
        "sides": {s.name.value: s.description for s in ctx.sides}, "notes": ctx.notes,
        "sizes": opts.sizes.__dict__,
    }
    path = report.write(run_info, results, opts.results_dir)
    print(report.markdown(run_info, results))
    _say(f"report written to {path}")


def run(opts: Options) -> int:
    """Run the benchmark; return 0 when no scenario failed (skipped ones do not count)."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="airgate-bench-"))
    group = ProcessGroup(workdir / "logs")
    sides: list[Side] = []
    ok = False
    keep = True
    stamp = f"{int(time.time())}"
    results: list[ScenarioResult] = []
    ctx: Context | None = None
    started = (datetime.now(UTC).isoformat(timespec="seconds"), report.machine())
    began = time.monotonic()
    try:
        folder = workdir / "dags"
        dags.write_dags(folder, opts.sizes.simple_dags, opts.sizes.ti_tasks)
        airgate = AirgateSide(workdir / "airgate", folder, group,
                              f"bench_airgate_{stamp}" if opts.airgate_postgres else None, opts.airgate_command,
                              opts.airgate_env)
        sides.append(airgate)
        if opts.with_airflow:
            if not airflow_env.is_ready():
                _say("installing the pinned Airflow 3.2.2 (once; several minutes)")
                airflow_env.install()
            sides.append(AirflowSide(workdir / "airflow", folder, group, f"bench_airflow_{stamp}"))
        notes: dict[str, object] = {}
        for side in sides:
            _say(f"starting {side.name}: {side.description}")
            seconds = side.start(opts.timeout)
            notes[f"{side.name} start"] = f"healthy {seconds:.1f} s after launch (incl. schema migration)"
            _say(f"{side.name} healthy on port {side.port} after {seconds:.1f} s")
        ctx = Context(sides=sides, sizes=opts.sizes, timeout=opts.timeout, notes=notes)
        if len(sides) > 1:
            ctx.notes["the side not measured"] = (
                "paused (SIGSTOP of all its processes) during each measurement of the other side and continued "
                "afterwards, so its background work (Airflow's dag-processor re-parsing every file, either "
                "scheduler's loop) does not take the measured side's CPU")
        for side in sides:
            if isinstance(side, AirflowSide):
                ctx.notes["airflow settings"] = side.settings_note
        _settle(ctx)
        ctx.notes["sides started and DAGs registered"] = f"{_minutes(time.monotonic() - began)} after launch"
        ctx.notes["DAG files"] = f"{opts.sizes.simple_dags} three-task DAGs + {dags.TI_DAG_ID} " \
                                 f"({opts.sizes.ti_tasks + 1} tasks), the same folder for both sides"
        ctx.notes["load generator"] = _generator_ceiling(ctx, group)
        _say(f"load generator ceiling: {ctx.notes['load generator']}")
        for scenario in opts.scenarios:
            results.append(_run_scenario(ctx, scenario))
        ok = all(r.status != Status.FAILED for r in results)
        keep = not ok or any(key.endswith("failed runs") for key in ctx.notes)
        _report(opts, ctx, results, started, began)
        return 0 if ok else 1
    except KeyboardInterrupt:
        _say("interrupted: stopping everything")
        if ctx is not None and results:
            ctx.notes["interrupted"] = (f"the run was stopped after {len(results)} of {len(opts.scenarios)} "
                                        "scenarios; only those are reported")
            _report(opts, ctx, results, started, began)
        return 130
    except Exception as exc:
        _say(f"run aborted: {exc.__class__.__name__}: {exc}")
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        for side in sides:
            side.stop()
        group.stop_all()
        signal.signal(signal.SIGTERM, previous)
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            _say(f"logs kept in {workdir / 'logs'} (Airflow's task logs: {workdir / 'airflow' / 'home' / 'logs'})")


__all__ = ["Options", "SideName", "run"]
