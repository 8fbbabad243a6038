"""The audit trail: every mutating call is recorded in the event log, as Airflow's ``action_logging`` does.

The event is the operationId; ``extra`` holds the query and path parameters and the JSON body with secrets
masked (connection passwords and extras, values of variables whose key looks sensitive).
"""

from __future__ import annotations

import json
from typing import Any

from litestar import Request

from airgate.gateway.api.state import AppState
from airgate.gateway.auth import User
from airgate.gateway.services import event_log
from airgate.gateway.services.masking import mask_mapping, mask_variable_body

_NOT_IN_EXTRA = {"csrf_token", "_csrf_token", "is_paused", "dag_id", "task_id", "dag_run_id", "run_id", "logical_date"}
_DRY_RUN_EVENTS = {"clear_dag_run", "post_clear_task_instances"}


def _body(request: Request[Any, Any, Any], raw: bytes) -> dict[str, Any]:
    if not raw or "application/json" not in request.headers.get("content-type", ""):
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


async def record_action(
    state: AppState,
    request: Request[Any, Any, Any],
    event: str,
    user: User | None,
    path_params: dict[str, str],
    raw_body: bytes,
) -> None:
    """Write one audit row for a successful mutating call."""
    body = _body(request, raw_body)
    if event in _DRY_RUN_EVENTS and body.get("dry_run", True):
        return
    params: dict[str, Any] = {**dict(request.query_params.items()), **path_params}
    if "variable" in event:
        extra: dict[str, Any] = mask_variable_body(body) if body else mask_mapping(
            {k: v for k, v in params.items() if k not in _NOT_IN_EXTRA}
        )
    elif "connection" in event and body:
        extra = mask_mapping(body, connection=True)
    else:
        extra = mask_mapping({k: v for k, v in params.items() if k not in _NOT_IN_EXTRA})
        extra.update(mask_mapping(body))
    merged = {**params, **body}
    if "is_paused" in merged:
        extra["is_paused"] = merged["is_paused"]
    extra["method"] = request.method
    name = user.username if user else "anonymous"
    async with state.store.write() as conn:
        await event_log.record(
            conn,
            event=event,
            owner=name,
            owner_display_name=name if user else "",
            extra=json.dumps(extra),
            dag_id=merged.get("dag_id") if isinstance(merged.get("dag_id"), str) else None,
            task_id=merged.get("task_id") if isinstance(merged.get("task_id"), str) else None,
            run_id=(merged.get("run_id") or merged.get("dag_run_id")) if isinstance(
                merged.get("run_id") or merged.get("dag_run_id"), str) else None,
        )
