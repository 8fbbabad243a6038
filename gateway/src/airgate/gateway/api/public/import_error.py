"""Import Error tag: files that failed to parse."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import import_errors
from airgate.gateway.services.listing import page

_READ = Access(Resource.DAG, Method.GET)


@operation("get_import_errors", access=_READ)
async def get_import_errors(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await import_errors.list_errors(conn, call.params, limit=limit, offset=offset)


@operation("get_import_error", access=_READ)
async def get_import_error(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await import_errors.get_error(conn, call.params["import_error_id"])
