"""Task Instance tag: lists (``~`` wildcards, cursor paging), one TI, mapped TIs, tries, batch list, patch
(+ dry run, by map index), clear and delete."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway._generated.public import (
    BulkBody_BulkTaskInstanceBody_,
    ClearTaskInstancesBody,
    PatchTaskInstanceBody,
    TaskInstancesBatchBody,
    UpdateHITLDetailPayload,
)
from airgate.gateway.api.negotiation import Accept, accept_json_or_ndjson
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import HTTPError
from airgate.gateway.services import (
    task_instances,
    task_logs,
    ti_actions,
    ti_bulk,
    ti_dependencies,
    ti_hitl,
)
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page

_READ = Access(Resource.DAG, Method.GET)
_EDIT = Access(Resource.DAG, Method.PUT)


def _key(call: Call) -> tuple[str, str, str]:
    return call.params["dag_id"], call.params["dag_run_id"], call.params["task_id"]


@operation("get_task_instances", access=_READ)
async def get_task_instances(call: Call) -> object:
    """TIs of a run (``~``: of every run and/or DAG)."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await task_instances.list_tis(conn, call.params["dag_id"], call.params["dag_run_id"], call.params,
                                             limit=limit, offset=offset)


@operation("get_task_instance", access=_READ)
async def get_task_instance(call: Call) -> object:
    """One unmapped TI (404 for a mapped task without map index)."""
    async with call.state.store.read() as conn:
        return await task_instances.get_ti(conn, *_key(call), None)


@operation("get_mapped_task_instance", access=_READ)
async def get_mapped_task_instance(call: Call) -> object:
    """One map index of a TI."""
    async with call.state.store.read() as conn:
        return await task_instances.get_ti(conn, *_key(call), call.params["map_index"])


@operation("get_mapped_task_instances", access=_READ)
async def get_mapped_task_instances(call: Call) -> object:
    """Every map index of a mapped task in a run."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    dag_id, run_id, task_id = _key(call)
    async with call.state.store.read() as conn:
        return await task_instances.list_mapped(conn, dag_id, run_id, task_id, call.params, limit=limit,
                                                offset=offset)


async def _tries(call: Call, map_index: int) -> object:
    dag_id, run_id, task_id = _key(call)
    async with call.state.store.read() as conn:
        found = await task_instances.tries(conn, dag_id, run_id, task_id, map_index)
    if not found:
        raise HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}` "
                             f"and map_index: `{map_index}` was not found")
    return {"task_instances": found, "total_entries": len(found)}


@operation("get_task_instance_tries", access=_READ)
async def get_task_instance_tries(call: Call) -> object:
    """Every try of a TI, oldest first (``map_index`` query parameter, default -1)."""
    map_index = call.params.get("map_index")
    return await _tries(call, -1 if map_index is None else map_index)


@operation("get_mapped_task_instance_tries", access=_READ)
async def get_mapped_task_instance_tries(call: Call) -> object:
    """Every try of one map index."""
    return await _tries(call, call.params["map_index"])


async def _try(call: Call, map_index: int) -> object:
    dag_id, run_id, task_id = _key(call)
    number = call.params["task_try_number"]
    async with call.state.store.read() as conn:
        found = await task_instances.tries(conn, dag_id, run_id, task_id, map_index, number)
    if not found:
        raise HTTPError(404, f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}`, "
                             f"try_number: `{number}` and map_index: `{map_index}` was not found")
    return found[0]


@operation("get_task_instance_try_details", access=_READ)
async def get_task_instance_try_details(call: Call) -> object:
    """One try of an unmapped TI."""
    return await _try(call, call.params.get("map_index", -1) if call.params.get("map_index") is not None else -1)


@operation("get_mapped_task_instance_try_details", access=_READ)
async def get_mapped_task_instance_try_details(call: Call) -> object:
    """One try of one map index."""
    return await _try(call, call.params["map_index"])


@operation("get_task_instances_batch", access=_READ, body=TaskInstancesBatchBody)
async def get_task_instances_batch(call: Call) -> object:
    """TIs across DAGs and runs, filters in the body."""
    async with call.state.store.read() as conn:
        return await task_instances.list_batch(conn, given(call.body))


async def _patch(call: Call, map_index: int | None, *, dry_run: bool) -> object:
    body = call.body
    fields = given(body)
    options: dict[str, bool] = {k: fields.pop(k) for k in ("include_upstream", "include_downstream", "include_future",
                                          "include_past") if k in fields}
    mask = call.params.get("update_mask")
    if mask:
        fields = {k: v for k, v in fields.items() if k in mask}
    ti_actions.check_new_state(fields.get("new_state"))
    user = call.user.username if call.user is not None else None
    async with call.state.store.write() as conn:
        return await ti_actions.patch(conn, *_key(call), map_index, fields, options, user, dry_run=dry_run)


@operation("patch_task_instance", access=_EDIT, body=PatchTaskInstanceBody, audit=True)
async def patch_task_instance(call: Call) -> object:
    """Mark a state (with relatives) and/or set a note; without map index every map index is patched."""
    return await _patch(call, call.params.get("map_index"), dry_run=False)


@operation("patch_task_instance_by_map_index", access=_EDIT, body=PatchTaskInstanceBody, audit=True)
async def patch_task_instance_by_map_index(call: Call) -> object:
    """Patch one map index."""
    return await _patch(call, call.params["map_index"], dry_run=False)


@operation("patch_task_instance_dry_run", access=_EDIT, body=PatchTaskInstanceBody)
async def patch_task_instance_dry_run(call: Call) -> object:
    """The TIs a patch would change, unchanged."""
    return await _patch(call, call.params.get("map_index"), dry_run=True)


@operation("patch_task_instance_dry_run_by_map_index", access=_EDIT, body=PatchTaskInstanceBody)
async def patch_task_instance_dry_run_by_map_index(call: Call) -> object:
    """The TIs a patch of one map index would change, unchanged."""
    return await _patch(call, call.params["map_index"], dry_run=True)


@operation("post_clear_task_instances", access=_EDIT, body=ClearTaskInstancesBody, audit=True)
async def post_clear_task_instances(call: Call) -> object:
    """Select (``dry_run``, the default; ``only_failed`` defaults true) or clear TIs for a new try."""
    body: dict[str, Any] = given(call.body)
    async with call.state.store.write() as conn:
        return await ti_actions.clear(conn, call.params["dag_id"], body)


@operation("delete_task_instance", access=Access(Resource.DAG, Method.DELETE), audit=True)
async def delete_task_instance(call: Call) -> object:
    """Delete one TI; Airflow answers 200 with an empty (``null``) body."""
    map_index = call.params.get("map_index")
    async with call.state.store.write() as conn:
        await ti_actions.delete(conn, *_key(call), -1 if map_index is None else map_index)
    return None


@operation("get_log", access=_READ)
async def get_log(call: Call) -> object:
    """A try's log as JSON (``content`` + ``continuation_token``) or NDJSON; text/plain is refused (406)."""
    accept = accept_json_or_ndjson(call.request)
    dag_id, run_id, task_id = _key(call)
    map_index = call.params.get("map_index")
    map_index = -1 if map_index is None else map_index
    try_number = call.params["try_number"]
    secret = call.state.settings.secret_key
    token = call.params.get("token")
    start = task_logs.read_token(secret, token) if token else 0
    if call.params.get("full_content"):
        start = 0
    async with call.state.store.read() as conn:
        live = await task_logs.find_try(conn, dag_id, run_id, task_id, map_index, try_number)
    relative = task_logs.log_path(dag_id, run_id, task_id, map_index, try_number)
    records, position = task_logs.read_records(call.state.settings.base_log_folder, relative, start)
    next_token = task_logs.make_token(secret, position) if live else None
    if accept is Accept.NDJSON:
        headers = {"Airflow-Continuation-Token": next_token} if next_token else None
        return Response(content=task_logs.ndjson_body(records), media_type="application/x-ndjson", headers=headers)
    return task_logs.json_body(records, next_token)


@operation("get_external_log_url", access=_READ)
async def get_external_log_url(call: Call) -> object:
    """Airgate's task logs are local files: no external URL (Airflow's answer with the file task handler)."""
    raise HTTPError(400, "Task log handler does not support external logs.")


@operation("bulk_task_instances", access=_EDIT, body=BulkBody_BulkTaskInstanceBody_, audit=True)
async def bulk_task_instances(call: Call) -> object:
    """Update (state / note) and delete TIs of a run in one request; errors are reported per action."""
    user = call.user.username if call.user is not None else None
    async with call.state.store.write() as conn:
        return await ti_bulk.bulk(conn, call.params["dag_id"], call.params["dag_run_id"], call.body.actions, user)


@operation("get_task_instance_dependencies", access=_READ)
async def get_task_instance_dependencies(call: Call) -> object:
    """What keeps an unmapped TI from being queued."""
    map_index = call.params.get("map_index")
    async with call.state.store.read() as conn:
        return await ti_dependencies.dependencies(conn, *_key(call), -1 if map_index is None else map_index)


@operation("get_task_instance_dependencies_by_map_index", access=_READ)
async def get_task_instance_dependencies_by_map_index(call: Call) -> object:
    """What keeps one map index from being queued."""
    async with call.state.store.read() as conn:
        return await ti_dependencies.dependencies(conn, *_key(call), call.params["map_index"])


def _hitl_key(call: Call) -> tuple[str, str, str, int]:
    return call.params["dag_id"], call.params["dag_run_id"], call.params["task_id"], call.params["map_index"]


@operation("get_hitl_details", access=_READ)
async def get_hitl_details(call: Call) -> object:
    """Human-in-the-loop requests (``~`` for every DAG and/or run)."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await ti_hitl.list_details(conn, call.params["dag_id"], call.params["dag_run_id"], call.params,
                                          limit=limit, offset=offset)


@operation("get_hitl_detail", access=_READ)
async def get_hitl_detail(call: Call) -> object:
    """The human-in-the-loop request of a task instance."""
    async with call.state.store.read() as conn:
        return await ti_hitl.get_detail(conn, *_hitl_key(call))


@operation("get_hitl_detail_try_detail", access=_READ)
async def get_hitl_detail_try_detail(call: Call) -> object:
    """The human-in-the-loop request of one try (Airgate keeps the current try's only)."""
    async with call.state.store.read() as conn:
        return await ti_hitl.get_detail(conn, *_hitl_key(call), call.params["try_number"])


@operation("update_hitl_detail", access=_EDIT, body=UpdateHITLDetailPayload, audit=True)
async def update_hitl_detail(call: Call) -> object:
    """Answer a human-in-the-loop request (once)."""
    name = call.user.username if call.user is not None else ""
    async with call.state.store.write() as conn:
        return await ti_hitl.respond(conn, *_hitl_key(call), given(call.body), (name, name))
