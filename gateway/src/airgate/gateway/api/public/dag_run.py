"""DagRun tag: one function per operationId.

Two engineers add functions here: the scheduler's (``trigger_dag_run``, ``get_dag_run``) and the rest of the tag.
"""

from __future__ import annotations

from typing import Any

from litestar.response import Stream

from airgate.gateway._generated.public import (
    DAGRunClearBody,
    DAGRunPatchBody,
    DAGRunsBatchBody,
    TriggerDAGRunPostBody,
)
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import HTTPError, unique_violation
from airgate.gateway.services import dag_run_actions, dag_run_queries, dag_runs_trigger
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page
from airgate.gateway.store import UniqueViolation


@operation("trigger_dag_run", access=Access(Resource.DAG, Method.POST), body=TriggerDAGRunPostBody, audit=True)
async def trigger_dag_run(call: Call) -> object:
    """Create a queued manual run (the scheduler starts it); 409 for a duplicate run id or logical date."""
    user = call.user.username if call.user is not None else None
    triggered_by = "ui" if call.request.headers.get("referer") else "rest_api"
    try:
        async with call.state.store.write() as conn:
            return await dag_runs_trigger.trigger(conn, call.params["dag_id"], given(call.body), user, triggered_by)
    except UniqueViolation:
        raise unique_violation() from None


@operation("get_dag_run", access=Access(Resource.DAG, Method.GET))
async def get_dag_run(call: Call) -> object:
    """One run as ``DAGRunResponse``."""
    async with call.state.store.read() as conn:
        return await dag_runs_trigger.get(conn, call.params["dag_id"], call.params["dag_run_id"])


# --- the rest of the tag (lists, patch, delete, clear, upstream asset events, wait) ---

_RUN_READ = Access(Resource.DAG, Method.GET)
_RUN_EDIT = Access(Resource.DAG, Method.PUT)


@operation("get_dag_runs", access=_RUN_READ)
async def get_dag_runs(call: Call) -> object:
    """Runs of a DAG (``~``: of every DAG), offset or cursor paged."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await dag_run_queries.list_runs(conn, call.params["dag_id"], call.params, limit=limit, offset=offset)


@operation("get_list_dag_runs_batch", access=_RUN_READ, body=DAGRunsBatchBody)
async def get_list_dag_runs_batch(call: Call) -> object:
    """Runs of several DAGs, filters in the body."""
    async with call.state.store.read() as conn:
        return await dag_run_actions.list_batch(conn, given(call.body))


@operation("patch_dag_run", access=_RUN_EDIT, body=DAGRunPatchBody, audit=True)
async def patch_dag_run(call: Call) -> object:
    """Mark a run success/failed/queued (with Airflow's effects on its task instances) or set its note."""
    fields = given(call.body)
    mask = call.params.get("update_mask")
    if mask:
        fields = {k: v for k, v in fields.items() if k in mask}
    user = call.user.username if call.user is not None else None
    async with call.state.store.write() as conn:
        return await dag_run_actions.patch_run(conn, call.params["dag_id"], call.params["dag_run_id"], fields, user)


@operation("delete_dag_run", access=Access(Resource.DAG, Method.DELETE), audit=True)
async def delete_dag_run(call: Call) -> object:
    """Delete a queued or finished run."""
    async with call.state.store.write() as conn:
        await dag_run_actions.delete_run(conn, call.params["dag_id"], call.params["dag_run_id"])
    return None


@operation("clear_dag_run", access=_RUN_EDIT, body=DAGRunClearBody, audit=True)
async def clear_dag_run(call: Call) -> object:
    """The TIs a clear would reset (``dry_run``, the default) or the run, queued again."""
    body = call.body
    if body.only_new and body.only_failed:
        raise HTTPError(422, "only_new and only_failed are mutually exclusive")
    async with call.state.store.write() as conn:
        return await dag_run_actions.clear_run(conn, call.params["dag_id"], call.params["dag_run_id"],
                                               dry_run=body.dry_run, only_failed=body.only_failed,
                                               only_new=body.only_new,
                                               latest_version=body.run_on_latest_version)


@operation("get_upstream_asset_events", access=_RUN_READ)
async def get_upstream_asset_events(call: Call) -> object:
    """The asset events that triggered the run."""
    async with call.state.store.read() as conn:
        return await dag_run_actions.upstream_asset_events(conn, call.params["dag_id"], call.params["dag_run_id"])


@operation("wait_dag_run_until_finished", access=_RUN_READ)
async def wait_dag_run_until_finished(call: Call) -> object:
    """NDJSON ``{"state": ...}`` lines until the run finishes, with ``results`` XComs on the last line."""
    dag_id, run_id = call.params["dag_id"], call.params["dag_run_id"]
    task_ids = call.params.get("result")  # reading XComs needs the DAG read access already checked
    async with call.state.store.read() as conn:
        await dag_run_actions.find_run(conn, dag_id, run_id)
    lines = dag_run_actions.wait_lines(call.state.store, dag_id, run_id, call.params["interval"], task_ids)
    return _Untyped(lines, status_code=200)


class _Untyped(Stream):
    """A streamed body sent without a ``content-type`` header (what Airflow's ``/wait`` sends)."""

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> Any:
        response = super().to_asgi_response(*args, **kwargs)
        del response.headers["content-type"]
        return response
