"""Run-time-only names DAG files import: ``Variable``, ``Connection``, ``get_current_context``...

They exist so that imports and references work; asking for run-time data at parse time fails with a
clear message (Airgate's parser has no access to the metadata database or secrets), except
``Variable.get(key, default)`` which returns the default and records a warning.
"""

from __future__ import annotations

from typing import Any

from . import _ctx


class Variable:
    """``Variable`` as DAG files reference it."""

    def __init__(self, key: str | None = None, val: Any = None, description: str | None = None) -> None:
        self.key, self.val, self.description = key, val, description

    @staticmethod
    def get(key: str, default: Any = None, deserialize_json: bool = False, **kwargs: Any) -> Any:
        default = kwargs.get("default_var", default)
        if default is None:
            raise RuntimeError(
                f"Variable.get({key!r}) at the top level of a DAG file needs the metadata database, which "
                "the Airgate parser does not access; give a default or use the template "
                f"'{{{{ var.value.{key} }}}}' in a task argument"
            )
        _ctx.warn(
            f"Variable.get({key!r}) at parse time returned its default (the parser has no variables)",
            "AirgateParseTimeVariable",
        )
        return default

    @staticmethod
    def set(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("Variable.set() cannot run while parsing a DAG file")


class Connection:
    """``Connection`` as DAG files reference it."""

    def __init__(self, conn_id: str | None = None, conn_type: str | None = None, **kwargs: Any) -> None:
        self.conn_id, self.conn_type, self.extra = conn_id, conn_type, kwargs

    @classmethod
    def get(cls, conn_id: str) -> Any:
        raise RuntimeError(
            f"Connection.get({conn_id!r}) cannot run while parsing a DAG file "
            "(the Airgate parser has no connections)"
        )

    get_connection_from_secrets = get


def get_current_context() -> Any:
    """Only available inside a running task."""
    raise RuntimeError(
        "Current context was requested but no context was found! Are you running within an Airflow task?"
    )


class _ParsingContext:
    dag_id: str | None = None
    task_id: str | None = None


def get_parsing_context() -> _ParsingContext:
    """While parsing every DAG is wanted: dag_id and task_id are None."""
    return _ParsingContext()


class PokeReturnValue:
    """A sensor's poke result (run time)."""

    def __init__(self, is_done: bool, xcom_value: Any = None) -> None:
        self.is_done, self.xcom_value = is_done, xcom_value


class ObjectStoragePath(str):
    """``ObjectStoragePath``: kept as its URL string."""

    def __new__(cls, url: str, **_: Any) -> ObjectStoragePath:
        return super().__new__(cls, url)

    def __truediv__(self, other: str) -> ObjectStoragePath:
        return ObjectStoragePath(self.rstrip("/") + "/" + str(other))


class _Conf:
    """``airflow.configuration.conf``: Airflow's defaults for what DAG files read."""

    _DEFAULTS = {
        ("core", "dags_folder"): "",
        ("core", "default_timezone"): "utc",
        ("core", "max_active_tasks_per_dag"): "16",
        ("core", "max_active_runs_per_dag"): "16",
    }

    def get(self, section: str, key: str, fallback: Any = None, **_: Any) -> Any:
        return self._DEFAULTS.get((section.lower(), key.lower()), fallback)

    def getint(self, section: str, key: str, fallback: Any = None, **_: Any) -> Any:
        value = self.get(section, key, fallback)
        return None if value is None else int(value)

    def getboolean(self, section: str, key: str, fallback: Any = None, **_: Any) -> Any:
        value = self.get(section, key, fallback)
        return value if value is None or isinstance(value, bool) else str(value).lower() in ("true", "1")


conf = _Conf()


class DeadlineAlert:
    """A deadline alert (recorded)."""

    def __init__(self, reference: Any, interval: Any, callback: Any) -> None:
        self.reference, self.interval, self.callback = reference, interval, callback

    def __shim_json__(self) -> dict[str, Any]:
        from .values import encode

        return {
            "__type": "deadline_alert",
            "reference": encode(self.reference),
            "interval": encode(self.interval),
            "callback": encode(self.callback),
        }


class _Ref:
    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs

    def __call__(self, *args: Any, **kwargs: Any) -> _Ref:
        return _Ref(self.name, *args, **kwargs)

    def __shim_json__(self) -> dict[str, Any]:
        from .values import encode

        return {
            "__type": "deadline_reference",
            "name": self.name,
            "args": encode(list(self.args)),
            "kwargs": encode(self.kwargs),
        }


class DeadlineReference:
    """References a deadline is measured from."""

    DAGRUN_LOGICAL_DATE = _Ref("DAGRUN_LOGICAL_DATE")
    DAGRUN_QUEUED_AT = _Ref("DAGRUN_QUEUED_AT")
    FIXED_DATETIME = _Ref("FIXED_DATETIME")
    AVERAGE_RUNTIME = _Ref("AVERAGE_RUNTIME")


class _Callback:
    def __init__(self, callback_callable: Any, kwargs: dict[str, Any] | None = None, **extra: Any) -> None:
        self.callback, self.kwargs, self.extra = callback_callable, kwargs or {}, extra

    def __shim_json__(self) -> dict[str, Any]:
        from .values import encode

        return {
            "__type": type(self).__name__,
            "callback": encode(self.callback),
            "kwargs": encode(self.kwargs),
        }


class AsyncCallback(_Callback):
    """An async deadline callback."""


class SyncCallback(_Callback):
    """A sync deadline callback."""
