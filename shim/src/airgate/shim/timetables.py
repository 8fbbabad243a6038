"""Schedules as data: every timetable Airflow 3.2 ships, with the summary and description it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import cron
from .assets import AssetAll, BaseAsset
from .errors import AirflowTimetableInvalid
from .values import encode

_CORE = "airflow.timetables"


class Timetable:
    """Base of the timetables (user subclasses are recorded as ``sdk``-only custom timetables)."""

    module = f"{_CORE}.base"
    summary = ""
    description = ""
    can_be_scheduled = True
    active_runs_limit: int | None = None
    args: dict[str, Any] = {}

    def validate(self) -> None:
        """Raise ``AirflowTimetableInvalid`` when the timetable cannot work."""

    def bind_timezone(self, tz_name: str) -> None:
        """Give a DAG's timezone to timetables created from a plain ``schedule``."""

    def __shim_json__(self) -> dict[str, Any]:
        cls = type(self)
        module = cls.module if cls.__module__.startswith("airgate.shim") else "<dag file>"
        return {
            "type": cls.__name__,
            "module": module,
            "summary": self.summary,
            "description": self.description,
            "can_be_scheduled": self.can_be_scheduled,
            "active_runs_limit": self.active_runs_limit,
            "args": encode(self.args),
        }


def _tz_name(tz: Any) -> str:
    if tz is None:
        return "UTC"
    if isinstance(tz, str):
        return tz
    return str(getattr(tz, "name", None) or getattr(tz, "key", None) or tz.tzname(None))


class NullTimetable(Timetable):
    """``schedule=None``."""

    module = f"{_CORE}.simple"
    summary = "None"
    description = "Never, external triggers only"
    can_be_scheduled = False


class OnceTimetable(Timetable):
    """``schedule='@once'``."""

    module = f"{_CORE}.simple"
    summary = "@once"
    description = "Once, as soon as possible"


class ContinuousTimetable(Timetable):
    """``schedule='@continuous'``."""

    module = f"{_CORE}.simple"
    summary = "@continuous"
    description = "As frequently as possible, but only one run at a time."
    active_runs_limit = 1


class AssetTriggeredTimetable(Timetable):
    """Scheduled by assets."""

    module = f"{_CORE}.simple"
    summary = "Asset"
    description = "Triggered by assets"
    can_be_scheduled = False

    def __init__(self, condition: BaseAsset) -> None:
        self.condition = condition
        self.args = {"asset_condition": condition}


class _Cron(Timetable):
    def __init__(self, expr: str, timezone: Any = None) -> None:
        self._raw = expr
        self.expression = cron.expand_preset(expr)
        self.timezone = _tz_name(timezone) if timezone is not None else None
        self.description = cron.describe(self.expression)

    @property
    def summary(self) -> str:  # type: ignore[override]
        return self.expression

    def bind_timezone(self, tz_name: str) -> None:
        if self.timezone is None:
            self.timezone = tz_name

    def validate(self) -> None:
        try:
            cron.validate(self.expression)
        except cron.CronError as err:
            raise AirflowTimetableInvalid(str(err)) from None

    @property
    def args(self) -> dict[str, Any]:  # type: ignore[override]
        return {"expression": self.expression, "timezone": self.timezone or "UTC", **self._extra()}

    def _extra(self) -> dict[str, Any]:
        return {}


class CronTriggerTimetable(_Cron):
    """Runs at cron times; the run covers no interval unless ``interval`` is given."""

    module = f"{_CORE}.trigger"

    def __init__(
        self,
        cron: str,
        *,
        timezone: Any,
        interval: Any = dt.timedelta(),
        run_immediately: bool | dt.timedelta = False,
    ) -> None:
        super().__init__(cron, timezone)
        self.interval = interval
        self.run_immediately = run_immediately

    def _extra(self) -> dict[str, Any]:
        return {"interval": encode(self.interval), "run_immediately": encode(self.run_immediately)}


class CronDataIntervalTimetable(_Cron):
    """Runs after each cron interval closes (Airflow 2 style)."""

    module = f"{_CORE}.interval"

    def __init__(self, cron: str, timezone: Any) -> None:
        super().__init__(cron, timezone)


class CronPartitionTimetable(CronTriggerTimetable):
    """A cron trigger timetable producing partitioned runs."""


class MultipleCronTriggerTimetable(Timetable):
    """Several cron triggers in one timetable."""

    module = f"{_CORE}.trigger"

    def __init__(
        self,
        *crons: str,
        timezone: Any,
        interval: Any = dt.timedelta(),
        run_immediately: bool | dt.timedelta = False,
    ) -> None:
        if not crons:
            raise ValueError("cron expression required")
        self._parts = [
            CronTriggerTimetable(c, timezone=timezone, interval=interval, run_immediately=run_immediately)
            for c in crons
        ]
        self.summary = ", ".join(p.summary for p in self._parts)
        self.description = ", ".join(p.description for p in self._parts)
        self.args = {
            "expressions": [p.expression for p in self._parts],
            "timezone": _tz_name(timezone),
            "interval": interval,
            "run_immediately": run_immediately,
        }

    def validate(self) -> None:
        for part in self._parts:
            part.validate()


class _Delta(Timetable):
    def __init__(self, delta: Any) -> None:
        self.delta = delta
        self.summary = str(delta)
        self.args = {"delta": delta}

    def validate(self) -> None:
        if isinstance(self.delta, dt.timedelta) and self.delta <= dt.timedelta(0):
            raise AirflowTimetableInvalid("schedule interval must be positive")


class DeltaDataIntervalTimetable(_Delta):
    """Runs after each fixed interval closes."""

    module = f"{_CORE}.interval"


class DeltaTriggerTimetable(_Delta):
    """Runs every fixed delta."""

    module = f"{_CORE}.trigger"

    def __init__(self, delta: Any, *, interval: Any = dt.timedelta()) -> None:
        super().__init__(delta)
        self.args = {"delta": delta, "interval": interval}


class EventsTimetable(Timetable):
    """Runs at a fixed list of datetimes."""

    module = f"{_CORE}.events"

    def __init__(
        self,
        event_dates: Any,
        restrict_to_events: bool = False,
        presorted: bool = False,
        description: str | None = None,
    ) -> None:
        dates = list(event_dates) if presorted else sorted(event_dates)
        self.event_dates = dates
        if description is None:
            if dates:
                self.description = (
                    f"{len(dates)} events between {dates[0].isoformat()} and {dates[-1].isoformat()}"
                )
            else:
                self.description = "No events"
            self.summary = f"{len(dates)} events"
        else:
            self.summary = description
            self.description = description
        self.args = {"event_dates": dates, "restrict_to_events": restrict_to_events}


class AssetOrTimeSchedule(Timetable):
    """Runs on a time schedule and whenever the assets are updated."""

    module = f"{_CORE}.assets"

    def __init__(self, *, timetable: Timetable, assets: Any) -> None:
        condition = assets if isinstance(assets, BaseAsset) else AssetAll(*assets)
        self.timetable = timetable
        self.condition = condition
        self.summary = f"Asset or {timetable.summary}"
        self.description = f"Triggered by assets or {timetable.description}"
        self.can_be_scheduled = timetable.can_be_scheduled
        self.active_runs_limit = timetable.active_runs_limit
        self.args = {"timetable": timetable, "asset_condition": condition}

    def bind_timezone(self, tz_name: str) -> None:
        self.timetable.bind_timezone(tz_name)

    def validate(self) -> None:
        self.timetable.validate()


def from_schedule(schedule: Any) -> Timetable:
    """The timetable Airflow 3.2 builds for a ``schedule=`` value (default config)."""
    if isinstance(schedule, Timetable):
        return schedule
    if isinstance(schedule, BaseAsset):
        return AssetTriggeredTimetable(schedule)
    if schedule is None:
        return NullTimetable()
    if schedule == "@once":
        return OnceTimetable()
    if schedule == "@continuous":
        return ContinuousTimetable()
    if isinstance(schedule, dt.timedelta) or type(schedule).__name__ == "relativedelta":
        return DeltaTriggerTimetable(schedule)
    if isinstance(schedule, str):
        return CronTriggerTimetable(schedule, timezone=None)
    if isinstance(schedule, list | tuple | set):
        if not all(isinstance(x, BaseAsset) for x in schedule):
            raise ValueError(
                "All elements in 'schedule' should be either assets, asset references, or asset aliases"
            )
        return AssetTriggeredTimetable(AssetAll(*schedule))
    raise ValueError(f"{schedule!r} is not a valid schedule.")
