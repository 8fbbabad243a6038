"""Next scheduled runs for cron, delta and once timetables, with and without catchup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airgate.gateway.scheduler.dispatch import retry_delay
from airgate.gateway.scheduler.timetables import Cron, next_run

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def doc(kind: str, catchup: bool = False, start: str | None = "2026-11-20T00:00:00+00:00", **args: Any) -> dict[str, Any]:
    return {"timetable": {"type": kind, "args": args}, "start_date": start, "end_date": None, "catchup": catchup}


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_cron_fields() -> None:
    cron = Cron("*/15 9-17 * * 1-5")
    assert cron.next_after(at(23, 10, 30)) == at(23, 10, 45)
    assert cron.next_after(at(23, 10, 30), inclusive=True) == at(23, 10, 30)
    assert cron.next_after(at(27, 17, 45)) == at(30, 9, 0)  # Friday evening -> Monday
    assert cron.prev_before(at(23, 8, 0)) == at(20, 17, 45)


def test_cron_in_a_time_zone() -> None:
    assert Cron("0 0 * * *", "Europe/Paris").next_after(at(23, 12)) == at(23, 23)


def test_cron_trigger_without_catchup_runs_the_latest_fire_time() -> None:
    info = next_run(doc("CronTriggerTimetable", expression="0 0 * * *"), None, False, NOW)
    assert info is not None
    assert (info.logical_date, info.run_after) == (at(23), at(23))
    following = next_run(doc("CronTriggerTimetable", expression="0 0 * * *"), at(23), True, NOW)
    assert following is not None and following.run_after == at(24)  # not due yet


def test_cron_trigger_with_catchup_starts_at_start_date() -> None:
    info = next_run(doc("CronTriggerTimetable", catchup=True, expression="0 0 * * *"), None, False, NOW)
    assert info is not None and info.logical_date == at(20)
    info = next_run(doc("CronTriggerTimetable", catchup=True, expression="0 0 * * *"), at(20), True, NOW)
    assert info is not None and info.logical_date == at(21)


def test_cron_data_interval() -> None:
    info = next_run(doc("CronDataIntervalTimetable", catchup=True, expression="0 0 * * *"), None, False, NOW)
    assert info is not None
    assert (info.interval_start, info.interval_end, info.run_after) == (at(20), at(21), at(21))


def test_delta_trigger() -> None:
    hourly = {"delta": {"__type": "timedelta", "seconds": 3600.0}}
    info = next_run(doc("DeltaTriggerTimetable", **hourly), None, False, NOW)
    assert info is not None and info.run_after == at(23, 10)


def test_end_date_and_once() -> None:
    ended = doc("CronTriggerTimetable", catchup=True, expression="0 0 * * *")
    ended["end_date"] = "2026-11-19T00:00:00+00:00"
    assert next_run(ended, None, False, NOW) is None
    once = doc("OnceTimetable")
    assert next_run(once, None, False, NOW) is not None
    assert next_run(once, None, True, NOW) is None
    assert next_run(doc("NullTimetable"), None, False, NOW) is None


def test_retry_delay_with_backoff() -> None:
    assert retry_delay({"retry_delay": 10}, 1) == timedelta(seconds=10)
    task = {"retry_delay": 10, "retry_exponential_backoff": 2, "max_retry_delay": 50}
    assert retry_delay(task, 1) == timedelta(seconds=20)
    assert retry_delay(task, 3) == timedelta(seconds=50)
