"""Spec-driven request validation answering like FastAPI/pydantic in Airflow 3.2.2 (HTTP 422).

* :func:`decode_body` -- JSON body -> generated msgspec model, or :class:`RequestValidationError`.
* :func:`parse_params` -- query and path parameters of an operation -> ``{spec name: value}``.
* :class:`RequestValidationError` -- ``errors`` is the list the gateway answers as ``{"detail": errors}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from airgate.gateway.api.validation.body import decode_body, validate_value
from airgate.gateway.api.validation.errors import RequestValidationError, UnhandledInputError, value_error
from airgate.gateway.api.validation.params import Compiled, Query, compile_params, validate_params
from airgate.gateway.api.validation.rules import register as _register_rules

__all__ = [
    "BODY_VALIDATED_TWICE",
    "RequestValidationError",
    "UnhandledInputError",
    "decode_body",
    "decode_request_body",
    "parse_params",
    "precompile",
    "validate_value",
    "value_error",
]

_register_rules()
_compiled: dict[str, Compiled] = {}

#: operations whose body Airflow validates twice (an access dependency takes the body as well), so
#: each error appears twice in its 422
BODY_VALIDATED_TWICE = frozenset({"bulk_pools", "bulk_connections", "bulk_variables"})


def decode_request_body(operation_id: str, raw: bytes) -> Any:
    """Decode ``raw`` as ``operation_id``'s JSON request body (model and requiredness from the spec).

    Returns ``None`` for an operation without a JSON body. Raises :class:`RequestValidationError`
    (errors duplicated for :data:`BODY_VALIDATED_TWICE`) or :class:`UnhandledInputError` (answer 500).
    """
    from airgate.gateway.api.spec import ALL_OPERATIONS

    info = ALL_OPERATIONS[operation_id]
    if info.body is None:
        return None
    try:
        return decode_body(raw, info.body, required=info.body_required)
    except RequestValidationError as exc:
        if operation_id in BODY_VALIDATED_TWICE:
            raise RequestValidationError(exc.errors + [dict(e) for e in exc.errors]) from None
        raise


def _params(operation_id: str) -> Compiled:
    compiled = _compiled.get(operation_id)
    if compiled is None:
        from airgate.gateway.api.spec import ALL_OPERATIONS

        info = ALL_OPERATIONS[operation_id]
        compiled = _compiled[operation_id] = compile_params(info.parameters, info.module)
    return compiled


def parse_params(
    operation_id: str,
    query: Query,
    path_params: Mapping[str, str],
) -> dict[str, Any]:
    """Validate and coerce ``operation_id``'s query and path parameters as FastAPI would.

    ``query`` is a list of ``(name, value)`` pairs, a multidict (``multi_items()``) or a mapping of
    name -> value or list of values. Unknown query parameters are ignored. Absent optional parameters
    get the spec default (``None`` if none; ``[]`` for a non-nullable list). Errors carry
    ``loc`` ``["query", name]`` / ``["path", name]`` (``[..., index]`` for list items) and the raw string.
    """
    return validate_params(_params(operation_id), query, path_params)


def precompile() -> None:
    """Compile every operation's parameters now (call at startup to keep first requests fast)."""
    from airgate.gateway.api.spec import ALL_OPERATIONS

    for operation_id in ALL_OPERATIONS:
        _params(operation_id)
