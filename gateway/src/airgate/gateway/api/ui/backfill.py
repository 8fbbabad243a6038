"""Private UI Backfill tag: every backfill, filtered by DAG and by whether it is still active."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import backfills
from airgate.gateway.services.listing import page


@operation("list_backfills_ui", access=Access(Resource.BACKFILL, Method.GET))
async def list_backfills_ui(call: Call) -> object:
    """Backfills (the grid and runs pages ask ``dag_id=...&active=true``)."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await backfills.list_backfills(conn, dag_id=call.params.get("dag_id"), active=call.params.get("active"),
                                              order_by=call.params.get("order_by"), limit=limit, offset=offset)
