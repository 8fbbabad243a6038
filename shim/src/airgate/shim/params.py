"""``Param`` and ``ParamsDict``: DAG and task parameters with their JSON schema."""

from __future__ import annotations

from typing import Any

from .values import encode


class _NoteSet:
    def __repr__(self) -> str:
        return "NOTSET"

    def __bool__(self) -> bool:
        return False


NOTSET: Any = _NoteSet()


class Param:
    """``Param(default=NOTSET, description=None, **schema)``."""

    value: Any
    description: str | None
    schema: dict[str, Any]

    def __init__(self, default: Any = NOTSET, description: str | None = None, **kwargs: Any) -> None:
        if isinstance(default, Param):
            default, description, kwargs = default.value, default.description, dict(default.schema)
        self.value = default
        self.description = description
        self.schema = kwargs

    def has_value(self) -> bool:
        """Whether a default was given."""
        return self.value is not NOTSET

    def __shim_json__(self) -> dict[str, Any]:
        return {
            "value": None if self.value is NOTSET else encode(self.value),
            "has_value": self.value is not NOTSET,
            "description": self.description,
            "schema": encode(self.schema),
        }


class ParamsDict(dict[str, Param]):
    """A mapping of names to ``Param`` (plain values are wrapped)."""

    def __init__(self, values: Any = None) -> None:  # dict.__init__ without arguments would do nothing
        if values:  # most tasks have none (three of these are made per task)
            for key, value in dict(values).items():
                self[key] = value

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value if isinstance(value, Param) else Param(value))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def missing_values(self) -> list[str]:
        """Names of params without a default value."""
        return [k for k, v in self.items() if not v.has_value()]

    def __shim_json__(self) -> dict[str, Any]:
        return {k: v.__shim_json__() for k, v in sorted(self.items())}
