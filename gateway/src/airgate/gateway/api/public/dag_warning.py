"""DagWarning tag."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_warnings
from airgate.gateway.services.listing import page


@operation("list_dag_warnings", access=Access(Resource.DAG, Method.GET))
async def list_dag_warnings(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await dag_warnings.list_warnings(conn, call.params, limit=limit, offset=offset)
