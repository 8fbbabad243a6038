"""DAG tag: list, read, details, pause (one or many), delete, favourites."""

from __future__ import annotations

from litestar import Response

from airgate.gateway._generated.public import DAGPatchBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import unique_violation
from airgate.gateway.services import dag_delete, dag_details, dags
from airgate.gateway.services.listing import page
from airgate.gateway.store import UniqueViolation

_READ = Access(Resource.DAG, Method.GET)
_EDIT = Access(Resource.DAG, Method.PUT)


def _user_id(call: Call) -> str:
    return call.user.username if call.user is not None else ""


@operation("get_dags", access=_READ)
async def get_dags(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await dags.list_dags(conn, call.params, user_id=_user_id(call), limit=limit, offset=offset,
                                    secret_key=call.state.settings.secret_key)


@operation("get_dag", access=_READ)
async def get_dag(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dag_details.get_dag(conn, call.params["dag_id"], call.state.settings.secret_key)


@operation("get_dag_details", access=_READ)
async def get_dag_details(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dag_details.get_dag_details(conn, call.params["dag_id"], _user_id(call),
                                                 call.state.settings.secret_key)


@operation("patch_dag", access=_EDIT, body=DAGPatchBody, audit=True)
async def patch_dag(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await dags.patch_dag(conn, call.params["dag_id"], call.body.is_paused, call.params.get("update_mask"),
                                    call.state.settings.secret_key)


@operation("patch_dags", access=_EDIT, body=DAGPatchBody, audit=True)
async def patch_dags(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.write() as conn:
        return await dags.patch_dags(conn, call.params, call.body.is_paused, limit=limit, offset=offset,
                                     secret_key=call.state.settings.secret_key)


@operation("delete_dag", access=Access(Resource.DAG, Method.DELETE), audit=True)
async def delete_dag(call: Call) -> object:
    async with call.state.store.write() as conn:
        await dag_delete.delete_dag(conn, call.params["dag_id"])
    # the spec declares 200, Airflow answers 204 with no body
    return Response(content=b"", status_code=204, media_type="application/json")


@operation("favorite_dag", access=_READ, audit=True)
async def favorite_dag(call: Call) -> object:
    try:
        async with call.state.store.write() as conn:
            await dags.favorite(conn, call.params["dag_id"], _user_id(call), True)
    except UniqueViolation:
        raise unique_violation() from None
    return None


@operation("unfavorite_dag", access=_READ, audit=True)
async def unfavorite_dag(call: Call) -> object:
    async with call.state.store.write() as conn:
        await dags.favorite(conn, call.params["dag_id"], _user_id(call), False)
    return None
