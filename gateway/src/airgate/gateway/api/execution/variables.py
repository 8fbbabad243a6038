"""Variables tag: a task reads, writes and deletes variables."""

from __future__ import annotations

from airgate.gateway._generated.execution import VariablePostBody
from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import resources

_KEY = ("variable_key",)  # Airflow declares it ``{variable_key:path}``


@operation("execution.get_variable", access=None, gate=EXECUTION, path_params=_KEY)
async def get_variable(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await resources.get_variable(conn, call.state.secrets, call.params["variable_key"])


@operation("execution.put_variable", access=None, body=VariablePostBody, gate=EXECUTION, path_params=_KEY)
async def put_variable(call: Call) -> object:
    description = call.body.description if isinstance(call.body.description, str) else None
    async with call.state.store.write() as conn:
        return await resources.put_variable(
            conn, call.state.secrets, call.params["variable_key"], call.body.val, description
        )


@operation("execution.delete_variable", access=None, gate=EXECUTION, path_params=_KEY)
async def delete_variable(call: Call) -> object:
    async with call.state.store.write() as conn:
        await resources.delete_variable(conn, call.params["variable_key"])
    return None
