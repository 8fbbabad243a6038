"""Grid tag of the private UI API: the task tree, the runs and the streamed task instance summaries."""

from __future__ import annotations

from litestar.response import Stream

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.listing import page
from airgate.gateway.services.ui import grid

_READ = Access(Resource.DAG, Method.GET)  # Airflow: the DAG's runs and task instances, read


@operation("get_dag_structure", access=_READ)
async def get_dag_structure(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await grid.dag_structure(conn, call.params["dag_id"], call.params, limit=limit, offset=offset)


@operation("get_grid_runs", access=_READ)
async def get_grid_runs(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await grid.grid_runs(conn, call.params["dag_id"], call.params, limit=limit, offset=offset)


@operation("get_grid_ti_summaries_stream", access=_READ)
async def get_grid_ti_summaries_stream(call: Call) -> object:
    """NDJSON: one ``GridTISummaries`` line per requested run that has task instances."""
    lines = grid.ti_summaries(call.state.store, call.params["dag_id"], call.params.get("run_ids") or [])
    return Stream(lines, status_code=200, media_type="application/x-ndjson")
