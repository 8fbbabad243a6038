"""Variable tag: list, read, create, patch, delete and bulk-edit Airflow variables (role Op, even to read)."""

from __future__ import annotations

from airgate.gateway._generated.public import BulkBody_VariableBody_, VariableBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import variables
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page

_KEY = ("variable_key",)  # Airflow declares it ``{variable_key:path}``


@operation("get_variables", access=Access(Resource.VARIABLE, Method.GET))
async def get_variables(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await variables.list_variables(
            conn,
            call.state.secrets,
            key_pattern=call.params.get("variable_key_pattern"),
            key_prefix_pattern=call.params.get("variable_key_prefix_pattern"),
            order_by=call.params.get("order_by"),
            limit=limit,
            offset=offset,
        )


@operation("get_variable", access=Access(Resource.VARIABLE, Method.GET), path_params=_KEY)
async def get_variable(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await variables.get_variable(conn, call.state.secrets, call.params["variable_key"])


@operation("post_variable", access=Access(Resource.VARIABLE, Method.POST), body=VariableBody, audit=True)
async def post_variable(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await variables.create_variable(
            conn, call.state.secrets, given(call.body), multi_team=call.state.settings.multi_team
        )


@operation(
    "patch_variable", access=Access(Resource.VARIABLE, Method.PUT), body=VariableBody, audit=True, path_params=_KEY
)
async def patch_variable(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await variables.update_variable(
            conn,
            call.state.secrets,
            call.params["variable_key"],
            given(call.body),
            call.params.get("update_mask"),
            multi_team=call.state.settings.multi_team,
        )


@operation("delete_variable", access=Access(Resource.VARIABLE, Method.DELETE), audit=True, path_params=_KEY)
async def delete_variable(call: Call) -> object:
    async with call.state.store.write() as conn:
        await variables.delete_variable(conn, call.params["variable_key"])
    return None


@operation("bulk_variables", access=Access(Resource.VARIABLE, Method.PUT), body=BulkBody_VariableBody_, audit=True)
async def bulk_variables(call: Call) -> object:
    # Airflow checks each action's own method; every write on variables needs the same role (Op).
    async with call.state.store.write() as conn:
        return await variables.bulk_variables(
            conn, call.state.secrets, call.body.actions, multi_team=call.state.settings.multi_team
        )
