"""Gantt tag of the private UI API."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui import gantt


@operation("get_gantt_data", access=Access(Resource.DAG, Method.GET))
async def get_gantt_data(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await gantt.get_gantt_data(conn, call.params["dag_id"], call.params["run_id"])
