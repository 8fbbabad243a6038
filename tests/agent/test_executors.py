"""The agent under Airgate's own executors: ``local`` (preloaded, forked, ``main()`` called in-process)
and ``lite`` (a new interpreter) run a recorded task with the same Execution API calls."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import msgspec
import pytest
from agent_replay import DAGS, ReplayAPI, expected, recording, workload

from airgate.sdk import AGENT_RUNNER, Launch, Workload
from airgate.sdk.loader import load
from airgate.sdk.testing.conformance import Harness


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

        async def scenario() -> int | None:
            async with Harness(load(executor, config)) as h:
                await h.executor.submit(work)
                return (await h.wait_done(work.key, timeout=60)).exit_code

        assert asyncio.run(scenario()) == 0
        log = b"".join(p.read_bytes() for p in (tmp_path / "logs").rglob("*.log")).decode()
        assert api.sent() == expected(rec["exchanges"]), log
    assert "Done. Returned value was: {'number': 42" in log
