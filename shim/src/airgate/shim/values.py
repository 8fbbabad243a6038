"""Deterministic JSON encoding of the Python values a DAG file passes as arguments.

Plain JSON values pass through; everything else becomes a tagged object ``{"__type": ..., ...}``
(documented in ``docs/dag-json.md``). No memory addresses or parse-time data ever leak in.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
from typing import Any

_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")
JSON_SCALARS = frozenset({str, int, bool, type(None)})  # exact types ``encode`` returns unchanged
# isinstance() unions built once: ``x | y`` inside a call builds a new union object each time (~0.2 us)
SEQUENCE = list | tuple
COLLECTION = list | tuple | set
_SCALAR = bool | int | str
_SET = set | frozenset


def callable_ref(fn: Any) -> dict[str, Any]:
    """Where the agent finds a callable: module-level name and/or file:line."""
    from . import _ctx

    target = inspect.unwrap(fn) if callable(fn) else fn
    name = getattr(target, "__qualname__", None) or getattr(target, "__name__", None) or type(target).__name__
    module = getattr(target, "__module__", None) or ""
    code = getattr(target, "__code__", None)
    ref: dict[str, Any] = {"__type": "callable", "name": name}
    if code is not None and code.co_filename == _ctx.STATE.fileloc:
        ref["module"] = "<dag file>"
        ref["line"] = code.co_firstlineno
        ref["module_level"] = "." not in name and "<lambda>" not in name
    else:
        ref["module"] = module
        if not callable(fn) or not hasattr(fn, "__qualname__"):
            ref["object_class"] = f"{type(fn).__module__}.{type(fn).__qualname__}"
    return ref


def encode(value: Any, depth: int = 0) -> Any:
    """Encode ``value`` as deterministic JSON data."""
    if depth > 50:
        return {"__type": "repr", "repr": "<too deep>"}
    if type(value) in JSON_SCALARS or isinstance(value, _SCALAR):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"__type": "float", "repr": repr(value)}
        return value
    if isinstance(value, enum.Enum):
        return encode(value.value, depth + 1)
    to_json = getattr(value, "__shim_json__", None)
    if to_json is not None and not isinstance(value, type):
        return to_json()
    if isinstance(value, dt.datetime):
        return {"__type": "datetime", "value": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__type": "date", "value": value.isoformat()}
    if isinstance(value, dt.time):
        return {"__type": "time", "value": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"__type": "timedelta", "seconds": value.total_seconds()}
    if isinstance(value, dict):
        return {str(k): encode(v, depth + 1) for k, v in value.items()}
    if isinstance(value, SEQUENCE):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, _SET):
        items = [encode(v, depth + 1) for v in value]
        return {"__type": "set", "items": sorted(items, key=repr)}
    if isinstance(value, bytes):
        return {"__type": "bytes", "repr": repr(value)}
    if isinstance(value, type):
        return {"__type": "class", "name": f"{value.__module__}.{value.__qualname__}"}
    if callable(value):
        return callable_ref(value)
    return {
        "__type": "object",
        "class": f"{type(value).__module__}.{type(value).__qualname__}",
        "repr": _ADDR.sub("", repr(value)),
    }


def seconds(value: Any) -> float | None:
    """A timedelta (or number of seconds) as float seconds."""
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value)
