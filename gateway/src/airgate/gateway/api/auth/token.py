"""``/auth/token``: JSON or form credentials → JWT; the all-admins variants; the CLI token."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Response

from airgate.gateway.api.auth.login_body import LoginBodyError, parse_login_json, parse_login_pairs
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.api.security import COOKIE_NAME
from airgate.gateway.auth.users import ANONYMOUS_ADMIN, User
from airgate.gateway.errors import HTTPError

_ALL_ADMINS_ONLY = "This method is only allowed if ``[core] simple_auth_manager_all_admins`` is True"


def _login(call: Call, username: str, password: str) -> User:
    if call.state.settings.simple_auth_manager_all_admins:
        return ANONYMOUS_ADMIN if not username else call.state.users.users.get(username) or ANONYMOUS_ADMIN
    user = call.state.users.authenticate(username, password)
    if user is None:
        raise HTTPError(401, "Invalid credentials")
    return user


async def _credentials(call: Call, *, json_only: bool) -> tuple[str, str]:
    content_type = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await call.request.body()
    try:
        if content_type == "application/json":
            return parse_login_json(raw, string_detail=not json_only)
        if content_type == "application/x-www-form-urlencoded" and not json_only:
            return parse_login_pairs(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    except LoginBodyError as exc:
        raise HTTPError(422, exc.detail) from None
    if json_only:
        return parse_login_json(raw, string_detail=False) if raw else _missing_body()
    raise HTTPError(415, "Only application/json or application/x-www-form-urlencoded is supported")


def _missing_body() -> tuple[str, str]:
    raise HTTPError(422, [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}])


@operation("create_token", access=None)
async def create_token(call: Call) -> object:
    username, password = await _credentials(call, json_only=False)
    return {"access_token": call.state.tokens.issue(_login(call, username, password))}


@operation("create_token_cli", access=None)
async def create_token_cli(call: Call) -> object:
    try:
        username, password = await _credentials(call, json_only=True)
    except LoginBodyError as exc:
        raise HTTPError(422, exc.detail) from None
    return {"access_token": call.state.tokens.issue(_login(call, username, password), cli=True)}


@operation("create_token_all_admins", access=None)
async def create_token_all_admins(call: Call) -> object:
    if not call.state.settings.simple_auth_manager_all_admins:
        raise HTTPError(403, _ALL_ADMINS_ONLY)
    return {"access_token": call.state.tokens.issue(ANONYMOUS_ADMIN)}


@operation("login_all_admins", access=None)
async def login_all_admins(call: Call) -> Response[Any]:
    if not call.state.settings.simple_auth_manager_all_admins:
        raise HTTPError(403, _ALL_ADMINS_ONLY)
    settings = call.state.settings
    response: Response[Any] = Response(
        content=b"", status_code=307, headers={"location": settings.base_url or "/"}, media_type="application/json"
    )
    response.set_cookie(
        COOKIE_NAME,
        call.state.tokens.issue(ANONYMOUS_ADMIN),
        path=(settings.base_path or "") + "/",
        httponly=True,
        secure=call.request.url.scheme == "https",
        samesite="lax",
    )
    return response
