"""Dashboard tag of the private UI API: the home page's counters."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui import dashboard

_READ = Access(Resource.DAG, Method.GET)


@operation("historical_metrics", access=_READ)
async def historical_metrics(call: Call) -> object:
    start = dashboard.parse_datetime(call.params["start_date"], "start_date")
    end_text = call.params.get("end_date")
    end = dashboard.parse_datetime(end_text, "end_date") if end_text is not None else None
    async with call.state.store.read() as conn:
        return await dashboard.historical_metrics(conn, start, end)


@operation("dag_stats", access=_READ)
async def dag_stats(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dashboard.dag_stats(conn)
