"""Structure tag of the private UI API: the Graph view of a DAG version."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.ui import structure

_READ = Access(Resource.DAG, Method.GET)  # Airflow: the DAG, its dependencies and task instances, read


@operation("structure_data", access=_READ)
async def structure_data(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await structure.structure_data(conn, call.params["dag_id"], call.params)
