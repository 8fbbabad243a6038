"""Stop requests (:mod:`airgate.gateway.services.ti_stop`) taken by the scheduler that launched the try: its
process is cancelled through the executor (``SIGTERM``, ``SIGKILL`` after :data:`KILL_AFTER_S`). The exit that
follows decides nothing for a marked try (its state is final already) and clears a try that was cleared
while running (see :mod:`airgate.gateway.scheduler.events`)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import task_stop_request
from airgate.sdk import TaskInstanceKey

KILL_AFTER_S = 5.0
"""Seconds between ``SIGTERM`` and ``SIGKILL`` (the task SDK supervisor's escalation delay)."""
ORPHAN_AFTER = timedelta(seconds=60)
"""A request no scheduler took within this long (its scheduler is gone) is taken by any scheduler."""


async def take_stop_requests(conn: AsyncConnection, job_id: int | None,
                             now: datetime) -> list[tuple[TaskInstanceKey, str | None]]:
    """Delete and return the stop requests for tries this scheduler (``job_id``) queued, plus orphans:
    ``(key, executor)`` pairs."""
    t = task_stop_request
    mine = sa.or_(t.c.queued_by_job_id == job_id, t.c.queued_by_job_id.is_(None),
                  t.c.requested_at < now - ORPHAN_AFTER)
    query = sa.select(t).where(mine).order_by(t.c.id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = (await conn.execute(query)).all()
    if not rows:
        return []
    await conn.execute(sa.delete(t).where(t.c.id.in_([r.id for r in rows])))
    return [(TaskInstanceKey(r.dag_id, r.task_id, r.run_id, r.try_number, r.map_index), r.executor)
            for r in rows]
