"""Connection tag: list, read, create, patch, delete, bulk-edit, test and create defaults (role Op, even to read)."""

from __future__ import annotations

from airgate.gateway._generated.public import BulkBody_ConnectionBody_, ConnectionBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import unique_violation
from airgate.gateway.services import connection_bulk, connection_test, connections
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page
from airgate.gateway.store import UniqueViolation


@operation("get_connections", access=Access(Resource.CONNECTION, Method.GET))
async def get_connections(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await connections.list_connections(
            conn,
            call.state.secrets,
            id_pattern=call.params.get("connection_id_pattern"),
            id_prefix_pattern=call.params.get("connection_id_prefix_pattern"),
            order_by=call.params.get("order_by"),
            limit=limit,
            offset=offset,
        )


@operation("get_connection", access=Access(Resource.CONNECTION, Method.GET))
async def get_connection(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await connections.get_connection(conn, call.state.secrets, call.params["connection_id"])


@operation("post_connection", access=Access(Resource.CONNECTION, Method.POST), body=ConnectionBody, audit=True)
async def post_connection(call: Call) -> object:
    try:
        async with call.state.store.write() as conn:
            return await connections.create_connection(conn, call.state.secrets, given(call.body))
    except UniqueViolation:
        raise unique_violation() from None


@operation("patch_connection", access=Access(Resource.CONNECTION, Method.PUT), body=ConnectionBody, audit=True)
async def patch_connection(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await connections.update_connection(
            conn,
            call.state.secrets,
            call.params["connection_id"],
            given(call.body),
            call.params.get("update_mask"),
        )


@operation("delete_connection", access=Access(Resource.CONNECTION, Method.DELETE), audit=True)
async def delete_connection(call: Call) -> object:
    async with call.state.store.write() as conn:
        await connections.delete_connection(conn, call.params["connection_id"])
    return None


@operation(
    "bulk_connections", access=Access(Resource.CONNECTION, Method.PUT), body=BulkBody_ConnectionBody_, audit=True
)
async def bulk_connections(call: Call) -> object:
    # Airflow checks each action's own method; every write on connections needs the same role (Op).
    async with call.state.store.write() as conn:
        return await connection_bulk.bulk_connections(conn, call.state.secrets, call.body.actions)


@operation("test_connection", access=Access(Resource.CONNECTION, Method.POST), body=ConnectionBody)
async def test_connection(call: Call) -> object:
    # Not audited: Airflow does not log this call.
    connection_test.check_enabled(call.state.settings.test_connection)
    fields = given(call.body)
    if "extra" in fields:
        fields["extra"] = connections.checked_extra(fields["extra"], ["body", "extra"])
    async with call.state.store.read() as conn:
        stored = await connections.stored_connection(conn, call.state.secrets, call.body.connection_id)
    return await connection_test.test(connection_test.effective(stored, fields))


@operation("create_default_connections", access=Access(Resource.CONNECTION, Method.POST), audit=True)
async def create_default_connections(call: Call) -> object:
    async with call.state.store.write() as conn:
        await connections.create_default_connections(conn, call.state.secrets)
    return None
