"""``PATCH /connections``: bulk create / update / delete of connections (see :mod:`.bulk` for the rules).

Two deliberate differences from Airflow 3.2.2, both about consistency: later actions of one request see
what earlier ones did (Airflow does not flush between connection actions, so an update right after a
create reports the connection missing), and an update action's ``update_mask`` is honoured (Airflow
ignores it for connections and overwrites every sent field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services import bulk
from airgate.gateway.services.connections import (
    checked_extra,
    existing_ids,
    overwrite_connection,
    update_connection,
)
from airgate.gateway.store.crypto import SecretBox
from airgate.gateway.store.tables import connection

_WHAT = "The connections with these connection_ids"


def check_extras(actions: Sequence[Any]) -> None:
    """422 (as request validation) for an entity whose ``extra`` is not a JSON object."""
    for index, action in enumerate(actions):
        kind = bulk.action_kind(action)
        for position, entity in enumerate(action.entities):
            extra = getattr(entity, "extra", None)
            if isinstance(extra, str):
                checked_extra(extra, ["body", "actions", index, kind, "entities", position, "extra"])


def _fields(entity: Any) -> dict[str, Any]:
    fields = bulk.given(entity)
    if "extra" in fields:
        fields["extra"] = checked_extra(fields["extra"], ["body", "extra"])
    return fields


async def bulk_connections(conn: AsyncConnection, secrets: SecretBox, actions: Sequence[Any]) -> dict[str, Any]:
    """Run a bulk request's actions in ``conn``'s transaction; the per-kind results."""
    check_extras(actions)

    async def create(action: Any, result: bulk.ActionResult) -> None:
        ids = [e.connection_id for e in action.entities]
        found, missing = bulk.split_existing(ids, await existing_ids(conn, set(ids)))
        if action.action_on_existence == bulk.OnExistence.FAIL and found:
            raise bulk.ActionFailed(409, f"{_WHAT}: {bulk.set_text(found)} already exist.")
        targets = missing if action.action_on_existence == bulk.OnExistence.SKIP else set(ids)
        for entity in action.entities:
            if entity.connection_id in targets:
                await overwrite_connection(conn, secrets, _fields(entity))
                result.success.append(entity.connection_id)

    async def update(action: Any, result: bulk.ActionResult) -> None:
        ids = [e.connection_id for e in action.entities]
        found, missing = bulk.split_existing(ids, await existing_ids(conn, set(ids)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"{_WHAT}: {bulk.set_text(missing)} were not found.")
        for entity in action.entities:
            if entity.connection_id not in found:
                continue
            try:
                await update_connection(
                    conn, secrets, entity.connection_id, _fields(entity), action.update_mask or None
                )
            except HTTPError as error:
                raise bulk.ActionFailed(error.status, str(error.detail)) from None
            result.success.append(entity.connection_id)

    async def delete(action: Any, result: bulk.ActionResult) -> None:
        ids = bulk.unique(bulk.entity_key(e, "connection_id") for e in action.entities)
        found, missing = bulk.split_existing(ids, await existing_ids(conn, set(ids)))
        if action.action_on_non_existence == bulk.OnNonExistence.FAIL and missing:
            raise bulk.ActionFailed(404, f"{_WHAT}: {bulk.set_text(missing)} were not found.")
        for conn_id in ids:
            if conn_id in found:
                await conn.execute(sa.delete(connection).where(connection.c.conn_id == conn_id))
                result.success.append(conn_id)

    runners: dict[bulk.BulkAction, bulk.ActionRunner] = {
        bulk.BulkAction.CREATE: create,
        bulk.BulkAction.UPDATE: update,
        bulk.BulkAction.DELETE: delete,
    }
    return await bulk.run_actions(actions, runners)
