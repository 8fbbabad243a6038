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
    start, end, run_id = data.get("start_date"), data.get("end_date"), data.get("dag_run_id")
    task_ids = data.get("task_ids")
    problems = (  # in Airflow's order, with the message its check carries
        (data.get("only_failed") and data.get("only_running"), "only_failed and only_running both are set to True"),
        (start and end and _after(start, end), "end_date is sooner than start_date"),
        (start and end and run_id, "Exactly one of dag_run_id or (start_date and end_date) must be provided"),
        (start and run_id, "Exactly one of dag_run_id or start_date must be provided"),
        (end and run_id, "Exactly one of dag_run_id or end_date must be provided"),
        (isinstance(task_ids, list) and len(task_ids) < 1, "task_ids list should have at least 1 element."),
    )
    for broken, message in problems:
        if broken:
            raise UnhandledInputError(message)


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
