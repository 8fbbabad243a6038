"""Sensors in ``poke`` and ``reschedule`` mode: python, time, datetime, timedelta, file (and http)."""

from __future__ import annotations

import datetime as _dt
import glob
import os
import time
from typing import Any

from .context import as_datetime
from .task import Reschedule, Task


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def _poke_python(task: Task) -> tuple[bool, Any]:
    from .python import run_callable

    result = run_callable(task)
    if hasattr(result, "is_done"):
        return bool(result.is_done), getattr(result, "xcom_value", None)
    return bool(result), None


def _dag_tz(task: Task) -> Any:
    import zoneinfo

    name = task.dag_doc.get("timezone") or "UTC"
    try:
        return zoneinfo.ZoneInfo(name)
    except Exception:
        return _dt.UTC


def _poke_time(task: Task) -> tuple[bool, Any]:
    target = task.arg("target_time")
    if isinstance(target, str):
        target = _dt.time.fromisoformat(target)
    now = _now().astimezone(_dag_tz(task))
    print(f"Checking if the time ({target}) has come", flush=True)
    return now.time().replace(tzinfo=None) >= target.replace(tzinfo=None), None


def _poke_datetime(task: Task) -> tuple[bool, Any]:
    target = as_datetime(task.arg("target_time"))
    print(f"Checking if the time ({target}) has come", flush=True)
    return target is not None and _now() >= target, None


def _poke_timedelta(task: Task) -> tuple[bool, Any]:
    delta = task.arg("delta") or _dt.timedelta(0)
    dr = task.context["dag_run"]
    base = dr.get("data_interval_end") or dr.get("run_after")
    start = as_datetime(base)
    if start is None:
        return False, None
    target = start + delta
    print(f"Checking if the time ({target}) has come", flush=True)
    return _now() >= target, None


def _poke_file(task: Task) -> tuple[bool, Any]:
    base = ""
    conn_id = task.arg("fs_conn_id", "fs_default")
    try:
        base = task.api.get_connection(conn_id).extra_dejson.get("path", "")
    except Exception:
        base = ""
    pattern = os.path.join(base, task.arg("filepath") or "")
    print(f"Poking for file {pattern}", flush=True)
    for path in glob.glob(pattern, recursive=bool(task.arg("recursive"))):
        if os.path.isfile(path):
            return True, None
        if os.path.isdir(path) and (os.listdir(path) or not task.arg("recursive")):
            return True, None
    return False, None


def _poke_http(task: Task) -> tuple[bool, Any]:
    from .http import poke

    return poke(task), None


POKES = {
    "PythonSensor": _poke_python,
    "DecoratedSensorOperator": _poke_python,
    "_PythonSensorDecoratedOperator": _poke_python,
    "TimeSensor": _poke_time,
    "TimeSensorAsync": _poke_time,
    "DateTimeSensor": _poke_datetime,
    "DateTimeSensorAsync": _poke_datetime,
    "TimeDeltaSensor": _poke_timedelta,
    "TimeDeltaSensorAsync": _poke_timedelta,
    "WaitSensor": _poke_timedelta,
    "FileSensor": _poke_file,
    "HttpSensor": _poke_http,
}


def run(task: Task) -> Any:
    """Poke until done, the timeout, or (``reschedule`` mode) the first miss."""
    from airgate.shim.errors import AirflowSensorTimeout, AirflowSkipException

    poke = POKES.get(task.class_name, _poke_python)
    spec = task.doc.get("sensor") or {}
    mode = task.arg("mode", spec.get("mode", "poke"))
    interval = float(task.arg("poke_interval", spec.get("poke_interval", 60)))
    if isinstance(task.arg("poke_interval"), _dt.timedelta):
        interval = task.arg("poke_interval").total_seconds()
    timeout = task.arg("timeout", spec.get("timeout", 604800))
    timeout = timeout.total_seconds() if isinstance(timeout, _dt.timedelta) else float(timeout)
    soft_fail = bool(task.arg("soft_fail", spec.get("soft_fail", False)))
    started = _now()
    if mode == "reschedule" and task.context.get("task_reschedule_count"):
        first = task.api.first_reschedule_date()
        started = as_datetime(first) or started
    while True:
        done, value = poke(task)
        if done:
            return value
        duration = (_now() - started).total_seconds()
        if duration > timeout:
            if soft_fail:
                raise AirflowSkipException("Skipping due to soft_fail is set to True.")
            raise AirflowSensorTimeout(
                f"Sensor has timed out; run duration of {duration} seconds exceeds the specified timeout of {timeout}."
            )
        if mode == "reschedule":
            raise Reschedule(_now() + _dt.timedelta(seconds=interval))
        time.sleep(interval)
