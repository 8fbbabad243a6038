"""A standard-library stand-in for the parts of ``pendulum`` that DAG files use at parse time.

Served as the module ``pendulum`` inside the parse worker (see ``docs/dag-json.md``, "pendulum").
"""

from __future__ import annotations

import datetime as _dt
import zoneinfo
from typing import Any


class Timezone(zoneinfo.ZoneInfo):
    """An IANA timezone (pendulum's ``Timezone``)."""

    @property
    def name(self) -> str:
        """The IANA name."""
        return str(self.key)


class FixedTimezone(_dt.tzinfo):
    """A fixed UTC offset in seconds."""

    def __init__(self, offset: int, name: str | None = None) -> None:
        self.offset = offset
        self._name = name

    @property
    def name(self) -> str:
        """``+HH:MM`` like pendulum."""
        if self._name:
            return self._name
        sign = "-" if self.offset < 0 else "+"
        hours, rest = divmod(abs(self.offset), 3600)
        return f"{sign}{hours:02d}:{rest // 60:02d}"

    def utcoffset(self, dt: _dt.datetime | None) -> _dt.timedelta:
        return _dt.timedelta(seconds=self.offset)

    def dst(self, dt: _dt.datetime | None) -> _dt.timedelta:
        return _dt.timedelta(0)

    def tzname(self, dt: _dt.datetime | None) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"FixedTimezone({self.offset}, name={self.name!r})"


UTC = Timezone("UTC")


def timezone(name: str | int) -> Timezone | FixedTimezone:
    """``pendulum.timezone``: an IANA name or an offset in seconds."""
    if isinstance(name, int):
        return FixedTimezone(name)
    if name.upper() == "UTC":
        return UTC
    return Timezone(name)


def _tz(tz: Any) -> _dt.tzinfo:
    if tz is None:
        return UTC
    if isinstance(tz, str | int):
        return timezone(tz)
    return tz


class Duration(_dt.timedelta):
    """``pendulum.Duration``: a timedelta (weeks, days ... microseconds)."""

    def in_seconds(self) -> int:
        return int(self.total_seconds())


def duration(
    days: float = 0,
    seconds: float = 0,
    microseconds: float = 0,
    milliseconds: float = 0,
    minutes: float = 0,
    hours: float = 0,
    weeks: float = 0,
    years: int = 0,
    months: int = 0,
) -> Duration:
    """``pendulum.duration`` (years count 365 days, months 30, as pendulum's totals do)."""
    return Duration(
        days=days + years * 365 + months * 30,
        seconds=seconds,
        microseconds=microseconds,
        milliseconds=milliseconds,
        minutes=minutes,
        hours=hours,
        weeks=weeks,
    )


class DateTime(_dt.datetime):
    """``pendulum.DateTime``: an aware datetime with pendulum's helpers."""

    @property
    def timezone(self) -> Any:
        return self.tzinfo

    @property
    def timezone_name(self) -> str | None:
        return getattr(self.tzinfo, "name", None) or (self.tzinfo.tzname(self) if self.tzinfo else None)

    def add(
        self,
        years: int = 0,
        months: int = 0,
        weeks: int = 0,
        days: int = 0,
        hours: int = 0,
        minutes: int = 0,
        seconds: float = 0,
        microseconds: int = 0,
    ) -> DateTime:
        base: _dt.datetime = self
        if years or months:
            month0 = self.month - 1 + months + years * 12
            year, month = self.year + month0 // 12, month0 % 12 + 1
            day = min(self.day, _days_in_month(year, month))
            base = self.replace(year=year, month=month, day=day)
        out = base + _dt.timedelta(
            weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds, microseconds=microseconds
        )
        return instance(out)

    def subtract(self, **kwargs: Any) -> DateTime:
        return self.add(**{k: -v for k, v in kwargs.items()})

    def in_timezone(self, tz: Any) -> DateTime:
        return instance(self.astimezone(_tz(tz)))

    in_tz = in_timezone

    def start_of(self, unit: str) -> DateTime:
        fields = {"minute": 5, "hour": 4, "day": 3, "month": 2, "year": 1}
        keep = fields[unit]
        parts = [self.year, self.month, self.day, self.hour, self.minute, self.second]
        defaults = [1, 1, 1, 0, 0, 0]
        vals = parts[:keep] + defaults[keep:]
        return DateTime(vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], tzinfo=self.tzinfo)

    def to_iso8601_string(self) -> str:
        return self.isoformat()

    def to_date_string(self) -> str:
        return self.date().isoformat()

    def __add__(self, other: Any) -> Any:
        out = super().__add__(other)
        return instance(out) if isinstance(out, _dt.datetime) else out

    def __sub__(self, other: Any) -> Any:
        out = super().__sub__(other)
        return instance(out) if isinstance(out, _dt.datetime) else out


Date = _dt.date
Time = _dt.time


def _days_in_month(year: int, month: int) -> int:
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - _dt.timedelta(days=1)).day


def instance(value: _dt.datetime, tz: Any = None) -> DateTime:
    """Wrap a datetime as a ``DateTime`` (naive values get ``tz`` or UTC)."""
    tzinfo = value.tzinfo or _tz(tz)
    return DateTime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=tzinfo,
        fold=value.fold,
    )


def datetime(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
    tz: Any = UTC,
    **_: Any,
) -> DateTime:
    """``pendulum.datetime`` (UTC unless ``tz`` is given)."""
    return DateTime(year, month, day, hour, minute, second, microsecond, tzinfo=_tz(tz))


def local(*args: Any, **kwargs: Any) -> DateTime:
    """``pendulum.local``: treated as UTC (the parser has no local zone)."""
    return datetime(*args, **kwargs)


def now(tz: Any = None) -> DateTime:
    """The current time."""
    return instance(_dt.datetime.now(_tz(tz)))


def today(tz: Any = None) -> DateTime:
    """Start of today."""
    return now(tz).start_of("day")


def yesterday(tz: Any = None) -> DateTime:
    """Start of yesterday."""
    return today(tz).subtract(days=1)


def tomorrow(tz: Any = None) -> DateTime:
    """Start of tomorrow."""
    return today(tz).add(days=1)


def parse(text: str, tz: Any = UTC, **_: Any) -> DateTime:
    """ISO-8601 parsing (what DAG files pass to ``pendulum.parse``)."""
    value = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return instance(value, tz)


def from_timestamp(ts: float, tz: Any = UTC) -> DateTime:
    """A DateTime from a POSIX timestamp."""
    return instance(_dt.datetime.fromtimestamp(ts, _tz(tz)))


__version__ = "3.0.0"
