"""Who is calling: a bearer token or the ``_token`` cookie, checked as Airflow's api-server does."""

from __future__ import annotations

from litestar import Request

from airgate.gateway.api.state import AppState
from airgate.gateway.auth import ExpiredToken, InvalidToken, Method, Resource, User, is_authorized
from airgate.gateway.auth.users import ANONYMOUS_ADMIN
from airgate.gateway.errors import HTTPError
from airgate.gateway.services.revoked_tokens import is_revoked

COOKIE_NAME = "_token"


def token_from_request(request: Request) -> str | None:
    """The bearer token, else the ``_token`` cookie, else None."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
    return request.cookies.get(COOKIE_NAME) or None


async def authenticate(request: Request, state: AppState) -> User:
    """The calling user; 401 without credentials or with an expired token, 403 for an invalid or revoked one.

    In all-admins mode a request without a bearer header is an anonymous admin (Airflow's middleware adds an
    admin bearer token to every request; a client's own bearer header still comes first).
    """
    own_bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if state.settings.simple_auth_manager_all_admins and not own_bearer:
        return ANONYMOUS_ADMIN
    token = token_from_request(request)
    if not token:
        raise HTTPError(401, "Not authenticated")
    try:
        user, jti = state.tokens.verify(token)
    except ExpiredToken:
        raise HTTPError(401, "Token Expired") from None
    except InvalidToken:
        raise HTTPError(403, "Invalid JWT token") from None
    if await is_revoked(state.store, state.revoked, jti):
        raise HTTPError(403, "Invalid JWT token")
    return user


def authorize(user: User, resource: Resource, method: Method) -> None:
    """403 ``Forbidden`` unless the user's role allows the access."""
    if not is_authorized(user.role, resource, method):
        raise HTTPError(403, "Forbidden")
