"""Run-time objects a task sees, all backed by the Execution API: XCom, variables, connections, ``ti``."""

from __future__ import annotations

import json
from typing import Any

from .client import ApiError, ExecutionClient, path_segment

XCOM_RETURN_KEY = "return_value"


def _errors() -> Any:
    from airgate.shim import errors

    return errors


class TaskIdentity:
    """Who this process runs: ids of the task instance and its DAG run."""

    def __init__(
        self, ti_id: str, dag_id: str, task_id: str, run_id: str, try_number: int, map_index: int
    ) -> None:
        self.ti_id, self.dag_id, self.task_id, self.run_id = ti_id, dag_id, task_id, run_id
        self.try_number, self.map_index = try_number, map_index


class Api:
    """The Execution API calls a task makes, with the task SDK's paths, queries and bodies."""

    def __init__(self, client: ExecutionClient, me: TaskIdentity) -> None:
        self.client = client
        self.me = me
        self.variables: dict[str, Any] = {}
        self.connections: dict[str, dict[str, Any]] = {}

    # -- XCom -------------------------------------------------------------------------------------
    def _xcom_path(self, task_id: str, key: str, dag_id: str | None = None, run_id: str | None = None) -> str:
        parts = (dag_id or self.me.dag_id, run_id or self.me.run_id, task_id, key)
        return "xcoms/" + "/".join(path_segment(p) for p in parts)

    def xcom_push(self, key: str, value: Any) -> None:
        """``POST /xcoms/...`` for this task instance (``map_index`` only when mapped)."""
        params = {"map_index": self.me.map_index} if self.me.map_index >= 0 else None
        self.client.request("POST", self._xcom_path(self.me.task_id, key), value, params, send_body=True)

    def xcom_delete(self, key: str) -> None:
        """``DELETE /xcoms/...`` for this task instance."""
        params = {"map_index": self.me.map_index} if self.me.map_index >= 0 else None
        self.client.request("DELETE", self._xcom_path(self.me.task_id, key), params=params)

    def xcom_get(self, task_id: str, key: str, map_index: int | None = None, **where: Any) -> Any:
        """One value (``None`` when absent)."""
        params: dict[str, Any] = {}
        if map_index is not None and map_index >= 0:
            params["map_index"] = map_index
        if where.get("include_prior_dates"):
            params["include_prior_dates"] = True
        try:
            _, body = self.client.request(
                "GET", self._xcom_path(task_id, key, where.get("dag_id"), where.get("run_id")), params=params
            )
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return body.get("value") if isinstance(body, dict) else body

    def xcom_slice(self, task_id: str, key: str, **where: Any) -> list[Any] | None:
        """Every value of a task (all map indexes); ``None`` when there is none."""
        params = {"include_prior_dates": True} if where.get("include_prior_dates") else None
        path = self._xcom_path(task_id, key, where.get("dag_id"), where.get("run_id")) + "/slice"
        _, body = self.client.request("GET", path, params=params)
        return list(body) if body else None

    def xcom_item(self, task_id: str, key: str, offset: int) -> tuple[bool, Any]:
        """``(found, value)`` of one item of a mapped task's values."""
        try:
            _, body = self.client.request("GET", self._xcom_path(task_id, key) + f"/item/{offset}")
        except ApiError as exc:
            if exc.status == 404:
                return False, None
            raise
        return True, body

    # -- variables and connections ----------------------------------------------------------------
    def get_variable(self, key: str, default: Any = None, deserialize_json: bool = False) -> Any:
        """``Variable.get``: the prefetched value or ``GET /variables/{key}``; ``KeyError`` when missing."""
        if key in self.variables:
            value = self.variables[key]
        else:
            try:
                _, body = self.client.request("GET", f"variables/{path_segment(key)}")
            except ApiError as exc:
                if exc.status != 404:
                    raise
                if default is not None:
                    return default
                raise KeyError(f"Variable {key} does not exist") from None
            value = body.get("value")
        if deserialize_json and isinstance(value, str):
            return json.loads(value)
        return value

    def set_variable(
        self, key: str, value: Any, description: str | None = None, serialize_json: bool = False
    ) -> None:
        """``Variable.set`` → ``PUT /variables/{key}``."""
        if serialize_json:
            value = json.dumps(value, indent=2)
        elif not isinstance(value, str):
            value = str(value)
        self.client.request(
            "PUT", f"variables/{path_segment(key)}", {"val": value, "description": description}
        )
        self.variables.pop(key, None)

    def delete_variable(self, key: str) -> None:
        """``Variable.delete`` → ``DELETE /variables/{key}``."""
        self.client.request("DELETE", f"variables/{path_segment(key)}")
        self.variables.pop(key, None)

    def get_connection(self, conn_id: str) -> Connection:
        """``Connection.get``: ``AirflowNotFoundException`` when the server has none."""
        data = self.connections.get(conn_id)
        if data is None:
            try:
                _, data = self.client.request("GET", f"connections/{path_segment(conn_id)}")
            except ApiError as exc:
                if exc.status == 404:
                    raise _errors().AirflowNotFoundException(
                        f"The conn_id `{conn_id}` isn't defined"
                    ) from None
                raise
        return Connection(**{k: v for k, v in (data or {}).items() if k in Connection.FIELDS})

    # -- task instance calls ----------------------------------------------------------------------
    def skip_downstream(self, tasks: list[Any]) -> None:
        """``PATCH /task-instances/{id}/skip-downstream``."""
        self.client.request("PATCH", f"task-instances/{self.me.ti_id}/skip-downstream", {"tasks": tasks})

    def first_reschedule_date(self) -> str | None:
        """``GET /task-reschedules/{id}/start_date?try_number=n`` (start of the first reschedule)."""
        _, body = self.client.request(
            "GET", f"task-reschedules/{self.me.ti_id}/start_date", params={"try_number": self.me.try_number}
        )
        return body if isinstance(body, str) else None

    def previous_successful_dagrun(self) -> dict[str, Any]:
        """``GET /task-instances/{id}/previous-successful-dagrun``."""
        _, body = self.client.request("GET", f"task-instances/{self.me.ti_id}/previous-successful-dagrun")
        return body or {}


class Connection:
    """An Airflow connection as a task sees it."""

    FIELDS = ("conn_id", "conn_type", "description", "host", "schema", "login", "password", "port", "extra")

    def __init__(self, conn_id: str, conn_type: str | None = None, **fields: Any) -> None:
        self.conn_id, self.conn_type = conn_id, conn_type
        self.description: str | None = fields.get("description")
        self.host: str | None = fields.get("host")
        self.schema: str | None = fields.get("schema")
        self.login: str | None = fields.get("login")
        self.password: str | None = fields.get("password")
        self.port: int | None = fields.get("port")
        self.extra: str | None = fields.get("extra")

    @property
    def extra_dejson(self) -> dict[str, Any]:
        """``extra`` decoded (``{}`` when empty or not JSON)."""
        try:
            value = json.loads(self.extra) if self.extra else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def get_uri(self) -> str:
        """``type://login:password@host:port/schema``."""
        from urllib.parse import quote

        auth = ""
        if self.login or self.password:
            auth = (
                quote(self.login or "", safe="")
                + (":" + quote(self.password, safe="") if self.password else "")
                + "@"
            )
        host = (self.host or "") + (f":{self.port}" if self.port else "")
        scheme = (self.conn_type or "").replace("_", "-")
        return f"{scheme}://{auth}{host}" + (f"/{self.schema}" if self.schema else "")

    def __repr__(self) -> str:
        return self.conn_id


class LazyXComSequence:
    """The values of a mapped task, fetched item by item (``GET .../item/{n}``) when used."""

    def __init__(self, api: Api, task_id: str, key: str) -> None:
        self._api, self._task_id, self._key = api, task_id, key
        self._cache: list[Any] = []
        self._complete = False

    def __iter__(self) -> Any:
        n = 0
        while True:
            if n < len(self._cache):
                yield self._cache[n]
            elif self._complete:
                return
            else:
                found, value = self._api.xcom_item(self._task_id, self._key, n)
                if not found:
                    self._complete = True
                    return
                self._cache.append(value)
                yield value
            n += 1

    def __len__(self) -> int:
        for _ in self:
            pass
        return len(self._cache)

    def __getitem__(self, index: int) -> Any:
        if index < 0:
            return list(self)[index]
        for n, value in enumerate(self):
            if n == index:
                return value
        raise IndexError(index)

    def __repr__(self) -> str:
        return (
            "LazyXComSequence(<unevaluated length>)"
            if not self._complete
            else f"LazyXComSequence({len(self._cache)})"
        )

    __str__ = __repr__
