"""Connections and variables as a task reads and writes them (values decrypted, nothing redacted).

As Airflow's secrets lookup, ``AIRFLOW_VAR_<KEY>`` in the gateway's environment wins over the store.
"""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.connections import stored_connection
from airgate.gateway.store.crypto import SecretBox, SecretError
from airgate.gateway.store.tables import variable


async def get_connection(conn: AsyncConnection, secrets: SecretBox, conn_id: str) -> dict[str, Any]:
    """The connection's fields (``ConnectionResponse``)."""
    found = await stored_connection(conn, secrets, conn_id)
    if found is None:
        raise HTTPError(404, {"reason": "not_found", "message": f"Connection with ID {conn_id} not found"})
    return {
        "conn_id": conn_id,
        "conn_type": found["conn_type"],
        "host": found["host"],
        "schema": found["schema"],
        "login": found["login"],
        "password": found["password"],
        "port": found["port"],
        "extra": found["extra"],
    }


async def get_variable(conn: AsyncConnection, secrets: SecretBox, key: str) -> dict[str, Any]:
    """``{"key", "value"}`` (404 ``not_found``)."""
    from_env = os.environ.get(f"AIRFLOW_VAR_{key.upper()}")
    if from_env is not None:
        return {"key": key, "value": from_env}
    row = (await conn.execute(sa.select(variable).where(variable.c.key == key))).first()
    if row is None:
        raise HTTPError(404, {"reason": "not_found", "message": f"Variable with key '{key}' not found"})
    value = row.val
    if value is not None and row.is_encrypted:
        try:
            value = secrets.decrypt(value)
        except SecretError:
            value = None
    return {"key": key, "value": value}


async def put_variable(
    conn: AsyncConnection, secrets: SecretBox, key: str, value: str | None, description: str | None
) -> dict[str, str]:
    """Create or replace a variable (stored encrypted)."""
    columns = {
        "val": secrets.encrypt(value),
        "is_encrypted": secrets.is_encrypting,
        "description": description,
    }
    found = await conn.scalar(sa.select(variable.c.id).where(variable.c.key == key).with_for_update())
    if found is None:
        await conn.execute(sa.insert(variable).values(key=key, **columns))
    else:
        await conn.execute(sa.update(variable).where(variable.c.id == found).values(**columns))
    return {"message": "Variable successfully set"}


async def delete_variable(conn: AsyncConnection, key: str) -> None:
    """Delete a variable (no error when absent)."""
    await conn.execute(sa.delete(variable).where(variable.c.key == key))
