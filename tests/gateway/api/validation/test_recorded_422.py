"""Every list-shaped 422 that the real Airflow 3.2.2 sent, reproduced item for item by our validation."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

import pytest
from testsupport import EXCHANGES

from airgate.gateway.api.spec import OPERATIONS
from airgate.gateway.api.validation import RequestValidationError, decode_request_body, parse_params

#: errors Airflow raises outside FastAPI's request validation (handler code / model validators)
NOT_REQUEST_VALIDATION = {
    ("patch_pool", "missing"),  # PATCH /pools with update_mask validates the body in the handler
}


def _recorded() -> list[Any]:
    cases = []
    for file in sorted(EXCHANGES.glob("*.json")):
        if file.name == "index.json":
            continue
        for n, ex in enumerate(json.loads(file.read_text())):
            body = ex["response"]["body"]
            if ex["response"]["status"] != 422 or not isinstance(body, dict) or not isinstance(body["detail"], list):
                continue
            op = file.stem
            if any((op, e["type"]) in NOT_REQUEST_VALIDATION for e in body["detail"]):
                continue
            cases.append(pytest.param(op, ex, id=f"{op}-{n}"))
    return cases


def _path_params(template: str, path: str) -> dict[str, str]:
    pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
    match = re.match(pattern, path)
    assert match is not None, (template, path)
    return {k: unquote(v) for k, v in match.groupdict().items()}


def _query(query: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for key, value in query.items():
        for v in value if isinstance(value, list) else [value]:
            out.append((key, v))
    return out


def validate_like_fastapi(op: str, request: dict[str, Any]) -> list[dict[str, Any]]:
    """Errors of parameters then body, concatenated as FastAPI reports them."""
    info = OPERATIONS[op]
    errors: list[dict[str, Any]] = []
    try:
        parse_params(op, _query(request.get("query") or {}), _path_params(info.path, request["path"]))
    except RequestValidationError as exc:
        errors += exc.errors
    raw = b"" if request.get("body") is None else json.dumps(request["body"]).encode()
    try:
        decode_request_body(op, raw)
    except RequestValidationError as exc:
        errors += exc.errors
    return errors


@pytest.mark.parametrize(("op", "exchange"), _recorded())
def test_recorded_422_is_reproduced(op: str, exchange: dict[str, Any]) -> None:
    assert validate_like_fastapi(op, exchange["request"]) == exchange["response"]["body"]["detail"]


def test_the_recording_has_enough_cases() -> None:
    assert len(_recorded()) >= 80
