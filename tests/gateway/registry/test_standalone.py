"""``airgate dag-processor`` as its own process (SQLite): it registers the bundle's DAG files, takes the priority
parsing requests ``reparse_dag_file`` stores and parses those files again even when they did not change."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from airgate.gateway.registry.requests import request_id
from airgate.gateway.store import migrate

DAGS = Path(__file__).parent / "dags"
LIMIT = 90.0  # seconds any one wait may take on a loaded machine


def wait_for(check: Callable[[], Any], proc: subprocess.Popen[bytes]) -> Any:
    deadline = time.monotonic() + LIMIT
    while True:
        value = check()
        if value:
            return value
        assert proc.poll() is None, "the dag-processor exited"
        assert time.monotonic() < deadline, "the dag-processor did not get there in time"
        time.sleep(0.1)


@contextlib.contextmanager
def dag_processor(home: Path, db: Path, dags: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{db}",
                "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "airgate.gateway.cli.main", "dag-processor"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        with contextlib.suppress(ProcessLookupError):  # parse workers left behind, if any
            os.killpg(proc.pid, signal.SIGKILL)


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn, conn:
        return conn.execute(sql, args).fetchall()


async def test_standalone_processor_honours_stored_reparse_requests(tmp_path: Path) -> None:
    dags = tmp_path / "dags"
    dags.mkdir()
    shutil.copy(DAGS / "simple.py", dags / "simple.py")
    db = tmp_path / "airgate.db"
    await migrate(f"sqlite:///{db}")
    parsed_at = "SELECT last_parsed_time FROM dag WHERE dag_id = 'reg_simple'"
    with dag_processor(tmp_path, db, dags) as proc:
        first = wait_for(lambda: query(db, parsed_at), proc)[0][0]
        query(db, "INSERT INTO dag_priority_parsing_request (id, bundle_name, relative_fileloc) VALUES (?, ?, ?)",
              request_id("dags-folder", "simple.py"), "dags-folder", "simple.py")
        wait_for(lambda: not query(db, "SELECT id FROM dag_priority_parsing_request"), proc)
        again = wait_for(lambda: query(db, parsed_at)[0][0] != first and query(db, parsed_at), proc)[0][0]
    assert again > first
    assert query(db, "SELECT version_number FROM dag_version WHERE dag_id = 'reg_simple'") == [(1,)]


def test_refuses_a_database_without_the_schema(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update({"AIRFLOW_HOME": str(tmp_path), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path}/empty.db"})
    done = subprocess.run([sys.executable, "-m", "airgate.gateway.cli.main", "dag-processor"], env=env,
                          capture_output=True, text=True, timeout=120, start_new_session=True)
    assert done.returncode == 1
    assert done.stderr.endswith("airgate dag-processor: the database is not ready: the database has no Airgate "
                                "schema yet; run `airgate db migrate`\n")
