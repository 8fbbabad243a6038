"""The stock Airflow 3.2.2 UI on a real ``airgate lite``, in headless Chromium.

Login, the admin pages (variables, pools, connections — created, edited and deleted through the UI's own forms —
config, audit log), bad cookies, unknown routes, a sub-path deployment and the all-admins mode: what is on screen
matches the store (read through the API), no request answered 4xx/5xx (beyond :data:`NOT_YET_IMPLEMENTED`, now
empty), no console or page error. Every 4xx seen is written to ``test-artifacts/ui/not-implemented.json``.
The DAG pages are in ``test_browser_dags.py``.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from playwright.sync_api import expect
from ui_pages import SEEN_4XX, WAIT_MS, check, new_page, read, token, visible, visit
from ui_server import Server
from ui_tracking import Tracker

pytestmark = pytest.mark.ui

# Operations the visited pages call that Airgate does not serve yet (answered 404): none any more.
NOT_YET_IMPLEMENTED: set[str] = set()
LOGIN_REDIRECT = {"get_configs"}  # the logged-out bootstrap call answered 401, which sends the UI to login


@pytest.fixture(scope="module")
def server(start_server: Callable[..., contextlib.AbstractContextManager[Server]]) -> Iterator[Server]:
    """One server for the module, with a variable, a pool and a connection made through the API."""
    with start_server() as running:
        with running.api() as api:
            for method, path, body in (
                ("POST", "api/v2/variables", {"key": "ui_greeting", "value": "hello from the store"}),
                ("POST", "api/v2/pools", {"name": "ui_pool", "slots": 7, "description": "made by the UI test"}),
                ("POST", "api/v2/connections", {"connection_id": "ui_http", "conn_type": "http",
                                                "host": "example.invalid", "port": 8080}),
            ):
                response = api.request(method, path, json=body)
                assert response.status_code == 201, response.text
        yield running


@pytest.fixture(scope="module", autouse=True)
def _write_seen_4xx(artifacts: Path) -> Iterator[None]:
    yield
    report = {page: sorted(ops) for page, ops in sorted(SEEN_4XX.items())}
    (artifacts / "not-implemented.json").write_text(json.dumps(report, indent=1) + "\n")


@pytest.fixture(scope="module")
def admin(browser: Any, server: Server) -> Iterator[tuple[Any, Tracker]]:
    """One signed-in page (``_token`` cookie) shared by the page tests, so the browser cache is reused."""
    page, tracker = new_page(browser, server, token(server))
    yield page, tracker
    page.context.close()


@pytest.fixture(scope="module")
def visitor(browser: Any, server: Server) -> Iterator[tuple[Any, Tracker]]:
    """One page for the signed-out tests (cookies cleared before each use; the browser cache is reused)."""
    page, tracker = new_page(browser, server, None)
    yield page, tracker
    page.context.close()


def _fresh(visitor: tuple[Any, Tracker], server: Server, token: str | None = None) -> tuple[Any, Tracker]:
    page, tracker = visitor
    page.context.clear_cookies()
    if token is not None:
        page.context.add_cookies([{"name": "_token", "value": token, "domain": "127.0.0.1",
                                   "path": server.base.removeprefix(server.origin)}])
    tracker.reset()
    return page, tracker














def _login(page: Any, server: Server, user: str, password: str) -> None:
    page.goto(server.base)
    page.wait_for_url("**/auth/login?next=*", timeout=WAIT_MS)
    page.locator("input[name=username]").fill(user)
    page.locator("input[name=password]").fill(password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(server.base, timeout=WAIT_MS)
    expect(page.get_by_text("Welcome")).to_be_visible(timeout=WAIT_MS)


def test_logged_out_browser_logs_in_through_the_form(
    visitor: tuple[Any, Tracker], server: Server, artifacts: Path
) -> None:
    page, tracker = _fresh(visitor, server)
    page.goto(server.base)
    page.wait_for_url(f"{server.base}auth/login?next=%2F", timeout=WAIT_MS)
    expect(page.locator("input[name=username]")).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "login.png"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(server.password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(server.base, timeout=WAIT_MS)
    expect(page.get_by_text("Welcome")).to_be_visible(timeout=WAIT_MS)
    cookie = {c["name"]: c for c in page.context.cookies()}["_token"]
    claims = jwt.decode(cookie["value"], server.jwt_secret, algorithms=["HS512"], audience="apache-airflow")
    assert (claims["sub"], claims["role"], cookie["path"]) == ("admin", "admin", "/")
    expect(page.get_by_text("Pool Slots")).to_be_visible(timeout=WAIT_MS)
    check("home", tracker, page, artifacts, NOT_YET_IMPLEMENTED | LOGIN_REDIRECT)


def test_wrong_password_stays_on_login(visitor: tuple[Any, Tracker], server: Server) -> None:
    page, _ = _fresh(visitor, server)
    page.goto(f"{server.base}auth/login")
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill("not-the-password")
    with page.expect_response(lambda r: r.url.endswith("/auth/token")) as answer:
        page.locator("button[type=submit]").click()
    assert answer.value.status == 401
    assert "/auth/login" in page.url and "_token" not in {c["name"] for c in page.context.cookies()}




def test_variables_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}variables")
    variables = read(server, "api/v2/variables")["variables"]
    assert [v["key"] for v in variables] == ["ui_greeting"]
    for variable in variables:
        visible(page, variable["key"])
        visible(page, variable["value"])
    check("variables", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_pools_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}pools")
    pools = read(server, "api/v2/pools")["pools"]
    assert {p["name"] for p in pools} == {"default_pool", "ui_pool"}
    for pool in pools:
        visible(page, f"{pool['name']} ({pool['slots']} Slots)")
    check("pools", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_connections_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}connections")
    connections = read(server, "api/v2/connections")["connections"]
    assert "ui_http" in {c["connection_id"] for c in connections}
    for connection in connections:
        visible(page, connection["connection_id"])
    visible(page, "example.invalid")
    check("connections", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_config_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}configs")
    sections = read(server, "api/v2/config")["sections"]
    api = {o["key"]: o["value"] for s in sections if s["name"] == "api" for o in s["options"]}
    for key in ("fallback_page_limit", "maximum_page_limit", "expose_config"):
        visible(page, key)
    visible(page, "admin:admin,viewer:viewer")
    assert api["expose_config"] == "True"
    check("config", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_audit_log_page(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}events")
    events = read(server, "api/v2/eventLogs")["event_logs"]
    names = {e["event"] for e in events}
    assert {"post_variable", "post_pool", "post_connection"} <= names
    for name in names:
        visible(page, name)
    check("audit_log", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def _expired_token(server: Server) -> str:
    now = int(time.time())
    claims = {"sub": "admin", "role": "admin", "teams": [], "jti": uuid.uuid4().hex, "aud": "apache-airflow",
              "nbf": now - 7200, "iat": now - 7200, "exp": now - 3600}
    return jwt.encode(claims, server.jwt_secret, algorithm="HS512", headers={"kid": "not-used"})


@pytest.mark.parametrize("kind", ["garbage", "expired"])
def test_bad_cookie_goes_to_login(
    visitor: tuple[Any, Tracker], server: Server, artifacts: Path, kind: str
) -> None:
    token = "garbage.not.a-jwt" if kind == "garbage" else _expired_token(server)
    page, _ = _fresh(visitor, server, token)
    page.goto(f"{server.base}variables")
    page.wait_for_url("**/auth/login?next=*", timeout=WAIT_MS)
    expect(page.locator("input[name=password]")).to_be_visible(timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / f"cookie_{kind}.png"))


def test_unknown_route_serves_the_spa(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = admin
    tracker.reset()
    response = page.goto(f"{server.base}no/such/page")
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    expect(page.get_by_text("404", exact=True)).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Home")).to_be_visible()
    check("unknown_route", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_sub_path_deployment(
    browser: Any, start_server: Callable[..., contextlib.AbstractContextManager[Server]], artifacts: Path
) -> None:
    with start_server(base_path="/airgate") as sub:
        assert sub.base.endswith("/airgate/")
        with sub.api() as api:
            assert api.post("api/v2/variables", json={"key": "under_sub_path", "value": "v1"}).status_code == 201
        page, tracker = new_page(browser, sub, None)
        _login(page, sub, "admin", sub.password)
        cookie = {c["name"]: c for c in page.context.cookies()}["_token"]
        assert cookie["path"] == "/airgate/"
        tracker.reset()
        page.goto(f"{sub.base}variables")
        visible(page, "under_sub_path")
        # the stock UI asks for /api/v2/version at the root, whatever <base> says: served there too, as Airflow does
        outside = {(c.operation, c.status, c.url) for c in tracker.calls
                   if c.url.startswith(sub.origin) and not c.url.startswith(sub.base)}
        assert {(op, status) for op, status, _ in outside} <= {("get_version", 200)}, outside
        check("sub_path_variables", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
        page.context.close()


def test_all_admins_mode_needs_no_login(
    browser: Any, start_server: Callable[..., contextlib.AbstractContextManager[Server]], artifacts: Path
) -> None:
    with start_server(AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True") as local:
        page, tracker = new_page(browser, local, None)
        page.goto(f"{local.base}variables")
        expect(page.get_by_text("No variables found")).to_be_visible(timeout=WAIT_MS)
        assert page.url == f"{local.base}variables"
        assert all("/auth/login" not in c.url for c in tracker.calls)
        me = [c for c in tracker.calls if c.operation == "get_current_user_info"]
        assert me and all(c.status == 200 for c in me)
        check("all_admins_variables", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
        page.context.close()


def _connection(server: Server, connection_id: str) -> dict[str, Any] | None:
    with server.api() as api:
        response = api.get(f"api/v2/connections/{connection_id}")
        return response.json() if response.status_code == 200 else None


def test_connection_create_edit_delete_through_the_forms(
    admin: tuple[Any, Tracker], server: Server, artifacts: Path
) -> None:
    page, tracker = visit(admin, f"{server.base}connections")
    page.get_by_role("button", name="Add Connection").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    dialog.locator("input[name=connection_id]").fill("ui_made")
    connection_type = dialog.get_by_role("combobox")  # the type picker (react-select)
    connection_type.fill("Generic")
    connection_type.press("Enter")
    dialog.get_by_role("textbox", name="Host").fill("made.example.invalid")
    page.screenshot(path=str(artifacts / "connection_create_form.png"))
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden(timeout=WAIT_MS)
    made = _connection(server, "ui_made")
    assert made is not None and (made["conn_type"], made["host"]) == ("generic", "made.example.invalid")
    visible(page, "ui_made")

    page.get_by_role("row").filter(has_text="ui_made").get_by_role("button", name="Edit Connection").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    dialog.get_by_role("textbox", name="Host").fill("edited.example.invalid")
    page.screenshot(path=str(artifacts / "connection_edit_form.png"))
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden(timeout=WAIT_MS)
    edited = _connection(server, "ui_made")
    assert edited is not None and edited["host"] == "edited.example.invalid"
    visible(page, "edited.example.invalid")

    page.get_by_role("row").filter(has_text="ui_made").get_by_role("button", name="Delete Connection").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    dialog.get_by_role("button", name="Delete").click()
    expect(dialog).to_be_hidden(timeout=WAIT_MS)
    assert _connection(server, "ui_made") is None
    expect(page.get_by_text("ui_made", exact=True)).to_have_count(0, timeout=WAIT_MS)
    check("connection_crud", tracker, page, artifacts, NOT_YET_IMPLEMENTED)


def test_variable_create_through_the_form(admin: tuple[Any, Tracker], server: Server, artifacts: Path) -> None:
    page, tracker = visit(admin, f"{server.base}variables")
    page.get_by_role("button", name="Add Variable").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    dialog.locator("input[name=key]").fill("ui_made_variable")
    dialog.locator("textarea[name=value]").fill("typed in the form")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden(timeout=WAIT_MS)
    with server.api() as api:
        made = api.get("api/v2/variables/ui_made_variable").json()
    assert made["value"] == "typed in the form"
    visible(page, "ui_made_variable")
    check("variable_create", tracker, page, artifacts, NOT_YET_IMPLEMENTED)
