"""Airflow's own body validators that go beyond the OpenAPI schemas (registered as compiler hooks).

* ``PatchTaskInstanceBody.new_state`` (and the bulk variant): only success/failed/skipped,
  case-insensitive; ``null`` -> ``'new_state' should not be empty``; a non-string crashes (500).
* ``DAGRunClearBody``: ``only_new`` and ``only_failed`` are mutually exclusive.
* ``ClearTaskInstancesBody``: Airflow's checks raise an exception pydantic does not convert (500).
"""

from __future__ import annotations

from typing import Any

from airgate.gateway._generated import public
from airgate.gateway.api.validation.compiler import FIELD_HOOKS, MODEL_HOOKS
from airgate.gateway.api.validation.errors import UnhandledInputError

_NEW_STATES = ["success", "failed", "skipped"]


def _new_state(value: Any) -> Any:
    if value is None:
        raise ValueError("'new_state' should not be empty")
    if not isinstance(value, str):
        raise UnhandledInputError(f"new_state {value!r} is not a string")
    state = value.lower()
    if state not in _NEW_STATES:
        raise ValueError(f"'{state}' is not one of {_NEW_STATES}")
    return state


def _clear_dag_run(data: dict[str, Any]) -> None:
    if data.get("only_new") and data.get("only_failed"):
        raise ValueError("only_new and only_failed are mutually exclusive")


def _clear_task_instances(data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    task_ids = data.get("task_ids")
    problems = (
        data.get("only_failed") and data.get("only_running"),
        start and end and _after(start, end),
        start and end and data.get("dag_run_id"),
        start and data.get("dag_run_id"),
        end and data.get("dag_run_id"),
        isinstance(task_ids, list) and len(task_ids) < 1,
    )
    if any(problems):
        raise UnhandledInputError("clearTaskInstances body rejected by Airflow's model validator")


def _after(start: Any, end: Any) -> bool:
    try:
        return bool(start > end)
    except TypeError:
        return False


def register() -> None:
    """Install the hooks (idempotent; done when the package is imported)."""
    FIELD_HOOKS[(public.PatchTaskInstanceBody, "new_state")] = _new_state
    FIELD_HOOKS[(public.BulkTaskInstanceBody, "new_state")] = _new_state
    MODEL_HOOKS[public.DAGRunClearBody] = _clear_dag_run
    MODEL_HOOKS[public.ClearTaskInstancesBody] = _clear_task_instances
