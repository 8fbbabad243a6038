"""Provider tag: provider packages loaded by the server (none in Airgate, ADR 0008)."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import plugins
from airgate.gateway.services.listing import page

_READ = Access(Resource.VIEW, Method.GET)  # Airflow's requires_access_view(PROVIDERS)


@operation("get_providers", access=_READ)
async def get_providers(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    return plugins.get_providers(limit, offset)
