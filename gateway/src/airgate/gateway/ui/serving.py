"""Serving the stock UI as Airflow's api-server does.

- ``GET /`` and every path that no other route claims → the UI's ``index.html`` rendered with
  ``backend_server_base_url`` = the base path of ``[api] base_url`` plus ``/`` (the SPA reads ``<base href>``).
- ``GET /static/{path}`` → ``ui/dist``; ``GET /auth/static/{path}`` → the login SPA's ``dist``.
- ``GET /auth/{path}`` (not an auth API route) → the login SPA's ``index.html``, rendered the same way.
- ``GET /health``, ``GET /api/v1/{path}``, ``GET /api/{path}`` → Airflow's fixed 404 JSON bodies.

Hashed files under ``assets/`` are immutable (one year); other files revalidate with an ETag from the manifest;
the HTML documents are ``no-cache``. Text files are sent gzip-compressed to clients that accept it (compressed
once, kept in memory), as Airflow's GZip middleware does. :func:`strip_base_path` lets a sub-path deployment
(``base_url=http://host/airgate``) answer both ``/airgate/...`` and ``/...``, as Airflow's ``root_path`` does.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from typing import Any

import jinja2
from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send

from airgate.gateway.ui.assets import MANIFEST, UiAssets

_API_V1_GONE = b'{"error":"/api/v1 has been removed in Airflow 3, please use its upgraded version /api/v2 instead."}'
_HEALTH_MOVED = b'{"error":"Moved in Airflow 3. Please change config to check `/api/v2/monitor/health`"}'
_API_NOT_FOUND = b'{"error":"API route not found"}'
_NOT_FOUND = b'{"detail":"Not Found"}'
_NO_ASSETS = ("The Airflow UI assets are not installed: run `python -m airgate.gateway.ui.fetch`. "
              "The API is available under /api/v2.\n")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

_TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript",
    ".css": "text/css", ".json": "application/json", ".html": "text/html",
    ".png": "image/png", ".svg": "image/svg+xml", ".ico": "image/x-icon", ".ttf": "font/ttf",
    ".woff": "font/woff", ".woff2": "font/woff2", ".wasm": "application/wasm", ".map": "application/json",
    ".txt": "text/plain",
}


def content_type(name: str) -> str:
    """The Content-Type of a served file, by its suffix."""
    return _TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


class _Folder:
    """One served ``dist`` folder: its files' ETags (from the manifest) and its rendered ``index.html``."""

    def __init__(self, root: Path, prefix: str, etags: dict[str, str], base_href: str) -> None:
        self.root = root
        self.etags = {rel[len(prefix) + 1:]: tag for rel, tag in etags.items() if rel.startswith(prefix + "/")}
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(root), autoescape=True)
        self.index = env.get_template("index.html").render(backend_server_base_url=base_href).encode()
        self.gzipped: dict[str, bytes] = {}  # compressed once, on first request

    async def file(self, request: Request[Any, Any, Any], rel: str) -> Response[bytes]:
        rel = rel.lstrip("/")
        etag = self.etags.get(rel)
        if etag is None:  # only files of the verified manifest are served: no directories, no traversal
            return Response(_NOT_FOUND, status_code=404, media_type="application/json")
        cache = IMMUTABLE if rel.startswith("assets/") else REVALIDATE
        headers = {"cache-control": cache, "etag": etag, "vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == etag:
            return Response(b"", status_code=304, headers=headers)
        media_type = content_type(rel)
        if "gzip" in request.headers.get("accept-encoding", "") and _compressible(media_type):
            body = self.gzipped.get(rel)
            if body is None:
                body = self.gzipped[rel] = await asyncio.to_thread(_gzip, self.root / rel)
            return Response(body, media_type=media_type, headers={**headers, "content-encoding": "gzip"})
        return Response((self.root / rel).read_bytes(), media_type=media_type, headers=headers)


def _compressible(media_type: str) -> bool:
    return media_type.startswith(("text/", "application/json", "image/svg", "font/ttf"))


def _gzip(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=5, mtime=0)


def _document(body: bytes) -> Response[bytes]:
    return Response(body, media_type="text/html", headers={"cache-control": REVALIDATE})


def _json404(body: bytes) -> Response[bytes]:
    return Response(body, status_code=404, media_type="application/json")


def ui_routes(assets: UiAssets | None, base_path: str) -> list[HTTPRouteHandler]:
    """The UI routes for ``assets`` (None: the documents say how to install them) under ``base_path``."""
    base_href = base_path.rstrip("/") + "/"
    main = login = None
    if assets is not None:
        files = json.loads((assets.root / MANIFEST).read_text())["files"]
        etags = {rel: f'"{sha[:32]}"' for rel, (_, sha) in files.items()}
        main = _Folder(assets.ui, "ui", etags, base_href)
        login = _Folder(assets.simple_auth, "simple-auth", etags, base_href)

    def missing() -> Response[bytes]:
        return Response(_NO_ASSETS.encode(), status_code=404, media_type="text/plain")

    @get(["/static/{rel:path}"], name="ui_static", include_in_schema=False)
    async def ui_static(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await main.file(request, request.path_params["rel"]) if main else missing()

    @get(["/auth/static/{rel:path}"], name="ui_auth_static", include_in_schema=False)
    async def ui_auth_static(request: Request[Any, Any, Any]) -> Response[bytes]:
        return await login.file(request, request.path_params["rel"]) if login else missing()

    @get(["/auth", "/auth/{rest:path}"], name="ui_login_page", include_in_schema=False)
    async def ui_login_page() -> Response[bytes]:
        return _document(login.index) if login else missing()

    @get(["/health"], name="ui_old_health", include_in_schema=False)
    async def ui_old_health() -> Response[bytes]:
        return _json404(_HEALTH_MOVED)

    @get(["/api/v1", "/api/v1/{rest:path}"], name="ui_old_api", include_in_schema=False)
    async def ui_old_api() -> Response[bytes]:
        return _json404(_API_V1_GONE)

    @get(["/api", "/api/{rest:path}"], name="ui_api_not_found", include_in_schema=False)
    async def ui_api_not_found() -> Response[bytes]:
        return _json404(_API_NOT_FOUND)

    @get(["/", "/{rest:path}"], name="ui_spa", include_in_schema=False)
    async def ui_spa(request: Request[Any, Any, Any]) -> Response[bytes]:
        path = request.url.path
        if path.startswith(("/ui/", "/execution/")) or path in ("/ui", "/execution"):
            return _json404(_NOT_FOUND)
        return _document(main.index) if main else missing()

    return [ui_static, ui_auth_static, ui_login_page, ui_old_health, ui_old_api, ui_api_not_found, ui_spa]


def strip_base_path(app: ASGIApp, base_path: str) -> ASGIApp:
    """``app`` answering ``{base_path}/x`` as ``/x`` (requests without the prefix are served unchanged)."""
    prefix = base_path.rstrip("/")
    if not prefix:
        return app
    raw_prefix = prefix.encode()

    async def stripped(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] in ("http", "websocket") and (path == prefix or path.startswith(prefix + "/")):
            scope = dict(scope)  # type: ignore[assignment]
            scope["path"] = path[len(prefix):] or "/"
            raw = scope.get("raw_path")
            if isinstance(raw, bytes) and raw.startswith(raw_prefix):
                scope["raw_path"] = raw[len(raw_prefix):] or b"/"
        await app(scope, receive, send)

    return stripped
