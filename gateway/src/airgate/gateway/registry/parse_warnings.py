"""DAG warnings found while parsing (``runtime varying value``, from the shim's DAG version inflation check)
kept in step with each parse, as Airflow 3.2.2's DAG processor does:

* the warnings of the parsed DAGs replace their stored warnings of the parse-time types (``non-existent
  pool`` and ``runtime varying value``): a warning found again keeps its row (and ``timestamp``) with the new
  message, one no longer found is deleted;
* a file that fails to import changes nothing (its DAGs become stale and lose their warnings below);
* warnings of stale DAGs are purged on every pass.

Airflow 3.2.2's DAG processor does not look at pools (its ``DagBag`` is given no known pools), so it never
makes a ``non-existent pool`` warning and clears any stored one when the DAG is parsed: so does Airgate.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.store.tables import dag, dag_warning

NONEXISTENT_POOL = "non-existent pool"
RUNTIME_VARYING_VALUE = "runtime varying value"
PARSE_TIME_TYPES = (NONEXISTENT_POOL, RUNTIME_VARYING_VALUE)


async def record_dag_warnings(conn: AsyncConnection, parsed: Iterable[tuple[list[str], list[dict[str, Any]]]],
                              now: datetime | None = None) -> None:
    """Store the warnings of files that parsed: ``(dag_ids of the file, its DAG warnings)`` items."""
    dag_ids: set[str] = set()
    found: dict[tuple[str, str], str] = {}
    for ids, warnings in parsed:
        dag_ids.update(ids)
        for warning in warnings:
            if warning.get("warning_type") in PARSE_TIME_TYPES and warning.get("dag_id") in ids:
                found[(str(warning["dag_id"]), str(warning["warning_type"]))] = str(warning.get("message") or "")
    if not dag_ids:
        return
    ids_list = sorted(dag_ids)
    stored = {(r.dag_id, r.warning_type) for r in await conn.execute(
        sa.select(dag_warning.c.dag_id, dag_warning.c.warning_type)
        .where(dag_warning.c.dag_id.in_(ids_list), dag_warning.c.warning_type.in_(PARSE_TIME_TYPES)))}
    for dag_id, warning_type in sorted(stored - set(found)):
        await conn.execute(sa.delete(dag_warning).where(dag_warning.c.dag_id == dag_id,
                                                        dag_warning.c.warning_type == warning_type))
    for (dag_id, warning_type), message in sorted(found.items()):
        if (dag_id, warning_type) in stored:
            await conn.execute(sa.update(dag_warning)
                               .where(dag_warning.c.dag_id == dag_id, dag_warning.c.warning_type == warning_type)
                               .values(message=message))
    new = [{"dag_id": d, "warning_type": t, "message": m, "timestamp": now or datetime.now(UTC)}
           for (d, t), m in sorted(found.items()) if (d, t) not in stored]
    if new:
        await conn.execute(sa.insert(dag_warning), new)


async def purge_stale(conn: AsyncConnection) -> None:
    """Delete the warnings of stale DAGs (Airflow's ``purge_inactive_dag_warnings``)."""
    stale = sa.select(dag.c.dag_id).where(dag.c.is_stale.is_(True)).scalar_subquery()
    await conn.execute(sa.delete(dag_warning).where(dag_warning.c.dag_id.in_(stale)))
