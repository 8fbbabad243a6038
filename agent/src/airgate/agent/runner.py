"""Run one task instance through the Execution API: ``/run``, heartbeats, rtif, the task, its XComs and
its final state, with the task SDK's request bodies."""

from __future__ import annotations

import json
import os
import time

from .client import ApiError, ExecutionClient
from .process import Heartbeat, cancel_timeout, install_signals

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as _dt
    from typing import Any

EXECUTION_API_ENV = "AIRFLOW__CORE__EXECUTION_API_SERVER_URL"


def _iso(moment: _dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _iso_epoch(epoch: float) -> str:
    """An epoch time as Airflow's wire form (``2026-11-23T21:52:15.090113Z``) without ``datetime``."""
    micros = round(epoch * 1_000_000)
    seconds, micros = divmod(micros, 1_000_000)
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    return f"{base}.{micros:06d}Z" if micros else f"{base}Z"


def _now() -> _dt.datetime:
    import datetime as _dt

    return _dt.datetime.now(_dt.UTC)


def log(level: str, message: str) -> None:
    """One log line in Airflow's text layout."""
    now = time.time()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"
    print(f"[{stamp}] {{airgate.agent}} {level} - {message}", flush=True)


_UNIXNAMES: dict[int, str] = {}
"""User names by uid, looked up once by a ``local`` worker before it forks its tasks (:func:`warm_unixname`):
a lookup reads ``/etc/passwd`` and tries nscd's socket, in every task otherwise."""


def warm_unixname() -> None:
    """Look up this process's user name now, for the tasks forked from it later."""
    import contextlib
    import pwd

    uid = os.getuid()
    with contextlib.suppress(KeyError):
        _UNIXNAMES[uid] = pwd.getpwuid(uid).pw_name


def _unixname() -> str:
    uid = os.getuid()
    known = _UNIXNAMES.get(uid)
    if known is not None:
        return known
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return os.environ.get("USER", str(uid))


def run_workload(workload: dict[str, Any], api_url: str) -> int:
    """Run the ``ExecuteTask`` workload; the exit code (0 unless the task could not report)."""
    ti = workload["ti"]
    client = ExecutionClient(api_url, workload["token"])
    hostname, pid = os.uname().nodename, os.getpid()
    started = time.time()
    try:
        _, run = client.request(
            "PATCH",
            f"task-instances/{ti['id']}/run",
            {
                "state": "running",
                "hostname": hostname,
                "unixname": _unixname(),
                "pid": pid,
                "start_date": _iso_epoch(started),
            },
        )
    except ApiError as exc:
        log("ERROR", f"Cannot start the task instance: {exc}")
        return 1
    import datetime as _dt
    import traceback

    from .states import TaskState, classify

    start = _dt.datetime.fromtimestamp(started, _dt.UTC)
    from .runtime import Api, TaskIdentity

    me = TaskIdentity(
        ti["id"], ti["dag_id"], ti["task_id"], ti["run_id"], ti["try_number"], ti.get("map_index", -1)
    )
    heartbeat = Heartbeat(client.sibling(), me.ti_id, {"hostname": hostname, "pid": pid})
    heartbeat.start()
    api = Api(client, me)
    api.variables = {v["key"]: v.get("value") for v in run.get("variables") or [] if isinstance(v, dict)}
    api.connections = {c["conn_id"]: c for c in run.get("connections") or [] if isinstance(c, dict)}
    should_retry = bool(run.get("should_retry"))
    log(
        "INFO",
        f"Running task {me.dag_id}.{me.task_id} run_id={me.run_id} try={me.try_number} map_index={me.map_index}",
    )
    end_body: dict[str, Any]
    try:
        for key in run.get("xcom_keys_to_clear") or []:
            api.xcom_delete(key)
        end_body = _execute(api, run, workload, start)
    except BaseException as exc:  # the task's own failure
        from .task import Reschedule

        cancel_timeout()
        if isinstance(exc, Reschedule):
            log(
                "INFO",
                f"Rescheduling task, marking task as UP_FOR_RESCHEDULE (until {_iso(exc.reschedule_date)})",
            )
            end_body = {
                "state": TaskState.UP_FOR_RESCHEDULE.value,
                "reschedule_date": _iso(exc.reschedule_date),
                "end_date": _iso(_now()),
            }
        else:
            state = classify(exc, should_retry)
            if state is TaskState.SKIPPED:
                log("INFO", f"Skipping task. {exc}")
            else:
                log(
                    "ERROR",
                    f"Task failed with exception\n{''.join(traceback.format_exception(exc)).rstrip()}",
                )
            end_body = {"state": state.value, "end_date": _iso(_now()), "rendered_map_index": None}
    heartbeat.stop()
    try:
        client.request("PATCH", f"task-instances/{me.ti_id}/state", end_body)
    except ApiError as exc:
        log("ERROR", f"Cannot report the final state: {exc}")
        return 1
    log("INFO", f"Task instance is in {end_body['state']} state")
    return 0


def _execute(api: Any, run: dict[str, Any], workload: dict[str, Any], start: _dt.datetime) -> dict[str, Any]:
    """Load, render and run the task; the success body of ``PATCH /state``."""
    from . import dagfile
    from .context import as_datetime, build_context
    from .outlets import task_outlets
    from .states import TaskState
    from .task import Task
    from .templates import Renderer

    me = api.me
    source = dagfile.load_task(workload["dag_rel_path"], me.dag_id, me.task_id)
    dag_doc, task_doc = source.dag_doc, source.task_doc
    context = build_context(api, run, dag_doc, task_doc)
    context["ti"].start_date = as_datetime(start)
    context["ti"].hostname = os.uname().nodename
    dagfile.Holder.api, dagfile.Holder.context = api, context
    renderer = Renderer(dag_doc, task_doc, source.path, lambda v: dagfile.decode(v, source))
    task = Task(api, run, dag_doc, task_doc, source, context, renderer)
    install_signals(task_doc.get("execution_timeout"))
    rendered = task.prepare()
    api.client.request("PUT", f"task-instances/{me.ti_id}/rtif", rendered, send_body=True)
    if task_doc.get("inlets") or task_doc.get("outlets"):
        _, answer = api.client.request("GET", f"task-instances/{me.ti_id}/validate-inlets-and-outlets")
        inactive = (answer or {}).get("inactive_assets") or []
        if inactive:
            raise RuntimeError(f"Task has the following inactive assets in its inlets or outlets: {inactive}")
    result = _dispatch(task)
    cancel_timeout()
    if task.doc.get("do_xcom_push", True) and result is not None:
        if task.doc.get("multiple_outputs"):
            if not isinstance(result, dict):
                raise TypeError(
                    f"Returned output was type {type(result)} expected dictionary for multiple_outputs"
                )
            for key in result:
                if not isinstance(key, str):
                    raise TypeError(
                        "Returned dictionary keys must be strings when using multiple_outputs, "
                        f"found {key} ({type(key)}) instead"
                    )
            for key, value in result.items():
                api.xcom_push(key, value)
        api.xcom_push("return_value", result)
    rendered_map_index = None
    template = task_doc.get("map_index_template")
    if template and me.map_index >= 0:
        rendered_map_index = str(renderer.render(template, context))
    return {
        "state": TaskState.SUCCESS.value,
        "end_date": _iso(_now()),
        "task_outlets": task_outlets(task_doc.get("outlets") or []),
        "outlet_events": context["outlet_events"].payload(),
        "rendered_map_index": rendered_map_index,
    }


def _dispatch(task: Any) -> Any:
    """Run the task by its kind; the value to push as ``return_value`` (``None``: nothing)."""
    from . import python

    kind = task.doc.get("native_kind")
    name = task.class_name
    if (
        task.doc.get("is_sensor")
        or name in ("HttpSensor", "FileSensor")
        or name.endswith("Sensor")
        or name.endswith("SensorAsync")
    ):
        from . import sensors

        return sensors.run(task)
    if kind == "bash" or name in ("BashOperator", "_BashDecoratedOperator"):
        from . import bash

        return bash.run(task)
    if kind == "empty" or name == "EmptyOperator":
        return None
    if kind == "http" or name in ("HttpOperator", "SimpleHttpOperator"):
        from . import http

        return http.run(task)
    if name in ("BranchPythonOperator", "_BranchPythonDecoratedOperator"):
        python.branch(task, python.run_callable(task))
        return None
    if name in ("ShortCircuitOperator", "_ShortCircuitDecoratedOperator"):
        condition = python.run_callable(task)
        python.short_circuit(task, condition)
        return condition
    if task.doc.get("python_callable"):
        return python.run_callable(task)
    raise TypeError(
        f"The native agent cannot run {name!r} (execution_path {task.doc.get('execution_path')!r})"
    )


def parse_args(argv: list[str]) -> dict[str, Any]:
    """``--json-string <ExecuteTask JSON>`` or ``--json-path <file>`` (as Airflow's ``execute_workload``)."""
    if len(argv) >= 2 and argv[0] == "--json-string":
        return dict(json.loads(argv[1]))
    if len(argv) >= 2 and argv[0] == "--json-path":
        with open(argv[1]) as fh:
            return dict(json.load(fh))
    raise SystemExit("usage: python -m airgate.agent --json-string <ExecuteTask JSON> | --json-path <file>")
