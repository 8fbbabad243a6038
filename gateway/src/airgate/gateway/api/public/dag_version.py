"""DagVersion tag: the immutable versions of a DAG (``~`` lists every DAG's)."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_versions
from airgate.gateway.services.listing import page

_READ = Access(Resource.DAG, Method.GET)


@operation("get_dag_versions", access=_READ)
async def get_dag_versions(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await dag_versions.list_versions(conn, call.params["dag_id"], call.params, limit=limit, offset=offset)


@operation("get_dag_version", access=_READ)
async def get_dag_version(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dag_versions.get_version(conn, call.params["dag_id"], call.params["version_number"])
