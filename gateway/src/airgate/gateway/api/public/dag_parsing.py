"""DAG Parsing tag: ``reparse_dag_file`` stores a priority parsing request that the DAG processor serving the
file's bundle (in this process, or ``airgate dag-processor``) takes on its next pass."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import unique_violation
from airgate.gateway.services import dag_parsing
from airgate.gateway.store import UniqueViolation


@operation("reparse_dag_file", access=Access(Resource.DAG, Method.PUT), audit=True)
async def reparse_dag_file(call: Call) -> Response[Any]:
    async with call.state.store.read() as conn:
        bundle, rel = await dag_parsing.resolve(conn, call.state.settings.secret_key, call.params["file_token"])
    try:
        async with call.state.store.write() as conn:
            await dag_parsing.request_reparse(conn, bundle, rel)
    except UniqueViolation:  # a request for this file is still pending: Airflow's integrity-error answer
        raise unique_violation() from None
    processor = getattr(call.request.app.state, "dag_processor", None)
    if processor is not None:
        processor.wake()
    return Response(content=b"null", status_code=201, media_type="application/json")
