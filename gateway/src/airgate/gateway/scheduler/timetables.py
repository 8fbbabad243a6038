"""When a DAG's next scheduled run is due, from the dag.json ``timetable`` document.

Covers Airflow 3.2's core timetables: ``CronTriggerTimetable`` (what a cron string or preset means by
default), ``CronDataIntervalTimetable``, ``DeltaTriggerTimetable``, ``DeltaDataIntervalTimetable`` and
``OnceTimetable``. Anything else (``None``, assets, continuous, custom) has no scheduled runs here.
Semantics follow Airflow's ``next_dagrun_info``: with ``catchup`` each interval after the last one runs;
without it the schedule jumps to the latest interval that has started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))


@dataclass(frozen=True)
class NextRun:
    """A run to create: its ``logical_date``, data interval and ``run_after`` (when it is due)."""

    logical_date: datetime
    interval_start: datetime
    interval_end: datetime
    run_after: datetime


def _field(text: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if body in ("*", "?"):
            start, end = low, high
        elif "-" in body:
            a, b = body.split("-", 1)
            start, end = int(a), int(b)
        else:
            start = int(body)
            end = high if step_text else start
        values.update(range(start, end + 1, step))
    return frozenset(7 if v == 7 and high == 6 else v for v in values)


class Cron:
    """A five-field cron expression in a time zone (lists, ranges, steps; Sunday is 0 or 7)."""

    def __init__(self, expression: str, timezone: str = "UTC") -> None:
        fields = expression.split()
        if len(fields) != 5:
            raise ValueError(f"unsupported cron expression {expression!r}")
        self.minutes, self.hours, self.days, self.months, dows = (
            _field(f, lo, hi) for f, (lo, hi) in zip(fields, _RANGES, strict=True)
        )
        self.dows = frozenset(0 if d == 7 else d for d in dows)
        self.dom_any, self.dow_any = fields[2] in ("*", "?"), fields[4] in ("*", "?")
        self.zone = ZoneInfo(timezone)

    def _day_ok(self, day: datetime) -> bool:
        if day.month not in self.months:
            return False
        dom, dow = day.day in self.days, (day.weekday() + 1) % 7 in self.dows
        if self.dom_any or self.dow_any:
            return dom and dow
        return dom or dow  # both restricted: cron's "or"

    def next_after(self, when: datetime, *, inclusive: bool = False) -> datetime:
        """The first fire time after ``when`` (or at it, with ``inclusive``), in UTC."""
        local = when.astimezone(self.zone).replace(second=0, microsecond=0, tzinfo=None)
        exact = when.astimezone(self.zone).replace(tzinfo=None)
        if not (inclusive and exact == local):
            local += timedelta(minutes=1)
        day = local.replace(hour=0, minute=0)
        for _ in range(366 * 5):
            if self._day_ok(day):
                for hour in sorted(self.hours):
                    for minute in sorted(self.minutes):
                        candidate = day.replace(hour=hour, minute=minute)
                        if candidate >= local:
                            return candidate.replace(tzinfo=self.zone).astimezone(UTC)
            day += timedelta(days=1)
        raise ValueError("cron expression never fires")

    def prev_before(self, when: datetime, *, inclusive: bool = True) -> datetime:
        """The last fire time at or before ``when`` (strictly before without ``inclusive``), in UTC."""
        local = when.astimezone(self.zone).replace(tzinfo=None)
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        for _ in range(366 * 5):
            if self._day_ok(day):
                for hour in sorted(self.hours, reverse=True):
                    for minute in sorted(self.minutes, reverse=True):
                        candidate = day.replace(hour=hour, minute=minute)
                        if candidate < local or (inclusive and candidate == local):
                            return candidate.replace(tzinfo=self.zone).astimezone(UTC)
            day -= timedelta(days=1)
        raise ValueError("cron expression never fired")


def _seconds(value: Any) -> float:
    return float(value.get("seconds", 0)) if isinstance(value, dict) else float(value or 0)


def _at(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def next_run(
    dag_doc: dict[str, Any], last_end: datetime | None, has_runs: bool, now: datetime
) -> NextRun | None:
    """The next scheduled run of the DAG whose dag.json is ``dag_doc``, or None.

    ``last_end`` is the data interval end of the latest scheduled run (None when there is none);
    ``has_runs`` tells whether any run exists (for ``@once``). The result may be in the future: create it
    only when ``run_after <= now``.
    """
    timetable = dag_doc.get("timetable") or {}
    kind, args = timetable.get("type"), timetable.get("args") or {}
    start, end = _at(dag_doc.get("start_date")), _at(dag_doc.get("end_date"))
    catchup = bool(dag_doc.get("catchup"))
    if kind == "OnceTimetable":
        if has_runs:
            return None
        at = start or now
        return NextRun(at, at, at, at)
    if kind in ("CronTriggerTimetable", "DeltaTriggerTimetable"):
        interval = timedelta(seconds=_seconds(args.get("interval")))
        fire = _trigger_fire(kind, args, start, last_end, catchup, now)
        if fire is None or (end is not None and fire > end):
            return None
        return NextRun(fire - interval, fire - interval, fire, fire)
    if kind in ("CronDataIntervalTimetable", "DeltaDataIntervalTimetable"):
        pair = _interval(kind, args, start, last_end, catchup, now)
        if pair is None or (end is not None and pair[0] > end):
            return None
        return NextRun(pair[0], pair[0], pair[1], pair[1])
    return None


def _trigger_fire(
    kind: str, args: dict[str, Any], start: datetime | None, last_end: datetime | None, catchup: bool, now: datetime
) -> datetime | None:
    cron = Cron(args["expression"], args.get("timezone") or "UTC") if kind == "CronTriggerTimetable" else None
    delta = timedelta(seconds=_seconds(args.get("delta")))

    def following(t: datetime) -> datetime:
        return cron.next_after(t) if cron is not None else t + delta

    def align_next(t: datetime) -> datetime:
        return cron.next_after(t, inclusive=True) if cron is not None else t

    def align_prev(t: datetime) -> datetime:
        if cron is not None:
            return cron.prev_before(t)
        return t if start is None or delta <= timedelta(0) else start + delta * ((t - start) // delta)

    if catchup:
        if last_end is not None:
            return following(last_end)
        return align_next(start) if start is not None else align_prev(now)
    candidates = [align_prev(now)]
    if last_end is not None:
        candidates.append(following(last_end))
    if start is not None:
        candidates.append(align_next(start))
    return max(candidates)


def _interval(
    kind: str, args: dict[str, Any], start: datetime | None, last_end: datetime | None, catchup: bool, now: datetime
) -> tuple[datetime, datetime] | None:
    if kind == "CronDataIntervalTimetable":
        cron = Cron(args["expression"], args.get("timezone") or "UTC")

        def step(t: datetime) -> datetime:
            return cron.next_after(t)

        def align(t: datetime) -> datetime:
            return cron.next_after(t, inclusive=True)

        latest_start = cron.prev_before(cron.prev_before(now), inclusive=False)
    else:
        delta = timedelta(seconds=_seconds(args.get("delta")))

        def step(t: datetime) -> datetime:
            return t + delta

        def align(t: datetime) -> datetime:
            return t

        latest_start = now - delta
    if last_end is not None:
        begin = last_end
        if not catchup:
            begin = max(begin, latest_start)
    elif start is not None:
        begin = align(start) if catchup else max(align(start), latest_start)
    else:
        begin = latest_start
    return begin, step(begin)
