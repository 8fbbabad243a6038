"""``airgate compile``: a DAG file becomes dag.json; a broken one prints its import error and exits 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "shim"


def _airgate(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "airgate.gateway.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"AIRFLOW_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_compile_prints_the_dag_json(tmp_path: Path) -> None:
    result = _airgate("compile", str(CORPUS / "corpus" / "taskflow_basic.py"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    compiled = json.loads(result.stdout)
    assert [d["dag_id"] for d in compiled["dags"]] == ["taskflow_basic"]
    assert compiled["import_errors"] == []


def test_compile_reports_the_import_error_with_file_and_line(tmp_path: Path) -> None:
    bad = CORPUS / "negative" / "bad_cron.py"
    result = _airgate("compile", str(bad), home=tmp_path)
    assert result.returncode == 1
    assert f"{bad}:5: AirflowTimetableInvalid" in result.stderr
