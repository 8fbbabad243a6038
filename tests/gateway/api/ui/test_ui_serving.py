"""The stock UI served by the gateway: documents with ``<base href>``, static files, Airflow's fixed 404s."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import httpx
import pytest

from airgate.gateway.ui.assets import AssetError, UiAssets, cache_dir, ensure
from airgate.gateway.ui.serving import IMMUTABLE

MakeClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
INDEX_JS = re.compile(r'src="\./static/assets/(index-[\w-]+\.js)"')


@pytest.fixture(scope="session")
def ui_assets() -> UiAssets:
    """The verified UI cache (downloaded once when missing)."""
    try:
        return ensure(cache_dir())
    except AssetError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
        raise


def _json404(response: httpx.Response, body: dict[str, str]) -> None:
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == body


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_documents_and_static(ui_assets: UiAssets, client: httpx.AsyncClient) -> None:
    for path in ("/", "/dags", "/dags/x/runs/scheduled__2026-11-23T22:00:00+00:00/tasks/t", "/no/such/page"):
        page = await client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert page.headers["cache-control"] == "no-cache"
        assert '<base href="/" />' in page.text and "{{" not in page.text
    script = INDEX_JS.search(page.text)
    assert script is not None
    js = await client.get(f"/static/assets/{script.group(1)}")
    assert js.status_code == 200 and js.headers["content-type"] == "text/javascript; charset=utf-8"
    assert js.headers["cache-control"] == IMMUTABLE
    assert js.headers["content-encoding"] == "gzip" and js.headers["vary"] == "Accept-Encoding"
    assert js.content == (ui_assets.ui / "assets" / script.group(1)).read_bytes()  # decoded by httpx
    plain = await client.get(f"/static/assets/{script.group(1)}", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == js.content
    again = await client.get(f"/static/assets/{script.group(1)}", headers={"if-none-match": js.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    locale = await client.get("/static/i18n/locales/en/common.json", params={"v": "3.2.2"})
    assert locale.status_code == 200 and locale.headers["content-type"] == "application/json"
    assert locale.headers["cache-control"] == "no-cache" and locale.json()
    icon = await client.get("/static/pin_32.png")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/png"
    assert "content-encoding" not in icon.headers  # already compressed formats are sent as they are
    for missing in ("/static/", "/static/nope.js", "/static/%2e%2e/manifest.json", "/static/assets"):
        _json404(await client.get(missing), {"detail": "Not Found"})


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_login_page(ui_assets: UiAssets, client: httpx.AsyncClient) -> None:
    for path in ("/auth/login", "/auth/login/?next=/dags", "/auth/anything"):
        page = await client.get(path)
        assert page.status_code == 200, path
        assert '<base href="/" />' in page.text and "./auth/static/assets/index-" in page.text
    script = re.search(r'src="\./auth/static/assets/(index-[\w-]+\.js)"', page.text)
    assert script is not None
    js = await client.get(f"/auth/static/assets/{script.group(1)}")
    assert js.status_code == 200 and js.headers["cache-control"] == IMMUTABLE
    # auth API routes keep their own answers
    forbidden = await client.get("/auth/token")
    assert forbidden.status_code == 403
    assert (await client.post("/auth/token", json={"username": "admin", "password": "x"})).status_code == 401


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_fixed_404s(ui_assets: UiAssets, client: httpx.AsyncClient) -> None:
    _json404(await client.get("/health"),
             {"error": "Moved in Airflow 3. Please change config to check `/api/v2/monitor/health`"})
    _json404(await client.get("/api/v1/dags"),
             {"error": "/api/v1 has been removed in Airflow 3, please use its upgraded version /api/v2 instead."})
    for path in ("/api/v2/no/such/thing", "/api/v3", "/api/"):
        _json404(await client.get(path), {"error": "API route not found"})
    for path in ("/ui/no/such/thing", "/execution/nothing"):
        _json404(await client.get(path), {"detail": "Not Found"})
    assert (await client.get("/api/v2/monitor/health")).status_code == 200


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_sub_path(ui_assets: UiAssets, make_client: MakeClient) -> None:
    async with make_client(AIRFLOW__API__BASE_URL="http://example.test/airgate/") as other:
        for path in ("/airgate/", "/airgate/dags/x", "/airgate", "/dags"):
            page = await other.get(path)
            assert page.status_code == 200, path
            assert '<base href="/airgate/" />' in page.text
        login = await other.get("/airgate/auth/login")
        assert '<base href="/airgate/" />' in login.text
        assert (await other.get("/airgate/static/pin_32.png")).status_code == 200
        assert (await other.get("/airgate/api/v2/version")).json()["version"] == "3.2.2"
        assert (await other.get("/api/v2/version")).status_code == 200  # unprefixed still served, as Airflow
        _json404(await other.get("/airgate/api/v2/nothing"), {"error": "API route not found"})
        _json404(await other.get("/airgate/health"),
                 {"error": "Moved in Airflow 3. Please change config to check `/api/v2/monitor/health`"})


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_api_works_without_the_ui(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    monkeypatch.setenv("AIRGATE_UI_CACHE", os.fspath(tmp_path) + "/no-cache-here")
    async with make_client() as other:
        page = await other.get("/")
        assert page.status_code == 404 and page.headers["content-type"] == "text/plain; charset=utf-8"
        assert "python -m airgate.gateway.ui.fetch" in page.text
        assert (await other.get("/static/pin_32.png")).status_code == 404
        assert (await other.get("/api/v2/version")).status_code == 200
        _json404(await other.get("/api/v1/x"),
                 {"error": "/api/v1 has been removed in Airflow 3, please use its upgraded version /api/v2 instead."})
