"""Health tag: the Execution API answers (no token needed)."""

from __future__ import annotations

from airgate.gateway.api.execution._gate import OPEN
from airgate.gateway.api.routing import Call, operation


@operation("execution.health", access=None, gate=OPEN)
async def health(call: Call) -> object:
    return {"status": "healthy"}


@operation("execution.ping", access=None, gate=OPEN)
async def ping(call: Call) -> object:
    return {"ok": [], "failing": {}}
