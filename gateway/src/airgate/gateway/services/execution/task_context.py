"""What a task reads or leaves about itself besides its state: rendered fields, reschedules, earlier runs."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from airgate.gateway.errors import HTTPError
from airgate.gateway.services.execution.task_instances import NOT_FOUND
from airgate.gateway.states import DagRunState
from airgate.gateway.store import upsert
from airgate.gateway.store.tables import dag_run, task_reschedule
from airgate.gateway.store.tables import rendered_task_instance_fields as rtif
from airgate.gateway.store.tables import task_instance as ti_t

if TYPE_CHECKING:
    from airgate.gateway.store.engine import Store


async def _ti(conn: AsyncConnection, ti_id: str) -> Any:
    return (await conn.execute(sa.select(ti_t).where(ti_t.c.id == ti_id))).first()


@functools.cache
def _rtif_upsert(dialect_name: str) -> Any:
    """``INSERT ... SELECT`` the task instance's key ``ON CONFLICT`` replace (built once per dialect)."""
    key = ("dag_id", "task_id", "run_id", "map_index")
    source = sa.select(
        *(ti_t.c[k] for k in key), sa.bindparam("fields", type_=rtif.c.rendered_fields.type), sa.null()
    ).where(ti_t.c.id == sa.bindparam("ti_id"))
    insert = upsert.insert(dialect_name, rtif).from_select([*key, "rendered_fields", "k8s_pod_yaml"], source)
    return insert.on_conflict_do_update(
        index_elements=[rtif.c[k] for k in key],
        set_={"rendered_fields": insert.excluded.rendered_fields, "k8s_pod_yaml": None},
    ).returning(rtif.c.dag_id)


async def put_rtif(store: Store, ti_id: str, fields: dict[str, Any]) -> dict[str, str]:
    """Store (replace) the rendered template fields of a task instance: one statement (``store.one()``)."""
    if await store.one(_rtif_upsert(store.dialect_name), {"ti_id": ti_id, "fields": fields}) is None:
        raise HTTPError(404, "Not Found")
    return {"message": "Rendered task instance fields successfully set"}


async def previous_successful_dagrun(conn: AsyncConnection, ti_id: str) -> dict[str, Any]:
    """Dates of the latest successful run before this task's run (all null when none)."""
    empty: dict[str, Any] = dict.fromkeys(
        ("data_interval_start", "data_interval_end", "start_date", "end_date")
    )
    ti = await _ti(conn, ti_id)
    if ti is None:
        return empty
    logical_date = await conn.scalar(
        sa.select(dag_run.c.logical_date).where(dag_run.c.dag_id == ti.dag_id, dag_run.c.run_id == ti.run_id)
    )
    if logical_date is None:
        return empty
    row = (
        await conn.execute(
            sa.select(dag_run)
            .where(
                dag_run.c.dag_id == ti.dag_id,
                dag_run.c.logical_date < logical_date,
                dag_run.c.state == DagRunState.SUCCESS,
            )
            .order_by(dag_run.c.logical_date.desc())
            .limit(1)
        )
    ).first()
    if row is None:
        return empty
    return {name: getattr(row, name) for name in empty}


async def inactive_assets(conn: AsyncConnection, ti_id: str) -> dict[str, Any]:
    """Inactive assets among the task's inlets and outlets (serialized-DAG lookup not wired yet: none)."""
    if await _ti(conn, ti_id) is None:
        raise HTTPError(404, NOT_FOUND)
    return {"inactive_assets": []}


async def first_reschedule_start(conn: AsyncConnection, ti_id: str) -> datetime | None:
    """The start date of the task instance's first reschedule, or None."""
    value: datetime | None = await conn.scalar(
        sa.select(task_reschedule.c.start_date)
        .where(task_reschedule.c.ti_id == ti_id)
        .order_by(task_reschedule.c.id.asc())
        .limit(1)
    )
    return value
