"""Config tag: the settings Airgate uses, under Airflow's names, when ``[api] expose_config`` allows it."""

from __future__ import annotations

from typing import Any

from litestar import Response

from airgate.gateway.api.negotiation import Accept, accept_json_or_text
from airgate.gateway.api.routing import Access, Call, encode, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import HTTPError
from airgate.gateway.services import config_view

_READ = Access(Resource.CONFIGURATION, Method.GET)


def _answer(call: Call, accept: Accept, sections: list[dict[str, Any]]) -> Response[Any]:
    if accept is Accept.TEXT:
        return Response(content=config_view.as_text(sections), media_type="text/plain")
    return Response(content=encode({"sections": sections}), media_type="application/json")


def _check_exposed(call: Call) -> None:
    if not config_view.is_exposed(call.state.settings):
        raise HTTPError(403, config_view.NOT_EXPOSED)


@operation("get_config", access=_READ)
async def get_config(call: Call) -> Response[Any]:
    accept = accept_json_or_text(call.request)
    _check_exposed(call)
    return _answer(call, accept, config_view.sections(call.state.settings, call.params.get("section")))


@operation("get_config_value", access=_READ)
async def get_config_value(call: Call) -> Response[Any]:
    accept = accept_json_or_text(call.request)
    _check_exposed(call)
    section, option = call.params["section"], call.params["option"]
    return _answer(call, accept, config_view.single(call.state.settings, section, option))
