"""The gateway's HTTP protocol (cli/http_protocol.py): a complete response leaves in one write, nothing else a
client sees changes.

uvicorn serves small ASGI apps with the protocol on a listening socket whose connections count their ``send``
calls (the standard library's socket, instrumented; the server is uvicorn's own); a raw client socket reads
what arrives. The last test asks the real ``airgate lite``.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from testsupport import interrupt

from airgate.gateway import AIRFLOW_API_VERSION
from airgate.gateway.cli.http_protocol import HTTP_PROTOCOL, CoalescingHttpToolsProtocol

JSON_BODY = b'{"version":"1"}'
BIG_BODY = bytes(range(256)) * 32768  # 8 MiB: far above the transport's write buffer limits
RELEASE = threading.Event()  # lets /stream send its second part
LISTENERS: list[_Listener] = []  # the module's server socket (set by the fixture)
SENT_WHEN_COMPLETE: list[list[int]] = []  # what /empty's connection had sent when its response was complete


class _SendCounting(socket.socket):
    """An accepted connection that records the size of each ``send`` call (before the call: the client may read
    the data before the server's thread returns from it)."""

    sends: list[int]

    def send(self, data: Any, flags: int = 0) -> int:
        self.sends.append(len(data))
        return super().send(data, flags)


class _Listener(socket.socket):
    """A listening socket whose accepted connections are :class:`_SendCounting`."""

    accepted: list[_SendCounting]

    def accept(self) -> tuple[socket.socket, Any]:
        fd, address = self._accept()  # type: ignore[attr-defined]
        conn = _SendCounting(self.family, self.type, self.proto, fileno=fd)
        conn.sends = []
        self.accepted.append(conn)
        return conn, address


async def _app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    assert scope["type"] == "http"
    path = scope["path"]
    if path == "/json":
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(JSON_BODY))]})
        await send({"type": "http.response.body", "body": JSON_BODY})
    elif path == "/stream":  # NDJSON without a length: chunked, the second part only once the test allows it
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/x-ndjson")]})
        await send({"type": "http.response.body", "body": b'{"part":1}\n', "more_body": True})
        await asyncio.to_thread(RELEASE.wait, 30)
        await send({"type": "http.response.body", "body": b'{"part":2}\n', "more_body": False})
    elif path == "/empty":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        SENT_WHEN_COMPLETE.append(list(LISTENERS[0].accepted[-1].sends))
    elif path == "/big":
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"%d" % len(BIG_BODY))]})
        await send({"type": "http.response.body", "body": BIG_BODY})
    elif path == "/fails-before-start":
        raise RuntimeError("boom")
    elif path == "/fails-after-start":
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
        await send({"type": "http.response.body", "body": b"partial", "more_body": True})
        raise RuntimeError("boom")


@pytest.fixture(scope="module")
def server() -> Iterator[_Listener]:
    """uvicorn on 127.0.0.1 with the gateway's protocol, in a thread of its own; stopped after the module."""
    listener = _Listener(socket.AF_INET, socket.SOCK_STREAM)
    listener.accepted = []
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    LISTENERS[:] = [listener]
    config = uvicorn.Config(_app, log_level="critical", lifespan="off", loop="asyncio", http=HTTP_PROTOCOL)
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    for _ in range(200):
        if uvicorn_server.started:
            break
        time.sleep(0.05)
    assert uvicorn_server.started
    try:
        yield listener
    finally:
        RELEASE.set()
        uvicorn_server.should_exit = True
        thread.join(30)
        listener.close()


@contextmanager
def _connect(port: int) -> Iterator[socket.socket]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        yield sock


def _request(sock: socket.socket, method: str, path: str, *headers: str) -> None:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""]
    sock.sendall("\r\n".join(lines).encode())


def _read_until(sock: socket.socket, data: bytes, marker: bytes) -> bytes:
    while marker not in data:
        more = sock.recv(65536)
        assert more, f"connection closed before {marker!r}; got {data!r}"
        data += more
    return data


def _read_response(sock: socket.socket, head_request: bool = False) -> tuple[bytes, dict[bytes, bytes], bytes]:
    """Status line, headers and body (chunked bodies decoded) of one response; nothing after it is read."""
    data = _read_until(sock, b"", b"\r\n\r\n")
    head, _, rest = data.partition(b"\r\n\r\n")
    status, *header_lines = head.split(b"\r\n")
    headers = {name.lower(): value for name, _, value in (line.partition(b": ") for line in header_lines)}
    if head_request or status.split()[1] in (b"204", b"304"):
        assert rest == b""
        return status, headers, b""
    if headers.get(b"transfer-encoding") == b"chunked":
        rest = _read_until(sock, rest, b"0\r\n\r\n")
        body, remaining = b"", rest
        while True:
            size_line, _, remaining = remaining.partition(b"\r\n")
            size = int(size_line, 16)
            if size == 0:
                return status, headers, body
            body, remaining = body + remaining[:size], remaining[size + 2:]
    length = int(headers[b"content-length"])
    while len(rest) < length:
        more = sock.recv(1 << 20)
        assert more, "connection closed inside the body"
        rest += more
    assert len(rest) == length
    return status, headers, rest


def _port(listener: socket.socket) -> int:
    return int(listener.getsockname()[1])


def test_the_gateway_serves_with_the_coalescing_protocol_when_httptools_is_installed() -> None:
    assert HTTP_PROTOCOL is CoalescingHttpToolsProtocol


def test_without_httptools_uvicorn_chooses_as_before() -> None:
    script = "\n".join([
        "import sys",
        "sys.modules['httptools'] = None  # as if it were not installed",
        "import uvicorn",
        "from airgate.gateway.cli.http_protocol import HTTP_PROTOCOL",
        "config = uvicorn.Config(lambda scope, receive, send: None, http=HTTP_PROTOCOL, log_level='critical')",
        "config.load()",
        "print(HTTP_PROTOCOL, config.http_protocol_class.__name__)",
    ])
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "auto H11Protocol\n"), result.stderr


def test_a_complete_response_leaves_in_one_send_and_arrives_in_the_first_recv(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        for _ in range(3):  # keep-alive: every response on the connection, not only the first
            _request(sock, "GET", "/json")
            first = sock.recv(65536)
            assert first.startswith(b"HTTP/1.1 200 OK\r\n")
            assert first.endswith(b"\r\n\r\n" + JSON_BODY)
            assert b"content-length: 15\r\n" in first
        assert server.accepted[-1].sends == [len(first)] * 3


def test_a_stream_sends_its_first_part_before_the_rest_is_ready(server: _Listener) -> None:
    RELEASE.clear()
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/stream")
        data = _read_until(sock, b"", b'{"part":1}\n\r\n')
        assert b"transfer-encoding: chunked\r\n" in data
        assert b'{"part":2}' not in data
        RELEASE.set()
        rest = _read_until(sock, data, b"0\r\n\r\n")
        assert rest.endswith(b'b\r\n{"part":2}\n\r\n0\r\n\r\n')
        _request(sock, "GET", "/json")  # the connection is still usable
        assert _read_response(sock)[2] == JSON_BODY


def test_head_answers_carry_no_body_and_keep_the_connection(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        _request(sock, "HEAD", "/json")
        status, headers, body = _read_response(sock, head_request=True)
        assert (status, headers[b"content-length"], body) == (b"HTTP/1.1 200 OK", b"15", b"")
        _request(sock, "GET", "/json")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")  # no stray body before it


def test_no_content_has_no_body(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/empty")
        status, headers, _ = _read_response(sock)
        assert status == b"HTTP/1.1 204 No Content"
        assert b"transfer-encoding" not in headers and b"content-length" not in headers
        # it left as soon as it was complete (its empty body), not at the end of the event-loop step; the
        # server's thread records that just after the write, which the client may read first
        deadline = time.monotonic() + 10
        while not SENT_WHEN_COMPLETE and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(SENT_WHEN_COMPLETE[-1]) == 1
        _request(sock, "GET", "/json")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")


def test_connection_close_is_answered_then_closed(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/json", "Connection: close")
        status, headers, body = _read_response(sock)
        assert (status, headers[b"connection"], body) == (b"HTTP/1.1 200 OK", b"close", JSON_BODY)
        assert sock.recv(65536) == b""


def test_a_body_larger_than_the_write_buffer_arrives_whole(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/big")
        assert _read_response(sock)[2] == BIG_BODY
        _request(sock, "GET", "/json")
        assert _read_response(sock)[2] == JSON_BODY


def test_application_errors_are_answered_as_before(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/fails-before-start")
        status, headers, body = _read_response(sock)
        assert (status, headers[b"connection"], body) == (b"HTTP/1.1 500 Internal Server Error", b"close",
                                                          b"Internal Server Error")
        assert sock.recv(65536) == b""
    with _connect(_port(server)) as sock:
        _request(sock, "GET", "/fails-after-start")
        data = _read_until(sock, b"", b"partial")
        while more := sock.recv(65536):
            data += more
        assert data.endswith(b"\r\n\r\npartial")  # closed inside the promised 100 bytes


def test_an_unparsable_request_gets_400_and_a_close(server: _Listener) -> None:
    with _connect(_port(server)) as sock:
        sock.sendall(b"NOT HTTP\r\n\r\n")
        data = sock.recv(65536)
        while more := sock.recv(65536):
            data += more
        assert data.startswith(b"HTTP/1.1 400 Bad Request\r\n")
        assert data.endswith(b"\r\n\r\nInvalid HTTP request received.")
        assert server.accepted[-1].sends == [len(data)]


@pytest.mark.slow
def test_lite_answers_in_one_piece(tmp_path: Path) -> None:
    """The real ``airgate lite``: /api/v2/version in the first recv, keep-alive, HEAD without a body."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env["AIRFLOW_HOME"] = str(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "airgate.gateway.cli.main", "lite", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        sock = None
        deadline = time.monotonic() + 60
        while sock is None and time.monotonic() < deadline and process.poll() is None:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            except OSError:
                time.sleep(0.2)
        assert sock is not None, f"lite did not listen on {port}; exit={process.poll()}"
        with sock:
            for _ in range(2):
                _request(sock, "GET", "/api/v2/version")
                first = sock.recv(65536)
                head, _, body = first.partition(b"\r\n\r\n")
                assert head.startswith(b"HTTP/1.1 200 OK\r\n")
                assert json.loads(body)["version"] == AIRFLOW_API_VERSION
            _request(sock, "HEAD", "/api/v2/version")
            # (the gateway answers HEAD here with 405 and the length of the JSON error it does not send)
            _, headers, body = _read_response(sock, head_request=True)
            assert (b"content-length" in headers, body) == (True, b"")
            _request(sock, "GET", "/api/v2/version")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")
    finally:
        stderr = interrupt(process)
    assert "Traceback" not in stderr, stderr
