"""Which runs a backfill covers, per timetable kind: logical dates in ``[from_date, to_date]``, data intervals,
``run_after``, only intervals that have ended, reversed on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airgate.gateway.services.backfill_dates import RunInfo, run_infos

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def day(d: int, h: int = 0) -> datetime:
    return datetime(2024, 3, d, h, tzinfo=UTC)


def doc(kind: str, **args: Any) -> dict[str, Any]:
    return {"timetable": {"type": kind, "args": args}, "start_date": "2025-01-01T00:00:00+00:00", "catchup": False}


def test_cron_trigger_runs_at_each_fire_time_in_the_range() -> None:
    daily = doc("CronTriggerTimetable", expression="0 0 * * *", timezone="UTC", interval=0.0)
    assert run_infos(daily, day(1, 6), day(3), reverse=False, now=NOW) == [
        RunInfo(day(2), day(2), day(2), day(2)), RunInfo(day(3), day(3), day(3), day(3))]
    hourly_window = doc("CronTriggerTimetable", expression="0 0 * * *", timezone="UTC", interval=3600.0)
    assert run_infos(hourly_window, day(1), day(1), reverse=False, now=NOW) == [
        RunInfo(day(1) - timedelta(hours=1), day(1) - timedelta(hours=1), day(1), day(1))]


def test_data_interval_timetables_run_after_their_interval_ends() -> None:
    daily = doc("CronDataIntervalTimetable", expression="0 0 * * *", timezone="UTC")
    assert run_infos(daily, day(1), day(2), reverse=True, now=NOW) == [
        RunInfo(day(2), day(2), day(3), day(3)), RunInfo(day(1), day(1), day(2), day(2))]
    six_hours = doc("DeltaDataIntervalTimetable", delta={"__type": "timedelta", "seconds": 21600})
    assert [i.logical_date for i in run_infos(six_hours, day(10), day(11), reverse=False, now=NOW)] == [
        day(10, 0)]  # 06:00-12:00 has not ended before NOW


def test_delta_trigger_once_and_unsupported() -> None:
    every_day = doc("DeltaTriggerTimetable", delta={"__type": "timedelta", "seconds": 86400}, interval=0.0)
    assert [i.logical_date for i in run_infos(every_day, day(1, 5), day(3), reverse=False, now=NOW)] == [
        day(1, 5), day(2, 5)]
    assert run_infos(doc("OnceTimetable"), day(1), day(2), reverse=False, now=NOW) == [
        RunInfo(day(1), day(1), day(1), day(1))]
    assert run_infos(doc("NullTimetable"), day(1), day(2), reverse=False, now=NOW) == []
    assert run_infos(doc("AssetTriggeredTimetable"), day(1), day(2), reverse=False, now=NOW) == []
    assert run_infos(doc("CronTriggerTimetable", expression="not cron"), day(1), day(2), reverse=False, now=NOW) == []


def test_time_zone_of_a_cron_schedule() -> None:
    paris = doc("CronTriggerTimetable", expression="0 0 * * *", timezone="Europe/Paris", interval=0.0)
    assert [i.logical_date for i in run_infos(paris, day(1), day(2), reverse=False, now=NOW)] == [
        day(1, 23)]  # midnight in Paris
