"""Calendar tag of the private UI API."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui import calendar


@operation("get_calendar", access=Access(Resource.DAG, Method.GET))
async def get_calendar(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await calendar.get_calendar(conn, call.params["dag_id"], call.params)
