"""Event Log tag: the audit trail, read-only."""

from __future__ import annotations

from typing import Any

from litestar import Request

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import HTTPError
from airgate.gateway.services import event_log
from airgate.gateway.services.listing import page

_READ = Access(Resource.DAG, Method.GET)  # Airflow: the DAG's AUDIT_LOG entity


def _integer_id(request: Request[Any, Any, Any]) -> None:
    raw = request.path_params.get("event_log_id")
    try:
        int(str(raw))
    except (TypeError, ValueError):
        raise HTTPError(400, "'event_log_id' must be an integer") from None


@operation("get_event_log", access=_READ, precheck=_integer_id)
async def get_event_log(call: Call) -> object:
    event_log_id = call.params["event_log_id"]
    async with call.state.store.read() as conn:
        found = await event_log.get_event_log(conn, event_log_id)
    if found is None:
        raise HTTPError(404, f"The Event Log with id: `{event_log_id}` not found")
    return found


@operation("get_event_logs", access=_READ)
async def get_event_logs(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    filters = event_log.EventLogFilter.from_params(call.params)
    async with call.state.store.read() as conn:
        rows, total = await event_log.list_event_logs(
            conn, filters, order_by=call.params.get("order_by"), limit=limit, offset=offset
        )
    return {"event_logs": rows, "total_entries": total}
