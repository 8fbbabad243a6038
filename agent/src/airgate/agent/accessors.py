"""Small objects of the template context: lazy values, attribute dicts, ``var`` and ``conn`` accessors."""

from __future__ import annotations

from typing import Any

from .runtime import Api

_NOTSET: Any = object()


class Lazy:
    """A value computed on first use (Airflow's ``prev_*`` context entries)."""

    def __init__(self, compute: Any) -> None:
        self._compute, self._done, self._value = compute, False, None

    def resolve(self) -> Any:
        """The computed value."""
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)

    def __str__(self) -> str:
        return str(self.resolve())

    def __repr__(self) -> str:
        return repr(self.resolve())

    def __bool__(self) -> bool:
        return bool(self.resolve())

    def __eq__(self, other: object) -> bool:
        return bool(self.resolve() == other)

    def __hash__(self) -> int:
        return hash(self.resolve())

    def __format__(self, spec: str) -> str:
        return format(self.resolve(), spec)


class AttrDict(dict[str, Any]):
    """A dict whose keys read as attributes too (``dag_run.conf``, ``dag_run.run_id``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class VariableAccessor:
    """``var.value.x`` / ``var.json.x`` / ``var.value.get('x', default)``."""

    def __init__(self, api: Api, deserialize_json: bool) -> None:
        self._api, self._json = api, deserialize_json

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        return self._api.get_variable(key, None, self._json)

    def get(self, key: str, default: Any = _NOTSET) -> Any:
        """The variable or ``default``."""
        try:
            return self._api.get_variable(key, None, self._json)
        except KeyError:
            if default is _NOTSET:
                raise
            return default


class ConnectionAccessor:
    """``conn.my_conn.host`` / ``conn.get('id')``."""

    def __init__(self, api: Api) -> None:
        self._api = api

    def __getattr__(self, conn_id: str) -> Any:
        if conn_id.startswith("__"):
            raise AttributeError(conn_id)
        return self._api.get_connection(conn_id)

    def get(self, conn_id: str, default: Any = None) -> Any:
        """The connection or ``default``."""
        try:
            return self._api.get_connection(conn_id)
        except Exception:
            return default
