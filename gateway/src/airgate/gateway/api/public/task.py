"""Task tag: the tasks of a DAG's latest version."""

from __future__ import annotations

from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import tasks

_READ = Access(Resource.DAG, Method.GET)


@operation("get_tasks", access=_READ)
async def get_tasks(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await tasks.list_tasks(conn, call.params["dag_id"], call.params.get("order_by"))


@operation("get_task", access=_READ, path_params=("task_id",))
async def get_task(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await tasks.get_task(conn, call.params["dag_id"], call.params["task_id"])
