"""Masking of secrets in audit records, on top of :mod:`airgate.gateway.services.redaction`.

The sensitive words are Airflow's default list; :mod:`redaction` applies them.
"""

from __future__ import annotations

import json
from typing import Any

from airgate.gateway.services.redaction import redact


def mask_mapping(data: dict[str, Any], *, connection: bool = False) -> dict[str, Any]:
    """Each value redacted by its key (Airflow's rules, :mod:`redaction`); a connection's JSON ``extra`` is
    parsed and redacted key by key."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        if connection and key == "extra" and value:
            result[key] = mask_extra(value)
        else:
            result[key] = redact(value, key)
    return result


def mask_extra(extra: str) -> Any:
    """A connection's extra with sensitive keys hidden (Airflow's audit wording for bad JSON)."""
    try:
        parsed = json.loads(extra)
    except (TypeError, ValueError):
        return "Encountered non-JSON in `extra` field"
    if not isinstance(parsed, dict):
        return "Expected JSON object in `extra` field, got non-dict JSON"
    return {k: redact(v, k) for k, v in parsed.items()}


def mask_variable_body(body: dict[str, Any]) -> dict[str, Any]:
    """A variable body with its value hidden when its key is sensitive."""
    result: dict[str, Any] = {}
    key_name = body.get("key")
    for key, value in body.items():
        if key in ("val", "value") and isinstance(key_name, str):
            result[key] = redact(value, key_name)
        else:
            result[key] = value
    return result
