"""Extra Links tag: ``get_extra_links``."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import extra_links as links


@operation("get_extra_links", access=Access(Resource.DAG, Method.GET))
async def get_extra_links(call: Call) -> object:
    """The operator links of a task instance."""
    map_index = call.params.get("map_index")
    async with call.state.store.read() as conn:
        return await links.extra_links(conn, call.params["dag_id"], call.params["dag_run_id"], call.params["task_id"],
                                       -1 if map_index is None else map_index, call.params.get("try_number"))
