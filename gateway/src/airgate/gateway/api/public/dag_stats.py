"""DagStats tag: ``get_dag_stats``."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import dag_stats as stats


@operation("get_dag_stats", access=Access(Resource.DAG, Method.GET))
async def get_dag_stats(call: Call) -> object:
    """Run counts per state for every DAG with runs (an unknown DAG id simply matches nothing)."""
    async with call.state.store.read() as conn:
        return await stats.dag_stats(conn, call.params.get("dag_ids"))
