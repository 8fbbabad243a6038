"""A minimal Execution API client: bearer token, API version header, JSON in and out.

Plain HTTP/1.1 over ``_socket`` (a C module): ``http.client`` would pull in the ``email`` package and
cost tens of milliseconds before the first call of every task process. ``https`` URLs use ``http.client``.
The first call (``PATCH /run``) uses the workload token; the ``Refreshed-API-Token`` header the server
answers with replaces it for every later call, as the Airflow task SDK does.
"""

from __future__ import annotations

import _socket
import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

API_VERSION = "2026-04-06"
USER_AGENT = "airgate-agent/0.1.0"


class ApiError(Exception):
    """A non-2xx answer of the Execution API."""

    def __init__(self, method: str, path: str, status: int, detail: Any) -> None:
        super().__init__(f"{method} {path} -> {status}: {detail!r}")
        self.status = status
        self.detail = detail


def _split_url(url: str) -> tuple[str, str, int, str]:
    scheme, _, rest = url.partition("://")
    hostport, slash, path = rest.partition("/")
    host, _, port = (
        hostport.rpartition(":") if ":" in hostport.strip("[]").split("]")[-1] else (hostport, "", "")
    )
    host = host.strip("[]")
    default = 443 if scheme == "https" else 80
    return scheme, host, int(port) if port else default, (slash + path).rstrip("/")


_UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~"


def path_segment(value: str) -> str:
    """``value`` percent-encoded as one path segment (RFC 3986 ``pchar`` kept, as httpx sends it)."""
    return _quote(value, _UNRESERVED + "!$&'()*+,;=:@")


def _quote(value: str, safe: str = _UNRESERVED) -> str:
    return "".join(c if c in safe else "".join(f"%{b:02X}" for b in c.encode()) for c in value)


def encode_query(params: dict[str, Any]) -> str:
    """``a=1&b=x`` (values as Python prints them, booleans as ``true``/``false``)."""
    parts = []
    for key, value in params.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        parts.append(f"{_quote(str(key))}={_quote(text)}")
    return "&".join(parts)


class _Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.sock: Any = None
        self.buffer = b""

    def _connect(self) -> None:
        family, kind, proto, _, address = _socket.getaddrinfo(self.host, self.port, 0, _socket.SOCK_STREAM)[0]
        sock = _socket.socket(family, kind, proto)
        sock.settimeout(self.timeout)
        sock.connect(address)
        sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def _read(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed by the server")
        return bytes(chunk)

    def _until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            self.buffer += self._read()
        head, _, self.buffer = self.buffer.partition(marker)
        return head

    def _exactly(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self.buffer += self._read()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def exchange(self, request: bytes, method: str) -> tuple[int, dict[str, str], bytes]:
        if self.sock is None:
            self._connect()
        self.sock.sendall(request)
        head = self._until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            pass
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int(self._until(b"\r\n").split(b";")[0], 16)
                if size == 0:
                    self._until(b"\r\n")
                    break
                body += self._exactly(size)
                self._exactly(2)
        elif "content-length" in headers:
            body = self._exactly(int(headers["content-length"]))
        else:
            while True:
                try:
                    body += self._read()
                except ConnectionError:
                    break
            self.close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body


class ExecutionClient:
    """Talk to ``AIRFLOW__CORE__EXECUTION_API_SERVER_URL``. Not shared between threads: give each
    thread its own client (the heartbeat does)."""

    def __init__(self, base_url: str, token: str, timeout: float = 60.0) -> None:
        self._base_url = base_url
        self._scheme, self._host, self._port, self._prefix = _split_url(base_url)
        self._token = [token]
        self._timeout = timeout
        self._conn = _Connection(self._host, self._port, timeout)

    @property
    def token(self) -> str:
        """The current bearer token (shared with :meth:`sibling` clients)."""
        return self._token[0]

    @token.setter
    def token(self, value: str) -> None:
        self._token[0] = value

    def sibling(self) -> ExecutionClient:
        """A client with its own connection (for another thread) sharing this one's token, so a token
        refreshed by either is used by both."""
        other = ExecutionClient(self._base_url, self.token, self._timeout)
        other._token = self._token
        return other

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        *,
        send_body: bool = False,
    ) -> tuple[int, Any]:
        """Send one request; return ``(status, decoded JSON or None)``; raise :class:`ApiError` on >= 400."""
        url = f"{self._prefix}/{path.lstrip('/')}"
        if params:
            url += "?" + encode_query(params)
        headers = {
            "Host": f"{self._host}:{self._port}",
            "Authorization": f"Bearer {self.token}",
            "Airflow-API-Version": API_VERSION,
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
        data = b""
        if body is not None or send_body:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if data or method in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(data))
        status, answer, raw = self._send(method, url, data, headers)
        refreshed = answer.get("refreshed-api-token")
        if refreshed:
            self.token = refreshed
        try:
            decoded = json.loads(raw) if raw else None
        except ValueError:
            decoded = raw.decode(errors="replace")
        if status >= 400:
            detail = decoded.get("detail", decoded) if isinstance(decoded, dict) else decoded
            raise ApiError(method, url, status, detail)
        return status, decoded

    def _send(
        self, method: str, url: str, data: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        if self._scheme == "https":
            return self._send_tls(method, url, data, headers)
        head = f"{method} {url} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        request = head.encode("latin-1") + data
        reused = self._conn.sock is not None
        try:
            return self._conn.exchange(request, method)
        except (ConnectionError, OSError):
            self._conn.close()
            if not reused:
                raise
        return self._conn.exchange(request, method)  # a kept-alive connection the server had closed

    def _send_tls(
        self, method: str, url: str, data: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        import http.client

        conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout)
        try:
            conn.request(method, url, body=data or None, headers=headers)
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
