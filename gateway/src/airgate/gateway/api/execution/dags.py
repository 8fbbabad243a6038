"""Dags tag: a task reads facts about a DAG."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import queries


@operation("execution.get_dag", access=None, gate=EXECUTION)
async def get_dag(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await queries.get_dag(conn, call.params["dag_id"])
