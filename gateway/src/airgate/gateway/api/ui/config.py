"""Config tag of the private UI API: the settings the UI needs before it renders anything."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui_config import ui_config

AUTHENTICATED = Access(Resource.VIEW, Method.GET)  # any signed-in user (Airflow's requires_authenticated)


@operation("get_configs", access=AUTHENTICATED)
async def get_configs(call: Call) -> object:
    return ui_config(call.state.settings)
