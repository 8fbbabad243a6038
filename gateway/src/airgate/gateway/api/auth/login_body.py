"""The simple auth manager's ``LoginBody`` (username, password), parsed as Airflow does.

``POST /auth/token`` validates outside FastAPI, so its 422 detail is pydantic's error *text*;
``POST /auth/token/cli`` validates as a normal body, so its detail is the usual list of errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from airgate.gateway.api.auth.pydantic_text import validation_error_text


class LoginBodyError(Exception):
    """Invalid credentials body; ``detail`` is what the 422 answer carries."""

    def __init__(self, detail: Any) -> None:
        super().__init__(detail)
        self.detail = detail


def _check(data: Any, *, string_detail: bool) -> tuple[str, str]:
    errors: list[dict[str, Any]] = []
    if not isinstance(data, dict):
        errors.append({"type": "model_attributes_type", "loc": [], "msg": "Input should be a valid dictionary or "
                       "object to extract fields from", "input": data})
    else:
        for field in ("username", "password"):
            if field not in data:
                errors.append({"type": "missing", "loc": [field], "msg": "Field required", "input": data})
            elif not isinstance(data[field], str):
                errors.append({"type": "string_type", "loc": [field], "msg": "Input should be a valid string",
                               "input": data[field]})
        extra = [k for k in data if k not in ("username", "password")]
        for key in extra:
            errors.append({"type": "extra_forbidden", "loc": [key], "msg": "Extra inputs are not permitted",
                           "input": data[key]})
    if errors:
        if string_detail:
            raise LoginBodyError(validation_error_text("LoginBody", errors))
        raise LoginBodyError([{**e, "loc": ["body", *e["loc"]]} for e in errors])
    return data["username"], data["password"]


def parse_login_json(raw: bytes, *, string_detail: bool) -> tuple[str, str]:
    try:
        data = json.loads(raw) if raw else None
    except ValueError as exc:
        raise LoginBodyError([{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error",
                               "input": {}, "ctx": {"error": str(exc).split(":")[0]}}]) from None
    if data is None:
        raise LoginBodyError([{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}])
    return _check(data, string_detail=string_detail)


def parse_login_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[str, str]:
    form = dict(pairs)
    data: dict[str, Any] = {"username": form.get("username"), "password": form.get("password")}
    return _check(data, string_detail=True)
