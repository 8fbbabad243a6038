"""Registry fixtures: a bundle folder with real DAG files, a warm parser pool, a processor over ``store``."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.store import Store
from airgate.shim import ParserPool

DAGS = Path(__file__).parent / "dags"


@pytest.fixture(scope="session")
def parser_pool() -> Iterator[ParserPool]:
    """Warm parse workers shared by the registry tests."""
    with ParserPool(2, timeout=10) as pool:
        yield pool


@pytest.fixture
def dags_dir(tmp_path: Path) -> Path:
    """A bundle folder holding copies of ``tests/gateway/registry/dags``."""
    folder = tmp_path / "dags"
    shutil.copytree(DAGS, folder)
    return folder


@pytest.fixture
async def processor(store: Store, dags_dir: Path, parser_pool: ParserPool) -> AsyncIterator[DagProcessor]:
    """A processor of the ``dags-folder`` bundle over the test's store."""
    proc = DagProcessor(store, [Bundle("dags-folder", str(dags_dir))], pool=parser_pool)
    yield proc
    proc.close()
