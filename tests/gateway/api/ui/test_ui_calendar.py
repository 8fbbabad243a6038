"""``GET /ui/calendar/{dag_id}`` over DAGs registered from real files (SQLite and PostgreSQL): runs counted per
day or hour and state, planned runs from the DAG's timetable, filters and Airflow 3.2.2's errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from ui_seed import add_run, dag_file, parser_pool, register

from airgate.gateway.services.ui.calendar import get_calendar
from airgate.shim import ParserPool

AssertJson = Callable[[httpx.Response, int, Any], None]
Tokens = dict[str, dict[str, str]]


def d(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def z(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def planned(start: datetime, days: int) -> list[dict[str, Any]]:
    return [{"date": z(start + timedelta(days=n)), "state": "planned", "count": 1} for n in range(days)]


pool = pytest.fixture(scope="module")(parser_pool)


@pytest.fixture
async def seeded(app: Litestar, client: httpx.AsyncClient, tmp_path: Path, pool: ParserPool) -> None:
    store = app.state.airgate.store
    await register(store, tmp_path / "dags", {
        "daily.py": dag_file("cal_daily", "'@daily'"),
        "manual.py": dag_file("cal_manual", "None"),
        "delta.py": "import datetime\n" + dag_file("cal_delta", "datetime.timedelta(hours=6)"),
        "frequent.py": dag_file("cal_frequent", "'*/20 * * * *'"),
        "mondays.py": dag_file("cal_mondays", "'0 9 * * 1'"),
    }, pool)
    await add_run(store, "cal_daily", "a", "success", logical_date=d(3, 1))
    await add_run(store, "cal_daily", "b", "failed", logical_date=d(3, 2))
    await add_run(store, "cal_daily", "c", "success", logical_date=d(3, 2, 5, 30))
    await add_run(store, "cal_daily", "d", "success", logical_date=d(3, 3))
    await add_run(store, "cal_daily", "e", "running", logical_date=None, start=d(3, 4), interval=False)
    await add_run(store, "cal_manual", "m1", "success", logical_date=d(3, 1, 7))
    await add_run(store, "cal_manual", "m2", "queued", logical_date=d(3, 1, 9))
    await add_run(store, "cal_delta", "x", "success", logical_date=d(12, 31, 6))
    await add_run(store, "cal_frequent", "f", "success", logical_date=d(12, 31, 22))
    await add_run(store, "cal_mondays", "w", "failed", logical_date=d(12, 7, 9))


WINDOW = {"logical_date_gte": "2026-03-01T00:00:00Z", "logical_date_lte": "2026-03-10T23:59:59Z"}


class TestGetCalendar:
    async def test_buckets_filters_and_planned_runs(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                                    assert_json: AssertJson) -> None:
        runs = [{"date": "2026-03-01T00:00:00Z", "state": "success", "count": 1},
                {"date": "2026-03-02T00:00:00Z", "state": "failed", "count": 1},
                {"date": "2026-03-02T00:00:00Z", "state": "success", "count": 1},
                {"date": "2026-03-03T00:00:00Z", "state": "success", "count": 1}]
        response = await client.get("/ui/calendar/cal_daily", params={"granularity": "daily", **WINDOW},
                                    headers=tokens["viewer"])
        assert_json(response, 200, {"total_entries": 11, "dag_runs": runs + planned(d(3, 4), 7)})
        # the default granularity is daily
        assert (await client.get("/ui/calendar/cal_daily", params=WINDOW, headers=tokens["viewer"])).json() == \
            response.json()
        hourly = [{"date": "2026-03-01T00:00:00Z", "state": "success", "count": 1},
                {"date": "2026-03-02T00:00:00Z", "state": "failed", "count": 1},
                {"date": "2026-03-02T05:00:00Z", "state": "success", "count": 1},
                {"date": "2026-03-03T00:00:00Z", "state": "success", "count": 1}]
        params = {"granularity": "hourly", "logical_date_gte": "2026-03-01T00:00:00Z",
                  "logical_date_lt": "2026-03-05T00:00:00Z"}
        assert_json(await client.get("/ui/calendar/cal_daily", params=params, headers=tokens["admin"]), 200,
                    {"total_entries": 5, "dag_runs": hourly + planned(d(3, 4), 1)})
        # a bound without a zone is UTC
        params = {"logical_date_gt": "2026-03-01T00:00:00", "logical_date_lte": "2026-03-02T23:00:00+00:00"}
        assert_json(await client.get("/ui/calendar/cal_daily", params=params, headers=tokens["admin"]), 200,
                    {"total_entries": 2, "dag_runs": [
                        {"date": "2026-03-02T00:00:00Z", "state": "failed", "count": 1},
                        {"date": "2026-03-02T00:00:00Z", "state": "success", "count": 1}]})
        # a manual-only DAG has no planned runs; two runs on one day count per state
        assert_json(await client.get("/ui/calendar/cal_manual", headers=tokens["admin"]), 200,
                    {"total_entries": 2, "dag_runs": [
                        {"date": "2026-03-01T00:00:00Z", "state": "queued", "count": 1},
                        {"date": "2026-03-01T00:00:00Z", "state": "success", "count": 1}]})
        # a partition-date filter replaces the logical-date one (no run here has a partition date)
        params = {**WINDOW, "partition_date_gte": "2026-01-01T00:00:00Z"}
        assert_json(await client.get("/ui/calendar/cal_daily", params=params, headers=tokens["admin"]), 200,
                    {"total_entries": 0, "dag_runs": []})
        body = (await client.get("/ui/calendar/cal_daily", headers=tokens["admin"])).json()
        # the run without a logical date cannot be placed; planned runs go from Mar 4 to Dec 31
        assert body["dag_runs"][4:] == planned(d(3, 4), 303)
        assert body["total_entries"] == 4 + 303

    async def test_cron_schedules(self, client: httpx.AsyncClient, tokens: Tokens, seeded: None,
                                  assert_json: AssertJson) -> None:
        # several cron times in one hour add up; the planned runs stop when the year ends
        assert_json(await client.get("/ui/calendar/cal_frequent", params={"granularity": "hourly"},
                                     headers=tokens["admin"]), 200, {"total_entries": 3, "dag_runs": [
                                         {"date": "2026-12-31T22:00:00Z", "state": "success", "count": 1},
                                         {"date": "2026-12-31T22:00:00Z", "state": "planned", "count": 2},
                                         {"date": "2026-12-31T23:00:00Z", "state": "planned", "count": 3}]})
        # days the cron does not fire on are skipped
        assert_json(await client.get("/ui/calendar/cal_mondays", headers=tokens["admin"]), 200,
                    {"total_entries": 4, "dag_runs": [
                        {"date": "2026-12-07T00:00:00Z", "state": "failed", "count": 1},
                        *({"date": f"2026-12-{day}T00:00:00Z", "state": "planned", "count": 1}
                          for day in (14, 21, 28))]})

    async def test_delta_timetable_plans_without_catchup(self, app: Litestar, seeded: None) -> None:
        # the last run is on Dec 31 06:00; every 6 hours until the year ends (computed at a fixed "now")
        async with app.state.airgate.store.read() as conn:
            body = await get_calendar(conn, "cal_delta", {"granularity": "hourly"}, now=d(12, 31, 7))
        assert body == {"total_entries": 3, "dag_runs": [
            {"date": d(12, 31, 6), "state": "success", "count": 1},
            {"date": d(12, 31, 12), "state": "planned", "count": 1},
            {"date": d(12, 31, 18), "state": "planned", "count": 1}]}

    async def test_errors(self, client: httpx.AsyncClient, tokens: Tokens, assert_json: AssertJson) -> None:
        admin = tokens["admin"]
        assert_json(await client.get("/ui/calendar/no_such_dag", params={"granularity": "daily"}, headers=admin),
                    404, {"detail": "The Dag with ID: `no_such_dag` was not found"})
        assert_json(await client.get("/ui/calendar/cal_daily", params={"granularity": "weekly"}, headers=admin),
                    422, {"detail": [{"type": "literal_error", "loc": ["query", "granularity"],
                                      "msg": "Input should be 'hourly' or 'daily'", "input": "weekly",
                                      "ctx": {"expected": "'hourly' or 'daily'"}}]})
        response = await client.get("/ui/calendar/cal_daily", params={"logical_date_gte": "soon"}, headers=admin)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "logical_date_gte"]
        assert_json(await client.get("/ui/calendar/cal_daily"), 401, {"detail": "Not authenticated"})
        assert_json(await client.get("/ui/calendar/cal_daily", headers={"Authorization": "Bearer this-is-not-a-jwt"}),
                    403, {"detail": "Invalid JWT token"})
