"""decode_body answers like FastAPI + pydantic 2.13 (texts checked against pydantic itself)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest

from airgate.gateway._generated import execution
from airgate.gateway._generated import public as m
from airgate.gateway.api.validation import (
    RequestValidationError,
    UnhandledInputError,
    decode_body,
    decode_request_body,
)


def errors_of(raw: bytes | dict[str, Any] | str, model: Any) -> list[dict[str, Any]]:
    data = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
    with pytest.raises(RequestValidationError) as caught:
        decode_body(data, model)
    return caught.value.errors


def test_a_valid_body_decodes_into_the_model() -> None:
    body = decode_body(b'{"name": "p", "slots": 3, "description": null}', m.PoolBody)
    assert body == m.PoolBody(name="p", slots=3, description=None)
    assert body.team_name is msgspec.UNSET and body.include_deferred is False


def test_inputs_pydantic_accepts_in_lax_mode_are_coerced() -> None:
    body = decode_body(b'{"name": "p", "slots": "5", "include_deferred": "yes"}', m.PoolBody)
    assert (body.slots, body.include_deferred) == (5, True)
    assert decode_body(b'{"name": "p", "slots": 2.0}', m.PoolBody).slots == 2
    assert decode_body(b'{"name": "p", "slots": 1, "include_deferred": 1}', m.PoolBody).include_deferred is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", datetime(2024, 3, 1)),
        ("2024-03-01 10:20", datetime(2024, 3, 1, 10, 20)),
        ("2024-03-01T10:20:30.123456789Z", datetime(2024, 3, 1, 10, 20, 30, 123456, tzinfo=UTC)),
        ("2024-03-01T10:20:30+02:00", datetime(2024, 3, 1, 10, 20, 30, tzinfo=timezone(timedelta(hours=2)))),
        ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        (1700000000, datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        (None, None),
    ],
)
def test_datetimes_parse_as_pydantic_parses_them(value: Any, expected: datetime | None) -> None:
    body = decode_body(json.dumps({"logical_date": value}).encode(), m.TriggerDAGRunPostBody)
    assert body.logical_date == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("March", "input is too short"),
        ("2024-3-1", "input is too short"),
        ("today is the day", "invalid character in year"),
        ("2024-13-01", "month value is outside expected range of 1-12"),
        ("2024-02-30T00:00:00Z", "day value is outside expected range"),
        ("2024-03-01T25:00", "unexpected extra characters at the end of the input"),
        ("2024-03-01T00:00:00+25:00", "unexpected extra characters at the end of the input"),
    ],
)
def test_bad_datetimes_get_pydantics_date_error(value: str, error: str) -> None:
    assert errors_of({"logical_date": value}, m.TriggerDAGRunPostBody) == [
        {"type": "datetime_from_date_parsing", "loc": ["body", "logical_date"],
         "msg": f"Input should be a valid datetime or date, {error}", "input": value, "ctx": {"error": error}}
    ]


def test_a_datetime_of_the_wrong_json_type() -> None:
    assert errors_of({"logical_date": True}, m.TriggerDAGRunPostBody) == [
        {"type": "datetime_type", "loc": ["body", "logical_date"], "msg": "Input should be a valid datetime",
         "input": True}
    ]


def test_every_error_is_reported_fields_first_then_unknown_keys() -> None:
    body = {"zzz": 1, "connection_id": "bad id!", "conn_type": 7, "port": 1.5, "uri": "x"}
    assert errors_of(body, m.ConnectionBody) == [
        {"type": "string_pattern_mismatch", "loc": ["body", "connection_id"],
         "msg": "String should match pattern '^[\\w.-]+$'", "input": "bad id!", "ctx": {"pattern": "^[\\w.-]+$"}},
        {"type": "string_type", "loc": ["body", "conn_type"], "msg": "Input should be a valid string", "input": 7},
        {"type": "int_from_float", "loc": ["body", "port"],
         "msg": "Input should be a valid integer, got a number with a fractional part", "input": 1.5},
        {"type": "extra_forbidden", "loc": ["body", "zzz"], "msg": "Extra inputs are not permitted", "input": 1},
        {"type": "extra_forbidden", "loc": ["body", "uri"], "msg": "Extra inputs are not permitted", "input": "x"},
    ]


def test_a_pattern_with_a_trailing_newline_does_not_match() -> None:
    assert errors_of({"connection_id": "ok\n", "conn_type": "http"}, m.ConnectionBody)[0]["type"] == (
        "string_pattern_mismatch")


@pytest.mark.parametrize(
    ("value", "item"),
    [
        (2, {"type": "bool_parsing", "msg": "Input should be a valid boolean, unable to interpret input"}),
        ("maybe", {"type": "bool_parsing", "msg": "Input should be a valid boolean, unable to interpret input"}),
        ([1], {"type": "bool_type", "msg": "Input should be a valid boolean"}),
        (0.5, {"type": "bool_type", "msg": "Input should be a valid boolean"}),
    ],
)
def test_boolean_errors(value: Any, item: dict[str, Any]) -> None:
    assert errors_of({"is_paused": value}, m.DAGPatchBody) == [{**item, "loc": ["body", "is_paused"], "input": value}]


def test_length_and_bound_errors_carry_ctx() -> None:
    assert errors_of({"name": "x" * 257, "slots": -2}, m.PoolBody) == [
        {"type": "string_too_long", "loc": ["body", "name"], "msg": "String should have at most 256 characters",
         "input": "x" * 257, "ctx": {"max_length": 256}},
        {"type": "greater_than_equal", "loc": ["body", "slots"], "msg": "Input should be greater than or equal to -1",
         "input": -2, "ctx": {"ge": -1}},
    ]
    assert errors_of({"chosen_options": []}, m.UpdateHITLDetailPayload) == [
        {"type": "too_short", "loc": ["body", "chosen_options"],
         "msg": "List should have at least 1 item after validation, not 0", "input": [],
         "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0}}
    ]


@pytest.mark.parametrize("body", [b'"x"', b"[]", b"1"])
def test_a_body_that_is_not_an_object(body: bytes) -> None:
    assert errors_of(body, m.PoolBody) == [
        {"type": "model_attributes_type", "loc": ["body"],
         "msg": "Input should be a valid dictionary or object to extract fields from", "input": json.loads(body)}
    ]


@pytest.mark.parametrize("body", [b"", b"null", b"  "])
def test_no_body_is_a_missing_body(body: bytes) -> None:
    assert errors_of(body, m.PoolBody) == [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]
    assert decode_body(body, m.PoolBody, required=False) is None


def test_malformed_json_is_fastapis_json_invalid() -> None:
    assert errors_of(b'{"name": }', m.PoolBody) == [
        {"type": "json_invalid", "loc": ["body", 9], "msg": "JSON decode error", "input": {},
         "ctx": {"error": "Expecting value"}}
    ]


def test_union_members_are_all_reported_with_their_labels() -> None:
    assert errors_of({"task_ids": [1]}, m.ClearTaskInstancesBody) == [
        {"type": "string_type", "loc": ["body", "task_ids", 0, "str"], "msg": "Input should be a valid string",
         "input": 1},
        {"type": "tuple_type", "loc": ["body", "task_ids", 0, "tuple[str, int]"],
         "msg": "Input should be a valid tuple", "input": 1},
    ]
    body = decode_body(b'{"task_ids": ["a", ["b", 2]]}', m.ClearTaskInstancesBody)
    assert body.task_ids == ["a", ("b", 2)]


def test_bulk_actions_decode_into_their_tagged_structs() -> None:
    raw = b'{"actions": [{"action": "delete", "entities": ["a", {"name": "b", "slots": 1}]}]}'
    body = decode_body(raw, m.BulkBody_PoolBody_)
    assert body.actions == [m.BulkDeleteAction_PoolBody_(entities=["a", m.PoolBody(name="b", slots=1)])]


@pytest.mark.parametrize("action", [{"action": "merge", "entities": []}, {"entities": []}, "create"])
def test_an_unknown_bulk_action_crashes_as_in_airflow(action: Any) -> None:
    with pytest.raises(UnhandledInputError):
        decode_body(json.dumps({"actions": [action]}).encode(), m.BulkBody_PoolBody_)


def test_bulk_bodies_of_pools_connections_variables_report_each_error_twice() -> None:
    with pytest.raises(RequestValidationError) as caught:
        decode_request_body("bulk_variables", b'{"actions": [{"action": "create"}]}')
    item = {"type": "missing", "loc": ["body", "actions", 0, "create", "entities"], "msg": "Field required",
            "input": {"action": "create"}}
    assert caught.value.errors == [item, item]
    with pytest.raises(RequestValidationError) as caught:
        decode_request_body("bulk_task_instances", b'{"actions": [{"action": "create"}]}')
    assert len(caught.value.errors) == 1


def test_new_state_rules_of_patch_task_instance() -> None:
    assert decode_body(b'{"new_state": "SUCCESS"}', m.PatchTaskInstanceBody).new_state == m.TaskInstanceState.SUCCESS
    assert errors_of({"new_state": None}, m.PatchTaskInstanceBody) == [
        {"type": "value_error", "loc": ["body", "new_state"], "msg": "Value error, 'new_state' should not be empty",
         "input": None, "ctx": {"error": {}}}
    ]
    assert decode_body(b'{"note": "n"}', m.PatchTaskInstanceBody).new_state is msgspec.UNSET
    with pytest.raises(UnhandledInputError):
        decode_body(b'{"new_state": 1}', m.PatchTaskInstanceBody)


def test_clear_bodies_apply_airflows_model_checks() -> None:
    body = {"only_new": True, "only_failed": True}
    assert errors_of(body, m.DAGRunClearBody) == [
        {"type": "value_error", "loc": ["body"], "msg": "Value error, only_new and only_failed are mutually exclusive",
         "input": body, "ctx": {"error": {}}}
    ]
    with pytest.raises(UnhandledInputError):
        decode_body(b'{"only_failed": true, "only_running": true}', m.ClearTaskInstancesBody)
    assert decode_body(b'{"only_failed": false, "only_running": true}', m.ClearTaskInstancesBody).only_running


def test_execution_api_payloads_decode() -> None:
    raw = (b'{"state": "running", "hostname": "h", "unixname": "u", "pid": 12,'
           b' "start_date": "2026-11-23T22:25:15.480468Z"}')
    body = decode_body(raw, execution.TIEnterRunningPayload)
    assert body.pid == 12 and body.start_date == datetime(2026, 11, 23, 22, 25, 15, 480468, tzinfo=UTC)
    with pytest.raises(RequestValidationError) as caught:
        decode_body(b'{"state": "running"}', execution.TIEnterRunningPayload)
    assert [e["loc"] for e in caught.value.errors] == [["body", "hostname"], ["body", "unixname"], ["body", "pid"],
                                                       ["body", "start_date"]]
