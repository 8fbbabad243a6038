"""The agent under Airgate's own executors: ``local`` (preloaded, forked, ``main()`` called in-process)
and ``lite`` (a new interpreter) run a recorded task with the same Execution API calls."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from agent_replay import DAGS, CaseAPI, ReplayAPI, expected, recording, run_context, workload

from airgate.sdk import AGENT_RUNNER, Launch, Workload
from airgate.sdk.loader import load
from airgate.sdk.testing.conformance import Harness


def _exit_code(executor: str, config: dict[str, str], task: Workload) -> int | None:
    """Run one task under ``executor`` (configured with ``config``) to its end; its exit code."""

    async def scenario() -> int | None:
        async with Harness(load(executor, config)) as h:
            await h.executor.submit(task)
            return (await h.wait_done(task.key, timeout=60)).exit_code

    return asyncio.run(scenario())


@pytest.mark.parametrize("executor", ["local", "lite"])
def test_executor_runs_the_agent(executor: str, tmp_path: Path) -> None:
    dags = tmp_path / "dags"
    shutil.copytree(DAGS, dags)
    rec = recording("push_multi")
    ti = rec["task_instances"][0]
    with ReplayAPI(rec["exchanges"]) as api:
        work = msgspec.convert(workload(ti["ti_id"], rec["task_id"], rec["run_id"]), Workload)
        work.launch = Launch(
            runner=AGENT_RUNNER, api_url=api.url, env={"AIRFLOW__CORE__DAGS_FOLDER": str(dags)}
        )
        config = {"parallelism": "1", "base_log_folder": str(tmp_path / "logs")}
        assert _exit_code(executor, config, work) == 0
        log = b"".join(p.read_bytes() for p in (tmp_path / "logs").rglob("*.log")).decode()
        assert api.sent() == expected(rec["exchanges"]), log
    assert "Done. Returned value was: {'number': 42" in log


def _compile_document(dag_file: Path, target: Path) -> None:
    """Write the compiled document of ``dag_file`` (``python -m airgate.shim compile``) to ``target``."""
    import subprocess
    import sys

    target.write_text(
        subprocess.run(
            [sys.executable, "-m", "airgate.shim", "compile", str(dag_file)],
            capture_output=True, text=True, check=True,
        ).stdout
    )


def _pushed_by_tries_on_one_warm_worker(
    tmp_path: Path, dag_id: str, task_id: str, tries: int, before: dict[int, Callable[[], None]]
) -> list[Any]:
    """Run tries 1 to ``tries`` of a task of ``tmp_path/dags/<dag_id>.py`` (document ``tmp_path/dag.json``)
    one after the other on one warm ``local`` worker, calling ``before[n]`` before try ``n``; the XCom
    values the tasks pushed."""
    dags, compiled = tmp_path / "dags", tmp_path / "dag.json"

    def work(api_url: str, try_number: int) -> Workload:
        raw = workload(CaseAPI.TI, task_id, "manual__1", try_number, dag_id=dag_id, dag_rel_path=f"{dag_id}.py")
        out = msgspec.convert(raw, Workload)
        out.launch = Launch(
            runner=AGENT_RUNNER,
            api_url=api_url,
            env={"AIRFLOW__CORE__DAGS_FOLDER": str(dags), "AIRGATE_DAG_JSON": str(compiled)},
        )
        return out

    with CaseAPI(run_context(run_id="manual__1")) as api:
        config = {"parallelism": "1", "workers": "1", "base_log_folder": str(tmp_path / "logs")}

        async def scenario() -> list[int | None]:
            codes = []
            async with Harness(load("local", config)) as h:
                for try_number in range(1, tries + 1):
                    if try_number in before:
                        before[try_number]()
                    task = work(api.url, try_number)
                    await h.executor.submit(task)
                    codes.append((await h.wait_done(task.key, timeout=60)).exit_code)
            return codes

        assert asyncio.run(scenario()) == [0] * tries
        return [c.body for c in api.calls if c.method == "POST" and "/xcoms/" in c.path]


def test_a_warm_worker_never_runs_a_task_from_an_outdated_compiled_document(tmp_path: Path) -> None:
    """The ``local`` worker keeps the compiled document (``AIRGATE_DAG_JSON``) its tasks read, for the next
    ones; rewritten in place between two tasks, the second task runs what the file says now."""
    dags = tmp_path / "dags"
    dags.mkdir()

    def write_dag(command: str) -> None:
        (dags / "warm_doc.py").write_text(
            "from airflow.sdk import DAG\n"
            "from airflow.providers.standard.operators.bash import BashOperator\n"
            "with DAG(dag_id='warm_doc', schedule=None):\n"
            f"    BashOperator(task_id='say', bash_command='echo {command}')\n"
        )
        _compile_document(dags / "warm_doc.py", tmp_path / "dag.json")

    write_dag("first")
    pushed = _pushed_by_tries_on_one_warm_worker(tmp_path, "warm_doc", "say", 2, {2: lambda: write_dag("second")})
    assert pushed == ["first", "second"]


def _write_giving_dag(dags: Path, dag_id: str, value: str) -> None:
    """``dags/<dag_id>.py``: one ``@task`` ``give`` returning ``value``."""
    (dags / f"{dag_id}.py").write_text(
        "from airflow.sdk import DAG, task\n"
        f"with DAG(dag_id={dag_id!r}, schedule=None):\n"
        "    @task\n"
        "    def give():\n"
        f"        return {value!r}\n"
        "    give()\n"
    )


def test_a_python_task_runs_the_callable_its_dag_file_holds_now(tmp_path: Path) -> None:
    """The compiled document is the parsed version's; the callable comes from the DAG file as it is when
    the task runs (Airflow's task runner parses the file again too)."""
    dags = tmp_path / "dags"
    dags.mkdir()
    _write_giving_dag(dags, "py_doc", "parsed")
    _compile_document(dags / "py_doc.py", tmp_path / "dag.json")
    _write_giving_dag(dags, "py_doc", "current")
    assert _pushed_by_tries_on_one_warm_worker(tmp_path, "py_doc", "give", 1, {}) == ["current"]


def test_a_warm_worker_never_runs_a_task_from_an_outdated_compiled_dag_file(tmp_path: Path) -> None:
    """The ``local`` worker compiles the DAG file its tasks exec, for the next ones; rewritten in place
    (same compiled document: only the callable's body changed), the next task runs what the file says now."""
    dags = tmp_path / "dags"
    dags.mkdir()
    _write_giving_dag(dags, "py_warm", "first")
    _compile_document(dags / "py_warm.py", tmp_path / "dag.json")
    pushed = _pushed_by_tries_on_one_warm_worker(
        tmp_path, "py_warm", "give", 3, {3: lambda: _write_giving_dag(dags, "py_warm", "the second version")}
    )
    assert pushed == ["first", "first", "the second version"]


def test_every_task_log_shows_its_dag_files_compile_warning_under_a_warm_worker(tmp_path: Path) -> None:
    """A DAG file whose compilation warns is compiled by each task, as before the worker compiled files."""
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "py_warns.py").write_text(
        "from airflow.sdk import DAG, task\n"
        "with DAG(dag_id='py_warns', schedule=None):\n"
        "    @task\n"
        "    def give():\n"
        "        return 'x' is 'x'\n"
        "    give()\n"
    )
    _compile_document(dags / "py_warns.py", tmp_path / "dag.json")
    assert _pushed_by_tries_on_one_warm_worker(tmp_path, "py_warns", "give", 3, {}) == [True, True, True]
    logs = [p.read_text() for p in sorted((tmp_path / "logs").rglob("*.log"))]
    assert len(logs) == 3
    assert all('SyntaxWarning: "is" with a literal. Did you mean "=="?' in log for log in logs), logs


def test_task_code_under_a_warm_worker_reads_variables_and_its_context(tmp_path: Path) -> None:
    """``Variable.get`` and ``get_current_context`` in task code work in a task forked by a ``local`` worker
    (the worker installs their run-time versions once, before forking)."""
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "ctx_dag.py").write_text(
        "from airflow.sdk import DAG, Variable, get_current_context, task\n"
        "with DAG(dag_id='ctx_dag', schedule=None):\n"
        "    @task\n"
        "    def read():\n"
        "        return f\"{Variable.get('greeting')} from {get_current_context()['ti'].task_id}\"\n"
        "    read()\n"
    )
    reads = {("GET", "/execution/variables/greeting"): (200, {"key": "greeting", "value": "hello"})}
    with CaseAPI(run_context(run_id="manual__1"), reads) as api:
        raw = workload(CaseAPI.TI, "read", "manual__1", dag_id="ctx_dag", dag_rel_path="ctx_dag.py")
        task = msgspec.convert(raw, Workload)
        task.launch = Launch(runner=AGENT_RUNNER, api_url=api.url, env={"AIRFLOW__CORE__DAGS_FOLDER": str(dags)})
        config = {"parallelism": "1", "workers": "1", "base_log_folder": str(tmp_path / "logs")}
        assert _exit_code("local", config, task) == 0
        pushed = [c.body for c in api.calls if c.method == "POST" and "/xcoms/" in c.path]
    assert pushed == ["hello from read"]
