"""The parse worker: a warm process that forks one child per DAG file.

Protocol (one JSON object per line): the compiler writes ``{"path", "relative_fileloc", "timeout",
"memory_mb", "sys_path"}`` to stdin and reads ``{"dags", "import_errors", "warnings", "duration"}``
from stdout. Each child gets ``RLIMIT_AS``, an alarm at ``timeout`` and is killed at ``timeout + 2``;
whatever happens to it (loop, crash, ``os._exit``, memory exhaustion) becomes an import error.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import time
from typing import Any

from . import (  # noqa: F401 - imported to be warm before forking
    assets,
    dag,
    decorators,
    helpers,
    importer,
    mapping,
    modules,
    operator,
    params,
    pendulum_shim,
    runtime,
    serialize,
    stability,
    standard,
    taskgroup,
    timetables,
    values,
    xcom,
)
from .parse import AirflowTaskTimeout, error_from_exception, parse_file
from .worker_messages import timeout_message

KILL_GRACE = 2.0


def _child(request: dict[str, Any], write_fd: int) -> None:
    path = request["path"]
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        limit = int(request["memory_mb"]) * 1024 * 1024
        if limit > 0:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    timeout = float(request["timeout"])

    def on_alarm(signum: int, frame: Any) -> None:
        raise AirflowTaskTimeout(timeout_message(path, timeout))

    signal.signal(signal.SIGALRM, on_alarm)
    if timeout > 0:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    folder = os.path.dirname(os.path.abspath(path))
    sys.path[:0] = [folder, *request.get("sys_path", [])]
    try:
        result = parse_file(path, request.get("relative_fileloc") or path)
    except BaseException as exc:
        result = {"dags": [], "import_errors": [error_from_exception(path, exc)], "warnings": []}
    signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        data = json.dumps(result, sort_keys=True).encode()
    except BaseException as exc:
        data = json.dumps(
            {"dags": [], "import_errors": [error_from_exception(path, exc)], "warnings": []}
        ).encode()
    view = memoryview(data)
    while view:
        written = os.write(write_fd, view)
        view = view[written:]
    os._exit(0)


def _describe_exit(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals.__members__.values() else str(sig)
        return f"the parsing process was killed by signal {name} (os._exit, a crash or memory exhaustion)"
    return f"the parsing process exited with code {os.WEXITSTATUS(status)} (os._exit, a crash or memory exhaustion)"


def run_one(request: dict[str, Any]) -> dict[str, Any]:
    """Parse one file in a forked child and return its result."""
    path = request["path"]
    timeout = float(request["timeout"])
    started = time.monotonic()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        try:
            _child(request, write_fd)
        finally:
            os._exit(70)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = started + timeout + KILL_GRACE if timeout > 0 else None
    timed_out = False
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([read_fd], [], [], wait)
        if not ready:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    duration = time.monotonic() - started
    error: dict[str, Any] | None = None
    if timed_out:
        error = {
            "filename": path,
            "lineno": None,
            "message": f"AirflowTaskTimeout: {timeout_message(path, timeout)}",
            "stacktrace": None,
        }
    else:
        try:
            result: dict[str, Any] = json.loads(b"".join(chunks))
        except ValueError:
            error = {
                "filename": path,
                "lineno": None,
                "message": f"Failed to import {path}: {_describe_exit(status)}",
                "stacktrace": None,
            }
    if error is not None:
        result = {"dags": [], "import_errors": [error], "warnings": []}
    result["duration"] = round(duration, 6)
    return result


WARM_MODULES = (
    "pendulum",
    "airflow",
    "airflow.sdk",
    "airflow.decorators",
    "airflow.models",
    "airflow.models.dag",
    "airflow.exceptions",
    "airflow.providers.standard.operators.bash",
    "airflow.providers.standard.operators.python",
    "airflow.providers.standard.operators.empty",
    "airflow.providers.standard.sensors.time_delta",
    "airflow.timetables.trigger",
    "airflow.timetables.interval",
    "airflow.utils.trigger_rule",
    "airflow.utils.task_group",
    "airflow.operators.bash",
    "airflow.operators.python",
    "airflow.operators.empty",
)


def warm_up() -> None:
    """Import what most DAG files import, once, before forking (children then find it in sys.modules)."""
    import gc
    import importlib

    importer.install()
    for name in WARM_MODULES:
        importlib.import_module(name)
    for module in ("datetime", "json", "os", "re", "collections", "functools", "itertools", "typing"):
        importlib.import_module(module)
    gc.collect()
    gc.freeze()


RECYCLE_AFTER = 100  # in-process mode: a fresh worker after this many files (each grows ~6 kB a file)
_RECYCLE_ERRORS = ("MemoryError", "AirflowTaskTimeout", "SystemExit", "KeyboardInterrupt", "RecursionError")


class _Snapshot:
    """What a DAG file may change in the worker: restored after each in-process parse."""

    def __init__(self) -> None:
        self.modules = dict(sys.modules)
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.served = {
            n: dict(m.__dict__)
            for n, m in sys.modules.items()
            if n == "pendulum" or n == "airflow" or n.startswith("airflow.")
        }
        self.cwd = os.getcwd()
        self.environ = dict(os.environ)

    def restore(self) -> None:
        for name in set(sys.modules) - set(self.modules):
            del sys.modules[name]
        sys.modules.update(self.modules)
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        for name, namespace in self.served.items():
            module = sys.modules[name]
            module.__dict__.clear()
            module.__dict__.update(namespace)
        if os.getcwd() != self.cwd:
            os.chdir(self.cwd)
        if dict(os.environ) != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)


def run_in_process(request: dict[str, Any], snapshot: _Snapshot) -> dict[str, Any]:
    """Parse one file in this process (fresh module namespace, alarm, RLIMIT_AS); flags when to recycle."""
    from . import _ctx

    path = request["path"]
    timeout = float(request["timeout"])
    started = time.monotonic()
    limit = int(request["memory_mb"]) * 1024 * 1024
    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, old_limit[1]))

    def on_alarm(signum: int, frame: Any) -> None:
        raise AirflowTaskTimeout(timeout_message(path, timeout))

    signal.signal(signal.SIGALRM, on_alarm)
    _ctx.STATE = _ctx.ParseState()
    sys.path[:0] = [os.path.dirname(os.path.abspath(path)), *request.get("sys_path", [])]
    try:
        if timeout > 0:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            result = parse_file(path, request.get("relative_fileloc") or path)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except BaseException as exc:
        result = {"dags": [], "import_errors": [error_from_exception(path, exc)], "warnings": []}
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old_limit)
        snapshot.restore()
    result = json.loads(json.dumps(result, sort_keys=True))
    result["duration"] = round(time.monotonic() - started, 6)
    result["recycle"] = any(
        e["message"].split(":")[0].rsplit(".", 1)[-1] in _RECYCLE_ERRORS for e in result["import_errors"]
    )
    return result


def run_checked(request: dict[str, Any], fork: bool, snapshot: _Snapshot) -> dict[str, Any]:
    """Airflow's DAG version inflation check, then the parse (``[dag_processor]
    dag_version_inflation_check_level`` in ``request["inflation_check"]``: off, warning, error)."""
    level = stability.level_of(request.get("inflation_check"))
    report = stability.check_file(request["path"]) if level != "off" else stability.Report()
    text = report.text()
    if text is not None and level == "error":  # the file is not parsed at all, as in Airflow
        error = {"filename": request["path"], "lineno": None, "message": text, "stacktrace": text}
        return {"dags": [], "import_errors": [error], "warnings": [], "dag_warnings": [], "duration": 0.0}
    result = run_one(request) if fork else run_in_process(request, snapshot)
    dag_ids = [str(d.get("dag_id")) for d in result.get("dags", [])]
    result["dag_warnings"] = stability.dag_warnings(report, dag_ids) if level == "warning" else []
    return result


def main() -> None:
    """Serve requests from stdin until it closes (``--fork``: fork one child per file)."""
    fork = "--fork" in sys.argv
    protocol = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    sys.stdout = sys.stderr
    warm_up()
    snapshot = _Snapshot()
    served = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            result = run_checked(request, fork, snapshot)
        except Exception as exc:
            result = {
                "dags": [],
                "import_errors": [error_from_exception(request.get("path", "?"), exc)],
                "warnings": [],
                "duration": 0.0,
                "recycle": True,
            }
        served += 1
        if served >= RECYCLE_AFTER and not fork:
            result["recycle"] = True
        protocol.write(json.dumps(result, sort_keys=True) + "\n")
        protocol.flush()
        if result.get("recycle"):
            return


if __name__ == "__main__":
    main()
