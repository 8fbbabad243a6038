"""Query and path parameters: validated and coerced against the vendored spec, as FastAPI does.

Each operation's parameters are compiled once (first use, or :func:`precompile` at startup) into a tuple
of small converters; a request then costs one dict build and one call per declared parameter.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from airgate.gateway.api.validation import scalars
from airgate.gateway.api.validation.errors import RequestValidationError
from airgate.gateway.api.validation.scalars import Invalid


class MultiItems(Protocol):
    """A multidict such as Starlette's/Litestar's query parameters."""

    def multi_items(self) -> Iterable[tuple[str, str]]: ...


Query = Iterable[tuple[str, str]] | Mapping[str, Any] | MultiItems

_SCALARS: dict[str, Callable[[Any], Any]] = {
    "integer": scalars.to_int,
    "number": scalars.to_float,
    "boolean": scalars.to_bool,
    "string": scalars.to_str,
    "datetime": scalars.to_datetime,
    "date": scalars.to_date,
    "uuid": scalars.to_uuid,
    "any": lambda value: value,
}


@dataclass(frozen=True, slots=True)
class Param:
    """One compiled parameter."""

    name: str
    location: str
    required: bool
    array: bool
    convert: Callable[[str], Any]
    default: Any


def _converter(schema: Mapping[str, Any], module: str) -> Callable[[str], Any]:
    base = _SCALARS[schema.get("type", "any")]
    choices = schema.get("choices")
    if choices is not None:
        kind = "enum" if schema.get("choice_kind") == "enum" else "literal_error"
        enum_cls = getattr(sys.modules[module], schema["enum_class"]) if "enum_class" in schema else None
        lookup = {str(v): (enum_cls(v) if enum_cls else v) for v in choices}
        expected = scalars.expected_text(choices)

        def choose(value: str) -> Any:
            try:
                return lookup[value]
            except KeyError:
                raise Invalid(kind, f"Input should be {expected}", {"expected": expected}) from None

        return choose
    bounds = {k: schema[k] for k in ("ge", "gt", "le", "lt") if k in schema}
    lengths = {k: schema[k] for k in ("min_length", "max_length") if k in schema}
    pattern = scalars.compile_pattern(schema["pattern"]) if "pattern" in schema else None
    if not bounds and not lengths and pattern is None:
        return base

    def constrained(value: str) -> Any:
        out = base(value)
        if bounds:
            scalars.bound_error(out, **bounds)
        if lengths or pattern is not None:
            scalars.string_error(out, pattern=pattern, **lengths)
        return out

    return constrained


@dataclass(frozen=True, slots=True)
class Compiled:
    """An operation's parameters, arranged so a request touches only what it sent."""

    params: tuple[Param, ...]
    defaults: dict[str, Any]  #: absent optional query parameters -> value
    list_defaults: tuple[tuple[str, tuple[Any, ...]], ...]  #: defaults that must be fresh lists
    query: dict[str, tuple[int, Param]]  #: query parameters by name, with their spec position
    path: tuple[tuple[int, Param], ...]
    required_query: tuple[tuple[int, Param], ...]


def compile_params(parameters: Iterable[Mapping[str, Any]], module: str) -> Compiled:
    """Compile an operation's ``parameters`` (normalised by the generator); header/cookie ones are skipped."""
    params = []
    for p in parameters:
        if p["in"] not in ("query", "path"):
            continue
        schema = p["schema"]
        array = bool(schema.get("array"))
        if "default" in schema:
            default = schema["default"]
        elif array and not schema.get("nullable"):
            default = []  # an absent list parameter is an empty list
        else:
            default = None
        params.append(Param(p["name"], p["in"], bool(p["required"]), array, _converter(schema, module), default))
    optional = [p for p in params if p.location == "query" and not p.required]
    return Compiled(
        params=tuple(params),
        defaults={p.name: p.default for p in optional if not isinstance(p.default, list)},
        list_defaults=tuple((p.name, tuple(p.default)) for p in optional if isinstance(p.default, list)),
        query={p.name: (i, p) for i, p in enumerate(params) if p.location == "query"},
        path=tuple((i, p) for i, p in enumerate(params) if p.location == "path"),
        required_query=tuple((i, p) for i, p in enumerate(params) if p.location == "query" and p.required),
    )


def _group(query: Query) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    if isinstance(query, Mapping) and not hasattr(query, "multi_items"):
        for key, value in query.items():
            grouped[key] = list(value) if isinstance(value, (list, tuple)) else [value]
        return grouped
    multi = getattr(query, "multi_items", None)
    items: Iterable[tuple[str, str]] = multi() if multi is not None else query  # type: ignore[assignment]
    for key, value in items:
        grouped.setdefault(key, []).append(value)
    return grouped


def _convert(p: Param, values: list[str], pos: int, out: dict[str, Any], errors: list[tuple[int, dict[str, Any]]]) -> None:
    if p.array:
        items = []
        for i, value in enumerate(values):
            try:
                items.append(p.convert(value))
            except Invalid as exc:
                errors.append((pos, _item(exc, [p.location, p.name, i], value)))
        out[p.name] = items
        return
    value = values[-1]  # Starlette's multidict: the last value wins
    try:
        out[p.name] = p.convert(value)
    except Invalid as exc:
        errors.append((pos, _item(exc, [p.location, p.name], value)))


def validate_params(
    compiled: Compiled,
    query: Query,
    path_params: Mapping[str, str],
) -> dict[str, Any]:
    """Values of the parameters keyed by spec name; raises :class:`RequestValidationError` with all
    errors, in the spec's parameter order."""
    out = compiled.defaults.copy()
    for name, default in compiled.list_defaults:
        out[name] = list(default)
    errors: list[tuple[int, dict[str, Any]]] = []
    for pos, p in compiled.path:
        raw = path_params.get(p.name)
        if raw is None:
            errors.append((pos, {"type": "missing", "loc": ["path", p.name], "msg": "Field required", "input": None}))
        else:
            _convert(p, [raw], pos, out, errors)
    if query:
        for name, values in _group(query).items():
            entry = compiled.query.get(name)
            if entry is not None and values:
                _convert(entry[1], values, entry[0], out, errors)
    for pos, p in compiled.required_query:
        if p.name not in out and not any(pos == e[0] for e in errors):
            errors.append((pos, {"type": "missing", "loc": ["query", p.name], "msg": "Field required", "input": None}))
    if errors:
        errors.sort(key=lambda e: e[0])
        raise RequestValidationError([e[1] for e in errors])
    return out


def _item(exc: Invalid, loc: list[str | int], value: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": exc.type, "loc": loc, "msg": exc.msg, "input": value}
    if exc.ctx is not None:
        out["ctx"] = exc.ctx
    return out
