"""``bulk_task_instances``: update (state / note, as ``patch_task_instance``) and delete TIs of a run.

As in Airflow: create is refused per action (405 in its errors); entities naming a map index are handled
first, then those meaning every map index; the first failure stops the rest of its action and is reported in
its errors; success keys read ``<dag_id>.<run_id>.<task_id>[<map_index>]``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import ti_actions
from airgate.gateway.services.bulk import ActionFailed, ActionResult, BulkAction, given, run_actions
from airgate.gateway.store.tables import task_instance

ti = task_instance
_OPTIONS = ("include_upstream", "include_downstream", "include_future", "include_past")


def _ids(entity: Any, dag_id: str, run_id: str) -> tuple[str, str, str, int | None]:
    if isinstance(entity, str):
        return dag_id, run_id, entity, None
    fields = given(entity)
    return (fields.get("dag_id") or dag_id, fields.get("dag_run_id") or run_id, entity.task_id,
            fields.get("map_index"))


def _check_wildcards(entity: Any, key: tuple[str, str, str, int | None], result: ActionResult) -> bool:
    if key[0] != "~" and key[1] != "~":
        return True
    if isinstance(entity, str):
        text = (f"When using wildcard in path, dag_id and dag_run_id must be specified in BulkTaskInstanceBody "
                f"object, not as string for task_id: {entity}")
    else:
        text = ("When using wildcard in path, dag_id and dag_run_id must be specified in request body for task_id: "
                f"{entity.task_id}")
    result.errors.append({"error": text, "status_code": 400})
    return False


async def _map_indexes(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str) -> list[int]:
    query = sa.select(ti.c.map_index).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id)
    return sorted((await conn.execute(query)).scalars())


async def _exists(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str, map_index: int) -> bool:
    return bool(await conn.scalar(sa.select(sa.func.count()).select_from(ti).where(
        ti.c.dag_id == dag_id, ti.c.run_id == run_id, ti.c.task_id == task_id, ti.c.map_index == map_index)))


def _no_tis(dag_id: str, run_id: str, task_id: str) -> ActionFailed:
    return ActionFailed(404, f"No task instances found for dag_id: {dag_id}, run_id: {run_id}, task_id: {task_id}")


def _not_found(keys: list[tuple[str, str, str, int]]) -> ActionFailed:
    listed = [{"dag_id": d, "dag_run_id": r, "task_id": t, "map_index": m} for d, r, t, m in keys]
    return ActionFailed(404, f"The task instances with these identifiers: {listed} were not found")


async def _targets(conn: AsyncConnection, action: Any, dag_id: str, run_id: str,
                   result: ActionResult) -> AsyncIterator[tuple[Any, tuple[str, str, str, int]]]:
    """(entity, TI key) pairs to act on, specific map indexes first (all checked before any is acted on),
    then each entity meaning every map index in turn; a missing TI fails the action there or is skipped."""
    fail = str(action.action_on_non_existence) == "fail"
    specific: list[tuple[Any, tuple[str, str, str, int | None]]] = []
    every: list[tuple[Any, tuple[str, str, str, int | None]]] = []
    for entity in action.entities:
        key = _ids(entity, dag_id, run_id)
        if _check_wildcards(entity, key, result):
            (specific if key[3] is not None else every).append((entity, key))
    found: list[tuple[Any, tuple[str, str, str, int]]] = []
    missing = []
    for entity, (d, r, t, m) in specific:
        assert m is not None
        if await _exists(conn, d, r, t, m):
            found.append((entity, (d, r, t, m)))
        else:
            missing.append((d, r, t, m))
    if missing and fail:
        raise _not_found(missing)
    for pair in found:
        yield pair
    for entity, (d, r, t, _) in every:
        indexes = await _map_indexes(conn, d, r, t)
        if not indexes and fail:
            raise _no_tis(d, r, t)
        for m in indexes:
            yield entity, (d, r, t, m)


async def bulk(conn: AsyncConnection, dag_id: str, run_id: str, actions: list[Any],
               user_id: str | None) -> dict[str, Any]:
    """Run the actions in order (one transaction) and group their results."""

    async def create(action: Any, result: ActionResult) -> None:
        result.errors.append({"error": "Task instances bulk create is not supported", "status_code": 405})

    async def update(action: Any, result: ActionResult) -> None:
        mask = given(action).get("update_mask")
        async for entity, (d, r, t, m) in _targets(conn, action, dag_id, run_id, result):
            fields = {k: v for k, v in given(entity).items() if k in ("new_state", "note")}
            if mask:
                fields = {k: v for k, v in fields.items() if k in mask}
            options = {k: getattr(entity, k) for k in _OPTIONS}
            try:
                ti_actions.check_new_state(fields.get("new_state"))
                await ti_actions.patch(conn, d, r, t, m, fields, options, user_id, dry_run=False)
            except HTTPError as failed:
                detail = failed.detail
                text = detail if isinstance(detail, str) else "(" + ", ".join(repr(d) for d in detail) + ",)"
                raise ActionFailed(failed.status, text) from None
            result.success.append(f"{d}.{r}.{t}[{m}]")

    async def delete(action: Any, result: ActionResult) -> None:
        async for _, (d, r, t, m) in _targets(conn, action, dag_id, run_id, result):
            await conn.execute(sa.delete(ti).where(ti.c.dag_id == d, ti.c.run_id == r, ti.c.task_id == t,
                                                   ti.c.map_index == m))
            result.success.append(f"{d}.{r}.{t}[{m}]")

    return await run_actions(actions, {BulkAction.CREATE: create, BulkAction.UPDATE: update,
                                       BulkAction.DELETE: delete})
