"""Checking a trigger's ``conf`` against the DAG's params, as Airflow does before it creates a run (400).

Covers the JSON-schema keywords DAG params use most (``type``, ``enum``, ``minimum``/``maximum``,
``minLength``/``maxLength``); the message has the shape Airflow answers (the ``jsonschema`` error text).
"""

from __future__ import annotations

import pprint
from collections.abc import Mapping
from typing import Any

from airgate.gateway.errors import HTTPError

_TYPES: dict[str, Any] = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _indent(value: Any) -> str:
    return "\n".join("    " + line for line in pprint.pformat(value, width=72, sort_dicts=False).splitlines())


def _failure(value: Any, schema: Mapping[str, Any]) -> tuple[str, str] | None:
    """(keyword, message) of the first keyword ``value`` breaks, or None."""
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_TYPES.get(k, lambda _: True)(value) for k in kinds):
            return "type", f"{value!r} is not of type {', '.join(repr(k) for k in kinds)}"
    if "enum" in schema and value not in schema["enum"]:
        return "enum", f"{value!r} is not one of {schema['enum']!r}"
    if _TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            return "minimum", f"{value!r} is less than the minimum of {schema['minimum']!r}"
        if "maximum" in schema and value > schema["maximum"]:
            return "maximum", f"{value!r} is greater than the maximum of {schema['maximum']!r}"
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            return "minLength", f"{value!r} is too short"
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return "maxLength", f"{value!r} is too long"
    return None


def _as_written(schema: Mapping[str, Any]) -> dict[str, Any]:
    """dag.json keeps keys sorted; a schema is usually written ``type`` first, as Airflow then prints it."""
    return {**({"type": schema["type"]} if "type" in schema else {}), **schema}


def check_conf(params: Mapping[str, Any], conf: Mapping[str, Any]) -> None:
    """400 with Airflow's message when a ``conf`` value breaks its param's schema."""
    for name, param in params.items():
        if name not in conf or not isinstance(param, Mapping):
            continue
        schema = param.get("schema") or {}
        failure = _failure(conf[name], schema)
        if failure is not None:
            keyword, message = failure
            raise HTTPError(400, f"Invalid input for param {name}: {message}\n\n"
                                 f"Failed validating {keyword!r} in schema:\n{_indent(_as_written(schema))}\n\n"
                                 f"On instance:\n{_indent(conf[name])}")
