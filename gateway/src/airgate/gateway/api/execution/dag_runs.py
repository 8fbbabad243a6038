"""Dag Runs tag: a task reads runs (detail, state, counts, the previous run)."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import dag_runs


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
