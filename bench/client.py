"""A small synchronous HTTP client for setting things up: log in as Airflow does, call the REST API."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass, field
from typing import Any


class HttpError(RuntimeError):
    """A request answered with an unexpected status."""


@dataclass
class Api:
    """JSON over one keep-alive connection to ``host:port``, with the bearer token once logged in."""

    host: str
    port: int
    token: str | None = None
    timeout: float = 60.0
    _conn: http.client.HTTPConnection | None = field(default=None, repr=False)

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: object = None) -> tuple[int, Any]:
        """Send one request; return the status and the decoded JSON body (or the text, or None)."""
        headers = {"Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, path, body=payload, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        if not raw:
            return resp.status, None
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, raw.decode(errors="replace")

    def expect(self, method: str, path: str, body: object = None, ok: tuple[int, ...] = (200, 201)) -> Any:
        """Like ``request`` but raise :class:`HttpError` unless the status is in ``ok``."""
        status, data = self.request(method, path, body)
        if status not in ok:
            raise HttpError(f"{method} {path} answered {status}: {str(data)[:300]}")
        return data

    def login(self, username: str, password: str) -> str:
        """``POST /auth/token`` → 201 ``{"access_token"}``; keep the token for later requests."""
        data = self.expect("POST", "/auth/token", {"username": username, "password": password}, ok=(200, 201))
        self.token = str(data["access_token"])
        return self.token

    def status_of(self, path: str) -> int:
        """The status a GET of ``path`` answers (used to tell implemented endpoints from 404s)."""
        return self.request("GET", path)[0]


def wait_healthy(host: str, port: int, timeout: float, is_alive: Any = None) -> float:
    """Poll ``GET /api/v2/monitor/health`` until it answers 200; return the seconds waited.

    ``is_alive`` (optional callable) is checked between polls so a crashed server fails fast.
    """
    start = time.monotonic()
    deadline = start + timeout
    while time.monotonic() < deadline:
        if is_alive is not None and not is_alive():
            raise HttpError(f"the server on port {port} exited before it was healthy")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/api/v2/monitor/health")
            if conn.getresponse().status == 200:
                conn.close()
                return time.monotonic() - start
            conn.close()
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.05)
    raise HttpError(f"the server on port {port} was not healthy within {timeout:.0f} s")
