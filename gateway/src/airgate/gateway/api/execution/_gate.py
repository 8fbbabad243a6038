"""What every Execution API request goes through, as Airflow's execution app does.

- ``Airflow-API-Version``: absent -> ``2026-04-06``; echoed as sent. A value sorting before the oldest version
  Airflow knows (``2025-04-11``) finds no route (404 ``Not Found``); a value that is not a date -> 422.
  Dates between the oldest and ``2026-04-06`` are served with this version's bodies (Airflow converts them
  to the older shapes; Airgate does not).
- ``correlation-id`` is echoed.
- Task token (``Authorization: Bearer``): missing -> 401 ``Missing auth token``; unusable -> 403
  ``Invalid auth token: <reason>``; a scope the route does not accept -> 403; on routes of one task instance the
  token's subject must be that id. An execution token close to expiry is reissued in ``Refreshed-API-Token``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response

from airgate.gateway.api.routing import Proceed, encode
from airgate.gateway.api.state import AppState
from airgate.gateway.api.validation import RequestValidationError, UnhandledInputError
from airgate.gateway.auth.task_tokens import SCOPES, TaskClaims, TaskTokenError, TaskTokens
from airgate.gateway.errors import HTTPError

API_VERSION = "2026-04-06"
OLDEST_VERSION = "2025-04-11"
VERSION_HEADER = "Airflow-API-Version"

Gate = Callable[[Request[Any, Any, Any], AppState, Proceed], Awaitable[Response[Any]]]


def tokens_for(state: AppState) -> TaskTokens:
    """The task-token issuer of this gateway (signed with ``[api_auth] jwt_secret``)."""
    return TaskTokens(state.settings.jwt_secret, leeway_s=state.settings.jwt_leeway)


def _json(status: int, body: Any) -> Response[Any]:
    return Response(content=encode(body), status_code=status, media_type="application/json")


def _version_error(version: str) -> Response[Any] | None:
    if version < OLDEST_VERSION:
        return _json(404, {"detail": "Not Found"})
    try:
        dt.date.fromisoformat(version)
    except ValueError:
        return _json(
            422,
            {
                "detail": [
                    {
                        "type": "date_from_datetime_parsing",
                        "loc": ["header", VERSION_HEADER],
                        "msg": "Input should be a valid date or datetime, invalid date separator",
                        "input": version,
                    }
                ]
            },
        )
    return None


def _authenticate(request: Request[Any, Any, Any], tokens: TaskTokens, scopes: frozenset[str]) -> TaskClaims:
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise HTTPError(401, "Missing auth token")
    try:
        claims = tokens.validate(credentials.strip())
    except TaskTokenError as exc:
        raise HTTPError(403, f"Invalid auth token: {exc}") from None
    if claims.scope not in SCOPES:
        raise HTTPError(403, f"Invalid token scope: {claims.scope}")
    if claims.scope not in scopes:
        raise HTTPError(
            403,
            f"Token type '{claims.scope}' not allowed for this endpoint. Allowed types: {', '.join(sorted(scopes))}",
        )
    return claims


def gate(
    *, scopes: frozenset[str] = frozenset({"execution"}), ti_self: bool = False, open_: bool = False
) -> Gate:
    """A gate accepting tokens of ``scopes``; ``ti_self``: the token's subject must be the path's TI id."""

    async def run(request: Request[Any, Any, Any], state: AppState, proceed: Proceed) -> Response[Any]:
        version = request.headers.get(VERSION_HEADER)
        response = _version_error(version) if version is not None else None
        claims: TaskClaims | None = None
        tokens = tokens_for(state)
        if response is None:
            try:
                if not open_:
                    claims = _authenticate(request, tokens, scopes)
                    if ti_self and claims.ti_id != str(request.path_params.get("task_instance_id")):
                        raise HTTPError(403, "Token subject does not match task instance ID")
                response = await proceed(claims)
            except HTTPError as exc:
                response = Response(
                    content=encode({"detail": exc.detail}),
                    status_code=exc.status,
                    media_type="application/json",
                    headers=exc.headers or None,
                )
            except RequestValidationError as exc:
                response = _json(422, {"detail": exc.errors})
            except UnhandledInputError as exc:
                response = _json(
                    422,
                    {"detail": [{"type": "value_error", "loc": ["body"], "msg": str(exc), "input": None}]},
                )
        if response.status_code == 204:  # Airflow's 204s carry it too
            response.headers["content-type"] = "application/json"
        response.headers[VERSION_HEADER] = version if version is not None else API_VERSION
        correlation = request.headers.get("correlation-id")
        if correlation:
            response.headers["correlation-id"] = correlation
        if claims is not None and "refreshed-api-token" not in {k.lower() for k in response.headers}:
            fresh = tokens.refreshed(claims)
            if fresh:
                response.headers["Refreshed-API-Token"] = fresh
        return response

    return run


EXECUTION = gate()
"""Routes of any kind accepting execution tokens."""
TI_SELF = gate(ti_self=True)
"""Routes of one task instance (``/task-instances/{task_instance_id}/...``)."""
TI_RUN = gate(scopes=frozenset({"execution", "workload"}), ti_self=True)
"""``/run``: the workload token is accepted too."""
OPEN = gate(open_=True)
"""Health routes: no token."""
