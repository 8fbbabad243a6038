"""Helpers shared by the browser tests: signed-in pages, settling, checking a page, reading the store."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from ui_server import Server
from ui_tracking import Tracker

VIEWPORT = {"width": 1400, "height": 900}
WAIT_MS = 20_000
SEEN_4XX: dict[str, set[str]] = {}  # page name -> operations answered 4xx on it (written to test-artifacts)


def token(server: Server, user: str = "admin") -> str:
    """A bearer token of ``user`` (what the login form puts in the ``_token`` cookie)."""
    with server.api(user) as api:
        return str(api.headers["Authorization"].removeprefix("Bearer "))


def new_page(browser: Any, server: Server, jwt: str | None) -> tuple[Any, Tracker]:
    """A fresh browser context and page, signed in with ``jwt`` when given, and its tracker."""
    context = browser.new_context(viewport=VIEWPORT)
    if jwt is not None:
        context.add_cookies([{"name": "_token", "value": jwt, "domain": "127.0.0.1",
                              "path": server.base.removeprefix(server.origin)}])
    page = context.new_page()
    base_path = server.base.removeprefix(server.origin).rstrip("/")
    return page, Tracker(base_path=base_path).attach(page)


def visit(signed_in: tuple[Any, Tracker], url: str) -> tuple[Any, Tracker]:
    """Open ``url`` in the shared page, with the tracker reset."""
    page, tracker = signed_in
    tracker.reset()
    page.goto(url)
    return page, tracker


def settle(page: Any, tracker: Tracker) -> None:
    """Wait for the network to go idle and then for 1.5 s without a new response (at most 15 s in all)."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)
    deadline, seen = time.monotonic() + 5, -1
    while len(tracker.calls) != seen and time.monotonic() < deadline:
        seen = len(tracker.calls)
        page.wait_for_timeout(1_500)


def check(name: str, tracker: Tracker, page: Any, artifacts: Path, allowed: set[str]) -> None:
    """Settle, save a screenshot, and assert: no 5xx, no 4xx outside ``allowed``, no console/page error."""
    settle(page, tracker)
    page.screenshot(path=str(artifacts / f"{name}.png"))
    SEEN_4XX[name] = {str(c.operation or c.url) for c in tracker.failures()}
    assert tracker.problems(allowed) == []


def visible(page: Any, text: str, exact: bool = True) -> None:
    """``text`` is on screen (the first match)."""
    expect(page.get_by_text(text, exact=exact).first).to_be_visible(timeout=WAIT_MS)


def read(server: Server, path: str, **params: Any) -> Any:
    """GET an API path as admin (``limit=100`` unless given) and return the JSON body."""
    with server.api() as api:
        response = api.get(path, params={"limit": 100, **params})
        assert response.status_code == 200, response.text
        return response.json()
