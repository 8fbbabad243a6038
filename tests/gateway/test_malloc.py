"""glibc's allocator thresholds (ADR 0018): fixed for the gateway unless the user tunes the allocator."""

from __future__ import annotations

import platform

import pytest

from airgate.gateway.cli import malloc

GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="glibc only")
def test_thresholds_are_fixed_on_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in malloc.USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert malloc.fix_thresholds() is True


@pytest.mark.parametrize("name", ["GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"])
def test_a_users_own_allocator_settings_are_left_alone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "glibc.malloc.tcache_count=7" if name == "GLIBC_TUNABLES" else "262144")
    assert malloc.fix_thresholds() is False


async def test_reads_stay_below_the_mmap_threshold_and_still_carry_large_messages() -> None:
    """After ``small_reads`` a message far larger than one read still arrives whole (in several reads)."""
    import asyncio
    from asyncio import selector_events

    malloc.small_reads()
    assert selector_events._SelectorSocketTransport.max_size == malloc.READ_SIZE < malloc.THRESHOLD  # type: ignore[attr-defined]
    payload = bytes(range(256)) * 4096  # 1 MiB
    received = asyncio.get_running_loop().create_future()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        received.set_result(await reader.readexactly(len(payload)))
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(payload)
        await writer.drain()
        assert await asyncio.wait_for(received, 10) == payload
        writer.close()
