"""Typed per-executor configuration, validated from an ``[executors.<name>]`` config section.

The gateway hands each executor its section as a plain ``Mapping[str, str]`` (values as written in
``airflow.cfg`` or ``AIRFLOW__EXECUTORS.<NAME>__KEY``). An executor declares a subclass of
:class:`ExecutorConfig`; :func:`parse_config` converts and validates it, and errors name the key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import msgspec

__all__ = ["ConfigError", "ExecutorConfig", "default_base_log_folder", "parse_config"]

C = TypeVar("C", bound="ExecutorConfig")


def default_base_log_folder() -> str:
    """Airflow's default ``[logging] base_log_folder``: ``$AIRFLOW_HOME/logs``."""
    home = os.environ.get("AIRFLOW_HOME") or str(Path("~/airflow").expanduser())
    return str(Path(home) / "logs")


class ConfigError(ValueError):
    """An ``[executors.<name>]`` section is invalid; the message names the section and key."""


class ExecutorConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Base of every executor configuration. Subclass it and add typed fields with defaults.

    ``base_log_folder``: where task output files go (the workload's ``log_path`` is relative to it).
    ``parallelism``: how many task processes may run at once.
    """

    base_log_folder: str = msgspec.field(default_factory=default_base_log_folder)
    parallelism: int = 32

    def __post_init__(self) -> None:
        if self.parallelism < 1:
            raise ValueError("parallelism: must be at least 1")


_TRUE = {"true", "t", "1", "yes", "y", "on"}
_FALSE = {"false", "f", "0", "no", "n", "off"}


def _coerce(value: str, annotation: Any) -> Any:
    """Turn the config string into what the field's type wants (bools Airflow-style)."""
    text = value.strip()
    kind = annotation if isinstance(annotation, type) else None
    if kind is bool:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"not a boolean: {value!r}")
    if kind is int:
        return int(text)
    if kind is float:
        return float(text)
    if kind is str:
        return value
    if text == "" and "None" in str(annotation):
        return None
    if "int" in str(annotation) and text.lstrip("-").isdigit():
        return int(text)
    return value


def parse_config(config_class: type[C], section: Mapping[str, str], *, name: str = "") -> C:
    """Validate ``section`` into ``config_class``. Keys are case-insensitive; unknown keys are errors."""
    where = f"[executors.{name}]" if name else "[executors]"
    fields = {f.name: f for f in msgspec.structs.fields(config_class)}
    hints = {f.name: f.type for f in fields.values()}
    values: dict[str, Any] = {}
    for raw_key, raw_value in section.items():
        key = raw_key.strip().lower()
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ConfigError(f"{where} {key}: unknown option (known: {known})")
        try:
            values[key] = _coerce(raw_value, hints[key])
        except ValueError as exc:
            raise ConfigError(f"{where} {key}: {exc}") from None
    try:
        return msgspec.convert(values, config_class, strict=False)
    except msgspec.ValidationError as exc:
        message = str(exc)
        raise ConfigError(f"{where} {message}") from None
    except ValueError as exc:
        raise ConfigError(f"{where} {exc}") from None
