"""Job tag: ``get_jobs``."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import jobs
from airgate.gateway.services.listing import page


@operation("get_jobs", access=Access(Resource.VIEW, Method.GET))
async def get_jobs(call: Call) -> object:
    """Jobs, filtered, ordered and paged (``is_alive`` filters the page, as Airflow does)."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await jobs.list_jobs(conn, call.params, call.state.settings.raw, limit=limit, offset=offset)
