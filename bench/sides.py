"""The two control planes under test, started the same way from the same DAG files.

* :class:`AirgateSide` — the checked-out Airgate (``airgate lite`` or ``airgate api-server``), configured only
  through Airflow-named environment variables.
* :class:`AirflowSide` — the pinned Airflow 3.2.2 (``bench.airflow_env``): ``api-server``, ``scheduler`` and
  ``dag-processor`` as separate processes, LocalExecutor, the simple auth manager, a PostgreSQL database of
  its own.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from enum import StrEnum
from pathlib import Path

from bench import airflow_env, pg
from bench.client import Api, wait_healthy
from bench.procs import Memory, ProcessGroup, memory

HOST = "127.0.0.1"
USERNAME = "admin"
PASSWORD = "bench-admin-password"


class SideName(StrEnum):
    """Which control plane a measurement belongs to."""

    AIRGATE = "airgate"
    AIRFLOW = "airflow"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _clean_environ() -> dict[str, str]:
    drop = ("AIRFLOW", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


class Side:
    """One control plane: its processes, its port, a logged-in API client."""

    name: SideName
    servers: list[str]

    def __init__(self, workdir: Path, dags_folder: Path, group: ProcessGroup, database: str | None) -> None:
        self.workdir = workdir
        self.home = workdir / "home"
        self.dags_folder = dags_folder
        self.group = group
        self.database = database
        self.port = 0
        self.api = Api(HOST, 0)
        self.description = ""

    # -- to be provided by each side ------------------------------------------------------------------
    def env(self, port: int) -> dict[str, str]:
        """Environment (Airflow-named settings) for every process of this side."""
        raise NotImplementedError

    def api_server_argv(self, port: int) -> list[str]:
        """The command serving the API on ``port`` over an already migrated database."""
        raise NotImplementedError

    def launch(self, timeout: float) -> None:
        """Prepare the database and start every process of this side on ``self.port``."""
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------------------
    def _prepare_home(self) -> None:
        if self.home.exists():
            shutil.rmtree(self.home)
        self.home.mkdir(parents=True)
        (self.home / "passwords.json").write_text(json.dumps({USERNAME: PASSWORD}))
        if self.database:
            pg.create_database(self.database)

    def _base_env(self, port: int) -> dict[str, str]:
        env = _clean_environ()
        env.update({
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags_folder),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USERNAME}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(self.home / "passwords.json"),
            "AIRFLOW__API_AUTH__JWT_SECRET": "bench-jwt-secret-" + "x" * 32,
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__FERNET_KEY": base64.urlsafe_b64encode(b"bench-fernet-key-32-bytes-long!!").decode(),
            "AIRFLOW__API__BASE_URL": f"http://{HOST}:{port}",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://{HOST}:{port}/execution/",
        })
        return env

    def start(self, timeout: float) -> float:
        """Start this side, wait until healthy and log in; return the seconds to healthy."""
        self.port = free_port()
        self._prepare_home()
        began = time.monotonic()
        self.launch(timeout)
        wait_healthy(HOST, self.port, timeout, is_alive=self._alive)
        self.api = Api(HOST, self.port)
        self.api.login(USERNAME, PASSWORD)
        return time.monotonic() - began

    def _alive(self) -> bool:
        dead = {n: rc for n, rc in self.group.exited().items() if n in self.servers}
        if dead:
            name = next(iter(dead))
            print(f"[{self.name}] {name} exited with {dead[name]}:\n{self.group.log_tail(name)}", file=sys.stderr)
        return not dead

    def pids(self) -> list[int]:
        """Root pids of this side's long-running processes."""
        return self.group.pids(self.servers)

    def memory(self) -> Memory:
        """Total memory of all this side's processes and their children."""
        return memory(self.pids())

    def cold_start(self, timeout: float) -> float:
        """Seconds from launching one more API server (same, migrated database) to a healthy answer."""
        port = free_port()
        name = f"{self.name}-coldstart"
        began = time.monotonic()
        self.group.start(name, self.api_server_argv(port), self.env(port), cwd=self.home)
        try:
            wait_healthy(HOST, port, timeout, is_alive=lambda: name not in self.group.exited())
            return time.monotonic() - began
        finally:
            self.group.stop(name)

    def stop(self) -> None:
        """Stop this side's processes and drop its database."""
        self.api.close()
        for name in self.servers:
            self.group.stop(name)
        if self.database:
            try:
                pg.drop_database(self.database)
            except Exception as exc:  # the report must still be written
                print(f"[{self.name}] could not drop database {self.database}: {exc}", file=sys.stderr)


class AirgateSide(Side):
    """The checked-out Airgate."""

    name = SideName.AIRGATE

    def __init__(self, workdir: Path, dags_folder: Path, group: ProcessGroup, database: str | None,
                 command: str = "lite", extra_env: dict[str, str] | None = None) -> None:
        super().__init__(workdir, dags_folder, group, database)
        self.command = command
        self.servers = ["airgate"]
        self.extra_env = dict(extra_env or {})
        self.description = f"airgate {command} ({'PostgreSQL' if database else 'SQLite'})" + "".join(
            f", {k}={v}" for k, v in self.extra_env.items())

    def _airgate(self) -> list[str]:
        script = Path(sys.executable).parent / "airgate"
        return [str(script)] if script.exists() else [sys.executable, "-m", "airgate.gateway.cli.main"]

    def env(self, port: int) -> dict[str, str]:
        env = self._base_env(port)
        conn = pg.url(self.database) if self.database else f"sqlite:///{self.home}/airgate.db"
        env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = conn
        env.update(self.extra_env)
        return env

    def api_server_argv(self, port: int) -> list[str]:
        return [*self._airgate(), "api-server", "--host", HOST, "--port", str(port)]

    def launch(self, timeout: float) -> None:
        env = self.env(self.port)
        if self.command == "api-server":
            subprocess.run([*self._airgate(), "db", "migrate"], env=env, check=True, timeout=timeout,
                           capture_output=True)
        argv = [*self._airgate(), self.command, "--host", HOST, "--port", str(self.port)]
        self.group.start("airgate", argv, env, cwd=self.home)


class AirflowSide(Side):
    """The pinned Apache Airflow 3.2.2: api-server, scheduler and dag-processor over PostgreSQL."""

    name = SideName.AIRFLOW

    def __init__(self, workdir: Path, dags_folder: Path, group: ProcessGroup, database: str | None) -> None:
        super().__init__(workdir, dags_folder, group, database)
        self.servers = ["airflow-api-server", "airflow-scheduler", "airflow-dag-processor"]
        self.description = "Airflow 3.2.2 api-server + scheduler + dag-processor, LocalExecutor (PostgreSQL)"
        self.log_port = 0

    settings_note = (
        "its defaults (1 api-server worker, [core] parallelism 32, default_pool 128 slots, sql_alchemy_pool_size 5 "
        "+ max_overflow 10, [workers] execution_api_timeout 5 s, [scheduler] task_instance_heartbeat_timeout "
        "300 s, [dag_processor] min_file_process_interval 30 s) except: the executor (LocalExecutor), the "
        "simple auth manager and its users, the database, ports and keys, [core] load_examples False, and "
        "[dag_processor] refresh_interval 5 s instead of 300 s so the run DAG files added mid-run are listed "
        "within seconds (re-parsing keeps its default interval)")

    def env(self, port: int) -> dict[str, str]:
        env = self._base_env(port)
        venv = airflow_env.venv_dir()
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(venv)
        if not self.database:
            raise RuntimeError("the Airflow side needs a PostgreSQL database")
        env.update({
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg.url(self.database, "postgresql+psycopg2"),
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__AUTH_MANAGER":
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
            "AIRFLOW__API__SECRET_KEY": "bench-api-secret-key",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__HOST": HOST,
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(self.log_port or free_port()),
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        })
        return env

    def api_server_argv(self, port: int) -> list[str]:
        return [str(airflow_env.airflow_bin()), "api-server", "--host", HOST, "--port", str(port)]

    def launch(self, timeout: float) -> None:
        if not airflow_env.is_ready():
            raise RuntimeError("Airflow 3.2.2 is not installed: run `python -m bench.airflow_env install`")
        self.log_port = free_port()
        env = self.env(self.port)
        airflow = str(airflow_env.airflow_bin())
        result = subprocess.run([airflow, "db", "migrate"], env=env, timeout=timeout, capture_output=True,
                                text=True, cwd=self.home)
        if result.returncode:
            raise RuntimeError(f"airflow db migrate failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        self.group.start("airflow-api-server", self.api_server_argv(self.port), env, cwd=self.home)
        self.group.start("airflow-scheduler", [airflow, "scheduler"], env, cwd=self.home)
        self.group.start("airflow-dag-processor", [airflow, "dag-processor"], env, cwd=self.home)
