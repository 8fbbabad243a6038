"""``POST /connections/test``: really test a connection, for the types Airgate can test without providers.

Testing is off unless ``[core] test_connection`` is ``Enabled`` (403 with Airflow's text). The connection
tested is the stored one of that id (if any) updated with the body (a ``***`` password keeps the stored
one), or the body alone. Testable types:

- ``postgres`` / ``postgresql``: connect with asyncpg and run ``SELECT 1``;
- ``sqlite``: open the database file named by ``host`` read-only and run ``SELECT 1``;
- ``http`` / ``https``: ``GET`` the connection's base URL, success below status 400.

Any other type answers ``status: false`` and says which types are testable: never a made-up success.
"""

from __future__ import annotations

import asyncio
import sqlite3
from enum import StrEnum
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.redaction import merge

DISABLED = (
    "Testing connections is disabled in Airflow configuration. Contact your deployment admin to enable it."
)
SUCCESS = "Connection successfully tested"
TIMEOUT_S = 10.0


class TestableType(StrEnum):
    """Connection types Airgate tests itself."""

    POSTGRES = "postgres"
    POSTGRESQL = "postgresql"
    SQLITE = "sqlite"
    HTTP = "http"
    HTTPS = "https"


def check_enabled(setting: str) -> None:
    """403 unless ``[core] test_connection`` is ``Enabled``."""
    if setting.strip().lower() != "enabled":
        raise HTTPError(403, DISABLED)


def effective(stored: dict[str, Any] | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The connection to test: the stored one updated with the sent fields, or the sent fields."""
    if stored is None:
        return fields
    result = {**stored, **{k: v for k, v in fields.items() if k not in ("password", "connection_id")}}
    if fields.get("password"):
        result["password"] = merge(fields["password"], stored.get("password"), "password")
    return result


async def _postgres(c: dict[str, Any]) -> tuple[bool, str]:
    connection = await asyncpg.connect(
        host=c.get("host") or "localhost",
        port=c.get("port") or 5432,
        user=c.get("login") or None,
        password=c.get("password") or None,
        database=c.get("schema") or None,
        timeout=TIMEOUT_S,
    )
    try:
        await connection.fetchval("SELECT 1")
    finally:
        await connection.close()
    return True, SUCCESS


def _sqlite_sync(path: str) -> tuple[bool, str]:
    if not Path(path).is_file():
        return False, f"unable to open database file: {path}"
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=TIMEOUT_S)
    try:
        db.execute("SELECT 1").fetchall()
    finally:
        db.close()
    return True, SUCCESS


async def _http(c: dict[str, Any]) -> tuple[bool, str]:
    host = c.get("host") or ""
    if "://" in host:
        url = host
    else:
        scheme = c.get("schema") or ("https" if c.get("conn_type") == TestableType.HTTPS else "http")
        url = f"{scheme}://{host}" + (f":{c['port']}" if c.get("port") else "")
    auth = (c["login"], c.get("password") or "") if c.get("login") else None
    async with httpx.AsyncClient(timeout=TIMEOUT_S, follow_redirects=True) as client:
        response = await client.get(url, auth=auth)
    if response.status_code >= 400:
        return False, f"{response.status_code}:{response.reason_phrase}"
    return True, SUCCESS


async def test(connection: dict[str, Any]) -> dict[str, Any]:
    """``{"status", "message"}`` of really trying ``connection``."""
    conn_type = str(connection.get("conn_type") or "")
    try:
        if conn_type in (TestableType.POSTGRES, TestableType.POSTGRESQL):
            status, message = await _postgres(connection)
        elif conn_type == TestableType.SQLITE:
            status, message = await asyncio.to_thread(_sqlite_sync, str(connection.get("host") or ""))
        elif conn_type in (TestableType.HTTP, TestableType.HTTPS):
            status, message = await _http(connection)
        else:
            testable = ", ".join(sorted(t.value for t in TestableType))
            status, message = False, f'Airgate cannot test connections of type "{conn_type}" (testable: {testable})'
    except Exception as error:
        status, message = False, str(error) or type(error).__name__
    return {"status": status, "message": message}
