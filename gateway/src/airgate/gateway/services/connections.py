"""Connections: list, read, create, patch, delete, bulk and the default set, with Airflow 3.2.2's semantics.

- ``password`` and ``extra`` are encrypted at rest with ``[core] fernet_key`` (``is_encrypted`` /
  ``is_extra_encrypted``); answers show the password as ``***`` and the extra as JSON with secrets under
  sensitive keys hidden.
- An empty or null password never overwrites the stored one; a ``***`` sent back (password or inside the
  extra under a sensitive key) keeps the stored secret.
- ``extra`` must be a JSON object (``""`` means ``{}``), else 422 with Airflow's messages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.default_connections import default_connections
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.services.redaction import MASK, merge, redact
from airgate.gateway.store.crypto import SecretBox, SecretError
from airgate.gateway.store.tables import connection

SORTING = Sorting(
    allowed={
        "conn_id": connection.c.conn_id,
        "connection_id": connection.c.conn_id,
        "conn_type": connection.c.conn_type,
        "description": connection.c.description,
        "host": connection.c.host,
        "port": connection.c.port,
        "id": connection.c.id,
        "team_name": connection.c.team_name,
    },
    primary_key="id",
)
"""``order_by`` of ``get_connections`` (``connection_id`` is an alias of ``conn_id``)."""

_PLAIN = ("conn_type", "description", "host", "login", "schema", "port", "team_name")
_NOT_JSON = (
    "The `extra` field must be a valid JSON object (e.g., {'key': 'value'}), "
    "but encountered non-JSON in `extra` field"
)
_NOT_OBJECT = "The `extra` field must be a valid JSON object (e.g., {'key': 'value'})"


def not_found(conn_id: str) -> HTTPError:
    return HTTPError(404, f"The Connection with connection_id: `{conn_id}` was not found")


def checked_extra(value: Any, loc: list[str | int]) -> Any:
    """A request's ``extra`` as stored (``""`` → ``{}``), or 422 unless it is a JSON object."""
    if value is None or not isinstance(value, str):
        return value
    if value == "":
        return "{}"
    try:
        parsed = json.loads(value)
    except ValueError:
        message = _NOT_JSON
    else:
        if isinstance(parsed, dict):
            return value
        message = _NOT_OBJECT
    error = {"type": "value_error", "loc": loc, "msg": f"Value error, {message}", "input": value, "ctx": {"error": {}}}
    raise HTTPError(422, [error])


def _decrypt(value: str | None, encrypted: bool, secrets: SecretBox) -> str | None:
    if value is None or not encrypted:
        return value
    try:
        return secrets.decrypt(value)
    except SecretError:
        return None


def secrets_of(row: Any, secrets: SecretBox) -> tuple[str | None, str | None]:
    """(password, extra) of a stored row, decrypted."""
    return (
        _decrypt(row.password, row.is_encrypted, secrets),
        _decrypt(row.extra, row.is_extra_encrypted, secrets),
    )


def _shown_extra(extra: str | None) -> str | None:
    if not extra:
        return extra
    try:
        return json.dumps(redact(json.loads(extra)))
    except ValueError:
        return MASK


def _response(row: Any, secrets: SecretBox) -> dict[str, Any]:
    password, extra = secrets_of(row, secrets)
    return {
        "connection_id": row.conn_id,
        "conn_type": row.conn_type,
        "description": row.description,
        "host": row.host,
        "login": row.login,
        "schema": row.schema,
        "port": row.port,
        "password": None if password is None else str(redact(password, "password")),
        "extra": _shown_extra(extra),
        "team_name": row.team_name,
    }


def password_columns(password: str | None, secrets: SecretBox) -> dict[str, Any]:
    """Columns for a new password; empty: nothing (the stored one stays, as in Airflow)."""
    if not password:
        return {}
    return {"password": secrets.encrypt(password), "is_encrypted": secrets.is_encrypting}


def extra_columns(extra: str | None, secrets: SecretBox) -> dict[str, Any]:
    """Columns for a new extra (an empty one is stored as is, unencrypted)."""
    if not extra:
        return {"extra": extra, "is_extra_encrypted": False}
    return {"extra": secrets.encrypt(extra), "is_extra_encrypted": secrets.is_encrypting}


def new_columns(fields: dict[str, Any], secrets: SecretBox) -> dict[str, Any]:
    """Every column of a connection created (or overwritten) from a body's fields."""
    return {
        **{name: fields.get(name) for name in _PLAIN},
        "password": None,
        "is_encrypted": False,
        **password_columns(fields.get("password"), secrets),
        **extra_columns(fields.get("extra"), secrets),
    }


def changed_columns(
    fields: dict[str, Any],
    update_mask: Sequence[str] | None,
    stored: tuple[str | None, str | None],
    secrets: SecretBox,
) -> dict[str, Any]:
    """The columns a patch changes: sent plain fields (∩ mask), then password and extra merged with ``stored``."""
    names = set(fields) & set(_PLAIN)
    if update_mask:
        names &= set(update_mask)
    values = {name: fields[name] for name in _PLAIN if name in names}
    old_password, old_extra = stored
    if "password" in (update_mask if update_mask else fields):
        new_password = fields.get("password")
        if new_password is not None:
            values.update(password_columns(merge(new_password, old_password, "password"), secrets))
    if "extra" in (update_mask if update_mask else fields):
        new_extra = fields.get("extra")
        if new_extra is None or old_extra is None:
            values.update(extra_columns(new_extra, secrets))
        else:
            try:
                merged = json.dumps(merge(json.loads(new_extra), json.loads(old_extra)))
            except ValueError:
                merged = new_extra
            values.update(extra_columns(merged, secrets))
    return values


async def _row(conn: AsyncConnection, conn_id: str) -> Any:
    return (await conn.execute(sa.select(connection).where(connection.c.conn_id == conn_id))).first()


async def list_connections(
    conn: AsyncConnection,
    secrets: SecretBox,
    *,
    id_pattern: str | None,
    id_prefix_pattern: str | None,
    order_by: Sequence[str] | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """One page of connections and the number matching the filters."""
    order = SORTING.clauses(order_by)
    conditions = where_all(search(connection.c.conn_id, id_pattern), prefix(connection.c.conn_id, id_prefix_pattern))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(connection).where(*conditions))
    rows = await conn.execute(sa.select(connection).where(*conditions).order_by(*order).limit(limit).offset(offset))
    return {"connections": [_response(r, secrets) for r in rows], "total_entries": int(total or 0)}


async def get_connection(conn: AsyncConnection, secrets: SecretBox, conn_id: str) -> dict[str, Any]:
    """One connection as answered by the API (404 if missing)."""
    row = await _row(conn, conn_id)
    if row is None:
        raise not_found(conn_id)
    return _response(row, secrets)


async def create_connection(conn: AsyncConnection, secrets: SecretBox, fields: dict[str, Any]) -> dict[str, Any]:
    """Insert a connection (a duplicate raises the store's ``UniqueViolation``)."""
    fields = {**fields, "extra": checked_extra(fields.get("extra"), ["body", "extra"])}
    conn_id = fields["connection_id"]
    await conn.execute(sa.insert(connection).values(conn_id=conn_id, **new_columns(fields, secrets)))
    return await get_connection(conn, secrets, conn_id)


async def update_connection(
    conn: AsyncConnection,
    secrets: SecretBox,
    conn_id: str,
    fields: dict[str, Any],
    update_mask: Sequence[str] | None,
) -> dict[str, Any]:
    """Patch connection ``conn_id`` with a body's fields (Airflow's checks, messages and secret merging)."""
    fields = {**fields, "extra": checked_extra(fields.get("extra"), ["body", "extra"])} if "extra" in fields else fields
    if fields.get("connection_id") != conn_id:
        raise HTTPError(400, "The connection_id in the request body does not match the URL parameter")
    row = await _row(conn, conn_id)
    if row is None:
        raise not_found(conn_id)
    values = changed_columns(fields, update_mask, secrets_of(row, secrets), secrets)
    if values:
        await conn.execute(sa.update(connection).where(connection.c.conn_id == conn_id).values(**values))
    return await get_connection(conn, secrets, conn_id)


async def delete_connection(conn: AsyncConnection, conn_id: str) -> None:
    """Delete connection ``conn_id`` (404 if missing)."""
    result = await conn.execute(sa.delete(connection).where(connection.c.conn_id == conn_id))
    if not result.rowcount:
        raise not_found(conn_id)


async def create_default_connections(conn: AsyncConnection, secrets: SecretBox) -> list[str]:
    """Insert each of Airflow's default connections that is missing; the ids inserted."""
    existing = {r.conn_id for r in await conn.execute(sa.select(connection.c.conn_id))}
    created = []
    for entry in default_connections():
        if entry["conn_id"] in existing:
            continue
        await conn.execute(sa.insert(connection).values(conn_id=entry["conn_id"], **new_columns(entry, secrets)))
        created.append(entry["conn_id"])
    return created


async def stored_connection(conn: AsyncConnection, secrets: SecretBox, conn_id: str) -> dict[str, Any] | None:
    """A stored connection's fields, secrets decrypted (for testing it), or None."""
    row = await _row(conn, conn_id)
    if row is None:
        return None
    password, extra = secrets_of(row, secrets)
    return {**{name: getattr(row, name) for name in _PLAIN}, "password": password, "extra": extra}


async def existing_ids(conn: AsyncConnection, conn_ids: set[str]) -> set[str]:
    """Which of ``conn_ids`` exist."""
    if not conn_ids:
        return set()
    rows = await conn.execute(sa.select(connection.c.conn_id).where(connection.c.conn_id.in_(sorted(conn_ids))))
    return {r.conn_id for r in rows}


async def overwrite_connection(conn: AsyncConnection, secrets: SecretBox, fields: dict[str, Any]) -> None:
    """Replace every field of an existing connection, or insert it (bulk ``create``)."""
    conn_id = fields["connection_id"]
    row = await _row(conn, conn_id)
    columns = new_columns(fields, secrets)
    if row is None:
        await conn.execute(sa.insert(connection).values(conn_id=conn_id, **columns))
        return
    if not fields.get("password"):  # an empty password keeps the stored one, as in Airflow
        columns.pop("password")
        columns.pop("is_encrypted")
    await conn.execute(sa.update(connection).where(connection.c.conn_id == conn_id).values(**columns))
