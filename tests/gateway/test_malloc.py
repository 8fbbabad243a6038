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
