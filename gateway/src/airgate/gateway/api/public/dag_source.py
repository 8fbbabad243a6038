"""DagSource tag: the code of a DAG version, as JSON or text/plain."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway.api.negotiation import Accept, accept_json_or_text
from airgate.gateway.api.routing import Access, Call, encode, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_sources


@operation("get_dag_source", access=Access(Resource.DAG, Method.GET))
async def get_dag_source(call: Call) -> Response[Any]:
    accept = accept_json_or_text(call.request)
    async with call.state.store.read() as conn:
        body = await dag_sources.get_source(conn, call.params["dag_id"], call.params.get("version_number"))
    if accept is Accept.TEXT:
        return Response(content=body["content"], media_type="text/plain")
    return Response(content=encode(body), media_type="application/json")
