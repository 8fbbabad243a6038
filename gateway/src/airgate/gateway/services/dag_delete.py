"""``delete_dag``: every row Airflow keys by the DAG's id goes (runs and what hangs off them, task instances,
their tries, XComs, rendered fields, reschedules, human-in-the-loop details, backfills and their run links,
versions, serialized DAGs, code, tags, owners, favourites, warnings, asset references and queues, jobs), the
audit log stays, and so do the import errors of other files; the DAG's own file errors go. Refused (409) while
one of its task instances runs. A DAG whose file is still there comes back, as a new DAG, when the DAG processor
parses that file again: Airflow's processor re-parses every file every ``min_file_process_interval``; Airgate's
parses unchanged files only when asked, so the delete asks for that file (a priority parsing request)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.registry.requests import ensure_request
from airgate.gateway.store.tables import dag, import_error, task_instance
from airgate.gateway.store.tables._base import metadata

_KEPT = frozenset({"log"})
"""Tables with a ``dag_id`` that keep their rows (the audit log, as Airflow's ``keep_records_in_log``)."""


def _keyed_tables() -> list[sa.Table]:
    """Every table with a ``dag_id`` column, children before parents (so no foreign key is left dangling)."""
    return [t for t in reversed(metadata.sorted_tables) if "dag_id" in t.c and t.name not in _KEPT]


async def delete_dag(conn: AsyncConnection, dag_id: str) -> None:
    """Delete the DAG's metadata (404 unknown, 409 while a task instance of it runs, checked first)."""
    running = (await conn.execute(sa.select(task_instance.c.id).where(
        task_instance.c.dag_id == dag_id, task_instance.c.state == "running").limit(1))).first()
    if running is not None:
        raise HTTPError(409, f"Task instances of dag with id: '{dag_id}' are still running")
    row = (await conn.execute(sa.select(dag.c.bundle_name, dag.c.relative_fileloc)
                              .where(dag.c.dag_id == dag_id))).first()
    if row is None:
        raise HTTPError(404, f"Dag with id: {dag_id} was not found")
    for table in _keyed_tables():
        await conn.execute(sa.delete(table).where(table.c.dag_id == dag_id))
    await conn.execute(sa.delete(import_error).where(import_error.c.filename == row.relative_fileloc,
                                                     import_error.c.bundle_name == row.bundle_name))
    if row.bundle_name and row.relative_fileloc:
        await ensure_request(conn, row.bundle_name, row.relative_fileloc)
