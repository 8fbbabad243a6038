"""Request bodies: decode JSON into a generated model, answering errors as FastAPI + pydantic do.

The fast path is one ``msgspec`` strict decode (microseconds). Only when it fails -- bad input, or input
that pydantic's lax mode accepts but strict msgspec does not (``"5"`` for an integer, ``"yes"`` for a
boolean, a date-only datetime) -- the body is parsed again with the standard ``json`` module (for
FastAPI's exact ``json_invalid`` item) and walked by a compiled pydantic-compatible validator, which
either builds the model from the coerced values or raises :class:`RequestValidationError` with every
error pydantic would report (not just msgspec's first one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeVar, overload

import msgspec

from airgate.gateway.api.validation.compiler import BAD, features, validator_for
from airgate.gateway.api.validation.errors import RequestValidationError

T = TypeVar("T")

_NANOS = re.compile(rb":\d\d\.\d{7}")


@dataclass(frozen=True, slots=True)
class _Fast:
    """msgspec's strict decoder for a model, and when its answer could differ from pydantic's."""

    decoder: msgspec.json.Decoder[Any] | None  #: None: the model has Airflow rules, never the fast path
    newline: bool  #: a ``$`` pattern: bodies with an escaped newline take the slow path
    nanos: bool  #: a datetime: bodies with sub-microsecond fractions take the slow path

    def usable(self, raw: bytes) -> bool:
        return self.decoder is not None and not (
            (self.newline and b"\\n" in raw) or (self.nanos and _NANOS.search(raw) is not None))


_fast: dict[Any, _Fast] = {}

_MISSING = [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]


def _fast_for(model: Any) -> _Fast:
    try:
        return _fast[model]
    except KeyError:
        found = features(model)
        decoder = None if "hooks" in found else msgspec.json.Decoder(model, strict=True)
        fast = _fast[model] = _Fast(decoder, "pattern$" in found, "datetime" in found)
        return fast


@overload
def decode_body(raw: bytes, model: type[T], *, required: bool = True) -> T: ...
@overload
def decode_body(raw: bytes, model: Any, *, required: bool = True) -> Any: ...


def decode_body(raw: bytes, model: Any, *, required: bool = True) -> Any:
    """Decode the JSON body ``raw`` into ``model`` (a generated struct or any msgspec type).

    An empty body or a JSON ``null`` is "no body": ``None`` when not ``required``, else FastAPI's
    ``missing`` error at ``["body"]``. Errors carry ``loc`` starting with ``"body"``.
    """
    if raw and raw.strip() not in (b"", b"null"):
        fast = _fast_for(model)
        if fast.usable(raw):
            try:
                return fast.decoder.decode(raw)  # type: ignore[union-attr]
            except (msgspec.ValidationError, msgspec.DecodeError):
                pass
        return _slow(raw, model, required)
    if required:
        raise RequestValidationError([dict(e) for e in _MISSING])
    return None


def _slow(raw: bytes, model: Any, required: bool) -> Any:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ["body", exc.pos], "msg": "JSON decode error", "input": {},
              "ctx": {"error": exc.msg}}]
        ) from None
    except UnicodeDecodeError:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error", "input": {},
              "ctx": {"error": "Invalid UTF-8"}}]
        ) from None
    return validate_value(value, model, required=required)


def validate_value(value: Any, model: Any, *, required: bool = True, loc: tuple[str | int, ...] = ("body",)) -> Any:
    """Validate an already-parsed JSON value against ``model`` with pydantic's rules and errors."""
    if value is None:
        if required:
            raise RequestValidationError([{**_MISSING[0], "loc": list(loc)}])
        return None
    errors: list[dict[str, Any]] = []
    out = validator_for(model)(value, loc, errors)
    if errors or out is BAD:
        raise RequestValidationError(errors)
    return out
