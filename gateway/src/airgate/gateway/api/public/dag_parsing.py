"""DAG Parsing tag: ``reparse_dag_file`` asks the in-process DAG processor to parse a file again."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_parsing


@operation("reparse_dag_file", access=Access(Resource.DAG, Method.PUT), audit=True)
async def reparse_dag_file(call: Call) -> Response[Any]:
    async with call.state.store.read() as conn:
        bundle, rel = await dag_parsing.resolve(conn, call.state.settings.secret_key, call.params["file_token"])
    processor = getattr(call.request.app.state, "dag_processor", None)
    if processor is not None:
        processor.request_reparse(bundle, rel)
    return Response(content=b"null", status_code=201, media_type="application/json")
