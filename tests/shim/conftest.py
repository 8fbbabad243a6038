"""Shared fixtures of the shim tests: one warm parser pool per test session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from airgate.shim import ParserPool

sys.path.insert(0, str(Path(__file__).parent))



@pytest.fixture(scope="session")
def pool() -> Iterator[ParserPool]:
    with ParserPool(size=2, timeout=10, memory_mb=512) as parser_pool:
        yield parser_pool
