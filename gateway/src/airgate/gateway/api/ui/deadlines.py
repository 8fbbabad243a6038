"""Deadlines tag of the private UI API."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.listing import page
from airgate.gateway.services.ui import deadlines


@operation("get_dag_run_deadlines", access=Access(Resource.DAG, Method.GET))
async def get_dag_run_deadlines(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await deadlines.get_dag_run_deadlines(conn, call.params["dag_id"], call.params["dag_run_id"],
                                                     call.params.get("order_by"), limit=limit, offset=offset)
