"""Assets tag: a task reads an active asset by name or URI."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import asset_reads


@operation("execution.get_asset_by_name", access=None, gate=EXECUTION)
async def get_asset_by_name(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await asset_reads.get_asset(conn, name=call.params["name"])


@operation("execution.get_asset_by_uri", access=None, gate=EXECUTION)
async def get_asset_by_uri(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await asset_reads.get_asset(conn, uri=call.params["uri"])
