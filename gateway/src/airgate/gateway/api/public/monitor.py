"""Monitor tag."""

from __future__ import annotations

from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services import health


@operation("get_health", access=None)
async def get_health(call: Call) -> object:
    return await health.get_health(call.state.store)
