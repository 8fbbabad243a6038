"""The HTTP protocol ``airgate lite`` and ``airgate api-server`` give uvicorn: a response leaves in one write.

uvicorn's httptools protocol writes a response's status line and headers on ``http.response.start`` and its
body on ``http.response.body``: two ``send`` calls, so the client is woken twice (headers, then body). On a
small VM a write that wakes another process is the largest item of the gateway's profile, and almost every
response (the Execution API's, the UI's JSON) is complete with its start: the body follows in the same
event-loop step.

:class:`CoalescingTransport` holds a write until the end of the event-loop step it was made in
(``loop.call_soon``); a second write in that step goes out together with the held one, at once. So a complete
response leaves in a single write and its body is not delayed at all, nor are the headers of a body-less
response (uvicorn ends it with an empty write, which sends what is held), while a write that nothing follows (the
headers of a stream whose first part is not ready, a part of a stream) leaves one loop step later. At most one
write is ever held, so flow control is the transport's own (``get_write_buffer_size`` counts the held bytes);
``close()`` and ``write_eof()`` send it first, ``abort()`` and a lost connection drop it.

Without httptools uvicorn's ``http="auto"`` serves with h11; :data:`HTTP_PROTOCOL` is then ``"auto"`` and
nothing changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any, Literal


class CoalescingTransport(asyncio.Transport):
    """A transport that sends writes made in one event-loop step as one write to ``inner``."""

    def __init__(self, inner: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.inner = inner
        self._loop = loop
        self._held: bytes | None = None
        self._flush_handle: asyncio.Handle | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:  # uvicorn ends a body-less response (a 204) with an empty write: send what is held now
            self.flush()
            return
        held = self._held
        if held is None:
            self._held = bytes(data)
            self._flush_handle = self._loop.call_soon(self.flush)
            return
        self._drop_held()
        self.inner.write(held + data)

    def writelines(self, list_of_data: Iterable[bytes | bytearray | memoryview]) -> None:
        self.write(b"".join(list_of_data))

    def flush(self) -> None:
        """Send the held write now, if any."""
        held = self._held
        if held is not None:
            self._drop_held()
            self.inner.write(held)

    def _drop_held(self) -> None:
        self._held = None
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None

    def close(self) -> None:
        self.flush()
        self.inner.close()

    def write_eof(self) -> None:
        self.flush()
        self.inner.write_eof()

    def abort(self) -> None:
        self._drop_held()
        self.inner.abort()

    def connection_lost(self) -> None:
        """The peer is gone: what is held can no longer be delivered."""
        self._drop_held()

    def can_write_eof(self) -> bool:
        return self.inner.can_write_eof()

    def is_closing(self) -> bool:
        return self.inner.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.inner.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.inner.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.inner.get_protocol()

    def is_reading(self) -> bool:
        return self.inner.is_reading()

    def pause_reading(self) -> None:
        self.inner.pause_reading()

    def resume_reading(self) -> None:
        self.inner.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.inner.set_write_buffer_limits(high, low)

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.inner.get_write_buffer_limits()

    def get_write_buffer_size(self) -> int:
        return self.inner.get_write_buffer_size() + (len(self._held) if self._held is not None else 0)


HTTP_PROTOCOL: type[asyncio.Protocol] | Literal["auto"]
try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is a dependency of the gateway
    HTTP_PROTOCOL = "auto"
else:

    class CoalescingHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol over a :class:`CoalescingTransport`."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(CoalescingTransport(transport, self.loop))

        def connection_lost(self, exc: Exception | None) -> None:
            if exc is not None and isinstance(self.transport, CoalescingTransport):
                self.transport.connection_lost()
            super().connection_lost(exc)

        def handle_websocket_upgrade(self) -> None:
            # the WebSocket protocol takes the connection over: it gets the socket's own transport
            if isinstance(self.transport, CoalescingTransport):
                self.transport.flush()
                self.transport = self.transport.inner
            super().handle_websocket_upgrade()

    HTTP_PROTOCOL = CoalescingHttpToolsProtocol
