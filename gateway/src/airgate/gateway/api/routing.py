"""Binding of handler functions to the operations of the vendored specs.

A handler is an ``async def <operationId>(call: Call) -> object`` decorated with ``@operation(...)``. Method,
path and success status come from the vendored spec, never from the handler; the wrapper authenticates,
authorises, validates parameters and body against the spec, calls the handler and encodes its result with
msgspec. Handlers stay thin: decode, call one service, encode.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.enums import HttpMethod
from litestar.handlers import HTTPRouteHandler

from airgate.gateway.api.audit import record_action
from airgate.gateway.api.security import authenticate, authorize
from airgate.gateway.api.spec import ALL_OPERATIONS, OPERATIONS
from airgate.gateway.api.state import AppState
from airgate.gateway.api.validation import decode_request_body, parse_params
from airgate.gateway.auth import Method, Resource, User

_ENCODER = msgspec.json.Encoder()
_PARAM = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Access:
    """The permission an operation needs."""

    resource: Resource
    method: Method


@dataclass
class Call:
    """One request, decoded."""

    request: Request[Any, Any, Any]
    state: AppState
    user: User | None
    params: dict[str, Any]
    body: Any
    principal: Any = None  #: what a gate authenticated (the Execution API's task token)


Handler = Callable[[Call], Awaitable[object]]
Proceed = Callable[[Any], Awaitable[Response[Any]]]
#: wraps a whole request of another transport (the Execution API): authenticates, calls ``proceed(principal)``
#: (parameters, body, handler) and turns errors into responses with its own headers
Gate = Callable[[Request[Any, Any, Any], AppState, Proceed], Awaitable[Response[Any]]]


@dataclass(frozen=True)
class Binding:
    operation_id: str
    access: Access | None
    body: type | None
    audit: bool
    path_params: frozenset[str]
    precheck: Callable[[Request[Any, Any, Any]], None] | None = None
    gate: Gate | None = None


def operation(
    operation_id: str,
    *,
    access: Access | None,
    body: type | None = None,
    audit: bool = False,
    path_params: Iterable[str] = (),
    precheck: Callable[[Request[Any, Any, Any]], None] | None = None,
    gate: Gate | None = None,
) -> Callable[[Handler], Handler]:
    """Bind a handler to ``operation_id``. ``access=None`` means the spec leaves it open.

    ``path_params`` names parameters that may contain ``/`` (Airflow declares them ``:path``).
    ``precheck`` runs after authorisation and before parameter validation (Airflow's access dependencies
    that inspect raw path parameters, e.g. ``'event_log_id' must be an integer``).
    """
    if operation_id not in ALL_OPERATIONS:
        raise KeyError(f"unknown operationId {operation_id!r}")

    def decorate(fn: Handler) -> Handler:
        if fn.__name__ != operation_id.rpartition(".")[2]:
            raise ValueError(f"handler {fn.__name__} must be named as its operationId {operation_id}")
        binding = Binding(operation_id, access, body, audit, frozenset(path_params), precheck, gate)
        fn.__airgate_binding__ = binding  # type: ignore[attr-defined]
        return fn

    return decorate


def _litestar_path(path: str, greedy: frozenset[str]) -> str:
    return _PARAM.sub(lambda m: f"{{{m.group(1)}:{'path' if m.group(1) in greedy else 'str'}}}", path)


def encode(result: object) -> bytes:
    return _ENCODER.encode(result)


def _make_route(fn: Handler, binding: Binding) -> HTTPRouteHandler:
    info = ALL_OPERATIONS[binding.operation_id]
    status = info.success_status

    async def endpoint(request: Request[Any, Any, Any]) -> Response[Any]:
        state: AppState = request.app.state.airgate
        if binding.gate is not None:
            return await binding.gate(request, state, lambda principal: gated(request, state, principal))
        user = None
        if binding.access is not None:
            user = await authenticate(request, state)
            authorize(user, binding.access.resource, binding.access.method)
        if binding.precheck is not None:
            binding.precheck(request)
        path_values = {k: (v.lstrip("/") if k in binding.path_params else v) for k, v in request.path_params.items()}
        params = parse_params(binding.operation_id, request.query_params.multi_items(), path_values)
        body = None
        raw = b""
        if binding.body is not None:
            raw = await request.body()
            body = decode_request_body(binding.operation_id, raw)
        result = await fn(Call(request=request, state=state, user=user, params=params, body=body))
        if binding.audit:
            await record_action(state, request, binding.operation_id, user, path_values, raw)
        if isinstance(result, Response):
            return result
        if status == 204 or (result is None and status != 200):
            return Response(content=b"", status_code=status, media_type="application/json")
        return Response(content=encode(result), status_code=status, media_type="application/json")

    async def gated(request: Request[Any, Any, Any], state: AppState, principal: Any) -> Response[Any]:
        path_values = {k: (v.lstrip("/") if k in binding.path_params else v) for k, v in request.path_params.items()}
        params = parse_params(binding.operation_id, request.query_params.multi_items(), path_values)
        body = decode_request_body(binding.operation_id, await request.body()) if binding.body is not None else None
        call = Call(request=request, state=state, user=None, params=params, body=body, principal=principal)
        result = await fn(call)
        if isinstance(result, Response):
            return result
        if status == 204:
            return Response(content=b"", status_code=status, media_type="application/json")
        return Response(content=encode(result), status_code=status, media_type="application/json")

    endpoint.__name__ = binding.operation_id.rpartition(".")[2]
    return HTTPRouteHandler(
        path=_litestar_path(info.path, binding.path_params),
        http_method=[HttpMethod(info.method.upper())],
        name=binding.operation_id,
        # litestar refuses a body-less status on the handler itself; the Response carries the real one
        status_code=200 if status in (204, 304) else status,
    )(endpoint)


def collect_routes(modules: Iterable[ModuleType]) -> list[HTTPRouteHandler]:
    """Route handlers for every bound function in ``modules``."""
    routes = []
    for module in modules:
        for value in vars(module).values():
            binding = getattr(value, "__airgate_binding__", None)
            if isinstance(binding, Binding):
                routes.append(_make_route(value, binding))
    return routes


def implemented_operations(routes: Iterable[HTTPRouteHandler]) -> set[str]:
    """operationIds served by ``routes``."""
    return {r.name for r in routes if r.name in OPERATIONS}
