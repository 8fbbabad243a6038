"""The compiled DAG a run is pinned to (its ``dag_version``'s dag.json), cached per version, with what the
scheduler and the services derive from it once: tasks by id, leaves, effective priority weights."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import serialized_dag


@dataclass
class DagDoc:
    """One dag.json and derived lookups."""

    version_id: str
    doc: dict[str, Any]
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tasks = {t["task_id"]: t for t in self.doc.get("tasks", [])}
        self.weights = {task_id: self._weight(task_id) for task_id in self.tasks}

    def _related(self, task_id: str, direction: str) -> set[str]:
        seen: set[str] = set()
        todo = list(self.tasks[task_id].get(direction) or [])
        while todo:
            other = todo.pop()
            if other not in seen and other in self.tasks:
                seen.add(other)
                todo.extend(self.tasks[other].get(direction) or [])
        return seen

    def _weight(self, task_id: str) -> int:
        """Airflow's ``priority_weight_total`` for the task's ``weight_rule``."""
        task = self.tasks[task_id]
        own = int(task.get("priority_weight") or 1)
        rule = task.get("weight_rule") or "downstream"
        if rule == "absolute":
            return own
        direction = "upstream_task_ids" if rule == "upstream" else "downstream_task_ids"
        return own + sum(int(self.tasks[t].get("priority_weight") or 1) for t in self._related(task_id, direction))

    @property
    def leaves(self) -> list[str]:
        """Tasks without downstream tasks (they decide the run's final state)."""
        return [t for t, doc in self.tasks.items() if not doc.get("downstream_task_ids")]


class DocCache:
    """dag.json documents by ``dag_version`` id (immutable, so cached for the process's lifetime; with a
    ``limit``, the oldest entries go first)."""

    def __init__(self, limit: int | None = None) -> None:
        self._docs: dict[str, DagDoc] = {}
        self._limit = limit

    async def get(self, conn: AsyncConnection, version_id: Any) -> DagDoc | None:
        """The document of ``version_id``, or None when the version has no serialized DAG."""
        key = str(version_id)
        if key not in self._docs:
            data = await conn.scalar(
                sa.select(serialized_dag.c.data).where(serialized_dag.c.dag_version_id == version_id)
            )
            if data is None:
                return None
            if self._limit is not None and len(self._docs) >= self._limit:
                del self._docs[next(iter(self._docs))]
            self._docs[key] = DagDoc(key, dict(data))
        return self._docs[key]


def member_groups(doc: DagDoc) -> dict[str, dict[str, Any]]:
    """task_id -> the innermost mapped task group it belongs to (only members of mapped groups)."""
    groups = {g["group_id"]: g for g in doc.doc.get("task_groups") or []}
    if not any(g.get("is_mapped") for g in groups.values()):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for task_id, task in doc.tasks.items():
        group_id = task.get("task_group_id")
        while group_id is not None and group_id in groups:
            if groups[group_id].get("is_mapped"):
                found[task_id] = groups[group_id]
                break
            group_id = groups[group_id].get("parent_group_id")
    return found
