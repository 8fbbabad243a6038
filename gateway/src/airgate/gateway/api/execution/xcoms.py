"""XComs tag: read, write, count and delete XComs, single values and mapped sequences."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.errors import HTTPError
from airgate.gateway.services.execution import xcoms


def _key(call: Call) -> tuple[str, str, str, str]:
    p = call.params
    return p["dag_id"], p["run_id"], p["task_id"], p["key"]


@operation("execution.get_xcom", access=None, gate=EXECUTION)
async def get_xcom(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await xcoms.get_xcom(conn, *_key(call), call.params)


@operation("execution.head_xcom", access=None, gate=EXECUTION)
async def head_xcom(call: Call) -> object:
    if call.params.get("map_index") is not None:
        raise HTTPError(
            400, {"reason": "invalid_request", "message": "Cannot specify map_index in a HEAD request"}
        )
    async with call.state.store.read() as conn:
        count = await xcoms.count_xcoms(conn, *_key(call))
    response: Response[Any] = Response(content=b"", status_code=200, media_type="application/json")
    response.headers["Content-Range"] = f"map_indexes {count}"
    return response


@operation("execution.set_xcom", access=None, body=object, gate=EXECUTION)
async def set_xcom(call: Call) -> object:
    return await xcoms.set_xcom(
        call.state.store,
        *_key(call),
        call.body,
        call.params.get("map_index", -1),
        call.params.get("mapped_length"),
        call.state.settings.max_map_length if hasattr(call.state.settings, "max_map_length") else 1024,
    )


@operation("execution.delete_xcom", access=None, gate=EXECUTION)
async def delete_xcom(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await xcoms.delete_xcom(conn, *_key(call), call.params.get("map_index", -1))


@operation("execution.get_mapped_xcom_by_index", access=None, gate=EXECUTION)
async def get_mapped_xcom_by_index(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await xcoms.get_item(conn, *_key(call), call.params["offset"])


@operation("execution.get_mapped_xcom_by_slice", access=None, gate=EXECUTION)
async def get_mapped_xcom_by_slice(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await xcoms.get_slice(conn, *_key(call), call.params)
