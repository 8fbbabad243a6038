"""Task Instances tag: a task instance's own routes (start, state, heartbeat, rendered fields, ...)."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway._generated.execution import (
    TIEnterRunningPayload,
    TIHeartbeatInfo,
    TISkippedDownstreamTasksStatePayload,
)
from airgate.gateway.api.execution._gate import EXECUTION, TI_RUN, TI_SELF, tokens_for
from airgate.gateway.api.routing import Call, encode, operation
from airgate.gateway.services.execution import queries, task_context, task_instances


def _ti_id(call: Call) -> str:
    return str(call.params["task_instance_id"])


@operation("execution.ti_run", access=None, body=TIEnterRunningPayload, gate=TI_RUN)
async def ti_run(call: Call) -> object:
    context = await task_instances.run(call.state.store, _ti_id(call), call.body)
    response: Response[Any] = Response(
        content=encode(context), status_code=200, media_type="application/json"
    )
    if call.principal is not None and call.principal.scope == "workload":
        response.headers["Refreshed-API-Token"] = tokens_for(call.state).issue(_ti_id(call), "execution")
    return response


@operation("execution.ti_update_state", access=None, body=object, gate=TI_SELF)
async def ti_update_state(call: Call) -> object:
    await task_instances.update_state(call.state.store, _ti_id(call), call.body)
    return None


@operation(
    "execution.ti_skip_downstream", access=None, body=TISkippedDownstreamTasksStatePayload, gate=TI_SELF
)
async def ti_skip_downstream(call: Call) -> object:
    async with call.state.store.write() as conn:
        await task_instances.skip_downstream(conn, _ti_id(call), list(call.body.tasks))
    return None


@operation("execution.ti_heartbeat", access=None, body=TIHeartbeatInfo, gate=TI_SELF)
async def ti_heartbeat(call: Call) -> object:
    async with call.state.store.write() as conn:
        await task_instances.heartbeat(conn, _ti_id(call), call.body.hostname, call.body.pid)
    return None


@operation("execution.put_rtif", access=None, body=object, gate=TI_SELF)
async def put_rtif(call: Call) -> object:
    return await task_context.put_rtif(call.state.store, _ti_id(call), call.body)


@operation("execution.ti_patch_rendered_map_index", access=None, body=str, gate=TI_SELF)
async def ti_patch_rendered_map_index(call: Call) -> object:
    async with call.state.store.write() as conn:
        await task_instances.set_rendered_map_index(conn, _ti_id(call), call.body)
    return None


@operation("execution.get_previous_successful_dagrun", access=None, gate=TI_SELF)
async def get_previous_successful_dagrun(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await task_context.previous_successful_dagrun(conn, _ti_id(call))


@operation("execution.validate_inlets_and_outlets", access=None, gate=TI_SELF)
async def validate_inlets_and_outlets(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await task_context.inactive_assets(conn, _ti_id(call))


@operation("execution.get_task_instance_count", access=None, gate=EXECUTION)
async def get_task_instance_count(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await queries.count_task_instances(conn, call.params)


@operation("execution.get_task_instance_states", access=None, gate=EXECUTION)
async def get_task_instance_states(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await queries.task_states(conn, call.params)


@operation("execution.get_previous_task_instance", access=None, gate=EXECUTION)
async def get_previous_task_instance(call: Call) -> object:
    p = call.params
    async with call.state.store.read() as conn:
        return await queries.previous_task_instance(
            conn, p["dag_id"], p["task_id"], p.get("logical_date"), p.get("map_index", -1), p.get("state")
        )


@operation("execution.get_task_instance_breadcrumbs", access=None, gate=EXECUTION)
async def get_task_instance_breadcrumbs(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await queries.breadcrumbs(conn, call.params["dag_id"], call.params["run_id"])
