"""parse_params validates query and path parameters against the vendored spec, as FastAPI does."""

from __future__ import annotations

import timeit
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from airgate.gateway._generated import public
from airgate.gateway.api.spec import ALL_OPERATIONS
from airgate.gateway.api.validation import RequestValidationError, parse_params, precompile


def errors_of(op: str, query: Any, path: dict[str, str] | None = None) -> list[dict[str, Any]]:
    with pytest.raises(RequestValidationError) as caught:
        parse_params(op, query, path or {})
    return caught.value.errors


def test_absent_parameters_take_the_spec_defaults() -> None:
    values = parse_params("get_dags", [], {})
    assert values["limit"] == 50 and values["offset"] == 0
    assert values["order_by"] == ["dag_id"] and values["exclude_stale"] is True
    assert values["tags"] == [] and values["paused"] is None and values["tags_match_mode"] is None
    values["order_by"].append("x")
    assert parse_params("get_dags", [], {})["order_by"] == ["dag_id"]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("false", False), ("1", True), ("0", False), ("yes", True), ("no", False), ("on", True),
     ("off", False), ("t", True), ("f", False), ("y", True), ("n", False), ("TRUE", True), ("Off", False)],
)
def test_booleans_as_fastapi_parses_them(raw: str, value: bool) -> None:
    assert parse_params("get_dags", [("paused", raw)], {})["paused"] is value


def test_values_are_coerced_and_unknown_parameters_ignored() -> None:
    values = parse_params("get_dags", [("limit", "5"), ("limit", "7"), ("tags", "a"), ("tags", "b"),
                                       ("tags_match_mode", "all"), ("whatever", "x")], {})
    assert values["limit"] == 7  # the last of repeated values, as Starlette
    assert values["tags"] == ["a", "b"] and values["tags_match_mode"] == "all"
    assert "whatever" not in values


def test_enum_parameters_become_enum_members() -> None:
    values = parse_params("list_dag_warnings", [("warning_type", "asset conflict")], {})
    assert values["warning_type"] is public.DagWarningType.ASSET_CONFLICT


@pytest.mark.parametrize(
    ("raw", "value"),
    [("2024-01-02T03:04:05+02:00", datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))),
     ("2024-01-02T03:04:05Z", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
     ("2024-01-02", datetime(2024, 1, 2)),
     ("2024-01-02T03:04", datetime(2024, 1, 2, 3, 4))],
)
def test_datetimes_keep_their_timezone_or_lack_of_one(raw: str, value: datetime) -> None:
    assert parse_params("get_event_logs", [("before", raw)], {})["before"] == value


def test_every_parameter_error_is_reported_in_spec_order() -> None:
    assert errors_of("get_dags", [("paused", "maybe"), ("limit", "-1"), ("tags_match_mode", "some")]) == [
        {"type": "greater_than_equal", "loc": ["query", "limit"], "msg": "Input should be greater than or equal to 0",
         "input": "-1", "ctx": {"ge": 0}},
        {"type": "literal_error", "loc": ["query", "tags_match_mode"], "msg": "Input should be 'any' or 'all'",
         "input": "some", "ctx": {"expected": "'any' or 'all'"}},
        {"type": "bool_parsing", "loc": ["query", "paused"],
         "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"},
    ]


def test_list_items_are_located_by_index() -> None:
    assert errors_of("get_dag_runs", [("dag_version", "1"), ("dag_version", "x")], {"dag_id": "d"}) == [
        {"type": "int_parsing", "loc": ["query", "dag_version", 1],
         "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"}
    ]


def test_missing_required_and_empty_values() -> None:
    assert errors_of("list_backfills", []) == [
        {"type": "missing", "loc": ["query", "dag_id"], "msg": "Field required", "input": None}
    ]
    assert errors_of("get_dags", [("limit", "")]) == [
        {"type": "int_parsing", "loc": ["query", "limit"],
         "msg": "Input should be a valid integer, unable to parse string as an integer", "input": ""}
    ]
    assert parse_params("get_dag_runs", [("cursor", "")], {"dag_id": "d"})["cursor"] == ""


def test_path_parameters() -> None:
    assert parse_params("get_backfill", [], {"backfill_id": "12"}) == {"backfill_id": 12}
    assert errors_of("get_backfill", [], {"backfill_id": "-1"}) == [
        {"type": "greater_than_equal", "loc": ["path", "backfill_id"],
         "msg": "Input should be greater than or equal to 0", "input": "-1", "ctx": {"ge": 0}}
    ]
    assert errors_of("get_list_dag_runs_batch", [], {"dag_id": "d"})[0]["msg"] == "Input should be '~'"


def test_number_bounds_print_like_pydantic() -> None:
    path = {"dag_id": "d", "dag_run_id": "r"}
    assert errors_of("wait_dag_run_until_finished", [("interval", "0")], path) == [
        {"type": "greater_than", "loc": ["query", "interval"], "msg": "Input should be greater than 0", "input": "0",
         "ctx": {"gt": 0.0}}
    ]
    assert errors_of("wait_dag_run_until_finished", [("interval", "soon")], path)[0]["type"] == "float_parsing"
    assert parse_params("wait_dag_run_until_finished", [("interval", "0.5")], path)["interval"] == 0.5


def test_execution_api_operations_are_prefixed() -> None:
    ti = "0198a3c2-0000-7000-8000-000000000001"
    assert parse_params("execution.ti_run", [], {"task_instance_id": ti}) == {"task_instance_id": uuid.UUID(ti)}
    assert errors_of("execution.ti_run", [], {"task_instance_id": "abc"}) == [
        {"type": "uuid_parsing", "loc": ["path", "task_instance_id"],
         "msg": "Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3",
         "input": "abc", "ctx": {"error": "invalid length: expected length 32 for simple format, found 3"}}
    ]


class _MultiDict:
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = items

    def multi_items(self) -> list[tuple[str, str]]:
        return self._items


def test_query_may_be_pairs_a_multidict_or_a_mapping() -> None:
    pairs = [("state", "running"), ("state", "queued"), ("limit", "3")]
    expected = parse_params("get_dag_runs", pairs, {"dag_id": "d"})
    assert expected["state"] == ["running", "queued"] and expected["limit"] == 3
    assert parse_params("get_dag_runs", _MultiDict(pairs), {"dag_id": "d"}) == expected
    assert parse_params("get_dag_runs", {"state": ["running", "queued"], "limit": "3"}, {"dag_id": "d"}) == expected


def test_every_operation_compiles_and_parsing_is_cheap() -> None:
    precompile()
    assert len(ALL_OPERATIONS) == 136 + 39
    query = [("limit", "5"), ("offset", "10"), ("paused", "true")]
    per_call = timeit.timeit(lambda: parse_params("get_dags", query, {}), number=2000) / 2000
    assert per_call < 200e-6  # a few microseconds on an idle core; generous for a shared machine
