"""Connections tag: a task reads a connection."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import resources


@operation("execution.get_connection", access=None, gate=EXECUTION)
async def get_connection(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await resources.get_connection(conn, call.state.secrets, call.params["connection_id"])
