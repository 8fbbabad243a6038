"""compile_file / ParserPool / CLI: determinism, isolation, the dag.json contract, the bare interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from shimtest import CORPUS

import airgate.shim
from airgate.shim import SCHEMA_VERSION, ParserPool, compile_file

SHIM_SRC = str(Path(airgate.shim.__file__).resolve().parents[2])


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body)
    return path


def test_same_file_gives_byte_identical_json(tmp_path: Path) -> None:
    with ParserPool(size=1) as first, ParserPool(size=1) as second:
        for name in ("mapping_task_group.py", "dag_args_full.py", "assets_expressions.py", "callbacks.py"):
            a = first.compile(str(CORPUS / name)).to_json()
            b = second.compile(str(CORPUS / name)).to_json()
            assert a == b
            assert " at 0x" not in a


def test_compile_file_default_pool() -> None:
    result = compile_file(str(CORPUS / "taskflow_basic.py"))
    assert result.ok
    [dag] = result.dags
    assert dag["schema_version"] == SCHEMA_VERSION == 1
    assert dag["dag_id"] == "taskflow_basic"
    assert dag["doc_md"] == "Extract, transform, load."
    assert [t["task_id"] for t in dag["tasks"]] == ["extract", "load", "transform"]


def test_execution_paths(pool: ParserPool) -> None:
    kinds = {}
    for name in (
        "classic_bash_python.py",
        "virtualenv_external.py",
        "http_operators.py",
        "provider_synthesized.py",
        "custom_operator.py",
        "sensors_standard.py",
    ):
        for dag in pool.compile(str(CORPUS / name)).dags:
            for t in dag["tasks"]:
                kinds.setdefault(t["task_id"], (t["execution_path"], t["native_kind"]))
    assert kinds["bash"] == ("native", "bash")  # the BashOperator (the BashSensor of a later file is sdk)
    assert kinds["py"] == ("native", "python")
    assert kinds["start"] == ("native", "empty")
    assert kinds["post"] == ("native", "http") and kinds["wait"] == ("native", "http")
    assert kinds["file"] == ("native", "sensor") and kinds["delta"] == ("native", "sensor")
    assert kinds["python"] == ("native", "python")
    assert kinds["venv_op"] == ("sdk", None) and kinds["venv_task"] == ("sdk", None)
    assert kinds["query"] == ("sdk", None) and kinds["hello"] == ("sdk", None)


def test_synthesized_provider_operator_is_recorded(pool: ParserPool) -> None:
    [dag] = pool.compile(str(CORPUS / "provider_synthesized.py")).dags
    query = next(t for t in dag["tasks"] if t["task_id"] == "query")
    assert query["class_ref"] == {
        "module_path": "airflow.providers.common.sql.operators.sql",
        "class_name": "SQLExecuteQueryOperator",
        "defined_in_dag_file": False,
    }
    assert query["kwargs"] == {
        "autocommit": True,
        "conn_id": "pg",
        "parameters": {"a": 1},
        "sql": "SELECT * FROM t WHERE d = '{{ ds }}'",
    }


def test_custom_operator_and_callable_references(pool: ParserPool) -> None:
    [dag] = pool.compile(str(CORPUS / "custom_operator.py")).dags
    hello = next(t for t in dag["tasks"] if t["task_id"] == "hello")
    assert hello["class_ref"] == {
        "module_path": "<dag file>",
        "class_name": "HelloOperator",
        "defined_in_dag_file": True,
    }
    assert hello["kwargs"] == {"name": "{{ ds }}"}
    [dag] = pool.compile(str(CORPUS / "classic_bash_python.py")).dags
    py = next(t for t in dag["tasks"] if t["task_id"] == "py")
    assert py["python_callable"] == {
        "__type": "callable",
        "name": "greet",
        "module": "<dag file>",
        "line": 10,
        "module_level": True,
    }


def test_mapping_is_recorded(pool: ParserPool) -> None:
    [dag] = pool.compile(str(CORPUS / "mapping_taskflow.py")).dags
    add = next(t for t in dag["tasks"] if t["task_id"] == "add")
    assert add["is_mapped"] is True
    assert add["mapping"] == {
        "expand_type": "dict",
        "expand_input": {"x": {"__type": "xcomarg", "task_id": "numbers", "key": "return_value"}},
        "partial_kwargs": {"op_kwargs": {"y": 10}},
    }
    [dag] = pool.compile(str(CORPUS / "mapping_task_group.py")).dags
    [group] = dag["task_groups"]
    assert group["is_mapped"] and group["mapping"]["expand_input"] == {
        "name": {"__type": "xcomarg", "task_id": "items", "key": "return_value"}
    }


def test_task_bodies_never_run(tmp_path: Path, pool: ParserPool) -> None:
    marker = tmp_path / "ran"
    path = _write(
        tmp_path,
        "bodies.py",
        f"""
import pendulum
from airflow.sdk import DAG, task, BaseOperator

class Op(BaseOperator):
    def execute(self, context):
        open({str(marker)!r}, "w").write("execute")

with DAG("bodies", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    @task
    def body():
        open({str(marker)!r}, "w").write("task")
    body() >> Op(task_id="op")
""",
    )
    assert pool.compile(str(path)).ok
    assert not marker.exists()


def test_missing_package_used_only_in_task_body_is_fine(tmp_path: Path, pool: ParserPool) -> None:
    path = _write(
        tmp_path,
        "lazy.py",
        """
import pendulum
import pandas_not_here as pd
from sklearn_not_here.linear import Model
from airflow.sdk import DAG, task

with DAG("lazy", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    @task
    def train():
        return Model(pd.read_csv("x"))
    train()
""",
    )
    result = pool.compile(str(path))
    assert result.ok, result.import_errors
    assert [t["task_id"] for t in result.dags[0]["tasks"]] == ["train"]


def test_no_secrets_reach_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "postgresql://secret")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s3cr3t")
    path = _write(
        tmp_path,
        "env.py",
        """
import os
import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("env", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    BashOperator(task_id="t", bash_command=repr(sorted(os.environ)))
""",
    )
    with ParserPool(size=1) as fresh:
        [dag] = fresh.compile(str(path)).dags
    names = dag["tasks"][0]["kwargs"]["bash_command"]
    assert "AIRFLOW__" not in names and "AWS_SECRET_ACCESS_KEY" not in names
    assert "PATH" in names


def test_bare_interpreter_imports_and_compiles(tmp_path: Path) -> None:
    code = (
        f"import sys; sys.path[:] = [{SHIM_SRC!r}] + [p for p in sys.path if 'site-packages' not in p]\n"
        "import airgate.shim\n"
        f"r = airgate.shim.compile_file({str(CORPUS / 'labels.py')!r})\n"
        "print(r.ok, [d['dag_id'] for d in r.dags])\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True ['labels']"


def test_cli_prints_dag_json_and_fails_on_errors(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": SHIM_SRC}
    ok = subprocess.run(
        [sys.executable, "-m", "airgate.shim", "compile", str(CORPUS / "schedule_once.py")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert ok.returncode == 0
    body = json.loads(ok.stdout)
    assert body["dags"][0]["timetable_summary"] == "@once" and body["import_errors"] == []
    bad = _write(
        tmp_path, "bad.py", "from airflow.sdk import DAG\ndag = DAG('x', schedule='nope', start_date=None)\n"
    )
    failed = subprocess.run(
        [sys.executable, "-m", "airgate.shim", "compile", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert failed.returncode == 1
    assert f"{bad}:2: AirflowTimetableInvalid: Exactly 5, 6 or 7 columns" in failed.stderr


def test_a_compile_waiting_for_a_worker_ends_when_the_pool_closes(tmp_path: Path) -> None:
    """A compile queued behind a busy worker must not wait forever once the pool is closed (a thread stuck
    there keeps the process from exiting)."""
    import threading

    slow = tmp_path / "slow.py"
    slow.write_text("import time\ntime.sleep(2)\n")
    pool = ParserPool(1, timeout=20)
    first = threading.Thread(target=pool.compile, args=(str(slow),), daemon=True)
    first.start()
    errors: list[str] = []

    def queued() -> None:
        try:
            pool.compile(str(slow))
        except RuntimeError as exc:
            errors.append(str(exc))

    second = threading.Thread(target=queued, daemon=True)
    second.start()
    second.join(0.5)
    assert second.is_alive()  # waiting: the only worker is busy
    pool.close()
    second.join(5)
    first.join(20)
    assert not second.is_alive() and errors == ["the parser pool is closed"]


def test_a_worker_that_cannot_start_frees_its_place(tmp_path: Path) -> None:
    """Every compile on a pool whose interpreter is missing fails at once; none waits for a place that a failed
    start kept (a parse thread spinning there kept pytest from exiting)."""
    import concurrent.futures

    pool = ParserPool(1, python=str(tmp_path / "no-such-python"))
    with concurrent.futures.ThreadPoolExecutor(2) as threads:
        futures = [threads.submit(pool.compile, str(CORPUS / "asset_inlets_outlets.py")) for _ in range(2)]
        for future in futures:
            with pytest.raises(FileNotFoundError):
                future.result(timeout=10)
    pool.close()


_QUICK = """from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(dag_id="{dag_id}", schedule=None):
    EmptyOperator(task_id="only")
"""


def test_quick_files_share_one_worker(tmp_path: Path) -> None:
    """``size`` is how many files may parse at once, not how many interpreters run: files that parse quickly
    are served by one worker."""
    paths = [str(_write(tmp_path, f"quick_{i}.py", _QUICK.format(dag_id=f"quick_{i}"))) for i in range(6)]
    with ParserPool(2, spawn_after=60) as pool:
        results = pool.compile_many(paths)
        assert pool.workers == 1
    assert [r.dags[0]["dag_id"] for r in results] == [f"quick_{i}" for i in range(6)]


def test_a_slow_file_does_not_hold_up_the_others(tmp_path: Path) -> None:
    """A file that keeps its worker busy makes the pool start another (up to ``size``) for the files queued
    behind it; ``trim`` stops the extra one once it is idle."""
    import threading
    import time

    started, release = tmp_path / "started", tmp_path / "release"
    slow = _write(tmp_path, "slow.py", f"import os, time\nopen({str(started)!r}, 'w').close()\n"
                                        f"while not os.path.exists({str(release)!r}):\n    time.sleep(0.05)\n")
    quick = _write(tmp_path, "quick.py", _QUICK.format(dag_id="quick"))
    with ParserPool(2, timeout=120, spawn_after=0.2) as pool:
        pool.compile(str(quick))  # the first worker is warm
        held = threading.Thread(target=pool.compile, args=(str(slow),), daemon=True)
        held.start()
        try:
            for _ in range(1200):  # until the slow file holds the first worker (bounded)
                if started.exists():
                    break
                time.sleep(0.05)
            result = pool.compile(str(quick))  # served while the slow file still holds the first worker
            assert held.is_alive() and pool.workers == 2
        finally:
            release.touch()
            held.join(60)
        assert result.dags[0]["dag_id"] == "quick"
        pool.trim()
        assert pool.workers == 1
        assert pool.compile(str(quick)).dags[0]["dag_id"] == "quick"


def test_an_operator_property_still_sees_the_base_arguments_it_intercepts(tmp_path: Path) -> None:
    """BaseOperator's arguments are set through a custom operator's own property (as Airflow's ``__init__``
    assignments would), while plain operators get them in one step."""
    path = _write(
        tmp_path,
        "prop_dag.py",
        "from airflow.sdk import DAG, BaseOperator\n"
        "class Doubling(BaseOperator):\n"
        "    @property\n"
        "    def retries(self):\n"
        "        return self._retries\n"
        "    @retries.setter\n"
        "    def retries(self, value):\n"
        "        self._retries = value * 2\n"
        "with DAG(dag_id='prop_dag', schedule=None):\n"
        "    Doubling(task_id='doubled', retries=2)\n"
        "    BaseOperator(task_id='plain', retries=2)\n",
    )
    result = compile_file(str(path))
    assert result.ok, result.import_errors
    [dag] = result.dags
    assert {t["task_id"]: t["retries"] for t in dag["tasks"]} == {"doubled": 4, "plain": 2}
