"""Workloads are wire-compatible with Airflow 3.2's ExecuteTask; launch hints never reach the task."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from airgate.sdk import AIRFLOW_RUNNER, Launch, TaskInstanceKey, Workload

GOLDEN = Path(__file__).parent / "data" / "execute_task_airflow.json"
"""What Airflow 3.2.2's ``ExecuteTask.model_dump_json()`` produced for one task instance."""


def test_airflow_execute_task_json_decodes_into_a_workload() -> None:
    workload = msgspec.json.decode(GOLDEN.read_bytes(), type=Workload)

    assert workload.key == TaskInstanceKey("etl", "extract", "manual__2026-01-01T00:00:00+00:00", 2, 3)
    assert workload.bundle_info.name == "dags-folder"
    assert workload.ti.context_carrier == {"traceparent": "00-abc-def-01"}
    assert workload.launch == Launch()


def test_task_json_is_exactly_airflows_form() -> None:
    workload = msgspec.json.decode(GOLDEN.read_bytes(), type=Workload)
    hinted = msgspec.structs.replace(
        workload,
        launch=Launch(runner=AIRFLOW_RUNNER, env={"A": "1"}, executor_config={"cpu": 2}, queue="q", api_url="x"),
    )

    assert json.loads(hinted.task_json()) == json.loads(GOLDEN.read_text())


def test_argv_runs_the_runner_module_with_json_string() -> None:
    workload = msgspec.json.decode(GOLDEN.read_bytes(), type=Workload)
    workload = msgspec.structs.replace(workload, launch=Launch(runner=AIRFLOW_RUNNER))

    argv = workload.argv("/usr/bin/python3")

    assert argv[:4] == ["/usr/bin/python3", "-m", AIRFLOW_RUNNER, "--json-string"]
    assert json.loads(argv[4]) == json.loads(GOLDEN.read_text())


def test_workload_with_hints_round_trips() -> None:
    workload = msgspec.json.decode(GOLDEN.read_bytes(), type=Workload)
    workload = msgspec.structs.replace(workload, launch=Launch(python="/opt/py", env={"K": "V"}, queue="gpu"))

    again = msgspec.json.decode(msgspec.json.encode(workload), type=Workload)

    assert again == workload
    assert again.launch.queue == "gpu"


def test_key_str_names_the_task_try() -> None:
    assert str(TaskInstanceKey("d", "t", "r", 2, 4)) == "d.t[4] run=r try=2"
    assert str(TaskInstanceKey("d", "t", "r")) == "d.t run=r try=1"
