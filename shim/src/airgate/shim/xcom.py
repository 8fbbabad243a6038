"""``XComArg``: references to upstream task results, with ``.map``, ``.zip``, ``.concat`` and ``[key]``."""

from __future__ import annotations

import types
from typing import Any

from .values import COLLECTION, callable_ref, encode


class XComArg:
    """Base of the references to task results."""

    def iter_operators(self) -> list[Any]:
        """The upstream operators this reference depends on."""
        raise NotImplementedError

    def iter_references(self) -> list[tuple[Any, str]]:
        """The (operator, XCom key) pairs this reference reads."""
        raise NotImplementedError

    def map(self, fn: Any) -> MapXComArg:
        """Apply ``fn`` to each element when expanded (run time)."""
        return MapXComArg(self, [fn])

    def zip(self, *others: Any, fillvalue: Any = None) -> ZipXComArg:
        """Zip with other references when expanded."""
        return ZipXComArg([self, *others], fillvalue=fillvalue)

    def concat(self, *others: Any) -> ConcatXComArg:
        """Concatenate with other references when expanded."""
        return ConcatXComArg([self, *others])

    def __rshift__(self, other: Any) -> Any:
        for op in self.iter_operators():
            op >> other
        return other

    def __lshift__(self, other: Any) -> Any:
        for op in self.iter_operators():
            op << other
        return other

    def __rrshift__(self, other: Any) -> XComArg:
        self.__lshift__(other)
        return self

    def __rlshift__(self, other: Any) -> XComArg:
        self.__rshift__(other)
        return self

    def __iter__(self) -> Any:
        raise TypeError("'XComArg' object is not iterable")

    def set_upstream(self, other: Any) -> None:
        self.__lshift__(other)

    def set_downstream(self, other: Any) -> None:
        self.__rshift__(other)

    def as_setup(self) -> Any:
        for op in self.iter_operators():
            op.as_setup()
        return self

    def as_teardown(self, *, setups: Any = None, on_failure_fail_dagrun: Any = None) -> Any:
        for op in self.iter_operators():
            op.as_teardown(setups=setups, on_failure_fail_dagrun=on_failure_fail_dagrun)
        return self

    def __enter__(self) -> XComArg:
        for op in self.iter_operators():
            op.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        for op in self.iter_operators():
            op.__exit__(*exc)


class PlainXComArg(XComArg):
    """The result (or one key of it) of one task."""

    def __init__(self, operator: Any, key: str = "return_value") -> None:
        self.operator = operator
        self.key = key

    def __getitem__(self, key: str) -> PlainXComArg:
        return PlainXComArg(self.operator, key)

    def iter_operators(self) -> list[Any]:
        return [self.operator]

    def iter_references(self) -> list[tuple[Any, str]]:
        return [(self.operator, self.key)]

    @property
    def roots(self) -> list[Any]:
        return [self.operator]

    @property
    def leaves(self) -> list[Any]:
        return [self.operator]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.operator, name)

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "xcomarg", "task_id": self.operator.task_id, "key": self.key}


class MapXComArg(XComArg):
    """``arg.map(fn)``."""

    def __init__(self, arg: XComArg, callables: list[Any]) -> None:
        self.arg = arg
        self.callables = callables

    def map(self, fn: Any) -> MapXComArg:
        return MapXComArg(self.arg, [*self.callables, fn])

    def iter_operators(self) -> list[Any]:
        return self.arg.iter_operators()

    def iter_references(self) -> list[tuple[Any, str]]:
        return self.arg.iter_references()

    def __shim_json__(self) -> dict[str, Any]:
        return {
            "__type": "xcomarg_map",
            "arg": encode(self.arg),
            "callables": [callable_ref(c) for c in self.callables],
        }


class ZipXComArg(XComArg):
    """``arg.zip(*others)``."""

    def __init__(self, args: list[Any], fillvalue: Any = None) -> None:
        self.args = args
        self.fillvalue = fillvalue

    def iter_operators(self) -> list[Any]:
        return [op for a in self.args if isinstance(a, XComArg) for op in a.iter_operators()]

    def iter_references(self) -> list[tuple[Any, str]]:
        return [ref for a in self.args if isinstance(a, XComArg) for ref in a.iter_references()]

    def __shim_json__(self) -> dict[str, Any]:
        return {
            "__type": "xcomarg_zip",
            "args": [encode(a) for a in self.args],
            "fillvalue": encode(self.fillvalue),
        }


class ConcatXComArg(XComArg):
    """``arg.concat(*others)``."""

    def __init__(self, args: list[Any]) -> None:
        self.args = args

    def iter_operators(self) -> list[Any]:
        return [op for a in self.args if isinstance(a, XComArg) for op in a.iter_operators()]

    def iter_references(self) -> list[tuple[Any, str]]:
        return [ref for a in self.args if isinstance(a, XComArg) for ref in a.iter_references()]

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "xcomarg_concat", "args": [encode(a) for a in self.args]}


class MappedArgument:
    """An argument of a mapped task group's function: one element of the group's expand input."""

    def __init__(self, group_id: str, key: str) -> None:
        self.group_id = group_id
        self.key = key

    def iter_operators(self) -> list[Any]:
        return []

    def __getitem__(self, key: Any) -> MappedArgument:
        return MappedArgument(self.group_id, f"{self.key}[{key!r}]")

    def __shim_json__(self) -> dict[str, Any]:
        return {"__type": "mapped_argument", "group_id": self.group_id, "key": self.key}


# Values that never hold an XComArg (exact types: a subclass could be one).
SCALAR_TYPES = frozenset({str, int, float, bool, type(None), bytes, types.FunctionType})


def find_xcom_operators(value: Any, depth: int = 0) -> list[Any]:
    """Operators referenced by XComArgs anywhere inside ``value``."""
    if type(value) in SCALAR_TYPES or depth > 20:
        return []
    if isinstance(value, XComArg):
        return value.iter_operators()
    if isinstance(value, dict):
        return [op for v in value.values() for op in find_xcom_operators(v, depth + 1)]
    if isinstance(value, COLLECTION):
        return [op for v in value for op in find_xcom_operators(v, depth + 1)]
    return []
