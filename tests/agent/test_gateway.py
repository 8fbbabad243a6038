"""End to end against Airgate's own Execution API: the gateway serves on a real port, a dag run and its
task instances are seeded in the store, and agent subprocesses run a small chain of the reference DAG
(bash → multiple outputs → XComArgs + xcom_pull) to their final states."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import uvicorn
from agent_replay import DAGS, workload

from airgate.gateway.app import create_app
from airgate.gateway.auth.task_tokens import TaskTokens
from airgate.gateway.config import load_settings
from airgate.gateway.store import Store
from airgate.gateway.store.tables import dag_run, task_instance

RUN = "manual__agent_e2e"
CHAIN = (
    ("bash_echo", -1),
    ("push_multi", -1),
    ("pull_xcom", -1),
    ("skip_me", -1),
    ("add_one", 0),
    ("add_one", 1),
    ("add_one", 2),
    ("total", -1),
)


async def _agent(work: dict[str, Any], url: str, dags: Path, cwd: Path) -> tuple[int, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": url,
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "airgate.agent",
        "--json-string",
        json.dumps(work),
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode or 0, out.decode()


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_agent_runs_a_chain_against_the_gateway(store_url: str, store: Store, tmp_path: Path) -> None:
    dags = tmp_path / "dags"
    shutil.copytree(DAGS, dags)
    settings = load_settings(
        {
            "AIRFLOW_HOME": str(tmp_path / "home"),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": store_url,
            "AIRFLOW__AIRGATE__PRINT_ADMIN_PASSWORD": "False",
        }
    )
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    try:
        for _ in range(400):
            if server.started:
                break
            await asyncio.sleep(0.05)
        assert server.started
        url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/execution/"
        ids = {key: str(uuid.uuid4()) for key in CHAIN}
        async with store.write() as conn:
            await conn.execute(
                sa.insert(dag_run).values(
                    dag_id="ref_exec_api", run_id=RUN, run_type="manual", state="running", conf={"who": "e2e"}
                )
            )
            for (task, index), ti in ids.items():
                await conn.execute(
                    sa.insert(task_instance).values(
                        id=ti,
                        dag_id="ref_exec_api",
                        run_id=RUN,
                        task_id=task,
                        map_index=index,
                        state="queued",
                        try_number=1,
                        max_tries=0,
                        pool="default_pool",
                    )
                )
        tokens = TaskTokens(settings.jwt_secret)
        outputs = {}
        for task, index in CHAIN:
            work = workload(ids[(task, index)], task, RUN, map_index=index)
            work["token"] = tokens.issue_workload_token(ids[(task, index)])
            code, outputs[(task, index)] = await _agent(work, url, dags, tmp_path)
            assert code == 0, outputs[(task, index)]
        async with store.read() as conn:
            query = sa.select(task_instance.c.task_id, task_instance.c.map_index, task_instance.c.state)
            rows = (await conn.execute(query)).all()
        states = {(task, index): str(state) for task, index, state in rows}
        assert states == {key: "skipped" if key[0] == "skip_me" else "success" for key in CHAIN}, outputs
        assert "ref bash for e2e" in outputs[("bash_echo", -1)]
        assert "Done. Returned value was: hello-42" in outputs[("pull_xcom", -1)]
        assert "Done. Returned value was: 9" in outputs[("total", -1)]  # 2 + 3 + 4 through the item route
    finally:
        server.should_exit = True
        await serving
