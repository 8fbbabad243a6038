"""DAG tag of the private UI API: the DAG list with recent runs, and a DAG's latest run."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.listing import page
from airgate.gateway.services.ui import dags

_READ = Access(Resource.DAG, Method.GET)  # Airflow: DAG + its runs, task instances and HITL details, read


@operation("get_dags_ui", access=_READ)
async def get_dags_ui(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    user_id = call.user.username if call.user is not None else ""
    async with call.state.store.read() as conn:
        return await dags.list_dags_ui(conn, call.params, user_id=user_id, limit=limit, offset=offset,
                                       secret_key=call.state.settings.secret_key)


@operation("get_latest_run_info", access=_READ)
async def get_latest_run_info(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await dags.latest_run(conn, call.params["dag_id"])
