"""``reparse_dag_file``: a signed ``file_token`` names a bundle file; its DAGs must be registered; the request is
stored for the DAG processor serving the bundle (:mod:`airgate.gateway.registry.requests`)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.registry import requests, tokens
from airgate.gateway.store.tables import dag

FILE_NOT_FOUND = "File not found"


async def resolve(conn: AsyncConnection, secret_key: str, file_token: str) -> tuple[str, str]:
    """(bundle_name, relative_fileloc) of a token whose file has DAGs; 404 ``File not found`` otherwise."""
    payload = tokens.loads(secret_key, file_token)
    if not isinstance(payload, dict) or not isinstance(payload.get("bundle_name"), str) \
            or not isinstance(payload.get("relative_fileloc"), str):
        raise HTTPError(404, FILE_NOT_FOUND)
    bundle, rel = payload["bundle_name"], payload["relative_fileloc"]
    found = (await conn.execute(sa.select(dag.c.dag_id).where(dag.c.bundle_name == bundle,
                                                              dag.c.relative_fileloc == rel).limit(1))).first()
    if found is None:
        raise HTTPError(404, FILE_NOT_FOUND)
    return bundle, rel


async def request_reparse(conn: AsyncConnection, bundle_name: str, relative_fileloc: str) -> None:
    """Store a priority parsing request (one already pending raises the store's ``UniqueViolation``)."""
    await requests.add_request(conn, bundle_name, relative_fileloc)
