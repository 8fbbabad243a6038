"""Dag Runs tag: a task reads runs (detail, state, counts, the previous run), triggers and clears runs."""

from __future__ import annotations

from airgate.gateway._generated.execution import TriggerDAGRunPayload
from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import dag_run_control, dag_runs


@operation("execution.get_dag_run", access=None, gate=EXECUTION)
async def get_dag_run(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dag_runs.get_dag_run(conn, call.params["dag_id"], call.params["run_id"])


@operation("execution.get_dagrun_state", access=None, gate=EXECUTION)
async def get_dagrun_state(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dag_runs.get_dagrun_state(conn, call.params["dag_id"], call.params["run_id"])


@operation("execution.get_dr_count", access=None, gate=EXECUTION)
async def get_dr_count(call: Call) -> object:
    p = call.params
    async with call.state.store.read() as conn:
        return await dag_runs.count_runs(
            conn,
            p["dag_id"],
            logical_dates=p.get("logical_dates"),
            run_ids=p.get("run_ids"),
            states=p.get("states"),
        )


@operation("execution.get_previous_dagrun", access=None, gate=EXECUTION)
async def get_previous_dagrun(call: Call) -> object:
    p = call.params
    async with call.state.store.read() as conn:
        return await dag_runs.previous_run(conn, p["dag_id"], p["logical_date"], p.get("state"))


@operation("execution.trigger_dag_run", access=None, body=TriggerDAGRunPayload, gate=EXECUTION)
async def trigger_dag_run(call: Call) -> object:
    ti_id = call.principal.ti_id if call.principal is not None else None
    async with call.state.store.write() as conn:
        await dag_run_control.trigger_run(conn, call.params["dag_id"], call.params["run_id"], call.body, ti_id)
    return None


@operation("execution.clear_dag_run", access=None, gate=EXECUTION)
async def clear_dag_run(call: Call) -> object:
    async with call.state.store.write() as conn:
        await dag_run_control.clear_run(conn, call.params["dag_id"], call.params["run_id"])
    return None
