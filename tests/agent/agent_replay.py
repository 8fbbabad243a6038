"""A fake Execution API that replays recorded answers of a real Airflow 3.2.2 and records what the agent
sends, plus a helper that runs the agent as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from testsupport import EXECUTION_RECORDINGS as REFERENCE

DAGS = Path(__file__).parent / "dags"
REFRESHED = "refreshed-execution-token"
WORKLOAD_TOKEN = "workload-token"

_VOLATILE = ("hostname", "unixname", "pid", "start_date", "end_date", "reschedule_date")
_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def normalize(body: Any) -> Any:
    """A request body with per-run values (host, pid, timestamps) replaced by their kind."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    for key in _VOLATILE:
        if key in out:
            value = out[key]
            if key.endswith("date"):
                out[key] = "<iso>" if isinstance(value, str) and _ISO.match(value) else value
            else:
                out[key] = f"<{type(value).__name__}>"
    return out


class Call:
    """One request the agent sent."""

    def __init__(self, method: str, path: str, query: dict[str, str], body: Any, auth: str) -> None:
        self.method, self.path, self.query, self.body, self.auth = method, path, query, body, auth

    def key(self) -> tuple[str, str, dict[str, str], Any]:
        """What the test compares: method, path, query and normalized body."""
        return (self.method, self.path, self.query, normalize(self.body))

    def __repr__(self) -> str:
        return f"{self.method} {self.path} {self.query} {json.dumps(self.body)[:200]}"


class ReplayAPI:
    """Serve recorded answers: each request takes the first unused recorded exchange with the same method,
    path and query; heartbeats answer 204; anything unrecorded answers 404 and is kept in ``calls``."""

    def __init__(
        self,
        exchanges: list[dict[str, Any]],
        extra: dict[tuple[str, str], tuple[int, Any]] | None = None,
        lenient: bool = False,
    ) -> None:
        self.lenient = lenient
        self.pending = [e for e in exchanges if not e["request"]["path"].endswith("/heartbeat")]
        self.extra = extra or {}
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                call = Call(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query)),
                    json.loads(raw) if raw else None,
                    self.headers.get("Authorization", ""),
                )
                status, body, headers = api.answer(call, self.headers.get("Airflow-API-Version"))
                data = b"" if status == 204 else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_PATCH = do_POST = do_DELETE = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def answer(self, call: Call, version: str | None) -> tuple[int, Any, dict[str, str]]:
        """The recorded status and body for ``call``."""
        with self.lock:
            self.calls.append(call)
            if version != "2026-04-06":
                return 400, {"detail": "missing Airflow-API-Version"}, {}
            if (call.method, call.path) in self.extra:
                status, body = self.extra[(call.method, call.path)]
                headers = {"Refreshed-API-Token": REFRESHED} if call.path.endswith("/run") else {}
                return status, body, headers
            if call.path.endswith("/heartbeat"):
                return 204, None, {}
            for n, exchange in enumerate(self.pending):
                req = exchange["request"]
                if (req["method"], req["path"], req["query"]) == (call.method, call.path, call.query):
                    del self.pending[n]
                    resp = exchange["response"]
                    headers = {"Refreshed-API-Token": REFRESHED} if call.path.endswith("/run") else {}
                    return resp["status"], resp["body"], headers
            if self.lenient and call.method in ("POST", "PUT"):
                return 201, {"message": "ok"}, {}
            if self.lenient and call.method in ("PATCH", "DELETE"):
                return 204, None, {}
            return 404, {"detail": {"reason": "not_found", "message": repr(call)}}, {}

    @property
    def url(self) -> str:
        """``AIRFLOW__CORE__EXECUTION_API_SERVER_URL``."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/execution/"

    def __enter__(self) -> ReplayAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent(self) -> list[tuple[str, str, dict[str, str], Any]]:
        """Every call but heartbeats, normalized, in order."""
        return [c.key() for c in self.calls if not c.path.endswith("/heartbeat")]


def recording(name: str) -> dict[str, Any]:
    """``execution-api/ref_exec_api__<name>.json``."""
    return dict(json.loads((REFERENCE / f"ref_exec_api__{name}.json").read_text()))


def expected(exchanges: list[dict[str, Any]]) -> list[tuple[str, str, dict[str, str], Any]]:
    """The recorded requests but heartbeats, normalized, in order."""
    return [
        (e["request"]["method"], e["request"]["path"], e["request"]["query"], normalize(e["request"]["body"]))
        for e in exchanges
        if not e["request"]["path"].endswith("/heartbeat")
    ]


def workload(
    ti_id: str,
    task_id: str,
    run_id: str,
    try_number: int = 1,
    map_index: int = -1,
    dag_id: str = "ref_exec_api",
    dag_rel_path: str = "ref_exec_api.py",
) -> dict[str, Any]:
    """Airflow's ``ExecuteTask`` JSON for one try."""
    return {
        "type": "ExecuteTask",
        "token": WORKLOAD_TOKEN,
        "ti": {
            "id": ti_id,
            "dag_version_id": "00000000-0000-0000-0000-000000000000",
            "task_id": task_id,
            "dag_id": dag_id,
            "run_id": run_id,
            "try_number": try_number,
            "map_index": map_index,
            "pool_slots": 1,
            "queue": "default",
            "priority_weight": 1,
            "parent_context_carrier": None,
            "context_carrier": None,
        },
        "dag_rel_path": dag_rel_path,
        "bundle_info": {"name": "dags-folder", "version": None},
        "log_path": None,
        "sentry_integration": "",
    }


def run_agent(
    work: dict[str, Any],
    api_url: str,
    dags: Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 30,
) -> subprocess.CompletedProcess[str]:
    """``python -m airgate.agent --json-string <workload>`` as the executors launch it."""
    full = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": api_url,
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "airgate.agent", "--json-string", json.dumps(work)],
        env=full,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_context(
    conf: dict[str, Any] | None = None,
    logical_date: str | None = "2026-03-04T05:06:07Z",
    should_retry: bool = False,
    max_tries: int = 0,
    xcom_keys_to_clear: list[str] | None = None,
    task_reschedule_count: int = 0,
    run_id: str = "scheduled__2026-03-04T05:06:07+00:00",
) -> dict[str, Any]:
    """A ``/run`` answer shaped as Airflow 3.2 sends it."""
    return {
        "dag_run": {
            "dag_id": "agent_cases",
            "run_id": run_id,
            "logical_date": logical_date,
            "data_interval_start": "2026-03-03T05:06:07Z" if logical_date else None,
            "data_interval_end": logical_date,
            "run_after": logical_date or "2026-03-04T05:06:07Z",
            "start_date": "2026-03-04T05:06:08Z",
            "end_date": None,
            "clear_number": 0,
            "run_type": "scheduled" if logical_date else "manual",
            "state": "running",
            "conf": conf or {},
            "triggering_user_name": None,
            "consumed_asset_events": [],
            "partition_key": None,
            "note": None,
        },
        "task_reschedule_count": task_reschedule_count,
        "max_tries": max_tries,
        "variables": [],
        "connections": [],
        "xcom_keys_to_clear": xcom_keys_to_clear or [],
        "should_retry": should_retry,
    }


class CaseAPI(ReplayAPI):
    """A lenient fake for the ``agent_cases`` DAG: ``/run`` answers ``run``; writes succeed; reads answer
    from ``reads`` ({(method, path): (status, body)}) or 404."""

    TI = "0196a000-0000-7000-8000-000000000001"

    def __init__(
        self, run: dict[str, Any], reads: dict[tuple[str, str], tuple[int, Any]] | None = None
    ) -> None:
        extra = {("PATCH", f"/execution/task-instances/{self.TI}/run"): (200, run)}
        extra.update(reads or {})
        super().__init__([], extra, lenient=True)
        self.run_id = run["dag_run"]["run_id"]

    def body_of(self, method: str, path_end: str) -> Any:
        """The body of the one call whose path ends with ``path_end``."""
        found = [c for c in self.calls if c.method == method and c.path.endswith(path_end)]
        assert len(found) == 1, (method, path_end, self.calls)
        return found[0].body


def run_case(
    api: CaseAPI,
    task_id: str,
    dags: Path,
    cwd: Path,
    try_number: int = 1,
    map_index: int = -1,
    env: dict[str, str] | None = None,
    timeout: float = 30,
) -> subprocess.CompletedProcess[str]:
    """Run one task of ``agent_cases.py`` against ``api``."""
    work = workload(api.TI, task_id, api.run_id, try_number, map_index, "agent_cases", "agent_cases.py")
    return run_agent(work, api.url, dags, cwd, env, timeout)
