"""Fixtures shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.lite_harness import Lite


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[Lite]:
    """``airgate lite`` with its own ``lite`` executor (a test module may override it with another)."""
    server = Lite(tmp_path / "home", "lite")
    try:
        yield server
    finally:
        server.stop()
