"""A real ``airgate lite`` in a subprocess for end-to-end tests: a temporary AIRFLOW_HOME with a DAGs folder,
an admin token, trigger and poll helpers, and read access to its SQLite store."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

AIRGATE = [sys.executable, "-m", "airgate.gateway.cli.main"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Lite:
    """``airgate lite`` serving ``home/dags`` with ``executor``; stop with :meth:`stop`."""

    def __init__(self, home: Path, executor: str, **env: str) -> None:
        self.home, self.port = home, free_port()
        (home / "dags").mkdir(parents=True, exist_ok=True)
        full = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
        self.env = full
        full.update({
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__EXECUTOR": executor,
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            **env,
        })
        self.log = open(home / "lite.log", "a")  # noqa: SIM115 - closed in stop()
        self.base = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.base, timeout=10)
        self._start()
        password = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
        token = self.client.post("/auth/token", json={"username": "admin", "password": password}).json()
        self.client.headers["Authorization"] = f"Bearer {token['access_token']}"

    def _start(self) -> None:
        self.process = subprocess.Popen([*AIRGATE, "lite", "--port", str(self.port)], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, text=True)
        self._wait_up()

    def crash_and_restart(self) -> None:
        """``kill -9`` the gateway, then start it again on the same port and database."""
        self.process.kill()
        self.process.wait()
        self._start()

    def _wait_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"lite exited: {self.output()}")
            try:
                self.client.get("/api/v2/version")
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"lite did not start: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        return (self.home / "lite.log").read_text()

    def add_dag(self, name: str, source: str, dag_id: str, timeout: float = 60) -> None:
        """Drop a DAG file and wait until the DAG is registered."""
        (self.home / "dags" / name).write_text(source)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.client.get(f"/api/v2/dags/{dag_id}").status_code == 200:
                return
            time.sleep(0.2)
        raise AssertionError(f"{dag_id} was not registered: {self.output()}")

    def trigger(self, dag_id: str, **body: Any) -> dict[str, Any]:
        response = self.client.post(f"/api/v2/dags/{dag_id}/dagRuns", json={"logical_date": None, **body})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def wait_run(self, dag_id: str, run_id: str, timeout: float = 120) -> dict[str, Any]:
        """Poll ``get_dag_run`` until the run is finished (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = self.client.get(f"/api/v2/dags/{dag_id}/dagRuns/{run_id}").json()
            if run["state"] in ("success", "failed"):
                return dict(run)
            time.sleep(0.05)
        raise AssertionError(f"run {run_id} did not finish: {self.output()[-5000:]}")

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.home / "airgate.db") as db:
            return db.execute(sql, args).fetchall()

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
