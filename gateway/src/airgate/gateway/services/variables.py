"""Variables: list, read, create, patch, delete and bulk, with Airflow 3.2.2's semantics.

- Values are stored encrypted with ``[core] fernet_key`` (``is_encrypted`` true) and answered decrypted and
  redacted: a value that parses as JSON is walked and re-serialised (``json.dumps``) with secrets under
  sensitive keys hidden; any other value is hidden whole when the variable's key is sensitive.
- ``POST`` stores a non-string value as Python's ``str()`` of it (``{'nested': True}``); bulk ``create`` stores
  objects and arrays as indented JSON, as Airflow does.
- A ``PATCH`` changes the fields the body carries (only those in ``update_mask`` when given; unknown mask
  names are ignored, ``key`` in the mask is refused); a null value leaves the stored value unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import bulk
from airgate.gateway.services.listing import Sorting, prefix, search, where_all
from airgate.gateway.services.redaction import redact
from airgate.gateway.store.crypto import SecretBox, SecretError
from airgate.gateway.store.tables import variable

SORTING = Sorting(
    allowed={
        "key": variable.c.key,
        "id": variable.c.id,
        "_val": variable.c.val,
        "description": variable.c.description,
        "is_encrypted": variable.c.is_encrypted,
        "team_name": variable.c.team_name,
    },
    primary_key="id",
)
"""``order_by`` of ``get_variables`` (Airflow's list, ``_val`` included)."""

NO_TEAMS = (
    "Multi-team mode is not configured in the Airflow environment. "
    "To assign a team to a variable, multi-mode must be enabled."
)


def not_found(key: str) -> HTTPError:
    return HTTPError(404, f"The Variable with key: `{key}` was not found")


def _shown_value(key: str, stored: str | None, is_encrypted: bool, secrets: SecretBox) -> str | None:
    value = stored
    if stored is not None and is_encrypted:
        try:
            value = secrets.decrypt(stored)
        except SecretError:
            return None
    if value is None:
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return str(redact(value, key))
    return json.dumps(redact(parsed))


def _response(row: Any, secrets: SecretBox) -> dict[str, Any]:
    return {
        "key": row.key,
        "value": _shown_value(row.key, row.val, row.is_encrypted, secrets),
        "description": row.description,
        "is_encrypted": bool(row.is_encrypted),
        "team_name": row.team_name,
    }


def stored_text(value: Any, *, as_json: bool = False) -> str:
    """The text stored for a request value: ``str()`` (``json.dumps(indent=2)`` with ``as_json``)."""
    if as_json:
        return json.dumps(value, indent=2)
    return value if isinstance(value, str) else str(value)


def _value_columns(text: str, secrets: SecretBox) -> dict[str, Any]:
    return {"val": secrets.encrypt(text), "is_encrypted": secrets.is_encrypting}


async def _row(conn: AsyncConnection, key: str) -> Any:
    return (await conn.execute(sa.select(variable).where(variable.c.key == key))).first()


async def list_variables(
    conn: AsyncConnection,
    secrets: SecretBox,
    *,
    key_pattern: str | None,
    key_prefix_pattern: str | None,
    order_by: Sequence[str] | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """One page of variables and the number matching the filters."""
    order = SORTING.clauses(order_by)
    conditions = where_all(search(variable.c.key, key_pattern), prefix(variable.c.key, key_prefix_pattern))
    total = await conn.scalar(sa.select(sa.func.count()).select_from(variable).where(*conditions))
    rows = await conn.execute(sa.select(variable).where(*conditions).order_by(*order).limit(limit).offset(offset))
    return {"variables": [_response(r, secrets) for r in rows], "total_entries": int(total or 0)}


async def get_variable(conn: AsyncConnection, secrets: SecretBox, key: str) -> dict[str, Any]:
    """One variable as answered by the API (404 if missing)."""
    row = await _row(conn, key)
    if row is None:
        raise not_found(key)
    return _response(row, secrets)


def _check_team(team_name: Any, multi_team: bool) -> None:
    if team_name and not multi_team:
        # Airflow fails with a 500 here; Airgate answers a validation error the spec allows (ADR 0004)
        raise HTTPError(
            422,
            [{"type": "value_error", "loc": ["body", "team_name"], "msg": f"Value error, {NO_TEAMS}",
              "input": team_name, "ctx": {"error": {}}}],
        )


async def create_variable(
    conn: AsyncConnection, secrets: SecretBox, fields: dict[str, Any], *, multi_team: bool
) -> dict[str, Any]:
    """Create a variable from a request body's fields (409 if the key exists)."""
    key = fields["key"]
    if await _row(conn, key) is not None:
        raise HTTPError(409, f"The Variable with key: `{key}` already exists")
    _check_team(fields.get("team_name"), multi_team)
    await conn.execute(
        sa.insert(variable).values(
            key=key,
            description=fields.get("description"),
            team_name=fields.get("team_name"),
            **_value_columns(stored_text(fields["value"]), secrets),
        )
    )
    return await get_variable(conn, secrets, key)


async def update_variable(
    conn: AsyncConnection,
    secrets: SecretBox,
    key: str,
    fields: dict[str, Any],
    update_mask: Sequence[str] | None,
    *,
    multi_team: bool,
) -> dict[str, Any]:
    """Patch variable ``key`` with the body's ``fields`` (Airflow's checks and messages)."""
    if fields.get("key") != key:
        raise HTTPError(400, "Invalid body, key from request body doesn't match uri parameter")
    if await _row(conn, key) is None:
        raise not_found(key)
    names = set(fields) - {"key"}
    if update_mask:
        if "key" in update_mask:
            raise HTTPError(
                400, "Update not allowed: the following fields are immutable and cannot be modified: {'key'}"
            )
        names &= set(update_mask)
    values: dict[str, Any] = {}
    if "description" in names:
        values["description"] = fields["description"]
    if "team_name" in names:
        _check_team(fields["team_name"], multi_team)
        values["team_name"] = fields["team_name"]
    if "value" in names and fields["value"] is not None:
        values.update(_value_columns(stored_text(fields["value"]), secrets))
    if values:
        await conn.execute(sa.update(variable).where(variable.c.key == key).values(**values))
    return await get_variable(conn, secrets, key)


async def delete_variable(conn: AsyncConnection, key: str) -> None:
    """Delete variable ``key`` (404 if missing)."""
    result = await conn.execute(sa.delete(variable).where(variable.c.key == key))
    if not result.rowcount:
        raise not_found(key)


async def _existing(conn: AsyncConnection, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    rows = await conn.execute(sa.select(variable.c.key).where(variable.c.key.in_(sorted(keys))))
    return {r.key for r in rows}


async def bulk_variables(
    conn: AsyncConnection, secrets: SecretBox, actions: Sequence[Any], *, multi_team: bool
) -> dict[str, Any]:
    """Run a bulk request's actions in ``conn``'s transaction; the per-kind results."""

    async def create(action: Any, result: bulk.ActionResult) -> None:
        keys = [e.key for e in action.entities]
        found, missing = bulk.split_existing(keys, await _existing(conn, set(keys)))
        if action.action_on_existence == bulk.OnExistence.FAIL and found:
            raise bulk.ActionFailed(409, f"The variables with these keys: {bulk.set_text(found)} already exist.")
        targets = missing if action.action_on_existence == bulk.OnExistence.SKIP else set(keys)
        for entity in action.entities:
            if entity.key not in targets:
                continue
            fields = bulk.given(entity)
            text = stored_text(entity.value, as_json=isinstance(entity.value, (dict, list)))
            columns = {"description": fields.get("description"), "team_name": None, **_value_columns(text, secrets)}
            if await _row(conn, entity.key) is None:
                await conn.execute(sa.insert(variable).values(key=entity.key, **columns))
            else:
                await conn.execute(sa.update(variable).where(variable.c.key == entity.key).values(**columns))
            result.success.append(entity.key)

    async def update(action: Any, result: bulk.ActionResult) -> None:
        keys = [e.key for e in action.entities]
        found, missing = bulk.split_existing(keys, await _existing(conn, set(keys)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"The variables with these keys: {bulk.set_text(missing)} were not found.")
        mask = action.update_mask or None
        for entity in action.entities:
            if entity.key not in found:
                continue
            try:
                await update_variable(conn, secrets, entity.key, bulk.given(entity), mask, multi_team=multi_team)
            except HTTPError as error:
                raise bulk.ActionFailed(error.status, str(error.detail)) from None
            result.success.append(entity.key)

    async def delete(action: Any, result: bulk.ActionResult) -> None:
        keys = bulk.unique(bulk.entity_key(e, "key") for e in action.entities)
        found, missing = bulk.split_existing(keys, await _existing(conn, set(keys)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"The variables with these keys: {bulk.set_text(missing)} were not found.")
        for key in keys:
            if key in found:
                await conn.execute(sa.delete(variable).where(variable.c.key == key))
                result.success.append(key)

    runners: dict[bulk.BulkAction, bulk.ActionRunner] = {
        bulk.BulkAction.CREATE: create,
        bulk.BulkAction.UPDATE: update,
        bulk.BulkAction.DELETE: delete,
    }
    return await bulk.run_actions(actions, runners)
