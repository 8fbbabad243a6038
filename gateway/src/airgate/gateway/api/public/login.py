"""Login tag: redirects to the auth manager's login page, and logout (token revoked, cookie cleared)."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote, urlencode, urljoin, urlparse

from litestar import Request, Response

from airgate.gateway.api.routing import Call, operation
from airgate.gateway.api.security import COOKIE_NAME
from airgate.gateway.errors import HTTPError
from airgate.gateway.services import revoked_tokens


def _login_url(call: Call) -> str:
    base = call.state.settings.base_path
    if call.state.settings.simple_auth_manager_all_admins:
        return f"{base}/auth/token/login"
    return f"{base}/auth/login"


def is_safe_url(target: str, request: Request[Any, Any, Any], base_url: str | None) -> bool:
    """Same host and scheme http(s) as the server (or ``[api] base_url``), path under its base path."""
    bases = [str(request.base_url)] + ([base_url] if base_url else [])
    target = unquote(target).strip()
    if target.startswith(("//", "/\\", "\\/", "\\\\")):
        return False
    for base in bases:
        parsed_base = urlparse(base)
        parsed = urlparse(urljoin(base, target))
        norm_base = posixpath.normpath(parsed_base.path or "/")
        norm_target = posixpath.normpath(parsed.path or "/")
        if norm_base != "/" and norm_target != norm_base and not norm_target.startswith(norm_base.rstrip("/") + "/"):
            continue
        if parsed.scheme in ("http", "https") and parsed.netloc == parsed_base.netloc:
            return True
    return False


def _redirect(location: str) -> Response[Any]:
    return Response(content=b"", status_code=307, headers={"location": location}, media_type="application/json")


@operation("login", access=None)
async def login(call: Call) -> Response[Any]:
    target = call.params.get("next")
    if target and not is_safe_url(target, call.request, call.state.settings.base_url):
        raise HTTPError(400, "Invalid or unsafe next URL")
    url = _login_url(call)
    return _redirect(f"{url}?{urlencode({'next': target})}" if target else url)


@operation("logout", access=None)
async def logout(call: Call) -> Response[Any]:
    token = call.request.cookies.get(COOKIE_NAME)
    if token:
        await revoked_tokens.revoke(call.state.store, call.state.revoked, token)
    response = _redirect(_login_url(call))
    path = (call.state.settings.base_path or "") + "/"
    secure = call.request.url.scheme == "https"
    response.set_cookie(COOKIE_NAME, "", max_age=0, path=path, httponly=True, secure=secure, samesite="lax")
    if path != "/":
        response.set_cookie(COOKIE_NAME, "", max_age=0, path="/", httponly=True, secure=secure, samesite="lax")
    return response
