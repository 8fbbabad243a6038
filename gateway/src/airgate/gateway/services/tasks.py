"""Tasks of a DAG's latest version (``get_tasks``, ``get_task``), as Airflow's ``TaskResponse``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized, dags

SORTABLE = frozenset({
    "task_id", "task_display_name", "owner", "start_date", "end_date", "trigger_rule", "depends_on_past",
    "wait_for_downstream", "retries", "queue", "pool", "pool_slots", "execution_timeout", "retry_delay",
    "retry_exponential_backoff", "priority_weight", "weight_rule", "ui_color", "ui_fgcolor", "operator_name",
})
_SORT_KEYS = {"execution_timeout": "_execution_timeout_s", "retry_delay": "_retry_delay_s"}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def task_body(task: Mapping[str, Any], dag_params: Mapping[str, Any]) -> dict[str, Any]:
    """One ``TaskResponse`` from a dag.json task."""
    params = task.get("params") or {}
    source = {k: "dag" if k in dag_params and dag_params[k] == p else "task" for k, p in params.items()}
    class_ref = task.get("class_ref") or {}
    return {
        "task_id": task["task_id"],
        "task_display_name": task.get("task_display_name") or task["task_id"],
        "owner": task.get("owner"),
        "start_date": dag_serialized.when(task.get("start_date")),
        "end_date": dag_serialized.when(task.get("end_date")),
        "trigger_rule": task.get("trigger_rule"),
        "depends_on_past": bool(task.get("depends_on_past")),
        "wait_for_downstream": bool(task.get("wait_for_downstream")),
        "retries": _float(task.get("retries")),
        "queue": task.get("queue"),
        "pool": task.get("pool"),
        "pool_slots": _float(task.get("pool_slots")),
        "execution_timeout": dag_serialized.time_delta(task.get("execution_timeout")),
        "retry_delay": dag_serialized.time_delta(task.get("retry_delay")),
        "retry_exponential_backoff": float(task.get("retry_exponential_backoff") or 0),
        "priority_weight": _float(task.get("priority_weight")),
        "weight_rule": task.get("weight_rule"),
        "ui_color": task.get("ui_color"),
        "ui_fgcolor": task.get("ui_fgcolor"),
        "template_fields": task.get("template_fields"),
        "downstream_task_ids": task.get("downstream_task_ids"),
        "doc_md": task.get("doc_md"),
        "operator_name": task.get("operator_name"),
        "params": dag_serialized.params_body(params, source),
        "class_ref": {"module_path": class_ref.get("module_path"), "class_name": class_ref.get("class_name")},
        "is_mapped": bool(task.get("is_mapped")),
        "extra_links": [],
    }


async def _compiled(conn: AsyncConnection, dag_id: str) -> dict[str, Any]:
    data = await dag_serialized.latest(conn, dag_id)
    if data is None:
        raise dags.not_found(dag_id)
    return data


def _sort_value(task: Mapping[str, Any], body: Mapping[str, Any], name: str) -> Any:
    return task.get(name) if name in _SORT_KEYS else body.get(name)


async def list_tasks(conn: AsyncConnection, dag_id: str, order_by: str | None) -> dict[str, Any]:
    """``get_tasks``: every task, ordered by one attribute (``-`` for descending)."""
    data = await _compiled(conn, dag_id)
    order_by = order_by or "task_id"
    name = order_by.lstrip("-")
    if name not in SORTABLE:
        raise HTTPError(400, f"Ordering with '{name}' is disallowed or the attribute does not exist on the model")
    pairs = [(t, task_body(t, data.get("params") or {})) for t in data.get("tasks") or []]
    values = [_sort_value(t, b, name) for t, b in pairs]
    ranked = sorted(range(len(pairs)), key=lambda i: (values[i] is None, values[i] if values[i] is not None else 0),
                    reverse=order_by.startswith("-"))
    pairs = [pairs[i] for i in ranked]
    return {"tasks": [b for _, b in pairs], "total_entries": len(pairs)}


async def get_task(conn: AsyncConnection, dag_id: str, task_id: str) -> dict[str, Any]:
    """``get_task``."""
    data = await _compiled(conn, dag_id)
    for task in data.get("tasks") or []:
        if task["task_id"] == task_id:
            return task_body(task, data.get("params") or {})
    raise HTTPError(404, f"Task with id {task_id} was not found")
