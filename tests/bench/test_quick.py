"""``python -m bench --quick`` works end to end: Airgate starts, scenarios run or are skipped honestly, a
report is written and everything stops. No assertion on speed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MEASURED_TODAY = {"get_version", "get_health", "footprint", "cold_start", "runs_fanout_200", "runs_chain_50",
                  "scale_100k"}


def _bench_processes(root: Path) -> set[int]:
    """Processes running inside a harness work folder (``airgate-bench-*``) below ``root``: only this run's,
    so another benchmark on the machine does not count."""
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cwd = str((proc / "cwd").resolve())
                if cwd.startswith(str(root)) and "/airgate-bench-" in cwd:
                    found.add(int(proc.name))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_quick_mode_runs_reports_and_stops_everything(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    before = _bench_processes(work)
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--results", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "TMPDIR": str(work)})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "# Airgate benchmark — quick mode" in done.stdout
    assert "Machine: " in done.stdout

    body = json.loads((tmp_path / "latest-quick.json").read_text())
    assert body["mode"] == "quick"
    assert list(body["sides"]) == ["airgate"]
    by_name = {s["name"]: s for s in body["scenarios"]}
    assert set(by_name) >= MEASURED_TODAY | {"get_variables", "get_dags", "scale_100k"}
    for scenario in body["scenarios"]:
        assert scenario["status"] in ("measured", "not implemented yet"), scenario
        if scenario["status"] == "not implemented yet":
            assert scenario["reason"]
            assert scenario["metrics"] == {}
    for name in MEASURED_TODAY:
        metrics = by_name[name]["metrics"]
        assert metrics, name
        for metric in metrics.values():
            assert len(metric["airgate"]["values"]) == body["repetitions"]
            assert metric["airgate"]["min"] <= metric["airgate"]["median"] <= metric["airgate"]["max"]
    assert by_name["get_version"]["metrics"]["rps"]["airgate"]["median"] > 0
    assert by_name["get_version"]["metrics"]["errors_pct"]["airgate"]["max"] == 0
    assert by_name["footprint"]["metrics"]["rss_idle_mb"]["airgate"]["median"] > 0
    assert set(by_name["runs_fanout_200"]["metrics"]) == {"bash_s", "python_s", "peak_rss_mb", "peak_pss_mb",
                                                          "gateway_rss_mb", "api_5xx", "failed_runs"}
    assert by_name["runs_chain_50"]["metrics"]["seconds"]["airgate"]["min"] > 0
    assert by_name["runs_fanout_200"]["metrics"]["failed_runs"]["airgate"]["max"] == 0
    scale = by_name["scale_100k"]["metrics"]
    assert {"task_instances_p99_ms", "task_instances_c1_p99_ms", "dag_runs_p99_ms", "dag_runs_c1_p99_ms",
            "dags_p99_ms", "errors_pct", "over_target_c1", "over_target_c16"} <= set(scale)
    assert scale["errors_pct"]["airgate"]["max"] == 0
    loaded = re.match(r"([\d,]+) task instances in Airgate's store", body["notes"]["scale_100k"])
    assert loaded and int(loaded.group(1).replace(",", "")) >= 5000
    assert (tmp_path / "latest-quick.md").read_text().startswith("# Airgate benchmark — quick mode")
    assert _bench_processes(work) <= before
