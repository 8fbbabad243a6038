"""Which runs a backfill covers: the DAG's timetable walked from ``from_date`` to ``to_date``.

As Airflow 3.2's ``iter_dagrun_infos_between`` with catch-up: every run whose logical date lies in
``[from_date, to_date]`` (the DAG's own ``start_date``/``end_date`` do not limit a backfill), keeping only
runs whose data interval has ended, in order (reversed with ``run_backwards``). Cron and delta timetables
(trigger and data-interval kinds) and ``@once`` are covered; other timetables give no runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from airgate.gateway.scheduler.timetables import Cron

MAX_RUNS = 100_000
"""The most runs one backfill may create (an every-minute schedule over about ten weeks)."""


class TooManyRuns(ValueError):
    """The range holds more than :data:`MAX_RUNS` runs."""


@dataclass(frozen=True)
class RunInfo:
    """One run a backfill would create: logical date, data interval and ``run_after``."""

    logical_date: datetime
    interval_start: datetime
    interval_end: datetime
    run_after: datetime


def _seconds(value: Any) -> float:
    return float(value.get("seconds", 0)) if isinstance(value, Mapping) else float(value or 0)


def _steps(kind: str, args: Mapping[str, Any]) -> tuple[Callable[[datetime], datetime], Callable[[datetime], datetime]]:
    """(align to the next fire time inclusive, the fire time after) for a cron or delta timetable."""
    if kind.startswith("Cron"):
        cron = Cron(str(args["expression"]), str(args.get("timezone") or "UTC"))
        return (lambda t: cron.next_after(t, inclusive=True)), cron.next_after
    delta = timedelta(seconds=_seconds(args.get("delta")))
    if delta <= timedelta(0):
        raise ValueError("schedule interval must be positive")
    return (lambda t: t), (lambda t: t + delta)


def _walk(doc: Mapping[str, Any], from_date: datetime, to_date: datetime) -> Iterator[RunInfo]:
    timetable = doc.get("timetable") or {}
    kind, args = str(timetable.get("type") or ""), timetable.get("args") or {}
    if kind == "OnceTimetable":
        if from_date <= to_date:
            yield RunInfo(from_date, from_date, from_date, from_date)
        return
    if kind in ("CronTriggerTimetable", "DeltaTriggerTimetable"):
        align, following = _steps(kind, args)
        interval = timedelta(seconds=_seconds(args.get("interval")))
        fire = align(from_date)
        while fire <= to_date:
            yield RunInfo(fire - interval, fire - interval, fire, fire)
            fire = following(fire)
        return
    if kind in ("CronDataIntervalTimetable", "DeltaDataIntervalTimetable"):
        align, following = _steps(kind, args)
        start = align(from_date)
        while start <= to_date:
            end = following(start)
            yield RunInfo(start, start, end, end)
            start = end


def run_infos(doc: Mapping[str, Any], from_date: datetime, to_date: datetime, *, reverse: bool,
              now: datetime) -> list[RunInfo]:
    """The runs a backfill of the DAG whose dag.json is ``doc`` creates, in creation order; raises
    :class:`TooManyRuns` beyond :data:`MAX_RUNS`."""
    found: list[RunInfo] = []
    try:
        for info in _walk(doc, from_date, to_date):
            if info.interval_end >= now:
                break  # intervals only grow: the rest have not ended either
            if len(found) >= MAX_RUNS:
                raise TooManyRuns(f"A backfill may create at most {MAX_RUNS} dag runs")
            found.append(info)
    except TooManyRuns:
        raise
    except (ValueError, KeyError):
        return []  # a timetable this walk cannot read gives no runs, as Airflow logs and stops
    return found[::-1] if reverse else found
