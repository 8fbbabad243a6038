"""The agent makes the calls the real Airflow task SDK made for the same tasks, with the same bodies:
each recorded try is replayed against a real agent subprocess."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from agent_replay import DAGS, REFRESHED, WORKLOAD_TOKEN, ReplayAPI, expected, recording, run_agent, workload

CASES = [
    "bash_echo",
    "push_multi",
    "pull_xcom",
    "fail_with_retry",
    "choose_branch",
    "skip_me",
    "read_conn_var",
    "add_one",
    "wait_reschedule",
    "total",
    "branch_a",
    "grp.inner_one",
    "produce_asset",
]


@pytest.fixture
def dags(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    shutil.copytree(DAGS, folder)
    return folder


def _tries(rec: dict[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each process the recording shows: (task instance try, its exchanges); a new ``/run`` starts one."""
    out: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for exchange in rec["exchanges"]:
        if exchange["request"]["path"].endswith("/run"):
            out.append(
                (
                    {
                        "ti_id": exchange["ti_id"],
                        "map_index": exchange["map_index"],
                        "try_number": exchange["try_number"],
                    },
                    [],
                )
            )
        out[-1][1].append(exchange)
    return out


@pytest.mark.parametrize("name", CASES)
def test_agent_repeats_the_recorded_calls(name: str, dags: Path, tmp_path: Path) -> None:
    rec = recording(name)
    for ti, exchanges in _tries(rec):
        with ReplayAPI(exchanges) as api:
            work = workload(ti["ti_id"], rec["task_id"], rec["run_id"], ti["try_number"], ti["map_index"])
            proc = run_agent(work, api.url, dags, tmp_path)
            assert proc.returncode == 0, proc.stdout + proc.stderr
            assert api.sent() == expected(exchanges), proc.stdout + proc.stderr
            # the workload token opens the run; the refreshed token carries everything after it
            assert api.calls[0].auth == f"Bearer {WORKLOAD_TOKEN}"
            assert {c.auth for c in api.calls[1:]} == {f"Bearer {REFRESHED}"}
            # /run counts as the first heartbeat: a task shorter than the interval sends none (the real SDK
            # sends one right away; test_cases.py covers heartbeats of a longer task)
            beats = [c for c in api.calls if c.path.endswith("/heartbeat")]
            assert all(b.method == "PUT" and set(b.body) == {"hostname", "pid"} for b in beats)


def test_bash_output_goes_to_stdout(dags: Path, tmp_path: Path) -> None:
    rec = recording("bash_echo")
    with ReplayAPI(rec["exchanges"]) as api:
        ti = rec["task_instances"][0]
        proc = run_agent(workload(ti["ti_id"], "bash_echo", rec["run_id"]), api.url, dags, tmp_path)
    assert "ref bash for recorder\nref-bash-last-line\n" in proc.stdout
    assert "Command exited with return code 0" in proc.stdout


@pytest.mark.parametrize("name", ["bash_echo", "push_multi", "pull_xcom"])
def test_a_compiled_dag_json_spares_the_exec_unless_a_callable_is_needed(
    name: str, dags: Path, tmp_path: Path
) -> None:
    """With ``AIRGATE_DAG_JSON`` the agent takes the task document from that file; the DAG file is exec'd
    only for python callables (so a bash task runs even when the file is gone)."""
    import subprocess
    import sys

    compiled = tmp_path / "dag.json"
    out = subprocess.run(
        [sys.executable, "-m", "airgate.shim", "compile", str(dags / "ref_exec_api.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    compiled.write_text(out)
    if name == "bash_echo":
        (dags / "ref_exec_api.py").unlink()
    rec = recording(name)
    ti = rec["task_instances"][0]
    with ReplayAPI(rec["exchanges"]) as api:
        work = workload(ti["ti_id"], rec["task_id"], rec["run_id"])
        proc = run_agent(work, api.url, dags, tmp_path, env={"AIRGATE_DAG_JSON": str(compiled)})
        assert api.sent() == expected(rec["exchanges"]), proc.stdout + proc.stderr
