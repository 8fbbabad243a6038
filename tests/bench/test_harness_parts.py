"""The harness's parts with real processes: the load generator, process stopping, memory, the report."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import report
from bench.loadgen import percentile
from bench.procs import ProcessGroup, descendants, memory
from bench.report import ScenarioResult, Status

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int) -> None:
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0


def test_load_generator_counts_every_answer_against_a_live_server() -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "bench.loadgen", "serve", "--port", str(port),
                               "--seconds", "30"], cwd=REPO)
    try:
        _wait_listening(port)
        out = subprocess.run(
            [sys.executable, "-m", "bench.loadgen", "run", "--port", str(port), "--path", "/x",
             "--concurrency", "4", "--duration", "0.5", "--warmup", "0.1"],
            cwd=REPO, check=True, capture_output=True, text=True, timeout=60).stdout
    finally:
        server.kill()
        server.wait()
    result = json.loads(out)
    assert result["requests"] > 0
    assert result["statuses"] == {"200": result["requests"]}
    assert result["ok"] == result["requests"]
    assert result["error_pct"] == 0.0
    assert result["concurrency"] == 4
    assert 0 < result["p50_ms"] <= result["p99_ms"]


def test_stop_all_ends_children_and_grandchildren(tmp_path: Path) -> None:
    group = ProcessGroup(tmp_path / "logs")
    root = group.start("sleeper", ["sh", "-c", "sleep 60 & sleep 60 & wait"], {"PATH": "/usr/bin:/bin"})
    for _ in range(100):
        family = descendants([root])
        if len(family) == 3:
            break
        time.sleep(0.05)
    assert len(family) == 3
    assert memory([root]).processes == 3
    assert memory([root]).rss > 0
    group.stop_all(timeout=5)
    time.sleep(0.1)
    alive = [pid for pid in family if Path(f"/proc/{pid}").exists()
             and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]]
    assert alive == []
    assert group.exited() == {}


def test_report_gives_medians_ranges_and_ratio(tmp_path: Path) -> None:
    res = ScenarioResult("get_pools", "pools", units={"rps": "req/s"}, higher_is_better={"rps": True})
    for airgate, airflow in ((300.0, 100.0), (500.0, 90.0), (400.0, 110.0)):
        res.add("airgate", {"rps": airgate})
        res.add("airflow", {"rps": airflow})
    skipped = ScenarioResult("get_dags", "dags", status=Status.NOT_IMPLEMENTED, reason="Airgate answers 404")
    summary = res.summary()["rps"]
    assert summary["airgate"] == {"median": 400.0, "min": 300.0, "max": 500.0, "values": [300.0, 500.0, 400.0]}
    assert summary["ratio"] == 4.0
    run = {"mode": "full", "started": "2026-01-01T00:00:00+00:00", "machine": report.machine(),
           "repetitions": 3, "sides": {"airgate": "a", "airflow": "b"}, "notes": {"n": "v"}}
    path = report.write(run, [res, skipped], tmp_path)
    text = path.read_text()
    assert "| get_pools | rps (req/s) | higher | 400 (300-500) | 100 (90.0-110) | 4.00x |" in text
    assert "- `get_dags` (dags): **not implemented yet** - Airgate answers 404" in text
    assert (tmp_path / "latest.md").read_text() == text
    body = json.loads((tmp_path / "latest.json").read_text())
    assert [s["status"] for s in body["scenarios"]] == ["measured", "not implemented yet"]
    assert body["machine"]["cores"] >= 1


def test_generated_dag_files_are_valid_python(tmp_path: Path) -> None:
    from bench import dags

    count = dags.write_dags(tmp_path / "dags", 3, 5)
    files = sorted(p.name for p in (tmp_path / "dags").glob("*.py"))
    assert count == dags.total(3) == 4
    assert files == ["bench_dag_0000.py", "bench_dag_0001.py", "bench_dag_0002.py", f"{dags.TI_DAG_ID}.py"]
    for name in files:
        compile((tmp_path / "dags" / name).read_text(), name, "exec")
    assert 'task_id=f"task_{i:04d}"' in (tmp_path / "dags" / f"{dags.TI_DAG_ID}.py").read_text()


def test_run_dag_files_are_valid_python(tmp_path: Path) -> None:
    from bench.scenarios import runs

    ids = runs.write_run_dags(tmp_path, 7, 3)
    assert ids == [runs.FAN_BASH, runs.FAN_PYTHON, runs.CHAIN]
    for dag_id in ids:
        source = (tmp_path / f"{dag_id}.py").read_text()
        compile(source, dag_id, "exec")
        assert f'dag_id="{dag_id}"' in source
    assert "max_active_tasks=7" in (tmp_path / f"{runs.FAN_PYTHON}.py").read_text()
    assert "range(3)" in (tmp_path / f"{runs.CHAIN}.py").read_text()


def test_scale_copies_are_finished_runs_with_fresh_ids() -> None:
    from datetime import UTC, datetime

    from bench.scenarios import scale

    seed = {"id": 7, "dag_id": "bench_ti", "run_id": "bench_run_0000", "state": "queued", "run_type": "manual"}
    tis = scale.task_rows(seed, [{"task_id": "start", "operator_name": "EmptyOperator"}, {"task_id": "t1"}])
    now = datetime(2026, 1, 1, tzinfo=UTC)
    run, copies = scale.clone_rows(seed, tis, 3, now)
    assert "id" not in run
    assert (run["run_id"], run["state"], run["run_type"]) == ("bench_scale_000003", "success", "manual")
    assert run["start_date"] < run["end_date"] < now
    assert [t["task_id"] for t in copies] == ["start", "t1"]
    assert {t["run_id"] for t in copies} == {"bench_scale_000003"}
    assert len({t["id"] for t in copies}) == 2
    assert all(t["end_date"] > t["start_date"] and t["try_number"] == 1 for t in copies)
    assert copies[0]["operator"] == "EmptyOperator" and copies[1]["operator"] == "EmptyOperator"


def test_full_mode_runs_every_scenario_alternating_at_least_three_times() -> None:
    from bench.__main__ import parse
    from bench.scenarios import ALL

    opts = parse(["--full"])
    names = [s.name for s in opts.scenarios]
    assert names == [s.name for s in ALL]
    assert {"parse_1000", "scale_100k", "runs_fanout_200", "runs_chain_50"} <= set(names)
    assert names[-1] == "scale_100k"
    assert opts.with_airflow and opts.sizes.repetitions >= 3


def test_a_failing_scenario_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    from dataclasses import dataclass

    from bench.runner import _run_scenario
    from bench.scenarios.base import Context, Metric
    from bench.scenarios.base import Sizes as BenchSizes
    from bench.sides import AirgateSide, Side

    @dataclass
    class Broken:
        name: str = "broken"
        description: str = "raises while preparing"
        metrics: tuple[Metric, ...] = (Metric("x", "s", False),)
        airflow_too: bool = False

        def prepare(self, ctx: Context) -> None:
            raise RuntimeError("the endpoint answered 500")

        def measure(self, ctx: Context, side: Side) -> dict[str, float]:
            raise AssertionError("not measured after a failed prepare")

    @dataclass
    class Counted:
        name: str = "counted"
        description: str = "one figure per repetition"
        metrics: tuple[Metric, ...] = (Metric("x", "s", False),)
        airflow_too: bool = False

        def prepare(self, ctx: Context) -> None:
            return None

        def measure(self, ctx: Context, side: Side) -> dict[str, float]:
            return {"x": 1.0}

    side = AirgateSide(tmp_path / "airgate", tmp_path / "dags", ProcessGroup(tmp_path / "logs"), None)
    sizes = BenchSizes(rows=1, simple_dags=1, ti_tasks=1, ti_runs=1, duration=0.1, warmup=0.0, repetitions=3)
    ctx = Context(sides=[side], sizes=sizes)
    results = [_run_scenario(ctx, Broken()), _run_scenario(ctx, Counted())]
    assert results[0].status == Status.FAILED
    assert results[0].reason == "RuntimeError: the endpoint answered 500"
    assert results[1].status == Status.MEASURED
    assert results[1].values == {"x": {"airgate": [1.0, 1.0, 1.0]}}
    walls = ctx.notes["wall time per scenario"]
    assert isinstance(walls, dict) and set(walls) == {"broken", "counted"}
    run = {"mode": "full", "started": "2026-01-01T00:00:00+00:00", "machine": report.machine(),
           "repetitions": 3, "sides": {"airgate": "a"}, "notes": {}}
    text = report.write(run, results, tmp_path).read_text()
    assert "- `broken` (raises while preparing): **failed** - RuntimeError: the endpoint answered 500" in text
    assert "| counted | x (s) | lower | 1.00 (1.00-1.00) |" in text


def test_a_load_that_outlasts_the_timeout_fails_and_leaves_no_generator(tmp_path: Path) -> None:
    import os

    import pytest

    from bench.scenarios.base import Context
    from bench.scenarios.base import Sizes as BenchSizes
    from bench.sides import AirgateSide

    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    side = AirgateSide(tmp_path / "airgate", tmp_path / "dags", ProcessGroup(tmp_path / "logs"), None)
    side.port = int(silent.getsockname()[1])
    sizes = BenchSizes(rows=1, simple_dags=1, ti_tasks=1, ti_runs=1, duration=0.2, warmup=0.0, repetitions=1,
                       concurrency=2)
    ctx = Context(sides=[side], sizes=sizes, timeout=2.0)
    mine = set(descendants([os.getpid()]))
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            ctx.load(side, "/never")
    finally:
        silent.close()
    assert set(descendants([os.getpid()])) <= mine


def test_wait_quiet_waits_until_the_load_is_gone() -> None:
    from bench.procs import wait_quiet

    burn = "import time\nend = time.monotonic() + 1.5\nwhile time.monotonic() < end: pass\n"
    burners = [subprocess.Popen([sys.executable, "-c", burn]) for _ in range(os.cpu_count() or 1)]
    try:
        waited = wait_quiet(busy=0.5, window=0.25, limit=60.0)
        assert all(proc.poll() is not None for proc in burners)  # every core was busy until they ended
        assert waited < 60.0
    finally:
        for proc in burners:
            proc.kill()
            proc.wait()
