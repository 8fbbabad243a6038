"""Dependencies tag of the private UI API: the DAG dependency graph."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui import dependencies

_READ = Access(Resource.DAG, Method.GET)  # Airflow: DAG dependencies, read


@operation("get_dependencies", access=_READ)
async def get_dependencies(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dependencies.get_dependencies(conn, call.params.get("node_id"),
                                                   call.params.get("dependency_type") or "scheduling")
