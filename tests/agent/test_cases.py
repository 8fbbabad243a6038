"""Templates, the Airflow context, exception → state mapping, sensors, skips, mapping and http, each run
by a real agent subprocess against a fake Execution API."""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from agent_replay import DAGS, CaseAPI, run_case, run_context

TI = CaseAPI.TI
X = "/execution/xcoms/agent_cases/{run}/{task}/{key}"


@pytest.fixture
def dags(tmp_path: Path) -> Path:
    folder = tmp_path / "dags"
    shutil.copytree(DAGS, folder)
    return folder


def _state(api: CaseAPI) -> dict[str, Any]:
    body = api.body_of("PATCH", f"/{TI}/state")
    assert isinstance(body, dict)
    return body


def _xcom(api: CaseAPI, task: str, key: str = "return_value") -> Any:
    return api.body_of("POST", X.format(run=api.run_id, task=task, key=key))


def test_templates_render_with_the_airflow_context(dags: Path, tmp_path: Path) -> None:
    reads = {
        ("GET", "/execution/variables/greeting"): (200, {"key": "greeting", "value": "hello"}),
        ("GET", "/execution/variables/settings"): (200, {"key": "settings", "value": '{"depth": 2}'}),
        ("GET", "/execution/connections/my_http"): (
            200,
            {"conn_id": "my_http", "conn_type": "http", "host": "example.org"},
        ),
        ("GET", f"/execution/task-instances/{TI}/previous-successful-dagrun"): (
            200,
            {
                "data_interval_start": "2026-03-02T05:06:07Z",
                "data_interval_end": "2026-03-03T05:06:07Z",
                "start_date": "2026-03-03T05:06:09Z",
                "end_date": "2026-03-03T05:07:00Z",
            },
        ),
    }
    with CaseAPI(run_context(conf={"who": "carol"}), reads) as api:
        proc = run_case(api, "render_bash", dags, tmp_path)
    line = (
        "ds=2026-03-04 ds_nodash=20260304 ts=2026-03-04T05:06:07+00:00 ts_nodash=20260304T050607"
        " logical_date=2026-03-04T05:06:07+00:00 start=2026-03-03T05:06:07+00:00 end=2026-03-04T05:06:07+00:00"
        " who=carol n=3 conf=none try=1 task=render_bash var=hello json=2 host=example.org add=2026-03-07"
        " fmt=04/03/2026 run_id=scheduled__2026-03-04T05:06:07+00:00 prev=2026-03-03T05:06:09+00:00 filt=20260304"
    )
    assert api.body_of("PUT", f"/{TI}/rtif") == {"bash_command": f"echo '{line}'", "env": None, "cwd": None}
    assert _xcom(api, "render_bash") == line, proc.stdout
    assert _state(api)["state"] == "success"


def test_a_bash_command_runs_in_a_fresh_temporary_folder_removed_with_what_it_left(
    dags: Path, tmp_path: Path
) -> None:
    """Airflow runs the command in a new ``airflowtmp*`` folder and removes it afterwards, whatever the
    command left in it (here a folder it made unreadable)."""
    with CaseAPI(run_context()) as api:
        proc = run_case(api, "leave_mess", dags, tmp_path)
    where = _xcom(api, "leave_mess")
    assert re.fullmatch(r"airflowtmp[a-z0-9_]{8}", Path(where).name), proc.stdout  # as mkdtemp names it
    assert Path(where).parent != tmp_path  # not the task process's own working directory
    assert not Path(where).exists()
    assert _state(api)["state"] == "success"


def test_env_and_cwd_are_rendered_and_do_xcom_push_false_pushes_nothing(dags: Path, tmp_path: Path) -> None:
    where = tmp_path / "work"
    where.mkdir()
    with CaseAPI(run_context(conf={"who": "carol", "where": str(where)})) as api:
        proc = run_case(api, "env_cwd", dags, tmp_path)
    assert api.body_of("PUT", f"/{TI}/rtif") == {
        "bash_command": 'echo "$GREETING from $(pwd) as $AIRFLOW_CTX_TASK_ID"',
        "env": {"GREETING": "hi carol"},
        "cwd": str(where),
    }
    assert f"hi carol from {where} as env_cwd" in proc.stdout
    assert not [c for c in api.calls if "/xcoms/" in c.path]
    assert _state(api)["state"] == "success"


def test_an_undefined_template_variable_fails_the_task(dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context(logical_date=None, run_id="manual__x")) as api:
        proc = run_case(api, "render_bash", dags, tmp_path)
    assert _state(api)["state"] == "failed"
    assert "'ds' is undefined" in proc.stdout
    assert not [c for c in api.calls if c.path.endswith("/rtif")]


@pytest.mark.parametrize(
    ("task_id", "should_retry", "state"),
    [
        ("bash_99", True, "skipped"),
        ("bash_custom_skip", True, "skipped"),
        ("bash_fail", True, "up_for_retry"),
        ("bash_fail", False, "failed"),
        ("fail_hard", True, "failed"),
        ("value_error", True, "up_for_retry"),
        ("value_error", False, "failed"),
        ("never", True, "failed"),
        ("never_soft", True, "skipped"),
    ],
)
def test_exceptions_map_to_airflow_states(
    task_id: str, should_retry: bool, state: str, dags: Path, tmp_path: Path
) -> None:
    with CaseAPI(run_context(should_retry=should_retry, max_tries=3)) as api:
        proc = run_case(api, task_id, dags, tmp_path)
    assert proc.returncode == 0, proc.stderr
    body = _state(api)
    assert set(body) == {"state", "end_date", "rendered_map_index"}
    assert (body["state"], body["rendered_map_index"]) == (state, None), proc.stdout
    assert not [c for c in api.calls if "/xcoms/" in c.path]


def test_python_callable_gets_rendered_args_and_the_context_it_asks_for(dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context(conf={"who": "carol"})) as api:
        run_case(api, "with_context", dags, tmp_path)
    assert api.body_of("PUT", f"/{TI}/rtif") == {
        "templates_dict": None,
        "op_args": ["carol"],
        "op_kwargs": {},
    }
    assert _xcom(api, "with_context") == {
        "greeting": "carol",
        "ti": "with_context",
        "ds": "2026-03-04",
        "has_dag_run": True,
    }


def test_short_circuit_skips_everything_downstream(dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context()) as api:
        run_case(api, "gate", dags, tmp_path)
    assert _xcom(api, "gate", "skipmixin_key") == {"skipped": ["after_gate", "later"]}
    assert api.body_of("PATCH", f"/{TI}/skip-downstream") == {"tasks": ["after_gate", "later"]}
    assert _xcom(api, "gate") is False
    assert _state(api)["state"] == "success"


def test_sensors(dags: Path, tmp_path: Path) -> None:
    where = tmp_path / "drop"
    where.mkdir()
    (where / "a.ready").write_text("x")
    with CaseAPI(run_context()) as api:
        run_case(api, "poke_done", dags, tmp_path)
    assert _xcom(api, "poke_done") == {"found": 1}
    with CaseAPI(run_context(conf={"where": str(where)})) as api:
        run_case(api, "file_wait", dags, tmp_path)
    assert _state(api)["state"] == "success"
    with CaseAPI(run_context()) as api:
        run_case(api, "dt_wait", dags, tmp_path)
    assert _state(api)["state"] == "success"
    before = time.time()
    with CaseAPI(run_context()) as api:
        run_case(api, "dt_future", dags, tmp_path)
    body = _state(api)
    assert set(body) == {"state", "reschedule_date", "end_date"} and body["state"] == "up_for_reschedule"
    from datetime import datetime

    delay = datetime.fromisoformat(body["reschedule_date"].replace("Z", "+00:00")).timestamp() - before
    assert 29 < delay < 60


@pytest.mark.parametrize(
    ("task_id", "state"),
    [("td_wait", "success"), ("time_wait", "success"), ("td_future", "up_for_reschedule")],
)
def test_time_sensors(task_id: str, state: str, dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context()) as api:
        proc = run_case(api, task_id, dags, tmp_path)
    assert _state(api)["state"] == state, proc.stdout


def test_mapped_task_with_map_index_template_and_cleared_keys(dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context(xcom_keys_to_clear=["return_value"])) as api:
        run_case(api, "double", dags, tmp_path, map_index=1)
    path = X.format(run=api.run_id, task="double", key="return_value")
    writes = [
        (c.method, c.path, c.query, c.body)
        for c in api.calls
        if "/xcoms/" in c.path or c.path.endswith("/rtif")
    ]
    assert writes == [
        ("DELETE", path, {"map_index": "1"}, None),
        (
            "PUT",
            f"/execution/task-instances/{TI}/rtif",
            {},
            {"templates_dict": None, "op_args": [], "op_kwargs": {"item": 6}},
        ),
        ("POST", path, {"map_index": "1"}, 12),
    ]
    assert _state(api)["rendered_map_index"] == "item-6"


def test_http_operator_uses_the_connection_from_the_api(dags: Path, tmp_path: Path) -> None:
    class Echo(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = f"pong {self.path} {self.headers.get('Authorization')}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn = {
        "conn_id": "my_http",
        "conn_type": "http",
        "host": "127.0.0.1",
        "port": server.server_address[1],
        "schema": "http",
        "login": "u",
        "password": "p",
        "extra": json.dumps({"X-Test": "1"}),
    }
    try:
        with CaseAPI(run_context(), {("GET", "/execution/connections/my_http"): (200, conn)}) as api:
            run_case(api, "call_http", dags, tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert _xcom(api, "call_http") == "pong /echo/3 Basic dTpw"


def test_heartbeat_conflict_stops_the_task(dags: Path, tmp_path: Path) -> None:
    beat = {
        ("PUT", f"/execution/task-instances/{TI}/heartbeat"): (409, {"detail": {"reason": "invalid_state"}})
    }
    started = time.monotonic()
    with CaseAPI(run_context(), beat) as api:
        proc = run_case(api, "sleepy", dags, tmp_path)
    assert time.monotonic() - started < 15
    assert proc.returncode != 0
    assert not [c for c in api.calls if c.path.endswith("/state")]
    assert "shouldn't be running anymore" in proc.stdout


def test_execution_timeout_is_a_retryable_failure(dags: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    with CaseAPI(run_context(should_retry=True, max_tries=1)) as api:
        proc = run_case(api, "too_slow", dags, tmp_path)
    assert time.monotonic() - started < 15
    assert _state(api)["state"] == "up_for_retry"
    assert "AirflowTaskTimeout: Timeout, PID:" in proc.stdout


def test_sigterm_stops_the_command_and_fails_the_task(dags: Path, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    from agent_replay import workload

    with CaseAPI(run_context(should_retry=True, max_tries=1)) as api:
        work = workload(TI, "sleepy", api.run_id, dag_id="agent_cases", dag_rel_path="agent_cases.py")
        env = {
            "PATH": os.environ["PATH"],
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": api.url,
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "airgate.agent", "--json-string", json.dumps(work)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 20
        while not [c for c in api.calls if c.path.endswith("/rtif")] and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # let bash start
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
    assert _state(api)["state"] == "failed", out
    assert "AirflowTaskTerminated" in out


def test_decorated_bash_short_circuit_and_sensor(dags: Path, tmp_path: Path) -> None:
    with CaseAPI(run_context()) as api:
        proc = run_case(api, "bash_deco", dags, tmp_path)
    assert _xcom(api, "bash_deco") == "deco-3", proc.stdout
    with CaseAPI(run_context()) as api:
        run_case(api, "keep_going", dags, tmp_path)
    assert not [c for c in api.calls if c.path.endswith("/skip-downstream")]
    assert _xcom(api, "keep_going") is True
    with CaseAPI(run_context()) as api:
        run_case(api, "deco_sensor", dags, tmp_path)
    assert _xcom(api, "deco_sensor") == "sensed"
    assert _state(api)["state"] == "success"


def test_xcom_pull_by_map_index_and_over_all_indexes(dags: Path, tmp_path: Path) -> None:
    base = "/execution/xcoms/agent_cases/scheduled__2026-03-04T05:06:07+00:00/double/return_value"
    reads = {
        ("GET", base): (200, {"key": "return_value", "value": 12}),
        ("GET", base + "/slice"): (200, [10, 12]),
    }
    with CaseAPI(run_context(), reads) as api:
        run_case(api, "pull_mapped", dags, tmp_path)
    gets = [(c.path, c.query) for c in api.calls if c.method == "GET"]
    assert gets == [(base, {"map_index": "1"}), (base + "/slice", {})]
    assert _xcom(api, "pull_mapped") == [12, [10, 12]]


def test_a_token_refreshed_on_a_heartbeat_is_used_for_the_final_state(dags: Path, tmp_path: Path) -> None:
    """Tasks outlive their 10-minute execution token: the server refreshes it on heartbeats."""
    from agent_replay import REFRESHED

    class Refreshing(CaseAPI):
        def answer(self, call: Any, version: str | None) -> tuple[int, Any, dict[str, str]]:
            status, body, headers = super().answer(call, version)
            if call.path.endswith("/heartbeat"):
                headers = {"Refreshed-API-Token": "from-heartbeat"}
            return status, body, headers

    with Refreshing(run_context()) as api:  # sleeps until its 1 s execution_timeout; beats every 0.2 s
        run_case(api, "too_slow", dags, tmp_path, env={"AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "0.2"})
    auths = [(c.path.rsplit("/", 1)[-1], c.auth) for c in api.calls]
    assert auths[0] == ("run", "Bearer workload-token")
    assert next(a for p, a in auths if p == "heartbeat") == f"Bearer {REFRESHED}"
    assert auths[-1] == ("state", "Bearer from-heartbeat")
