"""Fixtures of the browser tests: the UI asset cache, a real ``airgate lite`` server, headless Chromium.

- ``ui_assets``: the verified cache of the stock UI (downloaded once if missing; skipped when that is
  impossible, failing instead under ``CI=true``).
- ``start_server(base_path="")``: a context manager running ``airgate lite`` on a free 127.0.0.1 port in a
  temporary AIRFLOW_HOME (SQLite), users ``admin:admin,viewer:viewer``, ``[api] expose_config = True``; it
  yields a :class:`Server` (URLs, the admin password, an admin API client) and stops the process on exit.
- ``browser``: Debian's Chromium through Playwright (``executable_path=/usr/bin/chromium``), installed with
  apt by :mod:`setup_browser` when missing.
- ``artifacts``: ``test-artifacts/ui/`` for screenshots.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from airgate.gateway.ui.assets import AssetError, UiAssets, cache_dir, ensure

sys.path.insert(0, str(Path(__file__).parent))
from setup_browser import CHROMIUM, FLAGS, ensure_chromium, playwright_missing
from ui_server import Server, run_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "ui"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ui: drives the stock Airflow UI in headless Chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def ui_assets() -> UiAssets:
    """The stock UI assets (fetched into the cache once)."""
    try:
        return ensure(cache_dir())
    except AssetError as exc:
        _unavailable(f"UI assets unavailable: {exc}")
        raise


@pytest.fixture(scope="module")
def start_server(
    ui_assets: UiAssets, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., contextlib.AbstractContextManager[Server]]:
    """``with start_server(base_path="/airgate") as server:`` — a real ``airgate lite``."""
    tmp = tmp_path_factory.mktemp("airgate_ui")

    def start(base_path: str = "", **extra_env: str) -> contextlib.AbstractContextManager[Server]:
        return run_server(tmp, base_path, extra_env)

    return start


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright.

    Module-scoped: Playwright's sync API keeps an event loop running while it is open, which would stop the
    async tests of other modules from starting their own.
    """
    problem = ensure_chromium() or playwright_missing()
    if problem:
        _unavailable(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
