"""Asset tag of the private UI API: what an asset-scheduled DAG is waiting for."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.assets import next_run


@operation("next_run_assets", access=Access(Resource.ASSET, Method.GET))
async def next_run_assets(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await next_run.next_run_assets(conn, call.params["dag_id"])
