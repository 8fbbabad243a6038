"""Human in the Loop tag: a HITL operator's request and the answer it waits for."""

from __future__ import annotations

import msgspec

from airgate.gateway._generated.execution import HITLDetailRequest, UpdateHITLDetailPayload
from airgate.gateway.api.execution._gate import TI_SELF
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import hitl


@operation("execution.upsert_hitl_detail", access=None, body=HITLDetailRequest, gate=TI_SELF)
async def upsert_hitl_detail(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await hitl.upsert(conn, str(call.params["task_instance_id"]), call.body)


@operation("execution.update_hitl_detail", access=None, body=UpdateHITLDetailPayload, gate=TI_SELF)
async def update_hitl_detail(call: Call) -> object:
    params_input = msgspec.to_builtins(call.body.params_input) if call.body.params_input else {}
    async with call.state.store.write() as conn:
        return await hitl.respond(
            conn, str(call.params["task_instance_id"]), list(call.body.chosen_options), params_input
        )


@operation("execution.get_hitl_detail", access=None, gate=TI_SELF)
async def get_hitl_detail(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await hitl.get(conn, str(call.params["task_instance_id"]))
