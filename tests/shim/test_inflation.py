"""Airflow's DAG version inflation check (runtime-varying values in DAG/task constructors), as the shim runs it:
the report text equals real Airflow 3.2.2's for every file of ``tests/shim/inflation`` and of the corpus
(``goldens/inflation.json``, made by ``scripts/goldens/inflation.py``), and the three levels behave as
``[dag_processor] dag_version_inflation_check_level`` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shimtest import GOLDENS

from airgate.shim import ParserPool
from airgate.shim.stability import check_file, level_of

HERE = Path(__file__).parent
INFLATION = HERE / "inflation"
REPORTS: dict[str, str | None] = json.loads((GOLDENS / "inflation.json").read_text())


def test_goldens_cover_every_file() -> None:
    files = {f"{p.parent.name}/{p.name}" for folder in ("inflation", "corpus") for p in (HERE / folder).glob("*.py")}
    assert set(REPORTS) == files
    assert sum(text is not None for text in REPORTS.values()) == 4


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_is_airflows(name: str) -> None:
    assert check_file(str(HERE / name)).text() == REPORTS[name]


def test_levels() -> None:
    assert [level_of(v) for v in ("off", "warning", "error", "", None, "loud")] == [
        "off", "warning", "error", "warning", "warning", "warning"]


def test_warning_level_gives_every_dag_of_the_file_the_warning(pool: ParserPool) -> None:
    result = pool.compile(str(INFLATION / "loop_and_dict.py"))
    text = REPORTS["inflation/loop_and_dict.py"]
    assert [d["dag_id"] for d in result.dags] == ["infl_loop", "infl_loop_second"]
    assert result.dag_warnings == [
        {"dag_id": "infl_loop", "warning_type": "runtime varying value", "message": text},
        {"dag_id": "infl_loop_second", "warning_type": "runtime varying value", "message": text},
    ]
    assert pool.compile(str(INFLATION / "stable.py")).dag_warnings == []


def test_error_level_makes_the_file_an_import_error_and_off_ignores_it() -> None:
    path = str(INFLATION / "dag_kwarg_variable.py")
    text = REPORTS["inflation/dag_kwarg_variable.py"]
    with ParserPool(1, timeout=10, inflation_check="error") as strict:
        failed = strict.compile(path)
        clean = strict.compile(str(INFLATION / "stable.py"))
    assert failed.dags == [] and failed.dag_warnings == []
    assert failed.import_errors == [{"filename": path, "lineno": None, "message": text, "stacktrace": text}]
    assert [d["dag_id"] for d in clean.dags] == ["infl_stable"] and clean.import_errors == []
    with ParserPool(1, timeout=10, inflation_check="off") as lax:
        quiet = lax.compile(path)
    assert [d["dag_id"] for d in quiet.dags] == ["infl_dag_kwarg"]
    assert quiet.dag_warnings == [] and quiet.import_errors == []
