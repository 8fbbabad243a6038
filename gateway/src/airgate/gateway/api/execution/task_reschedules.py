"""Task Reschedules tag: when a rescheduled sensor first started."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import task_context


@operation("execution.get_start_date", access=None, gate=EXECUTION)
async def get_start_date(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await task_context.first_reschedule_start(conn, str(call.params["task_instance_id"]))
