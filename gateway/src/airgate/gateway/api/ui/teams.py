"""Teams tag of the private UI API."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.listing import page
from airgate.gateway.services.ui import teams

AUTHENTICATED = Access(Resource.VIEW, Method.GET)  # any signed-in user (Airflow's requires_authenticated)


@operation("list_teams", access=AUTHENTICATED)
async def list_teams(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    return teams.list_teams(call.state.settings, call.user, call.params.get("order_by"), limit=limit, offset=offset)
