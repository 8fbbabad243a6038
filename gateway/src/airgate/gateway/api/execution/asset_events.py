"""Asset Events tag: a task reads the events of an asset or of an alias."""

from __future__ import annotations

from typing import Any

from airgate.gateway.api.execution._gate import EXECUTION
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.services.execution import asset_reads


def _window(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "after": params.get("after"),
        "before": params.get("before"),
        "ascending": params.get("ascending", True),
        "limit": params.get("limit"),
    }


@operation("execution.get_asset_event_by_asset_name_uri", access=None, gate=EXECUTION)
async def get_asset_event_by_asset_name_uri(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await asset_reads.events(
            conn, name=call.params.get("name"), uri=call.params.get("uri"), **_window(call.params)
        )


@operation("execution.get_asset_event_by_asset_alias", access=None, gate=EXECUTION)
async def get_asset_event_by_asset_alias(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await asset_reads.events(
            conn, name=None, uri=None, alias=call.params["name"], **_window(call.params)
        )
