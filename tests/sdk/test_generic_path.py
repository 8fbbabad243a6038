"""The generic path: the real Airflow 3.2.2 task SDK, launched by ``lite``, accepts Airgate's workload.

Needs the Airflow virtualenv the benchmarks build (``${XDG_CACHE_HOME:-~/.cache}/airgate/airflow-3.2.2/venv``,
or ``AIRGATE_AIRFLOW_PYTHON``); skipped without it.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import msgspec
import pytest

from airgate.sdk import AIRFLOW_RUNNER, EventKind, Launch
from airgate.sdk.loader import load
from airgate.sdk.testing import FakeExecutionAPI, WorkloadFactory
from airgate.sdk.testing.conformance import Harness

_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
AIRFLOW_PYTHON = Path(
    os.environ.get("AIRGATE_AIRFLOW_PYTHON") or _CACHE / "airgate" / "airflow-3.2.2" / "venv" / "bin" / "python"
)

pytestmark = [
    pytest.mark.slow,
    # dev.py installs it; under CI a missing interpreter fails the test instead of skipping it
    pytest.mark.skipif(not AIRFLOW_PYTHON.exists() and os.environ.get("CI", "").lower() != "true",
                       reason=f"no Airflow interpreter at {AIRFLOW_PYTHON}"),
]


def test_airflow_task_sdk_runs_an_airgate_workload(tmp_path: Path, fake_execution_api: FakeExecutionAPI) -> None:
    (tmp_path / "dags").mkdir()
    probe = WorkloadFactory(fake_execution_api.url)()
    workload = msgspec.structs.replace(
        probe,
        launch=Launch(
            runner=AIRFLOW_RUNNER,
            api_url=fake_execution_api.url,
            env={"AIRFLOW_HOME": str(tmp_path / "home"), "AIRFLOW__CORE__DAGS_FOLDER": str(tmp_path / "dags")},
            output_path="supervisor.out",  # the task SDK writes log_path itself
        ),
    )
    executor = load("lite", {"base_log_folder": str(tmp_path / "logs"), "python": str(AIRFLOW_PYTHON)})

    async def scenario() -> None:
        async with Harness(executor) as h:
            await h.executor.submit(workload)
            done = await h.wait_done(workload.key, timeout=180)
            assert (done.kind, done.exit_code) == (EventKind.EXITED, 0)

    asyncio.run(scenario())
    run = fake_execution_api.calls_for(workload.ti.id, "run")
    assert len(run) == 1
    assert run[0].authorization == f"Bearer {workload.token}"
    assert run[0].body["state"] == "running"
    # The DAG file does not exist, so the task SDK asks to be rescheduled: it understood the workload.
    (state,) = fake_execution_api.calls_for(workload.ti.id, "state")
    assert state.body["state"] == "up_for_reschedule"
    assert workload.log_path is not None
    assert (tmp_path / "logs" / workload.log_path).exists()
