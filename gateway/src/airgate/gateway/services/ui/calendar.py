"""The Calendar tab (``get_calendar``): a DAG's runs counted per hour or day and state, plus the runs its
timetable will still create this year (state ``planned``).

Runs are placed by ``partition_date``, else ``logical_date`` (a run with neither cannot be placed and is left
out). Planned runs start after the data interval of the latest placed run and stop at the end of that year:
for cron timetables every cron time after that interval's end (evaluated in UTC, as Airflow does); for the
other periodic timetables the scheduler's own next-run computation, without catch-up, at most
:data:`MAX_PLANNED_RUNS` steps. Only the runs inside the date filter are counted.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.scheduler.timetables import Cron, next_run
from airgate.gateway.services import dag_serialized
from airgate.gateway.services.dags import not_found
from airgate.gateway.store.tables import dag_run

MAX_PLANNED_RUNS = 2000
_CRON = ("CronTriggerTimetable", "CronDataIntervalTimetable")
_DELTA = ("DeltaTriggerTimetable", "DeltaDataIntervalTimetable")
_PERIODIC = (*_CRON, *_DELTA)
_BOUNDS = ("gte", "gt", "lte", "lt")


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class DateRange:
    """The ``<field>_gte/_gt/_lte/_lt`` filter of one column."""

    gte: datetime | None = None
    gt: datetime | None = None
    lte: datetime | None = None
    lt: datetime | None = None

    @classmethod
    def of(cls, params: Mapping[str, Any], field: str) -> DateRange:
        """The bounds given in ``params`` (a bound without a zone is UTC)."""
        return cls(**{b: _utc(params.get(f"{field}_{b}")) for b in _BOUNDS})

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.gte, self.gt, self.lte, self.lt))

    def clauses(self, column: Any) -> list[Any]:
        out = []
        if self.gte is not None:
            out.append(column >= self.gte)
        if self.gt is not None:
            out.append(column > self.gt)
        if self.lte is not None:
            out.append(column <= self.lte)
        if self.lt is not None:
            out.append(column < self.lt)
        return out

    def holds(self, when: datetime) -> bool:
        return not ((self.gte is not None and when < self.gte) or (self.gt is not None and when <= self.gt)
                    or (self.lte is not None and when > self.lte) or (self.lt is not None and when >= self.lt))


def truncate(when: datetime, granularity: str) -> datetime:
    """The start of the hour (``hourly``) or UTC day (``daily``) holding ``when``."""
    when = when.astimezone(UTC)
    if granularity == "hourly":
        return when.replace(minute=0, second=0, microsecond=0)
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class _Bucket:
    date: datetime
    state: str
    count: int
    interval_start: datetime | None
    interval_end: datetime | None


def _truncated(column: Any, granularity: str, dialect: str) -> Any:
    """SQL for the UTC hour or day of ``column`` (PostgreSQL: a timestamp; SQLite: ``YYYY-MM-DD HH:MM:SS``)."""
    # literal SQL, not bound parameters: GROUP BY must repeat the selected expression exactly
    if dialect == "postgresql":
        unit: Any = sa.literal_column("'hour'" if granularity == "hourly" else "'day'")
        return sa.func.date_trunc(unit, sa.func.timezone(sa.literal_column("'UTC'"), column))
    pattern: Any = sa.literal_column("'%Y-%m-%d %H:00:00'" if granularity == "hourly" else "'%Y-%m-%d 00:00:00'")
    return sa.func.strftime(pattern, column, type_=sa.String)


def _as_utc(value: datetime | str) -> datetime:
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


async def _history(conn: AsyncConnection, dag_id: str, dates: DateRange, use_partition: bool,
                   granularity: str) -> list[_Bucket]:
    column = dag_run.c.partition_date if use_partition else dag_run.c.logical_date
    placed = sa.func.coalesce(dag_run.c.partition_date, dag_run.c.logical_date)
    bucket = _truncated(placed, granularity, conn.dialect.name).label("bucket")
    rows = (await conn.execute(
        sa.select(bucket, dag_run.c.state, sa.func.count(), sa.func.max(dag_run.c.data_interval_start),
                  sa.func.max(dag_run.c.data_interval_end))
        .where(dag_run.c.dag_id == dag_id, placed.is_not(None), dag_run.c.state.is_not(None),
               *dates.clauses(column))
        .group_by(bucket, dag_run.c.state).order_by(bucket, dag_run.c.state)
    )).all()
    return [_Bucket(_as_utc(date), state, count, start, end) for date, state, count, start, end in rows]


def _cron_times(cron: Cron, after: datetime) -> Iterator[datetime]:
    """Fire times of a UTC ``cron`` strictly after ``after``, in order, a whole day at a time (every hour and
    minute of a day that fires at all is a fire time), so a minutely schedule costs one step per fire."""
    times = [(hour, minute) for hour in sorted(cron.hours) for minute in sorted(cron.minutes)]
    when = cron.next_after(after)
    while True:
        day = when.replace(hour=0, minute=0, second=0, microsecond=0)
        for hour, minute in times:
            fire = day.replace(hour=hour, minute=minute)
            if fire >= when:
                yield fire
        when = cron.next_after(day + timedelta(days=1) - timedelta(minutes=1))


def _cron_planned(doc: Mapping[str, Any], last_end: datetime, dates: DateRange, granularity: str) -> Counter[datetime]:
    cron = Cron(doc["timetable"]["args"]["expression"], "UTC")
    end = dag_serialized.when(doc.get("end_date"))
    year = last_end.year
    counts: Counter[datetime] = Counter()
    for when in _cron_times(cron, last_end):
        if when.year != year or (end is not None and when > end):
            break
        if dates.holds(when):
            counts[truncate(when, granularity)] += 1
    return counts


def _timetable_planned(doc: Mapping[str, Any], last_end: datetime, dates: DateRange, granularity: str,
                       now: datetime) -> Counter[datetime]:
    no_catchup = {**doc, "catchup": False}
    year = last_end.year
    counts: Counter[datetime] = Counter()
    previous = last_end
    for _ in range(MAX_PLANNED_RUNS):
        info = next_run(no_catchup, last_end, True, now)
        if info is None or info.run_after <= previous or info.logical_date.year != year:
            break
        if dates.holds(info.logical_date):
            counts[truncate(info.logical_date, granularity)] += 1
        last_end, previous = info.interval_end, info.run_after
    return counts


def _planned(doc: Mapping[str, Any], history: list[_Bucket], dates: DateRange, granularity: str,
             now: datetime) -> Counter[datetime]:
    kind = (doc.get("timetable") or {}).get("type")
    if not history or kind not in _PERIODIC:
        return Counter()
    last = history[-1]
    if last.interval_start is None or last.interval_end is None:
        return Counter()
    try:
        if kind in _CRON:
            return _cron_planned(doc, last.interval_end, dates, granularity)
        return _timetable_planned(doc, last.interval_end, dates, granularity, now)
    except (ValueError, KeyError):  # a schedule the scheduler cannot compute has no planned runs here either
        return Counter()


async def get_calendar(conn: AsyncConnection, dag_id: str, params: Mapping[str, Any],
                       now: datetime | None = None) -> dict[str, Any]:
    """``get_calendar``: 404 for a DAG without a compiled version."""
    doc = await dag_serialized.latest(conn, dag_id)
    if doc is None:
        raise not_found(dag_id)
    granularity = params.get("granularity") or "daily"
    partition = DateRange.of(params, "partition_date")
    dates = partition if partition.active else DateRange.of(params, "logical_date")
    history = await _history(conn, dag_id, dates, partition.active, granularity)
    # CPU-bound for frequent schedules (a minutely cron plans ~500k runs): off the event loop
    planned = await asyncio.to_thread(_planned, doc, history, dates, granularity, now or datetime.now(UTC))
    entries = [{"date": b.date, "state": b.state, "count": b.count} for b in history]
    entries += [{"date": d, "state": "planned", "count": n} for d, n in planned.items()]
    return {"total_entries": len(entries), "dag_runs": entries}
