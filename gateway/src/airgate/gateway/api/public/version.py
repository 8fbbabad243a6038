"""Version tag."""

from __future__ import annotations

from airgate.gateway import AIRFLOW_API_VERSION, __version__
from airgate.gateway.api.routing import Call, operation


@operation("get_version", access=None)
async def get_version(call: Call) -> object:
    return {"version": AIRFLOW_API_VERSION, "git_version": f"airgate-{__version__}"}
