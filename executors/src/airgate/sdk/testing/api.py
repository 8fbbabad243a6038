"""A fake Execution API: a real HTTP server on 127.0.0.1 that records what tasks call.

It serves the few routes a task needs — ``PATCH /execution/task-instances/{id}/run``,
``PUT .../heartbeat``, ``PATCH .../state`` — answers them like Airflow would in the common case and
records every call with its arrival time (``time.monotonic()`` of this process).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import msgspec

__all__ = ["ApiCall", "FakeExecutionAPI"]

_ROUTE = re.compile(r"^/execution/task-instances/(?P<id>[^/]+)/(?P<route>run|heartbeat|state)$")
_METHODS = {"run": "PATCH", "heartbeat": "PUT", "state": "PATCH"}


class ApiCall(msgspec.Struct, frozen=True):
    """One request the fake API received."""

    method: str
    path: str
    route: str
    ti_id: str
    body: Any
    authorization: str
    at: float
    """``time.monotonic()`` when the request arrived."""


def _run_context(ti_id: str) -> dict[str, Any]:
    return {
        "dag_run": {
            "dag_id": "kit",
            "run_id": "kit",
            "logical_date": None,
            "data_interval_start": None,
            "data_interval_end": None,
            "run_after": "2026-01-01T00:00:00Z",
            "start_date": "2026-01-01T00:00:00Z",
            "end_date": None,
            "clear_number": 0,
            "run_type": "manual",
            "state": "running",
            "conf": {},
            "consumed_asset_events": [],
        },
        "task_reschedule_count": 0,
        "max_tries": 0,
        "variables": [],
        "connections": [],
        "upstream_map_indexes": {},
        "next_method": None,
        "next_kwargs": None,
        "xcom_keys_to_clear": [],
        "should_retry": False,
    }


class FakeExecutionAPI:
    """Start with :meth:`start` (or as a context manager); ``url`` is what tasks get."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self._cond = threading.Condition()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                match = _ROUTE.match(self.path)
                if match is None or _METHODS[match["route"]] != self.command:
                    self._reply(404, {"detail": "Not Found"})
                    return
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    self._reply(422, {"detail": "invalid JSON"})
                    return
                call = ApiCall(
                    method=self.command,
                    path=self.path,
                    route=match["route"],
                    ti_id=match["id"],
                    body=body,
                    authorization=self.headers.get("Authorization", ""),
                    at=time.monotonic(),
                )
                api._record(call)
                if call.route == "run":
                    self._reply(200, _run_context(call.ti_id))
                else:
                    self._reply(204, None)

            def _reply(self, status: int, body: Any) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_PATCH = do_PUT = do_GET = do_POST = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The Execution API base URL (``AIRFLOW__CORE__EXECUTION_API_SERVER_URL``)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/execution/"

    def _record(self, call: ApiCall) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def start(self) -> FakeExecutionAPI:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeExecutionAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def calls_for(self, ti_id: str, route: str | None = None) -> list[ApiCall]:
        """Recorded calls of one task instance (optionally of one route)."""
        with self._cond:
            return [c for c in self.calls if c.ti_id == ti_id and (route is None or c.route == route)]

    def wait_for(self, ti_id: str, route: str, timeout: float = 10.0) -> ApiCall | None:
        """Block until ``ti_id`` called ``route`` (or ``timeout``); the first such call or ``None``."""
        end = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls:
                    if call.ti_id == ti_id and call.route == route:
                        return call
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
