"""PartitionedDagRun tag of the private UI API (Airgate creates no partitioned asset runs: see
:mod:`airgate.gateway.services.assets.next_run`)."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services.assets import next_run

_READ = Access(Resource.ASSET, Method.GET)


@operation("get_partitioned_dag_runs", access=_READ)
async def get_partitioned_dag_runs(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await next_run.partitioned_dag_runs(conn, call.params.get("dag_id"))


@operation("get_pending_partitioned_dag_run", access=_READ)
async def get_pending_partitioned_dag_run(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await next_run.pending_partitioned_dag_run(conn, call.params["dag_id"], call.params["partition_key"])
