"""Airflow's "Not Previously Skipped": a branching or short-circuit task records which downstream tasks it
followed or skipped (XCom ``skipmixin_key``); a downstream task instance with no state whose finished parent
did not follow it (or skipped it) is skipped -- e.g. one cleared after the branch ran -- instead of running."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.scheduler.docs import DagDoc
from airgate.gateway.states import is_finished
from airgate.gateway.store.tables import xcom

NAME = "Not Previously Skipped"
KEY = "skipmixin_key"


def skip_parents(doc: DagDoc) -> set[str]:
    """Tasks that may decide to skip their downstream tasks (branch and short-circuit operators)."""
    return {task_id for task_id, task in doc.tasks.items()
            if any(word in str(task.get("task_type") or "") for word in ("Branch", "ShortCircuit"))}


async def skip_records(conn: AsyncConnection, dag_id: str, run_id: str, parents: Iterable[str]) -> dict[
        tuple[str, int], Any]:
    """``(parent task_id, map_index) -> recorded value`` of the given parents in the run."""
    names = sorted(set(parents))
    if not names:
        return {}
    rows = await conn.execute(sa.select(xcom.c.task_id, xcom.c.map_index, xcom.c.value).where(
        xcom.c.dag_id == dag_id, xcom.c.run_id == run_id, xcom.c.key == KEY, xcom.c.task_id.in_(names)))
    return {(r.task_id, r.map_index): r.value for r in rows}


async def pending_records(conn: AsyncConnection, run: Any, doc: DagDoc, pending: Iterable[Any],
                          states: dict[str, list[str | None]]) -> dict[tuple[str, int], Any]:
    """The records of finished branching parents of the ``pending`` task instances (no query without any)."""
    parents = skip_parents(doc)
    if not parents:
        return {}
    wanted = {u for ti in pending for u in (doc.tasks.get(ti.task_id) or {}).get("upstream_task_ids") or []
              if u in parents and any(is_finished(s) for s in states.get(u, []))}
    return await skip_records(conn, run.dag_id, run.run_id, wanted) if wanted else {}


def skipped_by(task_id: str, map_index: int, upstream_ids: Iterable[str], doc: DagDoc,
               parent_states: dict[str, list[str | None]], records: dict[tuple[str, int], Any]) -> str | None:
    """The finished parent whose record says ``task_id`` is not to run, or None."""
    for parent in sorted(upstream_ids):
        if not any(is_finished(s) for s in parent_states.get(parent, [])):
            continue
        index = map_index if doc.tasks.get(parent, {}).get("is_mapped") else -1
        value = records.get((parent, index))
        if not isinstance(value, dict):
            continue
        if "followed" in value and task_id not in (value["followed"] or []):
            return parent
        if "skipped" in value and task_id in (value["skipped"] or []):
            return parent
    return None


def reason(parent: str) -> str:
    """Airflow's reason for the dependency."""
    return f"Skipping because of previous XCom result from parent task {parent}"
