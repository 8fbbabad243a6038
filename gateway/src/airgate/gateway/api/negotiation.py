"""Accept-header negotiation as Airflow's endpoints do it (prefix match, ``*/*`` first)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from litestar import Request

from airgate.gateway.errors import HTTPError


class Accept(StrEnum):
    ANY = "*/*"
    JSON = "application/json"
    TEXT = "text/plain"
    NDJSON = "application/x-ndjson"


def accept_json_or_text(request: Request[Any, Any, Any]) -> Accept:
    value = request.headers.get("accept", "*/*")
    for kind in (Accept.ANY, Accept.JSON, Accept.TEXT):
        if value.startswith(kind):
            return kind
    raise HTTPError(406, "Only application/json or text/plain is supported")


def accept_json_or_ndjson(request: Request[Any, Any, Any]) -> Accept:
    value = request.headers.get("accept", "*/*")
    for kind in (Accept.ANY, Accept.JSON, Accept.NDJSON):
        if value.startswith(kind):
            return kind
    raise HTTPError(406, "Only application/json or application/x-ndjson is supported")
