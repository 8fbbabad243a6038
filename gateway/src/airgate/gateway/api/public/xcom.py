"""XCom tag: list (``~`` for DAG, run and task), read, create, update and delete entries."""

from __future__ import annotations

from airgate.gateway._generated.public import XComCreateBody, XComUpdateBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import xcoms
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page


def _path(call: Call) -> tuple[str, str, str]:
    return call.params["dag_id"], call.params["dag_run_id"], call.params["task_id"]


@operation("get_xcom_entries", access=Access(Resource.DAG, Method.GET))
async def get_xcom_entries(call: Call) -> object:
    """XCom entries (without values); an unknown DAG, run or task gives an empty list."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await xcoms.list_entries(conn, *_path(call), call.params, limit=limit, offset=offset)


@operation("get_xcom_entry", access=Access(Resource.DAG, Method.GET))
async def get_xcom_entry(call: Call) -> object:
    """One entry with its value (``stringify``: as Python prints it)."""
    map_index = call.params.get("map_index")
    async with call.state.store.read() as conn:
        return await xcoms.get_entry(conn, *_path(call), call.params["xcom_key"],
                                     -1 if map_index is None else map_index,
                                     stringify=bool(call.params.get("stringify")))


@operation("create_xcom_entry", access=Access(Resource.DAG, Method.POST), body=XComCreateBody, audit=True)
async def create_xcom_entry(call: Call) -> object:
    """A new entry for an existing task instance."""
    async with call.state.store.write() as conn:
        return await xcoms.create_entry(conn, *_path(call), given(call.body))


@operation("update_xcom_entry", access=Access(Resource.DAG, Method.PUT), body=XComUpdateBody, audit=True)
async def update_xcom_entry(call: Call) -> object:
    """A new value for an entry."""
    async with call.state.store.write() as conn:
        return await xcoms.update_entry(conn, *_path(call), call.params["xcom_key"], given(call.body))


@operation("delete_xcom_entry", access=Access(Resource.DAG, Method.DELETE), audit=True)
async def delete_xcom_entry(call: Call) -> object:
    """Delete one entry."""
    map_index = call.params.get("map_index")
    async with call.state.store.write() as conn:
        await xcoms.delete_entry(conn, *_path(call), call.params["xcom_key"], -1 if map_index is None else map_index)
    return None
