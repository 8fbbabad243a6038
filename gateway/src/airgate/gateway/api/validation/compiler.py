"""Validators compiled from msgspec types that report errors exactly as pydantic 2.13 (lax mode) does.

``compile_type(t)`` turns a ``msgspec.inspect`` type into a function ``(value, loc, errors) -> value``:
it returns the coerced Python value (structs built, enums as members) or :data:`BAD`, appending
pydantic-shaped error dicts (``type``, ``loc``, ``msg``, ``input``, ``ctx``?) to ``errors``. Unlike
msgspec it does not stop at the first error: every error pydantic would report is reported, in
pydantic's order (fields in declaration order, then unknown keys).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import msgspec
import msgspec.inspect as mi

from airgate.gateway.api.validation import scalars
from airgate.gateway.api.validation.errors import UnhandledInputError
from airgate.gateway.api.validation.scalars import Invalid

BAD: Any = object()

#: (struct class, wire field name) -> "before" check: returns the value to validate, or raises
#: ``ValueError`` (reported as pydantic's ``value_error``) -- Airflow's ``field_validator(mode="before")``
FIELD_HOOKS: dict[tuple[type, str], Callable[[Any], Any]] = {}
#: struct class -> "before" check of the whole input object (Airflow's ``model_validator(mode="before")``)
MODEL_HOOKS: dict[type, Callable[[dict[str, Any]], None]] = {}
_ATTRS_MSG = "Input should be a valid dictionary or object to extract fields from"
Loc = tuple[str | int, ...]
Validator = Callable[[Any, Loc, list[dict[str, Any]]], Any]


def error(type_: str, loc: Loc, msg: str, input_: Any, ctx: dict[str, Any] | None = None) -> dict[str, Any]:
    """One error item in FastAPI's 422 shape."""
    out: dict[str, Any] = {"type": type_, "loc": list(loc), "msg": msg, "input": input_}
    if ctx is not None:
        out["ctx"] = ctx
    return out


def _from_invalid(exc: Invalid, loc: Loc, value: Any) -> dict[str, Any]:
    return error(exc.type, loc, exc.msg, value if exc.input is ... else exc.input, exc.ctx)


def model_title(cls: type) -> str:
    """The pydantic class name behind a generated struct (``BulkBody[PoolBody]`` for ``BulkBody_PoolBody_``)."""
    titles = getattr(sys.modules.get(cls.__module__), "TITLES", {})
    return str(titles.get(cls.__name__, cls.__name__))


def _scalar(fn: Callable[[Any], Any]) -> Validator:
    def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
        try:
            return fn(value)
        except Invalid as exc:
            errors.append(_from_invalid(exc, loc, value))
            return BAD

    return validate


def _int(t: mi.IntType) -> Validator:
    bounds = {k: getattr(t, k) for k in ("ge", "gt", "le", "lt") if getattr(t, k) is not None}

    def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
        try:
            out = scalars.to_int(value)
            if bounds:
                scalars.bound_error(out, **bounds)
            return out
        except Invalid as exc:
            errors.append(_from_invalid(exc, loc, value))
            return BAD

    return validate


def _float(t: mi.FloatType) -> Validator:
    bounds = {k: getattr(t, k) for k in ("ge", "gt", "le", "lt") if getattr(t, k) is not None}

    def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
        try:
            out = scalars.to_float(value)
            if bounds:
                scalars.bound_error(out, **bounds)
            return out
        except Invalid as exc:
            errors.append(_from_invalid(exc, loc, value))
            return BAD

    return validate


def _str(t: mi.StrType) -> Validator:
    pattern = scalars.compile_pattern(t.pattern) if t.pattern is not None else None
    plain = t.min_length is None and t.max_length is None and pattern is None

    def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
        if type(value) is str and plain:
            return value
        try:
            out = scalars.to_str(value)
            scalars.string_error(out, min_length=t.min_length, max_length=t.max_length, pattern=pattern)
            return out
        except Invalid as exc:
            errors.append(_from_invalid(exc, loc, value))
            return BAD

    return validate


def _choices(values: tuple[Any, ...], kind: str, convert: Callable[[Any], Any]) -> Validator:
    lookup = {v: convert(v) for v in values}
    expected = scalars.expected_text(list(values))
    msg = f"Input should be {expected}"

    def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
        try:
            if not isinstance(value, bool) and value in lookup:
                return lookup[value]
        except TypeError:  # unhashable input
            pass
        errors.append(error(kind, loc, msg, value, {"expected": expected}))
        return BAD

    return validate


def _sized(kind: str, value: Any, loc: Loc, min_length: int | None, max_length: int | None) -> dict[str, Any] | None:
    n = len(value)
    if min_length is not None and n < min_length:
        s = "" if min_length == 1 else "s"
        return error("too_short", loc, f"{kind} should have at least {min_length} item{s} after validation, not {n}",
                     value, {"field_type": kind, "min_length": min_length, "actual_length": n})
    if max_length is not None and n > max_length:
        s = "" if max_length == 1 else "s"
        return error("too_long", loc, f"{kind} should have at most {max_length} item{s} after validation, not {n}",
                     value, {"field_type": kind, "max_length": max_length, "actual_length": n})
    return None


class Compiler:
    """Compiles (and caches) validators; structs are compiled lazily so recursion works."""

    def __init__(self) -> None:
        self._structs: dict[type, Validator] = {}

    def type(self, t: mi.Type) -> Validator:
        simple = {
            mi.BoolType: scalars.to_bool,
            mi.DateTimeType: scalars.to_datetime,
            mi.DateType: scalars.to_date,
            mi.UUIDType: scalars.to_uuid,
            mi.TimeDeltaType: scalars.to_timedelta,
        }.get(type(t))
        if simple is not None:
            return _scalar(simple)
        if isinstance(t, mi.AnyType):
            return lambda value, loc, errors: value
        if isinstance(t, mi.NoneType):
            return self._none()
        if isinstance(t, mi.IntType):
            return _int(t)
        if isinstance(t, mi.FloatType):
            return _float(t)
        if isinstance(t, mi.StrType):
            return _str(t)
        if isinstance(t, mi.EnumType):
            cls = t.cls
            return _choices(tuple(m.value for m in cls), "enum", cls)
        if isinstance(t, mi.LiteralType):
            return _choices(tuple(t.values), "literal_error", lambda v: v)
        if isinstance(t, mi.ListType):
            return self._list(t)
        if isinstance(t, mi.TupleType):
            return self._tuple(t)
        if isinstance(t, mi.DictType):
            return self._dict(t)
        if isinstance(t, mi.StructType):
            return self.struct(t)
        if isinstance(t, mi.UnionType):
            return self._union(t)
        if isinstance(t, mi.Metadata):
            return self.type(t.type)
        raise TypeError(f"no validator for {t!r}")

    @staticmethod
    def _none() -> Validator:
        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if value is None:
                return None
            errors.append(error("none_required", loc, "Input should be None", value))
            return BAD

        return validate

    def _list(self, t: mi.ListType) -> Validator:
        item = self.type(t.item_type)

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, (list, tuple)):
                errors.append(error("list_type", loc, "Input should be a valid list", value))
                return BAD
            before = len(errors)
            out = [item(v, (*loc, i), errors) for i, v in enumerate(value)]
            if len(errors) > before:
                return BAD
            problem = _sized("List", out, loc, t.min_length, t.max_length)
            if problem is not None:
                problem["input"] = value
                errors.append(problem)
                return BAD
            return out

        return validate

    def _tuple(self, t: mi.TupleType) -> Validator:
        items = [self.type(x) for x in t.item_types]

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, (list, tuple)):
                errors.append(error("tuple_type", loc, "Input should be a valid tuple", value))
                return BAD
            before = len(errors)
            out = []
            for i, check in enumerate(items):
                if i < len(value):
                    out.append(check(value[i], (*loc, i), errors))
                else:
                    errors.append(error("missing", (*loc, i), "Field required", value))
            if len(value) > len(items):
                problem = _sized("Tuple", value, loc, None, len(items))
                if problem is not None:
                    errors.append(problem)
            return BAD if len(errors) > before else tuple(out)

        return validate

    def _dict(self, t: mi.DictType) -> Validator:
        key = self.type(t.key_type)
        val = self.type(t.value_type)
        any_key = isinstance(t.key_type, (mi.StrType, mi.AnyType)) and not getattr(t.key_type, "pattern", None)
        any_val = isinstance(t.value_type, mi.AnyType)

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, dict):
                errors.append(error("dict_type", loc, "Input should be a valid dictionary", value))
                return BAD
            if any_key and any_val:
                return value
            before = len(errors)
            out = {}
            for k, v in value.items():
                kk = key(k, (*loc, k, "[key]"), errors)
                out[kk] = val(v, (*loc, k), errors)
            return BAD if len(errors) > before else out

        return validate

    def struct(self, t: mi.StructType) -> Validator:
        cached = self._structs.get(t.cls)
        if cached is not None:
            return cached
        slot: list[Validator] = []

        def lazy(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            return slot[0](value, loc, errors)

        self._structs[t.cls] = lazy
        slot.append(self._build_struct(t))
        return lazy

    def _build_struct(self, t: mi.StructType) -> Validator:
        cls = t.cls
        fields = [(f.encode_name, f.name, f.required, self.type(f.type)) for f in t.fields]
        known = {f.encode_name for f in t.fields}
        if t.tag_field is not None:
            known.add(t.tag_field)
        forbid = t.forbid_unknown_fields
        field_hooks = {wire: fn for (owner, wire), fn in FIELD_HOOKS.items() if owner is cls}
        model_hook = MODEL_HOOKS.get(cls)

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, dict):  # FastAPI validates with from_attributes=True
                errors.append(error("model_attributes_type", loc, _ATTRS_MSG, value))
                return BAD
            if model_hook is not None:
                try:
                    model_hook(value)
                except ValueError as exc:
                    errors.append(error("value_error", loc, f"Value error, {exc}", value, {"error": {}}))
                    return BAD
            before = len(errors)
            kwargs = {}
            for wire, attr, required, check in fields:
                if wire in value:
                    raw = value[wire]
                    hook = field_hooks.get(wire)
                    if hook is not None:
                        try:
                            raw = hook(raw)
                        except ValueError as exc:
                            errors.append(error("value_error", (*loc, wire), f"Value error, {exc}", raw,
                                                {"error": {}}))
                            continue
                    out = check(raw, (*loc, wire), errors)
                    if out is not BAD:
                        kwargs[attr] = out
                elif required:
                    errors.append(error("missing", (*loc, wire), "Field required", value))
            if forbid:
                for k, v in value.items():
                    if k not in known:
                        errors.append(error("extra_forbidden", (*loc, k), "Extra inputs are not permitted", v))
            if len(errors) > before:
                return BAD
            return cls(**kwargs)

        return validate

    def _union(self, t: mi.UnionType) -> Validator:
        members = [m for m in t.types if not isinstance(m, mi.NoneType)]
        nullable = len(members) < len(t.types)
        tagged = [m for m in members if isinstance(m, mi.StructType) and m.tag_field is not None]
        if tagged and len(tagged) == len(members):
            inner = self._tagged(tagged)
        elif len(members) == 1:
            inner = self.type(members[0])
        else:
            inner = self._smart(members)
        if not nullable:
            return inner

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            if value is None:
                return None
            return inner(value, loc, errors)

        return validate

    def _tagged(self, members: list[mi.StructType]) -> Validator:
        field = members[0].tag_field
        by_tag = {m.tag: self.struct(m) for m in members}
        expected = ", ".join(repr(tag) for tag in by_tag)

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            # Airflow selects the member with a function (``BulkAction(item["action"])``) that raises
            # on anything but a known tag -- an unhandled error, not a validation error.
            tag = value.get(field) if isinstance(value, dict) else None
            check = by_tag.get(tag) if isinstance(tag, str) else None
            if check is None or not isinstance(tag, str):
                raise UnhandledInputError(f"{field!r} of {value!r} is not one of {expected}")
            return check(value, (*loc, tag), errors)

        return validate

    def _smart(self, members: list[mi.Type]) -> Validator:
        checks = [(label(m), _natural(m), self.type(m)) for m in members]

        def validate(value: Any, loc: Loc, errors: list[dict[str, Any]]) -> Any:
            ordered = sorted(checks, key=lambda c: not c[1](value))
            collected: list[dict[str, Any]] = []
            for _name, _natural_fn, check in ordered:
                attempt: list[dict[str, Any]] = []
                out = check(value, loc, attempt)
                if out is not BAD:
                    return out
            for name, _natural_fn, check in checks:
                check(value, (*loc, name), collected)
            errors.extend(collected)
            return BAD

        return validate


def _natural(t: mi.Type) -> Callable[[Any], bool]:
    """Whether a value is already of the member's JSON kind (pydantic's strict pass of a smart union)."""
    kinds: dict[type, Any] = {
        mi.StrType: str, mi.IntType: int, mi.FloatType: float, mi.BoolType: bool,
        mi.ListType: list, mi.TupleType: list, mi.DictType: dict, mi.StructType: dict,
    }
    kind = kinds.get(type(t))
    if kind is None:
        return lambda value: False
    return lambda value: isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def label(t: mi.Type) -> str:
    """The name pydantic puts in ``loc`` for a member of a (non-discriminated) union."""
    if isinstance(t, mi.StrType):
        return "str"
    if isinstance(t, mi.IntType):
        return "int"
    if isinstance(t, mi.FloatType):
        return "float"
    if isinstance(t, mi.BoolType):
        return "bool"
    if isinstance(t, mi.DateTimeType):
        return "datetime"
    if isinstance(t, mi.ListType):
        return f"list[{label(t.item_type)}]"
    if isinstance(t, mi.TupleType):
        return "tuple[" + ", ".join(label(x) for x in t.item_types) + "]"
    if isinstance(t, mi.DictType):
        return f"dict[{label(t.key_type)},{label(t.value_type)}]"
    if isinstance(t, mi.StructType):
        return model_title(t.cls)
    if isinstance(t, mi.EnumType):
        return t.cls.__name__
    if isinstance(t, mi.LiteralType):
        return "literal[" + ",".join(repr(v) for v in t.values) + "]"
    if isinstance(t, mi.AnyType):
        return "any"
    return type(t).__name__


_COMPILER = Compiler()


def features(model: Any) -> set[str]:
    """What in ``model`` msgspec's strict decoder handles differently from pydantic.

    ``hooks``: an Airflow rule runs (always validate with the compiled validator); ``pattern$``: a
    ``$``-anchored pattern (Python's ``$`` also matches before a final newline, Rust's does not);
    ``datetime``: msgspec rounds sub-microsecond fractions where pydantic truncates.
    """
    hooked = {cls for cls, _ in FIELD_HOOKS} | set(MODEL_HOOKS)
    seen: set[type] = set()
    found: set[str] = set()

    def walk(t: Any) -> None:
        if isinstance(t, mi.StructType):
            if t.cls in seen:
                return
            seen.add(t.cls)
            if t.cls in hooked:
                found.add("hooks")
            for f in t.fields:
                walk(f.type)
            return
        if isinstance(t, mi.StrType) and t.pattern and t.pattern.endswith("$"):
            found.add("pattern$")
        if isinstance(t, mi.DateTimeType):
            found.add("datetime")
        for attr in ("type", "item_type", "key_type", "value_type"):
            if hasattr(t, attr):
                walk(getattr(t, attr))
        for x in getattr(t, "types", ()) or getattr(t, "item_types", ()):
            walk(x)

    walk(mi.type_info(model))
    return found


def validator_for(model: Any) -> Validator:
    """The (cached) validator of a msgspec type."""
    if isinstance(model, type) and issubclass(model, msgspec.Struct):
        return _COMPILER.struct(mi.type_info(model))  # type: ignore[arg-type]
    return _COMPILER.type(mi.type_info(model))
