"""What keeps a task instance from being queued (``get_task_instance_dependencies``).

As Airflow, only a TI with no state or ``scheduled`` has blocking dependencies. Airgate reports the checks it
can state exactly: the TI's state ("Task Instance State"), the run's state ("Dagrun Running"), the DAG's
pause ("Dag Not Paused") and the ``all_success`` trigger rule ("Trigger Rule"). Pool, concurrency and
retry-period checks are not reported.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import dag_serialized
from airgate.gateway.states import is_finished
from airgate.gateway.store.tables import dag, dag_run, task_instance

ti = task_instance
_COUNTED = ("success", "skipped", "failed", "upstream_failed", "removed")


def _trigger_rule(task: dict[str, Any], states: list[str | None]) -> str | None:
    rule = task.get("trigger_rule") or "all_success"
    upstream_ids = sorted(task.get("upstream_task_ids") or [])
    if rule != "all_success" or not upstream_ids:
        return None
    finished = Counter(s for s in states if is_finished(s))
    counts = {name: finished.get(name, 0) for name in _COUNTED}
    failures = len(upstream_ids) - counts["success"]
    if failures <= 0:
        return None
    text = ", ".join(f"{k}={v}" for k, v in counts.items())
    upstream = "{" + ", ".join(repr(i) for i in upstream_ids) + "}"
    return (f"Task's trigger rule 'all_success' requires all upstream tasks to have succeeded, but found "
            f"{failures} non-success(es). upstream_states=_UpstreamTIStates({text}, done={sum(finished.values())}, "
            f"success_setup=0, skipped_setup=0), upstream_task_ids={upstream}")


async def dependencies(conn: AsyncConnection, dag_id: str, run_id: str, task_id: str,
                       map_index: int) -> dict[str, Any]:
    """``{"dependencies": [{"name", "reason"}]}`` sorted by name (404 as Airflow words it)."""
    row = (await conn.execute(sa.select(ti.c.state).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id,
                                                          ti.c.task_id == task_id, ti.c.map_index == map_index))).first()
    if row is None:
        raise HTTPError(404, [f"The Task Instance with dag_id: `{dag_id}`, run_id: `{run_id}`, task_id: `{task_id}` "
                              f"and map_index: `{map_index}` was not found"])
    if row.state not in (None, "scheduled"):
        return {"dependencies": []}
    data = await dag_serialized.latest(conn, dag_id) or {}
    task = next((t for t in data.get("tasks", []) if t["task_id"] == task_id), None)
    if task is None:
        return {"dependencies": []}
    found = []
    paused = await conn.scalar(sa.select(dag.c.is_paused).where(dag.c.dag_id == dag_id))
    if paused:
        found.append({"name": "Dag Not Paused", "reason": f"Task's DAG '{dag_id}' is paused."})
    run_state = await conn.scalar(sa.select(dag_run.c.state).where(dag_run.c.dag_id == dag_id,
                                                                  dag_run.c.run_id == run_id))
    if run_state != "running":
        found.append({"name": "Dagrun Running", "reason": "Task instance's dagrun was not in the 'running' state "
                                                          f"but in the state '{run_state}'."})
    if row.state != "scheduled":
        found.append({"name": "Task Instance State", "reason": f"Task is in the '{row.state}' state."})
    upstream = sorted(task.get("upstream_task_ids") or [])
    states: list[str | None] = []
    if upstream:
        result = await conn.execute(sa.select(ti.c.state).where(ti.c.dag_id == dag_id, ti.c.run_id == run_id,
                                                                ti.c.task_id.in_(upstream)))
        states = list(result.scalars())
    reason = _trigger_rule(task, states)
    if reason:
        found.append({"name": "Trigger Rule", "reason": reason})
    return {"dependencies": sorted(found, key=lambda d: d["name"])}
