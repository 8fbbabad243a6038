"""The event log (Airflow's ``log`` table): audit rows written by mutating calls, read by the Event Log API.

Reading joins the DAG (for ``dag_display_name``) and the task instance with the same dag/task/run/map index
(for ``task_display_name``), as Airflow's model relationships do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.store.tables import dag, log, task_instance
from airgate.gateway.store.types import utcnow

SORTING = Sorting(
    allowed={
        "id": log.c.id,
        "event_log_id": log.c.id,
        "dttm": log.c.dttm,
        "when": log.c.dttm,
        "dag_id": log.c.dag_id,
        "task_id": log.c.task_id,
        "run_id": log.c.run_id,
        "event": log.c.event,
        "logical_date": log.c.logical_date,
        "owner": log.c.owner,
        "extra": log.c.extra,
    },
    primary_key="id",
)
"""``order_by`` of ``get_event_logs``: Airflow's attributes plus the ``when``/``event_log_id`` aliases."""

_INT_COLUMN = range(-(2**31), 2**31)
"""Values the integer columns can hold; a larger id or index matches nothing (not a database error)."""
_EXACT = ("dag_id", "task_id", "run_id", "map_index", "try_number", "owner", "event")
_PATTERNS = ("dag_id", "task_id", "run_id", "owner", "event")


@dataclass(frozen=True)
class EventLogFilter:
    """Every filter ``get_event_logs`` accepts; ``None`` means "not given"."""

    dag_id: str | None = None
    task_id: str | None = None
    run_id: str | None = None
    map_index: int | None = None
    try_number: int | None = None
    owner: str | None = None
    event: str | None = None
    excluded_events: Sequence[str] | None = None
    included_events: Sequence[str] | None = None
    before: datetime | None = None
    after: datetime | None = None
    patterns: tuple[tuple[str, str], ...] = ()
    """``(column, value)`` substring searches (``*_pattern``)."""
    prefixes: tuple[tuple[str, str], ...] = ()
    """``(column, value)`` prefix searches (``*_prefix_pattern``)."""

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> EventLogFilter:
        """The filter from decoded query parameters named as Airflow names them."""
        exact = {name: params.get(name) for name in _EXACT}
        return cls(
            **exact,
            excluded_events=params.get("excluded_events"),
            included_events=params.get("included_events"),
            before=params.get("before"),
            after=params.get("after"),
            patterns=tuple(
                (c, params[f"{c}_pattern"]) for c in _PATTERNS if params.get(f"{c}_pattern") is not None
            ),
            prefixes=tuple(
                (c, params[f"{c}_prefix_pattern"])
                for c in _PATTERNS
                if params.get(f"{c}_prefix_pattern") is not None
            ),
        )

    def clauses(self) -> list[sa.ColumnElement[bool]]:
        """The SQL conditions for this filter."""
        exact = [_equals(name, getattr(self, name)) for name in _EXACT if getattr(self, name) is not None]
        return where_all(
            *exact,
            log.c.event.not_in(list(self.excluded_events)) if self.excluded_events else None,
            log.c.event.in_(list(self.included_events)) if self.included_events else None,
            log.c.dttm < self.before if self.before is not None else None,
            log.c.dttm > self.after if self.after is not None else None,
            *(search(log.c[column], value) for column, value in self.patterns),
            *(prefix(log.c[column], value) for column, value in self.prefixes),
        )


def _equals(name: str, value: object) -> sa.ColumnElement[bool]:
    if isinstance(value, int) and value not in _INT_COLUMN:
        return sa.false()
    return log.c[name] == value


def _select() -> sa.Select[Any]:
    ti = task_instance
    joined = log.outerjoin(dag, dag.c.dag_id == log.c.dag_id).outerjoin(
        ti,
        sa.and_(
            ti.c.dag_id == log.c.dag_id,
            ti.c.task_id == log.c.task_id,
            ti.c.run_id == log.c.run_id,
            ti.c.map_index == log.c.map_index,
        ),
    )
    return sa.select(
        log.c.id.label("event_log_id"),
        log.c.dttm.label("when"),
        log.c.dag_id,
        log.c.task_id,
        log.c.run_id,
        log.c.map_index,
        log.c.try_number,
        log.c.event,
        log.c.logical_date,
        log.c.owner,
        log.c.extra,
        dag.c.dag_display_name,
        ti.c.task_display_name,
    ).select_from(joined)


async def list_event_logs(
    conn: AsyncConnection,
    filters: EventLogFilter,
    *,
    order_by: Sequence[str] | None,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """One page of event logs (as response dicts) and the number of rows matching ``filters``."""
    order = SORTING.clauses(order_by)
    conditions = filters.clauses()
    total = await conn.scalar(sa.select(sa.func.count()).select_from(log).where(*conditions))
    rows = await conn.execute(_select().where(*conditions).order_by(*order).limit(limit).offset(offset))
    return [dict(row._mapping) for row in rows], int(total or 0)


async def get_event_log(conn: AsyncConnection, event_log_id: int) -> dict[str, Any] | None:
    """One event log as a response dict, or None."""
    if event_log_id not in _INT_COLUMN:
        return None
    row = (await conn.execute(_select().where(log.c.id == event_log_id))).first()
    return dict(row._mapping) if row is not None else None


async def record(
    conn: AsyncConnection,
    *,
    event: str,
    owner: str | None = None,
    owner_display_name: str | None = None,
    extra: str | None = None,
    dag_id: str | None = None,
    task_id: str | None = None,
    run_id: str | None = None,
    map_index: int | None = None,
    try_number: int | None = None,
    logical_date: datetime | None = None,
    when: datetime | None = None,
) -> int:
    """Append one event (timestamped ``when``, default now) and return its id."""
    result = await conn.execute(
        sa.insert(log)
        .values(
            dttm=when or utcnow(),
            event=event,
            owner=owner or None,
            owner_display_name=owner_display_name or None,
            extra=extra,
            dag_id=dag_id,
            task_id=task_id,
            run_id=run_id,
            map_index=map_index,
            try_number=try_number,
            logical_date=logical_date,
        )
        .returning(log.c.id)
    )
    return int(result.scalar_one())
