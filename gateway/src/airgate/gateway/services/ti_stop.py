"""Stopping a task's process when the user ends its try: a running (or queued) task instance that is marked
success/failed/skipped or cleared gets a stop request; the scheduler that launched it cancels the process
through its executor (Airflow stops it through the heartbeat; Airgate does that too, and does not wait for it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import task_stop_request

WITH_PROCESS = ("queued", "running")
"""States of a task instance whose try may have a process (queued: about to start)."""


async def request_stop(conn: AsyncConnection, row: Any) -> None:
    """Ask for the process of ``row``'s current try to be stopped (nothing when it has none)."""
    if row.state not in WITH_PROCESS or not row.try_number:
        return
    await conn.execute(sa.insert(task_stop_request).values(
        dag_id=row.dag_id, task_id=row.task_id, run_id=row.run_id, map_index=row.map_index,
        try_number=row.try_number, queued_by_job_id=row.queued_by_job_id, executor=row.executor,
        requested_at=datetime.now(UTC)))
