"""A task's own concurrency limits, as Airflow's scheduler applies them when it queues task instances:
``max_active_tis_per_dag`` (instances of the task in flight across all runs) and ``max_active_tis_per_dagrun``
(within one run). In flight: queued, running or deferred (a deferred task instance still holds its place,
though it frees its executor slot and does not count for ``max_active_tasks``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.dag_docs import DocCache
from airgate.gateway.states import TaskInstanceState as TIS
from airgate.gateway.store.tables import task_instance as ti_t

IN_FLIGHT = (TIS.QUEUED.value, TIS.RUNNING.value, TIS.DEFERRED.value)


def _limit(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


class TaskLimits:
    """The limits of the candidates' tasks and the counts they are checked against (loaded only when one of
    the candidates' tasks has a limit)."""

    def __init__(self) -> None:
        self.limits: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self.per_task: Counter[tuple[str, str]] = Counter()
        self.per_run: Counter[tuple[str, str, str]] = Counter()

    @classmethod
    async def load(cls, conn: AsyncConnection, docs: DocCache, candidates: Sequence[Any]) -> TaskLimits:
        """Limits of the tasks of ``candidates`` (rows with dag_id, task_id, dag_version_id) and, when any has
        one, the task instances in flight of those tasks (one grouped query)."""
        found = cls()
        for ti in candidates:
            key = (ti.dag_id, ti.task_id)
            if key in found.limits:
                continue
            doc = await docs.get(conn, ti.dag_version_id) if ti.dag_version_id is not None else None
            task = doc.tasks.get(ti.task_id, {}) if doc is not None else {}
            limits = (_limit(task.get("max_active_tis_per_dag")), _limit(task.get("max_active_tis_per_dagrun")))
            if limits != (None, None):
                found.limits[key] = limits
        if found.limits:
            rows = await conn.execute(
                sa.select(ti_t.c.dag_id, ti_t.c.task_id, ti_t.c.run_id, sa.func.count())
                .where(ti_t.c.state.in_(IN_FLIGHT), ti_t.c.task_id.in_({t for _, t in found.limits}),
                       ti_t.c.dag_id.in_({d for d, _ in found.limits}))
                .group_by(ti_t.c.dag_id, ti_t.c.task_id, ti_t.c.run_id)
            )
            for dag_id, task_id, run_id, count in rows:
                found.per_task[(dag_id, task_id)] += count
                found.per_run[(dag_id, run_id, task_id)] += count
        return found

    def admits(self, ti: Any) -> bool:
        """Whether one more instance of ``ti``'s task may be queued now."""
        per_dag, per_run = self.limits.get((ti.dag_id, ti.task_id), (None, None))
        if per_dag is not None and self.per_task[(ti.dag_id, ti.task_id)] >= per_dag:
            return False
        return per_run is None or self.per_run[(ti.dag_id, ti.run_id, ti.task_id)] < per_run

    def take(self, ti: Any) -> None:
        """Count ``ti`` as queued."""
        self.per_task[(ti.dag_id, ti.task_id)] += 1
        self.per_run[(ti.dag_id, ti.run_id, ti.task_id)] += 1
