"""Backfill runs in the scheduler: which queued backfill runs may start, and when a backfill is complete.

As Airflow 3.2: a backfill creates all its runs queued (``services.backfills``); they start in the backfill's
order (``sort_ordinal``) after every other queued run, within the backfill's own ``max_active_runs``
(backfill runs do not count against the DAG's ``max_active_runs``, nor other runs against the backfill's),
and none starts while the backfill is paused. A backfill is complete once none of its runs is queued or
running (one still being set up -- no ``backfill_dag_run`` row yet -- gets two minutes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.states import DagRunState as DRS
from airgate.gateway.store.tables import backfill, backfill_dag_run, dag_run

SETUP_GRACE = timedelta(minutes=2)
_ACTIVE = (DRS.QUEUED.value, DRS.RUNNING.value)


@dataclass
class BackfillGate:
    """What start_queued_runs needs about the backfills of the queued runs it looks at."""

    limits: dict[int, tuple[bool, int]] = field(default_factory=dict)  #: id -> (paused, max_active_runs)
    running: dict[int, int] = field(default_factory=dict)  #: id -> running runs
    ordinals: dict[int, int] = field(default_factory=dict)  #: dag_run.id -> sort_ordinal

    def order(self, runs: Sequence[Any]) -> list[Any]:
        """Non-backfill runs first (their order kept), then backfill runs by their backfill's order."""
        return sorted(runs, key=lambda r: (r.backfill_id is not None, self.ordinals.get(r.id, 0)))

    def admit(self, run: Any) -> bool:
        """Whether the queued backfill run ``run`` may start now (not when its backfill is paused, full or
        locked by another scheduler); counts it as running when it may."""
        paused, limit = self.limits.get(run.backfill_id, (True, 0))
        if paused or self.running.get(run.backfill_id, 0) >= limit:
            return False
        self.running[run.backfill_id] = self.running.get(run.backfill_id, 0) + 1
        return True


async def backfill_gate(conn: AsyncConnection, runs: Sequence[Any]) -> BackfillGate:
    """The gate for ``runs`` (rows with ``id`` and ``backfill_id``)."""
    ids = {r.backfill_id for r in runs if r.backfill_id is not None}
    if not ids:
        return BackfillGate()
    # locked for the pass (PostgreSQL): a backfill another scheduler is starting runs of is skipped this time,
    # so two schedulers never exceed its max_active_runs together
    limits = {row.id: (bool(row.is_paused), int(row.max_active_runs)) for row in (await conn.execute(
        sa.select(backfill.c.id, backfill.c.is_paused, backfill.c.max_active_runs).where(backfill.c.id.in_(ids))
        .with_for_update(skip_locked=True)
    )).all()}
    running: dict[int, int] = {bid: int(n) for bid, n in (await conn.execute(
        sa.select(dag_run.c.backfill_id, sa.func.count()).where(
            dag_run.c.backfill_id.in_(ids), dag_run.c.state == DRS.RUNNING.value).group_by(dag_run.c.backfill_id)
    )).all()}
    ordinals: dict[int, int] = {rid: int(o) for rid, o in (await conn.execute(
        sa.select(backfill_dag_run.c.dag_run_id, backfill_dag_run.c.sort_ordinal).where(
            backfill_dag_run.c.backfill_id.in_(ids), backfill_dag_run.c.dag_run_id.is_not(None))
    )).all()}
    return BackfillGate(limits, running, ordinals)


async def complete_backfills(conn: AsyncConnection, now: datetime) -> int:
    """Set ``completed_at`` on every unfinished backfill none of whose runs is queued or running."""
    set_up = sa.or_(
        sa.exists().where(backfill_dag_run.c.backfill_id == backfill.c.id),
        backfill.c.created_at < now - SETUP_GRACE,
    )
    busy = sa.exists().where(dag_run.c.backfill_id == backfill.c.id, dag_run.c.state.in_(_ACTIVE))
    result = await conn.execute(sa.update(backfill).where(backfill.c.completed_at.is_(None), set_up, ~busy)
                                .values(completed_at=now))
    return int(result.rowcount or 0)
