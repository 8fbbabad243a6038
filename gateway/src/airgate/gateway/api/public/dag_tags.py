"""DAG tags (``get_dag_tags``, served under the spec's DAG tag)."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_tags
from airgate.gateway.services.listing import page


@operation("get_dag_tags", access=Access(Resource.DAG, Method.GET))
async def get_dag_tags(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await dag_tags.list_tags(conn, call.params, limit=limit, offset=offset)
