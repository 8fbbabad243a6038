"""Pool tag: list, read, create, patch, delete and bulk-edit pools (Viewer reads, Op writes)."""

from __future__ import annotations

from airgate.gateway._generated.public import BulkBody_PoolBody_, PoolBody, PoolPatchBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import unique_violation
from airgate.gateway.services import pools
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page
from airgate.gateway.store import UniqueViolation

_NAME = ("pool_name",)  # Airflow declares it ``{pool_name:path}``


@operation("get_pools", access=Access(Resource.POOL, Method.GET))
async def get_pools(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    await pools.prepare(call.state.store)
    async with call.state.store.read() as conn:
        return await pools.list_pools(
            conn,
            name_pattern=call.params.get("pool_name_pattern"),
            name_prefix_pattern=call.params.get("pool_name_prefix_pattern"),
            order_by=call.params.get("order_by"),
            limit=limit,
            offset=offset,
        )


@operation("get_pool", access=Access(Resource.POOL, Method.GET), path_params=_NAME)
async def get_pool(call: Call) -> object:
    await pools.prepare(call.state.store)
    async with call.state.store.read() as conn:
        return await pools.get_pool(conn, call.params["pool_name"])


@operation("post_pool", access=Access(Resource.POOL, Method.POST), body=PoolBody, audit=True)
async def post_pool(call: Call) -> object:
    await pools.prepare(call.state.store)
    try:
        async with call.state.store.write() as conn:
            return await pools.create_pool(conn, given(call.body))
    except UniqueViolation:
        raise unique_violation() from None


@operation("patch_pool", access=Access(Resource.POOL, Method.PUT), body=PoolPatchBody, audit=True, path_params=_NAME)
async def patch_pool(call: Call) -> object:
    await pools.prepare(call.state.store)
    async with call.state.store.write() as conn:
        return await pools.update_pool(
            conn, call.params["pool_name"], given(call.body), call.params.get("update_mask")
        )


@operation("delete_pool", access=Access(Resource.POOL, Method.DELETE), audit=True, path_params=_NAME)
async def delete_pool(call: Call) -> object:
    async with call.state.store.write() as conn:
        await pools.delete_pool(conn, call.params["pool_name"])
    return None


@operation("bulk_pools", access=Access(Resource.POOL, Method.PUT), body=BulkBody_PoolBody_, audit=True)
async def bulk_pools(call: Call) -> object:
    # Airflow checks each action's own method; every write on pools needs the same role (Op).
    await pools.prepare(call.state.store)
    async with call.state.store.write() as conn:
        return await pools.bulk_pools(conn, call.body.actions)
