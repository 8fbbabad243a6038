"""Connection tag of the private UI API: the connection form's metadata."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui.connection_types import hook_meta_data as connection_types


@operation("hook_meta_data", access=Access(Resource.CONNECTION, Method.GET))
async def hook_meta_data(call: Call) -> object:
    return connection_types()
