"""Reading compiled DAGs (``serialized_dag.data``, the shim's dag.json) back for the API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import dag_version, serialized_dag


async def latest(conn: AsyncConnection, dag_id: str) -> dict[str, Any] | None:
    """The dag.json of the DAG's latest version, or None."""
    row = (await conn.execute(
        sa.select(serialized_dag.c.data).join(dag_version, dag_version.c.id == serialized_dag.c.dag_version_id)
        .where(dag_version.c.dag_id == dag_id).order_by(dag_version.c.version_number.desc()).limit(1)
    )).first()
    return None if row is None else dict(row[0])


def when(value: str | None) -> datetime | None:
    """A dag.json date-time (ISO text) as a datetime."""
    return None if value is None else datetime.fromisoformat(value)


def iso_duration(seconds: float | None) -> str | None:
    """A duration as pydantic writes a ``timedelta`` (``PT1H``, ``P2DT1M1S``, ``PT0.5S``)."""
    if seconds is None:
        return None
    sign = "-" if seconds < 0 else ""
    total = abs(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}P" + (f"{int(days)}D" if days else "")
    time = (f"{int(hours)}H" if hours else "") + (f"{int(minutes)}M" if minutes else "")
    if secs:
        time += f"{int(secs)}S" if float(secs).is_integer() else f"{round(secs, 6):g}S"
    if time:
        out += "T" + time
    return out if out not in ("P", "-P") else "PT0S"


def time_delta(seconds: float | None) -> dict[str, Any] | None:
    """A duration as Airflow's task bodies show it (``{"__type": "TimeDelta", ...}``)."""
    if seconds is None:
        return None
    micro = round(seconds * 1_000_000)
    days, micro = divmod(micro, 86_400_000_000)
    secs, micro = divmod(micro, 1_000_000)
    return {"__type": "TimeDelta", "days": days, "seconds": secs, "microseconds": micro}


def params_body(params: Mapping[str, Any], source: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Params as Airflow answers them: value, schema, description, source."""
    return {k: {"value": p.get("value"), "schema": p.get("schema") or {}, "description": p.get("description"),
                "source": (source or {}).get(k)} for k, p in params.items()}
