"""Plugin tag: Airflow plugins loaded by the server (none in Airgate, ADR 0008)."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import plugins
from airgate.gateway.services.listing import page

_READ = Access(Resource.VIEW, Method.GET)  # Airflow's requires_access_view(PLUGINS)


@operation("get_plugins", access=_READ)
async def get_plugins(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    return plugins.get_plugins(limit, offset)


@operation("import_errors", access=_READ)
async def import_errors(call: Call) -> object:
    return plugins.import_errors()
